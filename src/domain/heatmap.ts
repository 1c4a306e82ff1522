// Day × hour counts of how many leads are free, in the owner's zone. Cells are keyed by the
// local hour label, which is what the owner reads on the clock: on a spring-forward day the
// skipped hour stays 0, and on a fall-back day the repeated hour counts a lead free in either
// occurrence once. `hours_in_day` (23, 24 or 25) lets a renderer say so.
import { DateTime } from 'luxon';
import type { Interval } from './slots.js';
import { clipIntervals, getLocalDayOfWeek, MINUTE_MS, mergeIntervals, resolveZone } from './slots.js';
import type { DayOfWeek } from './types.js';

export interface HeatmapInput {
  timezone: string;
  window_start: number;
  window_end: number;
  leads: { lead_id: number; intervals: Interval[] }[];
}

export interface HeatmapDay {
  /** yyyy-MM-dd in the owner's zone. */
  date: string;
  weekday: DayOfWeek;
  /** 24 counts by local hour label: distinct leads free at any time in that hour. */
  hours: number[];
  /** Hours the day really lasts: 23 on a spring-forward day, 25 on a fall-back day (23.5 on Lord Howe). */
  hours_in_day: number;
}

export interface Heatmap {
  days: HeatmapDay[];
  max: number;
}

/** A stretch of time that shows one local hour label: days[day].hours[hour]. */
interface HourSegment {
  start: number;
  day: number;
  hour: number;
}

// Every zone offset is a multiple of 15 minutes, so each UTC quarter hour lies in one local hour.
const QUARTER_MS = 15 * MINUTE_MS;

export function computeHeatmap(input: HeatmapInput): Heatmap {
  const counter = heatmapCounter(input);
  for (const intervals of groupByLead(input.leads)) counter.addLead(intervals);
  return counter.result();
}

/**
 * computeHeatmap one lead at a time, for a list that streams its leads: `addLead` takes all of
 * one lead's intervals (each lead once), and `result` is what computeHeatmap gives of them all.
 */
export function heatmapCounter(input: Omit<HeatmapInput, 'leads'>): { addLead(intervals: Interval[]): void; result(): Heatmap } {
  const zone = resolveZone(input.timezone);
  if (!(input.window_end > input.window_start)) return { addLead() {}, result: () => ({ days: [], max: 0 }) };
  const from = DateTime.fromMillis(input.window_start, { zone }).startOf('day').toMillis();
  const to =
    DateTime.fromMillis(input.window_end - 1, { zone })
      .endOf('day')
      .toMillis() + 1;

  const days: HeatmapDay[] = [];
  const segments: HourSegment[] = [];
  for (let t = from; t < to; t += QUARTER_MS) {
    const wall = new Date(t + zone.offset(t) * MINUTE_MS);
    const date = wall.toISOString().slice(0, 10);
    const hour = wall.getUTCHours();
    if (days[days.length - 1]?.date !== date) {
      days.push({ date, weekday: getLocalDayOfWeek(t, zone), hours: new Array<number>(24).fill(0), hours_in_day: 0 });
    }
    const day = days[days.length - 1];
    if (day) day.hours_in_day += 0.25;
    const last = segments[segments.length - 1];
    if (!last || last.day !== days.length - 1 || last.hour !== hour) segments.push({ start: t, day: days.length - 1, hour });
  }

  const window = { start: input.window_start, end: input.window_end };
  const seenBy = new Int32Array(days.length * 24).fill(-1);
  let leadIndex = 0;
  return {
    addLead(intervals) {
      for (const { start, end } of mergeIntervals(clipIntervals(intervals, window))) {
        for (let s = findSegmentAt(segments, start); s < segments.length; s++) {
          const segment = segments[s];
          if (!segment || segment.start >= end) break;
          const cell = segment.day * 24 + segment.hour;
          const day = days[segment.day];
          if (!day || seenBy[cell] === leadIndex) continue;
          seenBy[cell] = leadIndex;
          day.hours[segment.hour] = (day.hours[segment.hour] ?? 0) + 1;
        }
      }
      leadIndex++;
    },
    result() {
      let max = 0;
      for (const day of days) for (const count of day.hours) if (count > max) max = count;
      return { days, max };
    },
  };
}

/** A lead may arrive as several rows (one per source); it must still count once per cell. */
function groupByLead(leads: HeatmapInput['leads']): Interval[][] {
  const byId = new Map<number, Interval[]>();
  for (const lead of leads) {
    const list = byId.get(lead.lead_id);
    if (list) list.push(...lead.intervals);
    else byId.set(lead.lead_id, [...lead.intervals]);
  }
  return [...byId.values()];
}

/** Index of the last segment starting at or before t (0 when t is before them all). */
function findSegmentAt(segments: readonly HourSegment[], t: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid]?.start ?? Number.POSITIVE_INFINITY) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
