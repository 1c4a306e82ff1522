// A meeting's status as its bookings change: reopened (back to open, slot cleared) or
// cancelled (never dialed again: tick dials open meetings only).
import type { Db } from '../connection.js';

/** open|confirmed → open, slot cleared; returns the rows changed (0 when already cancelled). */
export async function markMeetingOpen(db: Db, id: number, now: string): Promise<number> {
  const result = await db
    .updateTable('meeting_requests')
    .set({ status: 'open', confirmed_start: null, confirmed_end: null, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['open', 'confirmed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Any status but cancelled → cancelled; returns the rows changed. */
export async function markMeetingCancelled(db: Db, id: number, now: string): Promise<number> {
  const result = await db
    .updateTable('meeting_requests')
    .set({ status: 'cancelled', updated_at: now })
    .where('id', '=', id)
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
