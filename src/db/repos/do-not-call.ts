import type { Db } from '../connection.js';
import type { SyncTx } from '../sync.js';

export async function findDoNotCall(db: Db, phones: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < phones.length; i += 500) {
    const rows = await db
      .selectFrom('do_not_call')
      .select('phone')
      .where('phone', 'in', phones.slice(i, i + 500))
      .execute();
    for (const row of rows) found.add(row.phone);
  }
  return found;
}

/** Idempotent: a number already on the list keeps its first reason. */
export function addDoNotCall(tx: SyncTx, entry: { phone: string; reason: string; source: string; created_at: string }): void {
  tx.run(
    tx.db
      .insertInto('do_not_call')
      .values(entry)
      .onConflict((oc) => oc.column('phone').doNothing()),
  );
}
