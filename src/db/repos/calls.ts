import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../connection.js';
import type { CallTable, LeadTable } from '../schema.js';

export type CallRow = Selectable<CallTable>;

export async function insertCall(db: Db, row: Insertable<CallTable>): Promise<CallRow> {
  return db.insertInto('calls').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCall(db: Db, id: number): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCallBySid(db: Db, sid: string): Promise<CallRow | undefined> {
  return db.selectFrom('calls').selectAll().where('call_sid', '=', sid).executeTakeFirst();
}

export async function updateCall(db: Db, id: number, patch: Updateable<CallTable>): Promise<void> {
  await db.updateTable('calls').set(patch).where('id', '=', id).execute();
}

export async function listCallsOfMeeting(db: Db, meetingId: number): Promise<CallRow[]> {
  return db.selectFrom('calls').selectAll().where('meeting_request_id', '=', meetingId).orderBy('id').execute();
}

export async function updateLead(db: Db, id: number, patch: Updateable<LeadTable>): Promise<void> {
  await db.updateTable('leads').set(patch).where('id', '=', id).execute();
}

/** What each lead said, turn by turn, for the demo's summary and reports. */
export async function listTurnsOfMeeting(
  db: Db,
  meetingId: number,
): Promise<{ lead_id: number; call_id: number; turn: number; input: string; intent: string }[]> {
  return db
    .selectFrom('call_turns')
    .innerJoin('calls', 'calls.id', 'call_turns.call_id')
    .select(['calls.lead_id', 'call_turns.call_id', 'call_turns.turn', 'call_turns.input', 'call_turns.intent'])
    .where('calls.meeting_request_id', '=', meetingId)
    .orderBy('call_turns.call_id')
    .orderBy('call_turns.turn')
    .execute();
}
