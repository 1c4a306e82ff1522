import type { Selectable } from 'kysely';
import type { Db } from '../connection.js';
import type { DoNotCallTable } from '../schema.js';
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

export type DoNotCallRow = Selectable<DoNotCallTable>;

export async function listDoNotCall(db: Db): Promise<DoNotCallRow[]> {
  return db.selectFrom('do_not_call').selectAll().orderBy('created_at').orderBy('phone').execute();
}

export async function findDoNotCallEntry(db: Db, phone: string): Promise<DoNotCallRow | undefined> {
  return db.selectFrom('do_not_call').selectAll().where('phone', '=', phone).executeTakeFirst();
}

/** False when the number was already listed (its first reason stays). */
export async function insertDoNotCall(db: Db, entry: DoNotCallRow): Promise<boolean> {
  const result = await db
    .insertInto('do_not_call')
    .values(entry)
    .onConflict((oc) => oc.column('phone').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteDoNotCall(db: Db, phone: string): Promise<boolean> {
  const result = await db.deleteFrom('do_not_call').where('phone', '=', phone).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function countLeadsWithPhone(db: Db, phone: string): Promise<number> {
  const row = await db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('phone', '=', phone)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
