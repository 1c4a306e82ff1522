// Interval arithmetic on epoch milliseconds plus the few local-clock questions the optimizer
// and heat map ask. Instants stay numbers in the hot paths; luxon is only consulted for zone
// offsets, because every local field can be derived from `instant + offset` with UTC maths.
import { DateTime, IANAZone } from 'luxon';
import type { DayOfWeek } from './types.js';
import { DAYS_OF_WEEK } from './types.js';

export interface Interval {
  start: number;
  end: number;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Sorted, with overlapping and touching intervals joined: free 9–10 and 10–11 means free 9:30–10:30. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start);
  // A lead's handful of intervals: insertion sort (equal intervals are interchangeable, so any
  // order by start, then end, merges the same).
  if (sorted.length <= 16) {
    for (let i = 1; i < sorted.length; i++) {
      const item = sorted[i] as Interval;
      let j = i;
      for (; j > 0; j--) {
        const before = sorted[j - 1] as Interval;
        if (before.start < item.start || (before.start === item.start && before.end <= item.end)) break;
        sorted[j] = before;
      }
      sorted[j] = item;
    }
  } else sorted.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) {
      if (end > last.end) last.end = end;
    } else {
      merged.push({ start, end });
    }
  }
  return merged;
}

/** Each interval cut to the window; the ones left empty are dropped. */
export function clipIntervals(intervals: readonly Interval[], window: Interval): Interval[] {
  const clipped: Interval[] = [];
  for (const i of intervals) {
    const start = Math.max(i.start, window.start);
    const end = Math.min(i.end, window.end);
    if (end > start) clipped.push({ start, end });
  }
  return clipped;
}

/** True when one interval covers all of [start, end]. Expects merged, sorted intervals. */
export function coversSpan(merged: readonly Interval[], start: number, end: number): boolean {
  for (const i of merged) {
    if (i.start > start) return false;
    if (i.end >= end) return true;
  }
  return false;
}

export function parseInstant(iso: string): number {
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new RangeError(`Invalid ISO-8601 instant "${iso}": ${dt.invalidExplanation ?? dt.invalidReason}`);
  return dt.toMillis();
}

/** ISO-8601 with the zone's offset, e.g. 2026-03-10T09:00:00.000+02:00. */
export function formatInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone: resolveZone(zone) }).toISO() ?? new Date(ms).toISOString();
}

/** A validated IANA zone; throws with the offending name so bad data is caught at the edge. */
export function resolveZone(zone: string): IANAZone {
  const z = IANAZone.create(zone);
  if (!z.isValid) throw new RangeError(`Unknown IANA timezone "${zone}" (expected e.g. "Europe/London")`);
  return z;
}

/** Minutes east of UTC at that instant in the zone. */
export function zoneOffsetMinutes(ms: number, zone: IANAZone): number {
  return zone.offset(ms);
}

/**
 * The instant shifted by the zone offset: "wall-clock ms", whose UTC fields read the local clock.
 * Hot loops compute offsets once and use the wall helpers below, which need no luxon call.
 */
export function toWallClock(ms: number, zone: IANAZone): number {
  return ms + zone.offset(ms) * MINUTE_MS;
}

export function getWallDayOfWeek(wall: number): DayOfWeek {
  // Day 0 of the epoch, 1970-01-01, was a Thursday: index 3 counting from Monday.
  return DAYS_OF_WEEK[(((Math.floor(wall / DAY_MS) + 3) % 7) + 7) % 7] as DayOfWeek;
}

export function getWallMinuteOfDay(wall: number): number {
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

export function getLocalDayOfWeek(ms: number, zone: IANAZone): DayOfWeek {
  return getWallDayOfWeek(toWallClock(ms, zone));
}

export function getLocalHour(ms: number, zone: IANAZone): number {
  return Math.floor(getWallMinuteOfDay(toWallClock(ms, zone)) / 60);
}

/** Minutes since local midnight, by the wall clock (so 03:00 on a spring-forward day is 180). */
export function getLocalMinuteOfDay(ms: number, zone: IANAZone): number {
  return getWallMinuteOfDay(toWallClock(ms, zone));
}

/**
 * The first instant ≥ t whose local clock sits on a grid boundary (:00, :15, … for 15 minutes).
 * Offsets are whole multiples of 15 minutes, so once aligned, stepping by the grid in UTC stays
 * aligned across DST changes; the loop only matters for a 30-minute DST shift (Lord Howe) with
 * a coarser grid, where the offset after the jump decides.
 */
export function alignToGrid(t: number, zone: IANAZone, gridMinutes: number): number {
  const gridMs = gridMinutes * MINUTE_MS;
  let candidate = t;
  for (let attempt = 0; attempt < 4; attempt++) {
    const wall = candidate + zone.offset(candidate) * MINUTE_MS;
    const rem = ((wall % gridMs) + gridMs) % gridMs;
    if (rem === 0) return candidate;
    candidate += gridMs - rem;
  }
  return candidate;
}
