// `callbook tick`, for cron: release claims of ticks that died, claim the leads that are due,
// and dial them at the account's calls-per-second. --dry-run answers the same question and
// changes nothing. Sized for 100,000-lead campaigns: counts come from one grouped query and
// per-lead detail is computed only for the leads shown.
import type { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import * as repo from '../db/repos/dialing.js';
import { listMeetings, type MeetingRow } from '../db/repos/meetings.js';
import { evaluateLead, isInsideCallingHours, previousStateOfClaim, type SkipCategory } from '../domain/dialing-policy.js';
import { requireMeeting } from './meetings.js';
import {
  accountError,
  type DialedCall,
  defaultOpenDialer,
  dialingFilter,
  dialingRules,
  type FailedCall,
  type OpenDialer,
  placeClaimedCall,
  randomToken,
  releaseClaim,
} from './place-call.js';

export interface TickInput {
  meeting_request_id: number | null;
  max_calls: number | null;
  dry_run: boolean;
  simulate?: boolean;
  /** Skipped leads shown per reason. */
  examples?: number;
}

export interface TickDeps {
  openDialer?: OpenDialer;
  sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds, for pacing. */
  clock?: () => number;
}

export interface PlannedCall {
  lead_id: number;
  meeting_request_id: number;
  name: string;
  phone: string;
  local_time: string;
  checks: string[];
}
export interface SkipExample {
  lead_id: number;
  name: string;
  reason: string;
}
export interface SkipGroup {
  category: SkipCategory;
  count: number;
  examples: SkipExample[];
}

export interface TickResult {
  dry_run: boolean;
  now: string;
  meeting_request_id: number | null;
  max_calls: number;
  would_call: PlannedCall[];
  dialed: DialedCall[];
  failed: FailedCall[];
  skipped: SkipGroup[];
  summary: {
    leads: number;
    due: number;
    dialed: number;
    failed: number;
    skipped: number;
    stale_claims_released: number;
    /** Calls whose final status never came, closed so their leads are not stuck in 'calling'. */
    lost_calls_closed: number;
    marked_exhausted: number;
  };
  /** Why the tick stopped before max_calls, when it did. */
  stopped: string | null;
}

export const DEFAULT_MAX_CALLS = 10;
/** Small campaigns get a reason for every lead; large ones a few examples per reason. */
const FULL_DETAIL_LEADS = 200;

async function meetingsInScope(ctx: Context, id: number | null): Promise<MeetingRow[]> {
  if (id !== null) return [await requireMeeting(ctx, id)];
  return (await listMeetings(ctx.db)).filter((m) => m.status === 'open');
}

/** The repo's counts, with claims of dead ticks moved from 'call in progress' to where the policy puts them. */
export async function summariseDialing(ctx: Context, filter: repo.DialingFilter, byMeeting: Map<number, MeetingRow>, now: DateTime) {
  const groups = await repo.summariseLeads(ctx.db, filter);
  const stale = await repo.findPolicyLeads(ctx.db, await repo.listStaleClaimIds(ctx.db, filter));
  for (const lead of stale) {
    const meeting = byMeeting.get(lead.meeting_request_id);
    const decision = meeting && evaluateLead(lead, { now, meeting, rules: dialingRules(ctx) });
    const from = groups.find((g) => g.category === 'in_call' && g.timezone === lead.timezone);
    if (!decision || !from) continue;
    from.count--;
    const category = decision.eligible || decision.category === 'outside_hours' ? 'due' : decision.category;
    groups.push({ category, timezone: lead.timezone, count: 1, min_id: lead.id, max_id: lead.id });
  }
  return Object.assign(
    groups.filter((g) => g.count > 0),
    { stale: stale.length },
  );
}

async function skipDetail(
  ctx: Context,
  groups: repo.LeadGroup[],
  byMeeting: Map<number, MeetingRow>,
  now: DateTime,
  total: number,
  perReason: number,
) {
  const ids = total <= FULL_DETAIL_LEADS ? null : [...new Set(groups.flatMap((g) => [g.min_id, g.max_id]))];
  const leads =
    ids === null
      ? await repo.findPolicyLeads(ctx.db, await repo.listLeadIds(ctx.db, [...byMeeting.keys()]))
      : await repo.findPolicyLeads(ctx.db, ids);
  const found = new Map<SkipCategory, SkipExample[]>();
  for (const lead of leads) {
    const meeting = byMeeting.get(lead.meeting_request_id);
    const decision = meeting && evaluateLead(lead, { now, meeting, rules: dialingRules(ctx) });
    if (!decision || decision.eligible) continue;
    found.set(decision.category, [...(found.get(decision.category) ?? []), { lead_id: lead.id, name: lead.name, reason: decision.reason }]);
  }
  // Different reasons first (other zones, other retry times), then more of the same.
  const examples = new Map<SkipCategory, SkipExample[]>();
  for (const [category, list] of found) {
    const distinct = list.filter((e, i) => list.findIndex((x) => x.reason === e.reason) === i);
    const chosen = [...distinct, ...list.filter((e) => !distinct.includes(e))].slice(0, perReason);
    examples.set(
      category,
      chosen.sort((a, b) => a.lead_id - b.lead_id),
    );
  }
  return examples;
}

export async function runTick(ctx: Context, input: TickInput, deps: TickDeps = {}): Promise<TickResult> {
  const now = ctx.now();
  const maxCalls = input.max_calls ?? DEFAULT_MAX_CALLS;
  const meetings = await meetingsInScope(ctx, input.meeting_request_id);
  const nowIso = isoUtc(now);
  const open = meetings.filter((m) => m.status === 'open' && m.window_end > nowIso);
  const filter = dialingFilter(
    ctx,
    open.map((m) => m.id),
    now,
  );
  const result: TickResult = {
    dry_run: input.dry_run,
    now: nowIso,
    meeting_request_id: input.meeting_request_id,
    max_calls: maxCalls,
    would_call: [],
    dialed: [],
    failed: [],
    skipped: [],
    summary: { leads: 0, due: 0, dialed: 0, failed: 0, skipped: 0, stale_claims_released: 0, lost_calls_closed: 0, marked_exhausted: 0 },
    stopped: null,
  };
  if (!input.dry_run) {
    result.summary.stale_claims_released = (await repo.releaseStaleClaims(ctx.db, filter)).length;
    const lostCutoff = now.minus({ hours: repo.LOST_CALL_HOURS }).toUTC().toISO() ?? filter.now;
    result.summary.lost_calls_closed = await repo.releaseLostCalls(ctx.db, filter, lostCutoff);
    result.summary.marked_exhausted = await repo.markExhausted(ctx.db, filter);
  }
  const groups = await summariseDialing(ctx, filter, new Map(open.map((m) => [m.id, m])), now);
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
    const { count, ids } = await repo.countLeadsOfMeeting(ctx.db, m.id);
    if (count === 0) continue;
    groups.push({ category: 'meeting_closed', timezone: '', count, min_id: ids[0] ?? 0, max_id: ids[ids.length - 1] ?? 0 });
    counts.set('meeting_closed', (counts.get('meeting_closed') ?? 0) + count);
    result.summary.leads += count;
  }
  const byMeeting = new Map(meetings.map((m) => [m.id, m]));
  const examples = await skipDetail(
    ctx,
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
    for (const lead of await repo.listDueLeads(ctx.db, filter, scope)) {
      const meeting = byMeeting.get(lead.meeting_request_id);
      const decision =
        meeting &&
        evaluateLead({ ...lead, on_do_not_call: false, claim_reached_provider: false }, { now, meeting, rules: dialingRules(ctx) });
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
  const claimed = await repo.claimLeads(ctx.db, filter, scope, randomToken());
  if (claimed.length > 0) await dialClaimed(ctx, input, deps, claimed, byMeeting, result);
  return result;
}

async function dialClaimed(
  ctx: Context,
  input: TickInput,
  deps: TickDeps,
  claimed: repo.LeadRow[],
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
