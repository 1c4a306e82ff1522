// The demo's own writes and checks on a database: whether it already holds someone's data, and
// giving back the calls a stopped demo left open. The demo's calls are simulated in the same
// process, so once it stops none of them can still be ringing: closing them is safe here and
// nowhere else (a real tick's open call is reconciled with the provider instead).
import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { REFUNDED_ATTEMPTS, stateBeforeClaim } from './dialing-claims.js';
import { NO_LEASE } from './dialing-leases.js';

/** Meetings, owners and leads already stored: a demo must not add fake leads among them. */
export async function countStoredRecords(db: Db): Promise<{ meetings: number; owners: number; leads: number }> {
  const count = async (table: 'meeting_requests' | 'owners' | 'leads') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const [meetings, owners, leads] = await Promise.all([count('meeting_requests'), count('owners'), count('leads')]);
  return { meetings, owners, leads };
}

/**
 * Every call of these meetings without a final status is closed as canceled/abandoned, and every
 * lead still in `calling` goes back to the state it was claimed from (or pending), its attempt
 * refunded: the call never finished. Returns the leads released.
 */
export async function abandonOpenCalls(db: Db, meetingIds: number[], now: string): Promise<number[]> {
  if (meetingIds.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('calls')
      .set({ status: 'canceled', outcome: sql<string>`coalesce(outcome, 'abandoned')`, ended_at: now, updated_at: now })
      .where('meeting_request_id', 'in', meetingIds)
      .where('status', 'not in', ['completed', 'busy', 'failed', 'no-answer', 'canceled'])
      .execute();
    const released = await trx
      .updateTable('leads')
      .set({
        state: stateBeforeClaim(trx),
        attempts: REFUNDED_ATTEMPTS,
        ...NO_LEASE,
        updated_at: now,
      })
      .where('meeting_request_id', 'in', meetingIds)
      .where('state', '=', 'calling')
      .returning('id')
      .execute();
    return released.map((r) => r.id);
  });
}
