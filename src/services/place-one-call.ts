// `callbook call` and POST /calls/test: checks, claims and dials one named lead, now.
import type { Context } from '../context.js';
import { findPolicyLeads } from '../db/repos/dialing.js';
import { claimLeads, releaseStaleClaims } from '../db/repos/dialing-claims.js';
import { observeLeases } from '../db/repos/dialing-leases.js';
import { evaluateLead } from '../domain/dialing-policy.js';
import { badInput, CallbookError, notFound } from '../errors.js';
import { defaultOpenDialer, dialingSetup, type LeaseClock, type OpenDialer, randomToken } from './dialing-setup.js';
import { requireMeeting } from './meetings.js';
import { accountError, type DialedCall, placeClaimedCall, releaseClaim } from './place-call.js';
import { type Dialer, ensureServeReachable, type SimulatedLeadInfo, simulatorBaseUrl } from './telephony-factory.js';
import { failUnstarted } from './tick-dial.js';

export interface CallNowInput {
  meeting_request_id: number;
  lead_id: number;
  simulate: boolean;
  /** Where `serve` is (--port / --base-url). */
  base_url?: string | null;
}

/**
 * `callbook call` / POST /calls/test: one lead, now. Same checks as tick except the retry delay.
 * One call takes seconds, well inside a lease, so there is no heartbeat here.
 */
export async function placeOneCall(
  ctx: Context,
  input: CallNowInput,
  deps: { openDialer?: OpenDialer; wait?: boolean; lease?: Partial<LeaseClock> } = {},
): Promise<DialedCall> {
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  const now = ctx.now();
  let info: SimulatedLeadInfo | undefined;
  const openDialer = deps.openDialer ?? defaultOpenDialer(ctx, input.simulate, input.base_url);
  // Consent is for calls that ring real phones; an injected dialer says whether it does.
  const injected = deps.openDialer ? await deps.openDialer(() => info) : null;
  const setup = await dialingSetup(ctx, [meeting.id], now, {
    simulate: injected ? injected.telephony.kind === 'simulator' : input.simulate,
    ignoreRetryDelay: true,
    ...(deps.lease ? { lease: deps.lease } : {}),
  });
  const [lead] = await findPolicyLeads(ctx.db, setup.filter, [input.lead_id]);
  if (!lead) throw notFound('lead', input.lead_id);
  if (lead.meeting_request_id !== meeting.id) {
    throw badInput([{ field: '--lead', message: `lead ${lead.id} belongs to meeting ${lead.meeting_request_id}, not ${meeting.id}` }]);
  }
  const decision = evaluateLead(lead, { now, meeting, rules: setup.rules });
  if (!decision.eligible) {
    throw new CallbookError('conflict', `not calling lead ${lead.id} (${lead.name}): ${decision.reason}`, {
      hint: 'calling hours, the do-not-call list, consent and opt-outs are never bypassed; see `callbook tick --dry-run`',
    });
  }
  if (input.simulate && !deps.openDialer) await ensureServeReachable(simulatorBaseUrl(ctx.config, input.base_url));
  await observeLeases(ctx.db, setup.filter);
  await releaseStaleClaims(ctx.db, setup.filter);
  const scope = { zones: [lead.timezone], limit: 1, leadId: lead.id, ignoreRetryDelay: true };
  const [claimed] = await claimLeads(ctx.db, setup.filter, scope, randomToken());
  if (!claimed) throw new CallbookError('conflict', `lead ${lead.id} is being called by another tick right now`);
  info = { timezone: lead.timezone, window_start: meeting.window_start, window_end: meeting.window_end };
  let dialer: Dialer;
  try {
    dialer = injected ?? (await openDialer(() => info));
  } catch (error) {
    await releaseClaim(ctx, claimed, now);
    throw error;
  }
  const outcome = await placeClaimedCall(ctx, dialer, setup, meeting, claimed, decision);
  if (outcome.kind === 'dialed' && (deps.wait ?? true)) {
    await dialer.finish();
    const report = { dialed: [outcome as DialedCall], failed: [] as Parameters<typeof failUnstarted>[2]['failed'] };
    await failUnstarted(ctx, dialer, report);
    const [failed] = report.failed;
    if (failed) {
      throw new CallbookError('remote', `call to lead ${lead.id} not started: ${failed.reason}`, {
        hint: `the attempt counts; the lead is retried after ${failed.retry_at ?? 'no more attempts'}`,
      });
    }
  }
  if (outcome.kind === 'dialed') {
    const { kind: _, ...row } = outcome;
    return row;
  }
  if (outcome.kind === 'skipped') {
    const why = outcome.why === 'recent_call' ? 'the number was just called for another meeting' : 'another tick took the lead';
    throw new CallbookError('conflict', `not calling lead ${lead.id} (${lead.name}): ${why}`);
  }
  if (outcome.stop === 'account') throw accountError(outcome);
  throw new CallbookError('remote', `call to lead ${lead.id} not placed: ${outcome.reason}`, {
    hint: outcome.permanent ? 'the lead is marked failed and will not be called again' : 'nothing was charged; try again in a minute',
  });
}
