// Dials the leads a tick claimed, at the account's calls-per-second, re-checking each against the
// policy first; claims it does not dial are given back. While it works it renews the leases of
// the claims it still holds (the heartbeat other ticks judge them by, see ownerStopped).
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { failUnstartedCall } from '../db/repos/calls.js';
import type { LeadRow } from '../db/repos/dialing.js';
import { renewLeases } from '../db/repos/dialing-leases.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { evaluateLead, previousStateOfClaim } from '../domain/dialing-policy.js';
import { type DialingSetup, defaultOpenDialer } from './dialing-setup.js';
import { accountError, type DialedCall, type FailedCall, placeClaimedCall, releaseClaim } from './place-call.js';
import type { Dialer } from './telephony-factory.js';
import type { TickDeps, TickInput, TickResult } from './tick-types.js';

/** The dialer, opened on first use (a call to reconcile, or the leads claimed); the simulator asks byPhone who it is calling. */
export function lazyDialer(ctx: Context, input: TickInput, deps: TickDeps, meetings: MeetingRow[]) {
  const byPhone = new Map<string, LeadRow>();
  let dialer: Promise<Dialer> | null = null;
  const get = () => {
    dialer ??= (deps.openDialer ?? defaultOpenDialer(ctx, Boolean(input.simulate), input.base_url))((to) => {
      const lead = byPhone.get(to);
      const meeting = lead && meetings.find((m) => m.id === lead.meeting_request_id);
      return lead && meeting ? { timezone: lead.timezone, window_start: meeting.window_start, window_end: meeting.window_end } : undefined;
    });
    return dialer;
  };
  return { get, byPhone };
}

export interface Batch {
  setup: DialingSetup;
  claimed: LeadRow[];
  /** The random part of this tick's claim tokens. */
  random: string;
  byMeeting: Map<number, MeetingRow>;
}

/** Renews every renewMs until stopped; a failed renewal is retried at the next beat (the lease has slack). */
function startHeartbeat(ctx: Context, batch: Batch, pending: Set<number>): () => void {
  const { lease } = batch.setup;
  const timer = setInterval(() => {
    renewLeases(ctx.db, [...pending], batch.random, lease.now(), lease.leaseMs).catch(() => {});
  }, lease.renewMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

export async function dialClaimed(ctx: Context, deps: TickDeps, dialer: Dialer, batch: Batch, result: TickResult): Promise<void> {
  const { claimed, byMeeting, setup } = batch;
  const now = ctx.now();
  const pending = new Set(claimed.map((l) => l.id));
  const stopHeartbeat = startHeartbeat(ctx, batch, pending);
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
            called_elsewhere: false,
          },
          { now, meeting, rules: setup.rules },
        );
      if (!meeting || !decision?.eligible || result.stopped) {
        await releaseClaim(ctx, lead, now);
        pending.delete(lead.id);
        continue;
      }
      if (lastStart !== null) {
        const wait = interval - (clock() - lastStart);
        if (wait > 0) await sleep(wait);
      }
      lastStart = clock();
      const outcome = await placeClaimedCall(ctx, dialer, setup, meeting, lead, decision);
      pending.delete(lead.id);
      if (outcome.kind === 'skipped') continue;
      const { kind: _, ...row } = outcome;
      if (outcome.kind === 'dialed') result.dialed.push(row as DialedCall);
      else result.failed.push(row as FailedCall);
      deps.onProgress?.({ claimed: claimed.length, placed: result.dialed.length, failed: result.failed.length });
      if (outcome.kind === 'failed' && outcome.stop === 'account') {
        for (const rest of claimed.slice(index + 1)) await releaseClaim(ctx, rest, now);
        throw accountError(outcome);
      }
      if (outcome.kind === 'failed' && outcome.stop === 'rate_limited')
        result.stopped = `Twilio is rate limiting calls; ${claimed.length - index - 1} claimed lead(s) released for the next tick`;
    }
  } finally {
    stopHeartbeat();
    await dialer.finish();
    await failUnstarted(ctx, dialer, result);
    result.summary.dialed = result.dialed.length;
    result.summary.failed = result.failed.length;
  }
}

/** Calls the provider accepted but that never reached `serve` (the simulator says which): failed attempts, retried later. */
export async function failUnstarted(ctx: Context, dialer: Dialer, result: { dialed: DialedCall[]; failed: FailedCall[] }) {
  const unstarted = dialer.unstarted?.() ?? [];
  if (unstarted.length === 0) return;
  const now = ctx.now();
  const retryAt = isoUtc(now.plus({ minutes: ctx.config.dialing.retryDelayMinutes }));
  for (const u of unstarted) {
    const at = result.dialed.findIndex((d) => d.call_id === u.callId);
    const dialed = result.dialed[at];
    if (!dialed) continue;
    const reason = `the call could not be started: ${u.reason}`;
    const settled = await failUnstartedCall(ctx.db, {
      callId: u.callId,
      leadId: dialed.lead_id,
      reason,
      maxAttempts: ctx.config.dialing.maxAttempts,
      retryAt,
      now: isoUtc(now),
    });
    if (!settled) continue;
    result.dialed.splice(at, 1);
    const exhausted = settled === 'exhausted';
    result.failed.push({
      call_id: dialed.call_id,
      lead_id: dialed.lead_id,
      name: dialed.name,
      phone: dialed.phone,
      permanent: false,
      reason,
      error_code: null,
      retry_at: exhausted ? null : retryAt,
      stop: null,
    });
  }
}
