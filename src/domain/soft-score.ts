// How well one slot fits the owner's soft preferences. Each kind of preference that the slot
// meets adds one point: a person reading "Tue morning 9–11" weighs day, part of day and hours
// about equally, and equal weights keep the explanation honest ("matches 2 of 3").
import type { IANAZone } from 'luxon';
import { getWallDayOfWeek, getWallMinuteOfDay, MINUTE_MS, toWallClock } from './slots.js';
import type { SoftConstraints, TimeRange } from './types.js';
import { PART_OF_DAY_HOURS } from './types.js';

export interface SoftScore {
  score: number;
  matches: string[];
}

/** How many kinds of preference were given, i.e. the best score any slot can reach. */
export function countSoftPreferences(soft: SoftConstraints): number {
  return (soft.days_of_week.length > 0 ? 1 : 0) + (soft.time_of_day.length > 0 ? 1 : 0) + (soft.time_ranges.length > 0 ? 1 : 0);
}

export function scoreSlot(start: number, end: number, zone: IANAZone, soft: SoftConstraints): SoftScore {
  return createSoftScorer(soft)(toWallClock(start, zone), toWallClock(end, zone));
}

/**
 * A scorer over wall-clock ms (see toWallClock), with the preferences parsed once: the optimizer
 * scores every grid slot, so the per-slot work is arithmetic only.
 */
export function createSoftScorer(soft: SoftConstraints): (startWall: number, endWall: number) => SoftScore {
  const days = new Set(soft.days_of_week);
  const parts = soft.time_of_day.map((p) => ({
    label: p,
    from: PART_OF_DAY_HOURS[p].start * 60,
    to: PART_OF_DAY_HOURS[p].end * 60,
  }));
  const ranges = soft.time_ranges.map((r) => {
    const [from, to] = rangeMinutes(r);
    return { label: `preferred time ${r.start}–${r.end}`, from, to };
  });

  return (startWall, endWall) => {
    const matches: string[] = [];
    if (days.size > 0) {
      const day = getWallDayOfWeek(startWall);
      if (days.has(day)) matches.push(`preferred day (${day})`);
    }
    // The end is measured on the wall clock from the start's midnight, so a slot across midnight
    // runs past 1440 and one across a DST change ends at the clock time people will see.
    const startMin = getWallMinuteOfDay(startWall);
    const endMin = startMin + (endWall - startWall) / MINUTE_MS;
    const part = parts.find((p) => startMin >= p.from && endMin <= p.to);
    if (part) matches.push(part.label);
    const range = ranges.find((r) => startMin >= r.from && endMin <= r.to);
    if (range) matches.push(range.label);
    return { score: matches.length, matches };
  };
}

/** "HH:mm" range in minutes of the day; an end at or before the start runs past midnight. */
function rangeMinutes(range: TimeRange): [number, number] {
  const from = parseClock(range.start);
  let to = parseClock(range.end);
  if (to <= from) to += 24 * 60;
  return [from, to];
}

function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Invalid time "${text}" in soft_constraints.time_ranges (expected "HH:mm")`);
  return Number(match[1]) * 60 + Number(match[2]);
}
