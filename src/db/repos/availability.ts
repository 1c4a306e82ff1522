import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../connection.js';
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
