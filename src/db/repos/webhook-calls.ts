// The call a Twilio webhook is about. Twilio names it by CallSid; until the first callback has
// stored that sid, our own id travels in the webhook URL (?callId=), and a call that already has
// another sid is refused rather than crossing wires.
import type { Compilable } from 'kysely';
import type { Db } from '../connection.js';
import type { SyncTx } from '../sync.js';
import { type CallRow, callById, callBySid } from './calls.js';

export type CallKey = { sid: string } | { id: number };

function lookup<R extends { call_sid: string | null }>(
  tx: SyncTx,
  sid: string,
  callId: number | null,
  query: (key: CallKey) => Compilable<R>,
): R | undefined {
  const bySid = sid ? tx.first(query({ sid })) : undefined;
  if (bySid) return bySid;
  if (callId === null) return undefined;
  const call = tx.first(query({ id: callId }));
  return call && (call.call_sid === null || call.call_sid === sid) ? call : undefined;
}

/** The whole call row, for the answer and status webhooks. */
export function findWebhookCall(tx: SyncTx, sid: string, callId: number | null): CallRow | undefined {
  return lookup(tx, sid, callId, (key) => ('sid' in key ? callBySid(tx.db, key.sid) : callById(tx.db, key.id)));
}

function gatherCallQuery(db: Db, key: CallKey) {
  const query = db
    .selectFrom('calls')
    .innerJoin('leads', 'leads.id', 'calls.lead_id')
    .innerJoin('meeting_requests', 'meeting_requests.id', 'calls.meeting_request_id')
    .select([
      'calls.id',
      'calls.lead_id',
      'calls.meeting_request_id',
      'calls.call_sid',
      'calls.turn',
      'calls.phase',
      'calls.empty_turns',
      'calls.outcome',
      'leads.phone as lead_phone',
      'leads.timezone as lead_timezone',
      'meeting_requests.window_start',
      'meeting_requests.window_end',
      'meeting_requests.duration_minutes',
    ]);
  return 'sid' in key ? query.where('calls.call_sid', '=', key.sid) : query.where('calls.id', '=', key.id);
}

/** What a gather turn needs of the call, its lead and its meeting, in one read. */
export type GatherCall = NonNullable<ReturnType<typeof findGatherCall>>;

export function findGatherCall(tx: SyncTx, sid: string, callId: number | null) {
  return lookup(tx, sid, callId, (key) => gatherCallQuery(tx.db, key));
}
