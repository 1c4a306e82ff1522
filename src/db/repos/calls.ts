import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../connection.js';
import type { CallTable, LeadTable } from '../schema.js';

export type CallRow = Selectable<CallTable>;

export async function insertCall(db: Db, row: Insertable<CallTable>): Promise<CallRow> {
  return db.insertInto('calls').values(row).returningAll().executeTakeFirstOrThrow();
}

export function callById(db: Db, id: number) {
  return db.selectFrom('calls').selectAll().where('id', '=', id);
}

export function callBySid(db: Db, sid: string) {
  return db.selectFrom('calls').selectAll().where('call_sid', '=', sid);
}

export async function findCall(db: Db, id: number): Promise<CallRow | undefined> {
  return callById(db, id).executeTakeFirst();
}

export function callUpdate(db: Db, id: number, patch: Updateable<CallTable>) {
  return db.updateTable('calls').set(patch).where('id', '=', id);
}

export async function updateCall(db: Db, id: number, patch: Updateable<CallTable>): Promise<void> {
  await callUpdate(db, id, patch).execute();
}

export async function listCallsOfMeeting(db: Db, meetingId: number): Promise<CallRow[]> {
  return db.selectFrom('calls').selectAll().where('meeting_request_id', '=', meetingId).orderBy('id').execute();
}

export function leadUpdate(db: Db, id: number, patch: Updateable<LeadTable>) {
  return db.updateTable('leads').set(patch).where('id', '=', id);
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
