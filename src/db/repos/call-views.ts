// What `calls list` and `calls show` read: calls with their lead's name and the counts of what
// each collected, one call's turns and the slots stored from it. Reads only.
import type { Selectable } from 'kysely';
import type { Db } from '../connection.js';
import type { CallTable, CallTurnTable } from '../schema.js';

export interface CallFilterRow {
  meetingId: number | null;
  leadId: number | null;
  outcome: string | null;
  status: string | null;
  /** UTC ISO: calls created at or after. */
  since: string | null;
  /** One call (calls show). */
  callId?: number;
}

export type CallWithLead = Selectable<CallTable> & { lead_name: string; lead_timezone: string; turns: number; slots: number };

function filtered(db: Db, f: CallFilterRow) {
  let query = db.selectFrom('calls').innerJoin('leads', 'leads.id', 'calls.lead_id');
  if (f.callId !== undefined) query = query.where('calls.id', '=', f.callId);
  if (f.meetingId !== null) query = query.where('calls.meeting_request_id', '=', f.meetingId);
  if (f.leadId !== null) query = query.where('calls.lead_id', '=', f.leadId);
  if (f.outcome !== null) query = query.where('calls.outcome', '=', f.outcome);
  if (f.status !== null) query = query.where('calls.status', '=', f.status);
  if (f.since !== null) query = query.where('calls.created_at', '>=', f.since);
  return query;
}

export async function countCalls(db: Db, f: CallFilterRow): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Newest first: the call someone is looking for is usually the last one. */
export async function listCallsWithLead(db: Db, f: CallFilterRow, page: { limit: number | null; offset: number }): Promise<CallWithLead[]> {
  let query = filtered(db, f)
    .selectAll('calls')
    .select(['leads.name as lead_name', 'leads.timezone as lead_timezone'])
    .select((eb) => [
      eb.selectFrom('call_turns').whereRef('call_turns.call_id', '=', 'calls.id').select(eb.fn.countAll<number>().as('n')).as('turns'),
      eb
        .selectFrom('participant_availability')
        .whereRef('participant_availability.call_id', '=', 'calls.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('slots'),
    ])
    .orderBy('calls.id', 'desc');
  if (page.limit !== null) query = query.limit(page.limit).offset(page.offset);
  // SQLite takes OFFSET only after a LIMIT, and PostgreSQL refuses LIMIT -1: a limit no table reaches serves both.
  else if (page.offset > 0) query = query.limit(Number.MAX_SAFE_INTEGER).offset(page.offset);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, turns: Number(r.turns ?? 0), slots: Number(r.slots ?? 0) }));
}

export async function listTurnsOfCall(db: Db, callId: number): Promise<Selectable<CallTurnTable>[]> {
  return db.selectFrom('call_turns').selectAll().where('call_id', '=', callId).orderBy('turn').execute();
}

export async function listSlotsOfCall(
  db: Db,
  callId: number,
): Promise<{ turn: number | null; start_utc: string; end_utc: string; raw_text: string | null; created_at: string }[]> {
  return db
    .selectFrom('participant_availability')
    .select(['turn', 'start_utc', 'end_utc', 'raw_text', 'created_at'])
    .where('call_id', '=', callId)
    .orderBy('start_utc')
    .execute();
}
