// Dials the leads a tick claimed, at the account's calls-per-second, re-checking each against the
// policy first; claims it does not dial are given back.
import type { Context } from '../context.js';
import type { LeadRow } from '../db/repos/dialing.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { evaluateLead, previousStateOfClaim } from '../domain/dialing-policy.js';
import { defaultOpenDialer, dialingRules, type OpenDialer } from './dialing-setup.js';
import { accountError, type DialedCall, type FailedCall, placeClaimedCall, releaseClaim } from './place-call.js';
import type { TickDeps, TickInput, TickResult } from './tick-types.js';

export async function dialClaimed(
  ctx: Context,
  input: TickInput,
  deps: TickDeps,
  claimed: LeadRow[],
  byMeeting: Map<number, MeetingRow>,
  result: TickResult,
): Promise<void> {
  const now = ctx.now();
  const byPhone = new Map(claimed.map((l) => [l.phone, l]));
  const leadInfo = (to: string) => {
    const lead = byPhone.get(to);
    const meeting = lead && byMeeting.get(lead.meeting_request_id);
    return lead && meeting ? { timezone: lead.timezone, window_start: meeting.window_start, window_end: meeting.window_end } : undefined;
  };
  let dialer: Awaited<ReturnType<OpenDialer>>;
  try {
    dialer = await (deps.openDialer ?? defaultOpenDialer(ctx, Boolean(input.simulate)))(leadInfo);
  } catch (error) {
    for (const lead of claimed) await releaseClaim(ctx, lead, now);
    throw error;
  }
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clock = deps.clock ?? (() => performance.now());
  const interval = 1000 / ctx.config.dialing.callsPerSecond;
  let lastStart: number | null = null;
  try {
    for (const [index, lead] of claimed.entries()) {
      const meeting = byMeeting.get(lead.meeting_request_id);
      const decision =
        meeting &&
        evaluateLead(
          {
            ...lead,
            state: previousStateOfClaim(lead.claim_token),
            attempts: lead.attempts - 1,
            on_do_not_call: false,
            claim_reached_provider: false,
          },
          { now, meeting, rules: dialingRules(ctx) },
        );
      if (!meeting || !decision?.eligible || result.stopped) {
        await releaseClaim(ctx, lead, now);
        continue;
      }
      if (lastStart !== null) {
        const wait = interval - (clock() - lastStart);
        if (wait > 0) await sleep(wait);
      }
      lastStart = clock();
      const outcome = await placeClaimedCall(ctx, dialer, meeting, lead, decision);
      const { kind: _, ...row } = outcome;
      if (outcome.kind === 'dialed') result.dialed.push(row as DialedCall);
      else result.failed.push(row as FailedCall);
      if (outcome.kind === 'failed' && outcome.stop === 'account') {
        for (const rest of claimed.slice(index + 1)) await releaseClaim(ctx, rest, now);
        throw accountError(outcome);
      }
      if (outcome.kind === 'failed' && outcome.stop === 'rate_limited')
        result.stopped = `Twilio is rate limiting calls; ${claimed.length - index - 1} claimed lead(s) released for the next tick`;
    }
  } finally {
    result.summary.dialed = result.dialed.length;
    result.summary.failed = result.failed.length;
    await dialer.finish();
  }
}
