import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../connection.js';
import { forEachRow } from '../row-iterator.js';
import type { ParticipantAvailabilityTable } from '../schema.js';

export type AvailabilityRow = Selectable<ParticipantAvailabilityTable>;

export async function insertAvailability(db: Db, rows: Insertable<ParticipantAvailabilityTable>[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('participant_availability')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function listAvailabilityOfMeeting(db: Db, meetingId: number): Promise<AvailabilityRow[]> {
  return db
    .selectFrom('participant_availability')
    .selectAll()
    .where('meeting_request_id', '=', meetingId)
    .orderBy('lead_id')
    .orderBy('start_utc')
    .execute();
}

/** Each offered interval of the meeting in the order it was stored (response order), as epoch ms. */
export async function forEachIntervalOfMeeting(
  db: Db,
  meetingId: number,
  each: (leadId: number, start: number, end: number) => void,
): Promise<void> {
  const query = db
    .selectFrom('participant_availability')
    .select(['lead_id', 'start_utc', 'end_utc'])
    .where('meeting_request_id', '=', meetingId)
    .orderBy('id');
  await forEachRow(db, query, (row) => each(row[0] as number, Date.parse(row[1] as string), Date.parse(row[2] as string)));
}

export interface LeadSlotRow {
  lead_id: number;
  name: string;
  timezone: string;
  state: string;
  start_utc: string;
  end_utc: string;
  source: string;
  raw_text: string | null;
}

/**
 * Every slot of the meeting's leads with its lead, by lead id then start: one lead's slots come
 * together, so a caller can hand each lead on as soon as the next begins. `each` receives one
 * reused object (copy what it keeps); a promise it returns holds the next row back.
 */
export async function forEachLeadSlotOfMeeting(db: Db, meetingId: number, each: (row: LeadSlotRow) => void | Promise<void>): Promise<void> {
  const query = db
    .selectFrom('participant_availability as a')
    .innerJoin('leads as l', 'l.id', 'a.lead_id')
    .select(['a.lead_id', 'l.name', 'l.timezone', 'l.state', 'a.start_utc', 'a.end_utc', 'a.source', 'a.raw_text'])
    .where('a.meeting_request_id', '=', meetingId)
    .where('l.meeting_request_id', '=', meetingId)
    .orderBy('a.lead_id')
    .orderBy('a.start_utc')
    .orderBy('a.id');
  const row = {} as LeadSlotRow;
  await forEachRow(db, query, (r) => {
    row.lead_id = r[0] as number;
    row.name = r[1] as string;
    row.timezone = r[2] as string;
    row.state = r[3] as string;
    row.start_utc = r[4] as string;
    row.end_utc = r[5] as string;
    row.source = r[6] as string;
    row.raw_text = r[7] as string | null;
    return each(row);
  });
}
