// Operators fixing one lead: what happened to it (`lead show`), back to pending (`lead reset`),
// out of the dialing for good but kept in the history (`lead remove`).
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { findLead, inWriteTransaction, type LeadRow } from '../db/repos/campaigns.js';
import { UNCONFIRMED_CALL_STATUSES } from '../db/repos/dialing-calls.js';
import { findDoNotCallEntry } from '../db/repos/do-not-call.js';
import { findOpenCallOfLead, listCallSlotsOfLead, listCallsOfLead, listTurnsOfLead, updateLead } from '../db/repos/leads.js';
import { TERMINAL_CALL_STATUSES } from '../domain/call-status.js';
import type { Slot } from '../domain/types.js';
import { CallbookError, notFound } from '../errors.js';
import { inZone, type LeadView, toLeadView } from './views.js';

/** Never dialed again and never picked up by a tick: not one of RETRYABLE_LEAD_STATES. */
export const REMOVED_STATE = 'removed';

// A call without a final status is in progress only while it could still be: no call rings and
// talks for an hour. An older one lost its status callback, and must not pin the lead for good,
// unless it never got an id from the provider: then only a tick's reconciliation may settle it.
const CALL_IN_PROGRESS_MINUTES = 60;

export interface TurnDetail {
  turn: number;
  /** What the lead said (or "digits:1"). */
  input: string;
  /** What it was understood as: availability, opt_out, unclear… */
  intent: string;
  parser_source: string;
  /** The slots stored from this turn, in the lead's zone. */
  understood: Slot[];
  created_at: string;
}

export interface CallDetail {
  id: number;
  call_sid: string | null;
  status: string;
  outcome: string | null;
  answered_by: string | null;
  error_message: string | null;
  local_time_at_dial: string | null;
  duration_seconds: number | null;
  created_at: string;
  ended_at: string | null;
  turns: TurnDetail[];
}

export interface LeadDetail extends LeadView {
  consent: { source: string; at: string } | null;
  do_not_call: { reason: string; source: string; created_at: string } | null;
  calls: CallDetail[];
}

async function requireLead(ctx: Context, id: number, db = ctx.db): Promise<LeadRow> {
  const lead = await findLead(db, id);
  if (!lead) throw notFound('lead', id);
  return lead;
}

export async function showLead(ctx: Context, id: number): Promise<LeadDetail> {
  const lead = await requireLead(ctx, id);
  const [calls, turns, slots, dnc] = await Promise.all([
    listCallsOfLead(ctx.db, id),
    listTurnsOfLead(ctx.db, id),
    listCallSlotsOfLead(ctx.db, id),
    findDoNotCallEntry(ctx.db, lead.phone),
  ]);
  const understood = (callId: number, turn: number) =>
    slots
      .filter((s) => s.call_id === callId && s.turn === turn)
      .map((s) => ({ start: inZone(s.start_utc, lead.timezone), end: inZone(s.end_utc, lead.timezone) }));
  return {
    ...toLeadView(lead),
    consent: lead.consent_source && lead.consent_at ? { source: lead.consent_source, at: lead.consent_at } : null,
    do_not_call: dnc ? { reason: dnc.reason, source: dnc.source, created_at: dnc.created_at } : null,
    calls: calls.map((call) => ({
      id: call.id,
      call_sid: call.call_sid,
      status: call.status,
      outcome: call.outcome,
      answered_by: call.answered_by,
      error_message: call.error_message,
      local_time_at_dial: call.local_time_at_dial,
      duration_seconds: call.duration_seconds,
      created_at: call.created_at,
      ended_at: call.ended_at,
      turns: turns
        .filter((t) => t.call_id === call.id)
        .map((t) => ({
          turn: t.turn,
          input: t.input,
          intent: t.intent,
          parser_source: t.parser_source,
          understood: understood(call.id, t.turn),
          created_at: t.created_at,
        })),
    })),
  };
}

export interface LeadChange {
  lead: LeadView;
  previous_state: string;
  previous_attempts: number;
}

/** Refuses while a tick holds the lead's claim or one of its calls may still be live. */
async function refuseWhileInProgress(ctx: Context, db: Context['db'], lead: LeadRow, verb: string): Promise<void> {
  if (lead.claim_token !== null || lead.dialing_call_id !== null) {
    throw new CallbookError('conflict', `lead ${lead.id} is being dialed by a tick right now; ${verb} it once that call has ended`, {
      hint: `see it with \`callbook lead show ${lead.id}\``,
    });
  }
  const since = isoUtc(ctx.now().minus({ minutes: CALL_IN_PROGRESS_MINUTES }));
  const open = await findOpenCallOfLead(db, lead.id, { final: TERMINAL_CALL_STATUSES, unconfirmed: UNCONFIRMED_CALL_STATUSES }, since);
  if (open) {
    throw new CallbookError(
      'conflict',
      `lead ${lead.id} has a call in progress (call ${open.id}, ${open.status}); ${verb} it once the call has ended`,
      {
        hint: `see it with \`callbook lead show ${lead.id}\``,
      },
    );
  }
}

/** Back to pending (and, with `attempts`, a fresh retry budget); a number on the do-not-call list stays out. */
export async function resetLead(ctx: Context, input: { id: number; attempts: boolean }): Promise<LeadChange> {
  return inWriteTransaction(ctx.db, async (trx) => {
    const lead = await requireLead(ctx, input.id, trx);
    await refuseWhileInProgress(ctx, trx, lead, 'reset');
    const dnc = await findDoNotCallEntry(trx, lead.phone);
    if (dnc) {
      throw new CallbookError(
        'conflict',
        `lead ${lead.id}: ${lead.phone} is on the do-not-call list (${dnc.reason}), so it stays undialed`,
        {
          hint: `take it off first with \`callbook dnc remove ${lead.phone}\`, if that person asked to be called again`,
        },
      );
    }
    await updateLead(trx, lead.id, {
      state: 'pending',
      next_attempt_at: null,
      outcome_detail: null,
      ...(input.attempts ? { attempts: 0 } : {}),
      updated_at: isoUtc(ctx.now()),
    });
    return { lead: toLeadView(await requireLead(ctx, lead.id, trx)), previous_state: lead.state, previous_attempts: lead.attempts };
  });
}

/** State 'removed': kept with its calls and turns, never dialed again (`lead reset` brings it back). */
export async function removeLead(ctx: Context, id: number): Promise<LeadChange> {
  return inWriteTransaction(ctx.db, async (trx) => {
    const lead = await requireLead(ctx, id, trx);
    if (lead.state !== REMOVED_STATE) {
      await refuseWhileInProgress(ctx, trx, lead, 'remove');
      await updateLead(trx, lead.id, {
        state: REMOVED_STATE,
        next_attempt_at: null,
        outcome_detail: 'removed by an operator',
        updated_at: isoUtc(ctx.now()),
      });
    }
    return { lead: toLeadView(await requireLead(ctx, lead.id, trx)), previous_state: lead.state, previous_attempts: lead.attempts };
  });
}
