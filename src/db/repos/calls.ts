import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../connection.js';
import { prepared } from '../prepared.js';
import type { CallTable, LeadTable } from '../schema.js';
import type { SyncTx } from '../sync.js';

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

export interface CallTurnAdvance {
  id: number;
  turn: number;
  phase: string;
  empty_turns: number;
  outcome: string | null;
  updated_at: string;
}

const advanceCall = prepared<CallTurnAdvance>((db, p) =>
  db
    .updateTable('calls')
    .set({ turn: p('turn'), phase: p('phase'), empty_turns: p('empty_turns'), outcome: p('outcome'), updated_at: p('updated_at') })
    .where('id', '=', p('id')),
);

/** After a gather turn: the next turn and phase, the run of unusable answers, and the outcome if the call ends. */
export function recordCallTurn(tx: SyncTx, args: CallTurnAdvance): void {
  tx.run(advanceCall.bind(tx.db, args));
}

export interface LeadStateChange {
  id: number;
  state: string;
  updated_at: string;
}

const leadState = prepared<LeadStateChange>((db, p) =>
  db
    .updateTable('leads')
    .set({ state: p('state'), updated_at: p('updated_at') })
    .where('id', '=', p('id')),
);

export function setLeadState(tx: SyncTx, args: LeadStateChange): void {
  tx.run(leadState.bind(tx.db, args));
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

export interface UnstartedCall {
  callId: number;
  leadId: number;
  reason: string;
  maxAttempts: number;
  /** When the lead may be tried again (the retry delay). */
  retryAt: string;
  now: string;
}

/**
 * A call the provider accepted but that never reached our webhooks: a failed attempt. Only while
 * no webhook moved the call on; returns how the lead was left, or null when nothing changed.
 */
export async function failUnstartedCall(db: Db, u: UnstartedCall): Promise<'retry' | 'exhausted' | null> {
  return db.transaction().execute(async (trx) => {
    const failed = await trx
      .updateTable('calls')
      .set({ status: 'failed', error_message: u.reason, ended_at: u.now, updated_at: u.now })
      .where('id', '=', u.callId)
      .where('status', 'in', ['queued', 'dialing'])
      .executeTakeFirst();
    if (Number(failed.numUpdatedRows) === 0) return null;
    const lead = await trx
      .selectFrom('leads')
      .select('attempts')
      .where('id', '=', u.leadId)
      .where('state', '=', 'calling')
      .executeTakeFirst();
    if (!lead) return null;
    const exhausted = lead.attempts >= u.maxAttempts;
    await trx
      .updateTable('leads')
      .set({
        state: exhausted ? 'exhausted' : 'no_answer',
        outcome_detail: u.reason,
        next_attempt_at: exhausted ? null : u.retryAt,
        claim_token: null,
        claimed_at: null,
        dialing_call_id: null,
        updated_at: u.now,
      })
      .where('id', '=', u.leadId)
      .execute();
    return exhausted ? 'exhausted' : 'retry';
  });
}
