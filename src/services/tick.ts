// `callbook tick`, for cron: release claims of ticks that died, claim the leads that are due,
// and dial them at the account's calls-per-second. --dry-run answers the same question and
// changes nothing. Sized for 100,000-lead campaigns: counts come from one grouped query and
// per-lead detail is computed only for the leads shown.
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { countLeadsOfMeeting, listDueLeads } from '../db/repos/dialing.js';
import { claimLeads, LOST_CALL_HOURS, markExhausted, releaseLostCalls, releaseStaleClaims } from '../db/repos/dialing-claims.js';
import { observeLeases } from '../db/repos/dialing-leases.js';
import { listMeetings, type MeetingRow } from '../db/repos/meetings.js';
import { evaluateLead, isInsideCallingHours, type SkipCategory } from '../domain/dialing-policy.js';
import { dialingSetup, randomToken } from './dialing-setup.js';
import { requireMeeting } from './meetings.js';
import { notifyAfterTick } from './notify/after-tick.js';
import { releaseClaim } from './place-call.js';
import { type Dialer, ensureServeReachable, simulatorBaseUrl } from './telephony-factory.js';
import { dialClaimed, lazyDialer } from './tick-dial.js';
import { reconcileDialing } from './tick-reconcile.js';
import { skipDetail, summariseDialing } from './tick-summary.js';
import type { TickDeps, TickInput, TickResult } from './tick-types.js';

export const DEFAULT_MAX_CALLS = 10;

async function meetingsInScope(ctx: Context, id: number | null): Promise<MeetingRow[]> {
  if (id !== null) return [await requireMeeting(ctx, id)];
  return (await listMeetings(ctx.db)).filter((m) => m.status === 'open');
}

async function dialTick(ctx: Context, input: TickInput, deps: TickDeps = {}): Promise<TickResult> {
  const now = ctx.now();
  const maxCalls = input.max_calls ?? DEFAULT_MAX_CALLS;
  const meetings = await meetingsInScope(ctx, input.meeting_request_id);
  const nowIso = isoUtc(now);
  const open = meetings.filter((m) => m.status === 'open' && m.window_end > nowIso);
  const dialer = lazyDialer(ctx, input, deps, meetings);
  // Consent is for calls that ring real phones; an injected dialer says whether it does.
  const simulated = deps.openDialer ? (await dialer.get()).telephony.kind === 'simulator' : Boolean(input.simulate);
  const setup = await dialingSetup(
    ctx,
    open.map((m) => m.id),
    now,
    { simulate: simulated, ...(deps.lease ? { lease: deps.lease } : {}) },
  );
  const { filter } = setup;
  const result: TickResult = {
    dry_run: input.dry_run,
    now: nowIso,
    meeting_request_id: input.meeting_request_id,
    max_calls: maxCalls,
    would_call: [],
    dialed: [],
    failed: [],
    skipped: [],
    summary: {
      leads: 0,
      due: 0,
      dialed: 0,
      failed: 0,
      skipped: 0,
      stale_claims_released: 0,
      lost_calls_closed: 0,
      marked_exhausted: 0,
      dialing_reconciled: 0,
      dialing_unknown: 0,
    },
    stopped: null,
  };
  if (!input.dry_run) {
    if (input.simulate && !deps.openDialer) await ensureServeReachable(simulatorBaseUrl(ctx.config, input.base_url));
    await observeLeases(ctx.db, filter);
    result.summary.stale_claims_released = (await releaseStaleClaims(ctx.db, filter)).length;
    const reconciled = await reconcileDialing(ctx, filter, () => dialer.get().catch(() => null));
    result.summary.dialing_reconciled = reconciled.confirmed + reconciled.released + reconciled.closed;
    result.summary.dialing_unknown = reconciled.held;
    const lostCutoff = now.minus({ hours: LOST_CALL_HOURS }).toUTC().toISO() ?? filter.now;
    result.summary.lost_calls_closed = await releaseLostCalls(ctx.db, filter, lostCutoff);
    result.summary.marked_exhausted = await markExhausted(ctx.db, filter);
  }
  const groups = await summariseDialing(ctx, setup, new Map(open.map((m) => [m.id, m])), now);
  if (input.dry_run) result.summary.stale_claims_released = groups.stale;
  const zones = new Set<string>();
  const counts = new Map<SkipCategory, number>();
  for (const g of groups) {
    const inside = g.category === 'due' && isInsideCallingHours(now, g.timezone, ctx.config.dialing.callingHours);
    if (inside) zones.add(g.timezone);
    const category: SkipCategory | null = g.category === 'due' ? (inside ? null : 'outside_hours') : g.category;
    if (inside) result.summary.due += g.count;
    else if (category) counts.set(category, (counts.get(category) ?? 0) + g.count);
    result.summary.leads += g.count;
  }
  for (const m of meetings.filter((x) => !open.includes(x))) {
    const { count, ids } = await countLeadsOfMeeting(ctx.db, m.id);
    if (count === 0) continue;
    groups.push({ category: 'meeting_closed', timezone: '', count, min_id: ids[0] ?? 0, max_id: ids[ids.length - 1] ?? 0 });
    counts.set('meeting_closed', (counts.get('meeting_closed') ?? 0) + count);
    result.summary.leads += count;
  }
  const byMeeting = new Map(meetings.map((m) => [m.id, m]));
  const examples = await skipDetail(
    ctx,
    setup,
    groups.filter((g) => g.category !== 'due' || !zones.has(g.timezone)),
    byMeeting,
    now,
    result.summary.leads,
    input.examples ?? 3,
  );
  result.skipped = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([category, count]) => ({ category, count, examples: examples.get(category) ?? [] }));
  result.summary.skipped = result.summary.leads - result.summary.due;
  const scope = { zones: [...zones], limit: maxCalls };
  if (input.dry_run) {
    for (const lead of await listDueLeads(ctx.db, filter, scope)) {
      const meeting = byMeeting.get(lead.meeting_request_id);
      const decision =
        meeting && evaluateLead({ ...lead, on_do_not_call: false, called_elsewhere: false }, { now, meeting, rules: setup.rules });
      if (decision?.eligible)
        result.would_call.push({
          lead_id: lead.id,
          meeting_request_id: lead.meeting_request_id,
          name: lead.name,
          phone: lead.phone,
          local_time: decision.local_time,
          checks: decision.checks,
        });
    }
    return result;
  }
  const random = randomToken();
  const claimed = await claimLeads(ctx.db, filter, scope, random);
  if (claimed.length === 0) return result;
  for (const lead of claimed) dialer.byPhone.set(lead.phone, lead);
  let opened: Dialer;
  try {
    opened = await dialer.get();
  } catch (error) {
    for (const lead of claimed) await releaseClaim(ctx, lead, now);
    throw error;
  }
  await dialClaimed(ctx, deps, opened, { setup, claimed, random, byMeeting }, result);
  return result;
}

/** Dials, then sends what the outbox holds (issue 10); notification errors are reported in the result, never thrown. */
export async function runTick(ctx: Context, input: TickInput, deps: TickDeps = {}): Promise<TickResult> {
  const result = await dialTick(ctx, input, deps);
  if (!input.dry_run) result.notifications = await notifyAfterTick(ctx);
  return result;
}
