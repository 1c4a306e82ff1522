// `callbook call` and POST /calls/test: checks, claims and dials one named lead, now.
import type { Context } from '../context.js';
import { findPolicyLeads } from '../db/repos/dialing.js';
import { claimLeads, releaseStaleClaims } from '../db/repos/dialing-claims.js';
import { evaluateLead } from '../domain/dialing-policy.js';
import { badInput, CallbookError, notFound } from '../errors.js';
import { defaultOpenDialer, dialingFilter, dialingRules, type OpenDialer, randomToken } from './dialing-setup.js';
import { requireMeeting } from './meetings.js';
import { accountError, type DialedCall, placeClaimedCall, releaseClaim } from './place-call.js';
import type { Dialer } from './telephony-factory.js';

export interface CallNowInput {
  meeting_request_id: number;
  lead_id: number;
  simulate: boolean;
}

/** `callbook call` / POST /calls/test: one lead, now. Same checks as tick except the retry delay. */
export async function placeOneCall(
  ctx: Context,
  input: CallNowInput,
  deps: { openDialer?: OpenDialer; wait?: boolean } = {},
): Promise<DialedCall> {
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  const [lead] = await findPolicyLeads(ctx.db, [input.lead_id]);
  if (!lead) throw notFound('lead', input.lead_id);
  if (lead.meeting_request_id !== meeting.id) {
    throw badInput([{ field: '--lead', message: `lead ${lead.id} belongs to meeting ${lead.meeting_request_id}, not ${meeting.id}` }]);
  }
  const now = ctx.now();
  const decision = evaluateLead(lead, { now, meeting, rules: dialingRules(ctx, { ignoreRetryDelay: true }) });
  if (!decision.eligible) {
    throw new CallbookError('conflict', `not calling lead ${lead.id} (${lead.name}): ${decision.reason}`, {
      hint: 'calling hours, the do-not-call list and opt-outs are never bypassed; see `callbook tick --dry-run`',
    });
  }
  const filter = dialingFilter(ctx, [meeting.id], now);
  await releaseStaleClaims(ctx.db, filter);
  const scope = { zones: [lead.timezone], limit: 1, leadId: lead.id, ignoreRetryDelay: true };
  const [claimed] = await claimLeads(ctx.db, filter, scope, randomToken());
  if (!claimed) throw new CallbookError('conflict', `lead ${lead.id} is being called by another tick right now`);
  let dialer: Dialer;
  try {
    dialer = await (deps.openDialer ?? defaultOpenDialer(ctx, input.simulate))(() => ({
      timezone: lead.timezone,
      window_start: meeting.window_start,
      window_end: meeting.window_end,
    }));
  } catch (error) {
    await releaseClaim(ctx, claimed, now);
    throw error;
  }
  const outcome = await placeClaimedCall(ctx, dialer, meeting, claimed, decision);
  if (deps.wait ?? true) await dialer.finish();
  if (outcome.kind === 'dialed') return outcome;
  if (outcome.stop === 'account') throw accountError(outcome);
  throw new CallbookError('remote', `call to lead ${lead.id} not placed: ${outcome.reason}`, {
    hint: outcome.permanent ? 'the lead is marked failed and will not be called again' : 'nothing was charged; try again in a minute',
  });
}
