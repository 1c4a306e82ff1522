// The data structures that keep findBestSlot close to linear: the slot grid with its zone
// offsets computed once, every lead's merged intervals packed into one typed array (no objects
// per interval at 100k leads), and the difference-array sweep that counts attendance per slot.
import type { IANAZone } from 'luxon';
import type { Interval } from './slots.js';
import { alignToGrid, MINUTE_MS } from './slots.js';

export interface Grid {
  first: number;
  stepMs: number;
  /** Number of starts whose whole meeting fits before the window end. */
  size: number;
  /** Zone offset in minutes at each grid point, including the points where the last meetings end. */
  offsets: Int32Array;
}

/** Lead i's merged intervals are bounds[2k], bounds[2k + 1] for k in [firstOf[i], firstOf[i + 1]). */
export interface MergedLeads {
  bounds: Float64Array;
  firstOf: Int32Array;
}

export function buildGrid(zone: IANAZone, windowStart: number, windowEnd: number, gridMinutes: number, durationMs: number): Grid {
  const stepMs = gridMinutes * MINUTE_MS;
  const first = alignToGrid(windowStart, zone, gridMinutes);
  const lastStart = windowEnd - durationMs;
  const size = lastStart >= first ? Math.floor((lastStart - first) / stepMs) + 1 : 0;
  const points = size === 0 ? 0 : size + Math.ceil(durationMs / stepMs);
  return { first, stepMs, size, offsets: computeOffsets(zone, first, stepMs, points) };
}

/**
 * Offsets change a few times a year, so they are sampled hourly and only filled point by point
 * inside an hour where the sample changed. Asking the zone at every point costs microseconds
 * each, which at a thousand points would dominate a small confirm.
 */
function computeOffsets(zone: IANAZone, first: number, stepMs: number, points: number): Int32Array {
  const offsets = new Int32Array(points);
  const stride = Math.max(1, Math.floor(3_600_000 / stepMs));
  let previous = points > 0 ? zone.offset(first) : 0;
  for (let from = 0; from < points; from += stride) {
    const to = Math.min(points - 1, from + stride);
    const atEnd = zone.offset(first + to * stepMs);
    for (let i = from; i <= to; i++) offsets[i] = atEnd === previous ? previous : zone.offset(first + i * stepMs);
    previous = atEnd;
  }
  return offsets;
}

/** Offset at an instant the grid may not hold (a meeting end off the grid). */
export function getOffsetAt(grid: Grid, zone: IANAZone, ms: number): number {
  const index = (ms - grid.first) / grid.stepMs;
  return Number.isInteger(index) && index >= 0 && index < grid.offsets.length ? (grid.offsets[index] ?? 0) : zone.offset(ms);
}

export function mergeAllLeads(leads: readonly { intervals: readonly Interval[] }[]): MergedLeads {
  let total = 0;
  for (const lead of leads) total += lead.intervals.length;
  const bounds = new Float64Array(total * 2);
  const firstOf = new Int32Array(leads.length + 1);
  let scratch: Interval[] = [];
  let written = 0;
  for (let i = 0; i < leads.length; i++) {
    firstOf[i] = written;
    scratch = sortByStart(leads[i]?.intervals ?? [], scratch);
    for (const { start, end } of scratch) {
      if (!(end > start)) continue;
      const last = 2 * written - 1;
      if (written > (firstOf[i] ?? 0) && start <= (bounds[last] ?? 0)) {
        if (end > (bounds[last] ?? 0)) bounds[last] = end;
      } else {
        bounds[2 * written] = start;
        bounds[2 * written + 1] = end;
        written++;
      }
    }
  }
  firstOf[leads.length] = written;
  return { bounds, firstOf };
}

/** Insertion sort into a reused array: leads have a handful of intervals, so this beats Array#sort. */
function sortByStart(intervals: readonly Interval[], scratch: Interval[]): Interval[] {
  if (intervals.length > 32) return [...intervals].sort((a, b) => a.start - b.start);
  scratch.length = 0;
  for (const interval of intervals) {
    let j = scratch.length;
    while (j > 0 && (scratch[j - 1]?.start ?? 0) > interval.start) {
      scratch[j] = scratch[j - 1] as Interval;
      j--;
    }
    scratch[j] = interval;
  }
  return scratch;
}

export function canAttend(merged: MergedLeads, lead: number, start: number, end: number): boolean {
  const { bounds, firstOf } = merged;
  for (let k = firstOf[lead] ?? 0, stop = firstOf[lead + 1] ?? 0; k < stop; k++) {
    if ((bounds[2 * k] ?? 0) > start) return false;
    if ((bounds[2 * k + 1] ?? 0) >= end) return true;
  }
  return false;
}

/**
 * Attendance per grid start. An interval [a, b] admits starts in [a, b − duration]; the merged
 * intervals of one lead are disjoint, so no lead is counted twice for the same start.
 */
export function countAvailablePerSlot(merged: MergedLeads, grid: Grid, durationMs: number): Int32Array {
  const diff = new Int32Array(grid.size + 1);
  const { bounds } = merged;
  const count = merged.firstOf[merged.firstOf.length - 1] ?? 0;
  for (let k = 0; k < count; k++) {
    const start = bounds[2 * k] ?? 0;
    const end = bounds[2 * k + 1] ?? 0;
    const lo = Math.max(0, Math.ceil((start - grid.first) / grid.stepMs));
    const hi = Math.min(grid.size - 1, Math.floor((end - durationMs - grid.first) / grid.stepMs));
    if (lo > hi) continue;
    diff[lo] = (diff[lo] ?? 0) + 1;
    diff[hi + 1] = (diff[hi + 1] ?? 0) - 1;
  }
  let running = 0;
  for (let i = 0; i < grid.size; i++) {
    running += diff[i] ?? 0;
    diff[i] = running;
  }
  return diff.subarray(0, grid.size);
}
