// The words of one-on-one mode: what was booked against the cap and the leads who could come,
// whether it is proven best, and for any other start (a runner-up or `--explain`) what it lost to:
// a hard constraint, an overlapping booking, a lead booked elsewhere, or the cap.
import { countSoftPreferences } from '../soft-score.js';
import { countIs, describeBlocks, formatMinutes, formatWhen, plural } from './constraint-text.js';
import { describeOffGrid } from './group-explain.js';
import type { SearchSlot } from './one-on-one-search.js';
import type { SlotAnalysis } from './slot-analysis.js';
import { findBestBlocked, gridIndexOf } from './slot-analysis.js';

export interface Chosen {
  slot: SearchSlot;
  lead: number;
}

export interface Facts {
  a: SlotAnalysis;
  slots: SearchSlot[];
  chosen: Chosen[];
  gapMs: number;
  eligible: number;
  exact: boolean;
  upperBound: number;
}

export function explainBookings(f: Facts): string[] {
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

export function explainStart(f: Facts, start: number): string {
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
