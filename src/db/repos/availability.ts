import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../connection.js';
import type { ParticipantAvailabilityTable } from '../schema.js';
import { insertBooking, listBookingsOfMeeting as listLiveBookings } from './bookings.js';

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

/** One attendee of a live booking, as confirm.ts read them before bookings became records. */
export interface LegacyBookingRow {
  meeting_request_id: number;
  lead_id: number;
  start_utc: string;
  end_utc: string;
  created_at: string;
}

/** Legacy shape for confirm.ts until it calls bookings.insertBooking: the rows become one booking. */
export async function insertBookings(db: Db, rows: LegacyBookingRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const meeting = await db
    .selectFrom('meeting_requests')
    .select('owner_id')
    .where('id', '=', first.meeting_request_id)
    .executeTakeFirstOrThrow();
  await insertBooking(db, {
    meeting_request_id: first.meeting_request_id,
    owner_id: meeting.owner_id,
    start_utc: first.start_utc,
    end_utc: first.end_utc,
    lead_ids: rows.map((r) => r.lead_id),
    now: first.created_at,
  });
}

/** Legacy shape: one row per attendee of the meeting's live bookings. */
export async function listBookingsOfMeeting(db: Db, meetingId: number): Promise<LegacyBookingRow[]> {
  const bookings = await listLiveBookings(db, meetingId, { live: true });
  return bookings
    .flatMap((b) =>
      b.lead_ids.map((lead_id) => ({
        meeting_request_id: b.meeting_request_id,
        lead_id,
        start_utc: b.start_utc,
        end_utc: b.end_utc,
        created_at: b.created_at,
      })),
    )
    .sort((a, b) => a.lead_id - b.lead_id);
}
