// The dry run's and the tick's account of every lead: counts per reason from the grouped query,
// and a few example leads per reason, evaluated one by one only for the leads shown.
import type { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { findPolicyLeads, type LeadGroup, listLeadIds, listStaleClaimIds, summariseLeads } from '../db/repos/dialing.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { evaluateLead, type SkipCategory } from '../domain/dialing-policy.js';
import type { DialingSetup } from './dialing-setup.js';
import type { SkipExample } from './tick-types.js';

/** Small campaigns get a reason for every lead; large ones a few examples per reason. */
const FULL_DETAIL_LEADS = 200;

/** The repo's counts, with claims of dead ticks moved from 'call in progress' to where the policy puts them. */
export async function summariseDialing(ctx: Context, setup: DialingSetup, byMeeting: Map<number, MeetingRow>, now: DateTime) {
  const { filter, rules } = setup;
  const groups = await summariseLeads(ctx.db, filter);
  const stale = await findPolicyLeads(ctx.db, filter, await listStaleClaimIds(ctx.db, filter));
  for (const lead of stale) {
    const meeting = byMeeting.get(lead.meeting_request_id);
    const decision = meeting && evaluateLead(lead, { now, meeting, rules });
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

export async function skipDetail(
  ctx: Context,
  setup: DialingSetup,
  groups: LeadGroup[],
  byMeeting: Map<number, MeetingRow>,
  now: DateTime,
  total: number,
  perReason: number,
) {
  const ids = total <= FULL_DETAIL_LEADS ? null : [...new Set(groups.flatMap((g) => [g.min_id, g.max_id]))];
  const leads = await findPolicyLeads(ctx.db, setup.filter, ids ?? (await listLeadIds(ctx.db, [...byMeeting.keys()])));
  const found = new Map<SkipCategory, SkipExample[]>();
  for (const lead of leads) {
    const meeting = byMeeting.get(lead.meeting_request_id);
    const decision = meeting && evaluateLead(lead, { now, meeting, rules: setup.rules });
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
