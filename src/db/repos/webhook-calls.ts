// The call a Twilio webhook is about. Twilio names it by CallSid; until the first callback has
// stored that sid, our own id travels in the webhook URL (?callId=), and a call that already has
// another sid is refused rather than crossing wires.
import type { Compilable } from 'kysely';
import type { Db } from '../connection.js';
import { prepared } from '../prepared.js';
import type { BoundQuery, SyncTx } from '../sync.js';
import { type CallRow, callById, callBySid } from './calls.js';

export type CallKey = { sid: string } | { id: number };

function lookup<R extends { call_sid: string | null }>(
  tx: SyncTx,
  sid: string,
  callId: number | null,
  query: (key: CallKey) => Compilable<R> | BoundQuery<R>,
): R | undefined {
  // Our webhook URLs carry the call's id: the primary key is the cheap look-up, and a row whose
  // stored sid is the one posted is the very row a look-up by sid would find (sids are unique).
  const byId = callId === null ? undefined : tx.first(query({ id: callId }));
  if (byId && sid !== '' && byId.call_sid === sid) return byId;
  const bySid = sid ? tx.first(query({ sid })) : undefined;
  if (bySid) return bySid;
  return byId && (byId.call_sid === null || byId.call_sid === sid) ? byId : undefined;
}

/** The whole call row, for the answer and status webhooks. */
export function findWebhookCall(tx: SyncTx, sid: string, callId: number | null): CallRow | undefined {
  return lookup(tx, sid, callId, (key) => ('sid' in key ? callBySid(tx.db, key.sid) : callById(tx.db, key.id)));
}

function gatherCallQuery(db: Db) {
  return db
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
      'calls.status',
      'leads.phone as lead_phone',
      'leads.email as lead_email',
      'leads.timezone as lead_timezone',
      'meeting_requests.window_start',
      'meeting_requests.window_end',
      'meeting_requests.duration_minutes',
      'meeting_requests.timezone as meeting_timezone',
    ]);
}

const gatherCallBySid = prepared<{ sid: string }, GatherCall>((db, p) => gatherCallQuery(db).where('calls.call_sid', '=', p('sid')));
const gatherCallById = prepared<{ id: number }, GatherCall>((db, p) => gatherCallQuery(db).where('calls.id', '=', p('id')));

/** What a gather turn needs of the call, its lead and its meeting, in one read. */
export type GatherCall = Awaited<ReturnType<ReturnType<typeof gatherCallQuery>['executeTakeFirstOrThrow']>>;

export function findGatherCall(tx: SyncTx, sid: string, callId: number | null): GatherCall | undefined {
  return lookup(tx, sid, callId, (key) =>
    'sid' in key ? gatherCallBySid.bind(tx.db, { sid: key.sid }) : gatherCallById.bind(tx.db, { id: key.id }),
  );
}

/** What deriveLeadOutcome needs: the lead as it is, and the facts recorded for one of its calls. */
export interface LeadOutcomeFacts {
  lead_id: number;
  state: string;
  attempts: number;
  outcome_detail: string | null;
  next_attempt_at: string | null;
  claim_token: string | null;
  claimed_at: string | null;
  status: string;
  answered_by: string | null;
  outcome: string | null;
  ended_at: string | null;
  error_message: string | null;
  turns: number;
  slots: number;
  /** 1 when no newer call of the lead exists (SQLite has no booleans). */
  latest: number;
}

// One read per webhook, on the primary key and the (call_id) / (lead_id) indexes.
const outcomeFacts = prepared<{ id: number }, LeadOutcomeFacts>((db, p) =>
  db
    .selectFrom('calls')
    .innerJoin('leads', 'leads.id', 'calls.lead_id')
    .select([
      'leads.id as lead_id',
      'leads.state',
      'leads.attempts',
      'leads.outcome_detail',
      'leads.next_attempt_at',
      'leads.claim_token',
      'leads.claimed_at',
      'calls.status',
      'calls.answered_by',
      'calls.outcome',
      'calls.ended_at',
      'calls.error_message',
    ])
    .select((eb) => [
      eb
        .selectFrom('call_turns')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('call_turns.call_id', '=', 'calls.id')
        .as('turns'),
      eb
        .selectFrom('participant_availability')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('participant_availability.call_id', '=', 'calls.id')
        .as('slots'),
      eb
        .not(
          eb.exists(
            eb
              .selectFrom('calls as newer')
              .select('newer.id')
              .whereRef('newer.lead_id', '=', 'calls.lead_id')
              .whereRef('newer.id', '>', 'calls.id'),
          ),
        )
        .as('latest'),
    ])
    .where('calls.id', '=', p('id')),
);

export function findLeadOutcomeFacts(tx: SyncTx, callId: number): LeadOutcomeFacts | undefined {
  return tx.first(outcomeFacts.bind(tx.db, { id: callId }));
}

export interface LeadOutcomeWrite {
  id: number;
  state: string;
  outcome_detail: string | null;
  next_attempt_at: string | null;
  claim_token: string | null;
  claimed_at: string | null;
  updated_at: string;
}

const writeOutcome = prepared<LeadOutcomeWrite>((db, p) =>
  db
    .updateTable('leads')
    .set({
      state: p('state'),
      outcome_detail: p('outcome_detail'),
      next_attempt_at: p('next_attempt_at'),
      claim_token: p('claim_token'),
      claimed_at: p('claimed_at'),
      updated_at: p('updated_at'),
    })
    .where('id', '=', p('id')),
);

export function writeLeadOutcome(tx: SyncTx, row: LeadOutcomeWrite): void {
  tx.run(writeOutcome.bind(tx.db, row));
}
