// One-on-one mode: up to max_bookings separate meetings, one lead each, never overlapping for the
// owner (buffers included). The allowed starts and who can attend them come from the same grid
// analysis as group mode; one-on-one-search.ts chooses; this file turns the choice into bookings,
// true reasons and answers for --explain.
import { countSoftPreferences } from '../soft-score.js';
import { countIs, describeBlocks, formatMinutes, formatWhen, plural } from './constraint-text.js';
import { describeOffGrid } from './group-explain.js';
import { type SearchSlot, searchOneOnOne } from './one-on-one-search.js';
import type { OptimizerInput, SlotAnalysis } from './slot-analysis.js';
import { analyseSlots, findBestBlocked, gridIndexOf } from './slot-analysis.js';

export interface OneOnOneBooking {
  start: number;
  end: number;
  lead_id: number;
  soft_score: number;
  soft_matches: string[];
}

export interface OneOnOneResult {
  bookings: OneOnOneBooking[];
  reasons: string[];
  /** False when the search stopped at its step limit; upper_bound then caps what is possible. */
  exact: boolean;
  upper_bound: number;
  /** Leads who can attend at least one allowed start. */
  eligible_leads: number;
  explanation: string | null;
}

interface Chosen {
  slot: SearchSlot;
  lead: number;
}

export function findOneOnOneBookings(input: OptimizerInput, options: { nodeLimit?: number } = {}): OneOnOneResult {
  const a = analyseSlots(input);
  const slots = collectSlots(a);
  const maxScore = countSoftPreferences(input.soft);
  const gapMs = a.durationMs + a.rules.buffer_minutes * 60_000;
  const search = searchOneOnOne({
    slots,
    gapMs,
    maxBookings: input.max_bookings,
    leadCount: input.leads.length,
    maxScore,
    gridSize: a.grid.size,
    nodeLimit: options.nodeLimit,
  });
  const chosen: Chosen[] = search.bookings.map((b) => ({ slot: slots[b.slot] as SearchSlot, lead: b.lead }));
  const eligible = new Set<number>();
  for (const s of slots) for (const l of s.leads) eligible.add(l);
  const facts = { a, slots, chosen, gapMs, eligible: eligible.size, exact: search.exact, upperBound: search.upper_bound };
  return {
    bookings: chosen.map(({ slot, lead }) => {
      const { matches } = a.scoreOf(slot.index);
      return {
        start: slot.start,
        end: slot.start + a.durationMs,
        lead_id: input.leads[lead]?.lead_id ?? -1,
        soft_score: slot.score,
        soft_matches: matches,
      };
    }),
    reasons: explainBookings(facts),
    exact: search.exact,
    upper_bound: search.upper_bound,
    eligible_leads: eligible.size,
    explanation: input.explain_start == null ? null : explainStart(facts, input.explain_start),
  };
}

/** Allowed starts that someone can attend, with those leads in response order. */
function collectSlots(a: SlotAnalysis): SearchSlot[] {
  const { grid, merged, durationMs } = a;
  const leadsAt: number[][] = [];
  for (let lead = 0; lead < a.input.leads.length; lead++) {
    for (let k = merged.firstOf[lead] ?? 0, stop = merged.firstOf[lead + 1] ?? 0; k < stop; k++) {
      const lo = Math.max(0, Math.ceil(((merged.bounds[2 * k] ?? 0) - grid.first) / grid.stepMs));
      const hi = Math.min(grid.size - 1, Math.floor(((merged.bounds[2 * k + 1] ?? 0) - durationMs - grid.first) / grid.stepMs));
      for (let i = lo; i <= hi; i++) {
        if ((a.allowed.blocks[i] ?? 0) !== 0) continue;
        let list = leadsAt[i];
        if (!list) {
          list = [];
          leadsAt[i] = list;
        }
        list.push(lead);
      }
    }
  }
  const slots: SearchSlot[] = [];
  leadsAt.forEach((leads, index) => {
    if (leads) slots.push({ index, start: a.startOf(index), score: a.scoreOf(index).score, leads });
  });
  return slots;
}

interface Facts {
  a: SlotAnalysis;
  slots: SearchSlot[];
  chosen: Chosen[];
  gapMs: number;
  eligible: number;
  exact: boolean;
  upperBound: number;
}

function explainBookings(f: Facts): string[] {
  const { a, chosen } = f;
  const total = a.input.leads.length;
  const cap = a.input.max_bookings;
  const n = chosen.length;
  const reasons: string[] = [];
  if (n === 0) return reasons;
  let head = `${plural(n, 'separate meeting')} booked, one lead each; ${f.eligible} of ${plural(total, 'lead')} can attend at least one allowed time; the cap is ${plural(cap, 'booking')}`;
  if (n === cap) head += ' (reached)';
  reasons.push(head);
  if (!f.exact && n >= f.upperBound) {
    reasons.push(`no more meetings are possible; the search stopped at its step limit before proving no other ${n} score more`);
  } else if (!f.exact) {
    reasons.push(`the search stopped at its step limit: at most ${f.upperBound} meetings are possible and ${n} were booked`);
  } else if (n < cap && n === f.eligible) {
    reasons.push(`every lead who can attend an allowed time is booked`);
  } else if (n < cap) {
    reasons.push(`no set of more than ${n} non-overlapping times gives each a different lead who can attend`);
  }
  const prefs = countSoftPreferences(a.input.soft);
  if (prefs > 0) {
    const points = chosen.reduce((sum, c) => sum + c.slot.score, 0);
    reasons.push(
      `the meetings match ${points} of the ${n * prefs} preference points ${plural(n, 'meeting')} can earn` +
        (f.exact ? `; no other way to book ${n} scores more` : ''),
    );
  }
  if (a.rules.buffer_minutes > 0) reasons.push(`meetings are at least ${formatMinutes(a.rules.buffer_minutes)} apart (the buffer)`);
  const blocked = findBestBlocked(a);
  if (blocked !== null && n < Math.min(cap, total)) {
    const why = describeBlocks(a.allowed.blocks[blocked] ?? 0, a.startOf(blocked), a.allowed.blockingBusy[blocked] ?? -1, blockContext(a));
    reasons.push(`${countIs(a.counts[blocked] ?? 0, 'lead')} free ${formatWhen(a.startOf(blocked), a.zone)}, but it is ${why}`);
  }
  const bookedAt = new Set(chosen.map((c) => c.slot.index));
  const runnersUp = f.slots
    .filter((s) => !bookedAt.has(s.index))
    .sort((x, y) => y.leads.length - x.leads.length || y.score - x.score || x.start - y.start)
    .slice(0, a.input.runners_up);
  for (const s of runnersUp) reasons.push(`runner-up ${explainStart(f, s.start).replace(/ was not chosen:/, ':')}`);
  return reasons;
}

function blockContext(a: SlotAnalysis) {
  return { rules: a.rules, excluded_days: a.input.excluded_days, zone: a.zone };
}

function explainStart(f: Facts, start: number): string {
  const { a, chosen } = f;
  const off = describeOffGrid(a, start);
  if (off) return off;
  const i = gridIndexOf(a, start) ?? 0;
  const when = formatWhen(start, a.zone);
  const mask = a.allowed.blocks[i] ?? 0;
  const available = a.counts[i] ?? 0;
  if (mask !== 0) {
    return `${when} is not possible: ${describeBlocks(mask, start, a.allowed.blockingBusy[i] ?? -1, blockContext(a))} (${countIs(available, 'lead')} free then)`;
  }
  if (available === 0)
    return `${when} is allowed, but none of the ${plural(a.input.leads.length, 'lead')} is free for all ${a.input.duration_minutes} minutes`;
  const nameOf = (lead: number) => a.input.leads[lead]?.name ?? `lead ${lead}`;
  const here = chosen.find((c) => c.slot.start === start);
  if (here) return `${when} is booked with ${nameOf(here.lead)}`;
  const clash = chosen.find((c) => Math.abs(c.slot.start - start) < f.gapMs);
  if (clash) {
    const other = `the booking at ${formatWhen(clash.slot.start, a.zone)} with ${nameOf(clash.lead)}`;
    return Math.abs(clash.slot.start - start) < a.durationMs
      ? `${when} was not chosen: it overlaps ${other}`
      : `${when} was not chosen: it is inside the ${formatMinutes(a.rules.buffer_minutes)} buffer of ${other}`;
  }
  const leads = f.slots.find((s) => s.start === start)?.leads ?? [];
  const booked = new Set(chosen.map((c) => c.lead));
  if (leads.every((l) => booked.has(l))) {
    return leads.length === 1
      ? `${when} was not chosen: the only lead free then, ${nameOf(leads[0] ?? -1)}, is booked at another time`
      : `${when} was not chosen: all ${leads.length} leads free then are booked at other times`;
  }
  if (chosen.length >= a.input.max_bookings) {
    return `${when} was not chosen: ${countIs(leads.length, 'lead')} free then, but the cap of ${plural(a.input.max_bookings, 'booking')} is reached by better or earlier times`;
  }
  return `${when} was not chosen: the search stopped at its step limit before it could add it`;
}
