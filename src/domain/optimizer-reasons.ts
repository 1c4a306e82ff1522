// Plain-English account of why the group optimizer chose its slot: one line per ranking rule that
// decided something, then one line per runner-up saying where it fell short. Every line is a fact a
// test can check: "the most of any slot" only when no allowed slot has more leads free, counts with
// their cap, and the constraint behind a better-attended time that was removed.

import type { IANAZone } from 'luxon';
import { DateTime } from 'luxon';
import { countIs, formatWhen, plural } from './booking/constraint-text.js';
import type { OptimizerInput } from './booking/slot-analysis.js';

export interface RankedSlot {
  start: number;
  /** Leads free for the whole slot. */
  available: number;
  /** min(available, max_bookings): what the ranking compares. */
  booked: number;
  score: number;
  matches: string[];
}

/** The removed start where most leads are free, and the constraints that removed it. */
export interface BlockedSlot {
  start: number;
  available: number;
  why: string;
}

export interface ChoiceFacts {
  /** Every feasible slot, best first. */
  ranked: RankedSlot[];
  /** The winner then the runners-up. */
  picked: RankedSlot[];
  totalLeads: number;
  maxBookings: number;
  preferenceCount: number;
  zone: IANAZone;
  blocked: BlockedSlot | null;
}

export function explainChoice(facts: ChoiceFacts): string[] {
  const [best, ...runnersUp] = facts.picked;
  if (!best) return [];
  const asManyAttendees = facts.ranked.filter((s) => s.booked === best.booked);
  const equallyGood = asManyAttendees.filter((s) => s.score === best.score);
  const reasons: string[] = [describeAttendance(best, facts)];

  if (facts.preferenceCount > 0) {
    let preference = best.matches.length > 0 ? `matches ${joinWithAnd(best.matches)}` : 'matches none of the soft preferences';
    if (best.matches.length > 0 && best.score < facts.preferenceCount) {
      preference += ` (${best.score} of ${facts.preferenceCount} preferences)`;
    }
    const worse = asManyAttendees.length - equallyGood.length;
    if (worse > 0) preference += `, better than ${plural(worse, 'other slot')} with as many attendees`;
    reasons.push(preference);
    if (facts.ranked.some((s) => s.score > best.score)) {
      reasons.push('slots matching more preferences exist, but fewer leads can attend them');
    }
  }

  if (equallyGood.length > 1) reasons.push(`earliest of ${equallyGood.length} equally good slots`);
  const blocked = facts.blocked;
  if (blocked && blocked.available > best.available) {
    reasons.push(`${countIs(blocked.available, 'lead')} free ${formatWhen(blocked.start, facts.zone)}, but it is ${blocked.why}`);
  }

  for (const slot of runnersUp) reasons.push(`runner-up ${formatSlotStart(slot.start, facts.zone)}: ${describeShortfall(slot, best)}`);
  return reasons;
}

function describeAttendance(best: RankedSlot, facts: ChoiceFacts): string {
  const most = Math.max(...facts.ranked.map((s) => s.available));
  let text = `${best.available} of ${plural(facts.totalLeads, 'lead')} can attend`;
  if (best.available === most) {
    const shared = facts.ranked.filter((s) => s.available === most).length - 1;
    text += shared === 0 ? ' (the most of any slot)' : ` (the most of any slot, shared with ${plural(shared, 'other slot')})`;
  }
  const cap = plural(facts.maxBookings, 'booking');
  if (best.available > facts.maxBookings) {
    // "the first 1 to respond are booked" reads as a mistake: one booking is "only the first".
    text +=
      facts.maxBookings === 1
        ? `; the cap is ${cap}, so only the first to respond is booked`
        : `; the cap is ${cap}, so the first ${facts.maxBookings} to respond are booked`;
    if (most > best.available) text += ` (${most} can attend another slot, no better under the cap)`;
  } else if (best.available === facts.maxBookings && most > best.available) {
    text += `, which fills the cap of ${cap} (up to ${most} can attend another slot)`;
  }
  return text;
}

/** Why nothing was chosen, and what would have fitted had a constraint given way. */
export function explainNoSlot(input: OptimizerInput, blocked: BlockedSlot | null): string[] {
  if (input.leads.length === 0) return ['no availability has been collected yet'];
  if (blocked) {
    return [`${countIs(blocked.available, 'lead')} free ${formatWhen(blocked.start, input.timezone)}, ${blocked.why}`];
  }
  return [
    `none of the ${plural(input.leads.length, 'lead')} is free for ${input.duration_minutes} minutes inside the window` +
      (input.excluded_days.length > 0 ? ` on an allowed day (excluded: ${input.excluded_days.join(', ')})` : ''),
  ];
}

function describeShortfall(slot: RankedSlot, best: RankedSlot): string {
  if (slot.booked < best.booked) return `fewer can attend (${slot.available} vs ${best.available})`;
  if (slot.score < best.score) {
    return slot.matches.length > 0
      ? `as many attendees but matches only ${joinWithAnd(slot.matches)}`
      : 'as many attendees but matches no preferences';
  }
  return 'equally good but later';
}

export function formatSlotStart(ms: number, zone: IANAZone | string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-US').toFormat('ccc d LLL HH:mm');
}

export function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
