// Plain-English account of why the optimizer chose its slot: one line per ranking rule that
// decided something, then one line per runner-up saying where it fell short.

import type { IANAZone } from 'luxon';
import { DateTime } from 'luxon';

export interface RankedSlot {
  start: number;
  /** Leads free for the whole slot. */
  available: number;
  /** min(available, max_bookings): what the ranking compares. */
  booked: number;
  score: number;
  matches: string[];
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
}

export function explainChoice(facts: ChoiceFacts): string[] {
  const [best, ...runnersUp] = facts.picked;
  if (!best) return [];
  const asManyAttendees = facts.ranked.filter((s) => s.booked === best.booked);
  const equallyGood = asManyAttendees.filter((s) => s.score === best.score);
  const reasons: string[] = [];

  let attendance = `${best.available} of ${facts.totalLeads} ${plural(facts.totalLeads, 'lead')} can attend`;
  attendance +=
    asManyAttendees.length === 1
      ? ' (the most of any slot)'
      : ` (the most of any slot, shared with ${describeCount(asManyAttendees.length - 1, 'other slot')})`;
  if (best.available > facts.maxBookings) {
    attendance += `; the first ${facts.maxBookings} to respond are booked (max ${facts.maxBookings} bookings)`;
  }
  reasons.push(attendance);

  if (facts.preferenceCount > 0) {
    let preference = best.matches.length > 0 ? `matches ${joinWithAnd(best.matches)}` : 'matches none of the soft preferences';
    if (best.matches.length > 0 && best.score < facts.preferenceCount) {
      preference += ` (${best.score} of ${facts.preferenceCount} preferences)`;
    }
    const worse = asManyAttendees.length - equallyGood.length;
    if (worse > 0) preference += `, better than ${describeCount(worse, 'other slot')} with as many attendees`;
    reasons.push(preference);
    if (facts.ranked.some((s) => s.score > best.score)) {
      reasons.push('slots matching more preferences exist, but fewer leads can attend them');
    }
  }

  if (equallyGood.length > 1) reasons.push(`earliest of ${equallyGood.length} equally good slots`);

  for (const slot of runnersUp) reasons.push(`runner-up ${formatSlotStart(slot.start, facts.zone)}: ${describeShortfall(slot, best)}`);
  return reasons;
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

function formatSlotStart(ms: number, zone: IANAZone): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-US').toFormat('ccc d LLL HH:mm');
}

function describeCount(n: number, noun: string): string {
  return `${n} ${plural(n, noun)}`;
}

function plural(n: number, noun: string): string {
  return n === 1 ? noun : `${noun}s`;
}

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
