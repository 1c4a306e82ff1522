import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../connection.js';
import type { MeetingRequestTable } from '../schema.js';

export type MeetingRow = Selectable<MeetingRequestTable>;

export async function insertMeeting(db: Db, row: Insertable<MeetingRequestTable>): Promise<MeetingRow> {
  return db.insertInto('meeting_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMeeting(db: Db, id: number): Promise<MeetingRow | undefined> {
  return db.selectFrom('meeting_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMeetings(db: Db): Promise<MeetingRow[]> {
  return db.selectFrom('meeting_requests').selectAll().orderBy('id').execute();
}

export async function markMeetingConfirmed(db: Db, id: number, slot: { start: string; end: string }, now: string): Promise<number> {
  const result = await db
    .updateTable('meeting_requests')
    .set({ status: 'confirmed', confirmed_start: slot.start, confirmed_end: slot.end, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface MeetingProgress {
  meeting_request_id: number;
  leads: number;
  called: number;
  responded: number;
  slots: number;
}

/** Lead, call and slot counts per meeting, in three grouped queries rather than one per meeting. */
export async function countMeetingProgress(db: Db, ids: number[]): Promise<Map<number, MeetingProgress>> {
  const progress = new Map<number, MeetingProgress>(
    ids.map((id) => [id, { meeting_request_id: id, leads: 0, called: 0, responded: 0, slots: 0 }]),
  );
  if (ids.length === 0) return progress;
  const leads = await db
    .selectFrom('leads')
    .select((eb) => [
      'meeting_request_id',
      eb.fn.countAll<number>().as('leads'),
      eb.fn.sum<number>(eb.case().when('attempts', '>', 0).then(1).else(0).end()).as('called'),
      eb.fn.sum<number>(eb.case().when('state', '=', 'responded').then(1).else(0).end()).as('responded'),
    ])
    .where('meeting_request_id', 'in', ids)
    .groupBy('meeting_request_id')
    .execute();
  for (const row of leads) {
    const p = progress.get(row.meeting_request_id);
    if (p) Object.assign(p, { leads: Number(row.leads), called: Number(row.called ?? 0), responded: Number(row.responded ?? 0) });
  }
  const slots = await db
    .selectFrom('participant_availability')
    .select((eb) => ['meeting_request_id', eb.fn.countAll<number>().as('slots')])
    .where('meeting_request_id', 'in', ids)
    .groupBy('meeting_request_id')
    .execute();
  for (const row of slots) {
    const p = progress.get(row.meeting_request_id);
    if (p) p.slots = Number(row.slots);
  }
  return progress;
}
