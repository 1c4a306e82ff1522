// Instants and slots as local calendar days in the lead's zone: days are plain day numbers and
// minutes after local midnight, so the common case needs no luxon arithmetic (see speech.ts).
import { DateTime } from 'luxon';
import { DAY_END, type DayRange } from './speech-words.js';
import { DAY_MS, parseIsoMillis, type ZoneClock } from './zone-clock.js';

export type NowInput = DateTime | Date | string;

const MINUTE_MS = 60_000;

export function toZoned(value: NowInput, zone: string): DateTime {
  const dt = value instanceof DateTime ? value : value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value);
  const zoned = dt.setZone(zone);
  if (!zoned.isValid) throw new RangeError(`Invalid time or zone: ${String(value)} in ${zone}`);
  return zoned;
}

/** Epoch milliseconds of `value`, with the same checks toZoned makes. */
export function toInstant(value: NowInput, clock: ZoneClock, zone: string): number {
  let ms = Number.NaN;
  if (value instanceof DateTime) ms = value.toMillis();
  else if (value instanceof Date) ms = value.getTime();
  else {
    try {
      ms = parseIsoMillis(value);
    } catch {
      // Reported below, as toZoned reports it.
    }
  }
  if (Number.isNaN(ms) || !clock.zone.isValid) throw new RangeError(`Invalid time or zone: ${String(value)} in ${zone}`);
  return ms;
}

/** A local calendar date as days since 1970-01-01; 1970-01-01 was a Thursday. */
export function dayNumber(dt: DateTime): number {
  return Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS);
}

export function minutesOfDay(dt: DateTime): number {
  return dt.hour * 60 + dt.minute;
}

export type Slots = readonly { start: string; end: string }[];

/** Local per-day ranges, merged, days in order; slots crossing midnight are split. */
export function groupByLocalDay(slots: Slots, zone: string, clock: ZoneClock): Map<number, DayRange[]> {
  const days = new Map<number, DayRange[]>();
  const add = (day: number, range: DayRange) => {
    const ranges = days.get(day);
    if (ranges) ranges.push(range);
    else days.set(day, [range]);
  };
  for (const slot of slots) {
    const start = toInstant(slot.start, clock, zone);
    const end = toInstant(slot.end, clock, zone);
    if (start >= end) continue;
    const offset = clock.offset(start);
    const localStart = start + offset * MINUTE_MS;
    const localEnd = end + clock.offset(end) * MINUTE_MS;
    const day = Math.floor(localStart / DAY_MS);
    // Ending at midnight takes the day's own midnight to exist (no clock change at it) to be told apart.
    const endsAtMidnight = localEnd === (day + 1) * DAY_MS && clock.offset(day * DAY_MS - offset * MINUTE_MS) === offset;
    if (clock.offset(end) === offset && (endsAtMidnight || Math.floor(localEnd / DAY_MS) === day)) {
      // One day, one offset: the common case needs no calendar arithmetic.
      const minute = (local: number) => Math.floor((local - day * DAY_MS) / MINUTE_MS);
      add(day, { start: minute(localStart), end: endsAtMidnight ? DAY_END : minute(localEnd) });
      continue;
    }
    splitAcrossDays(slot, zone, add);
  }
  const sorted = new Map([...days.entries()].sort(([a], [b]) => a - b));
  for (const [key, ranges] of sorted) sorted.set(key, mergeRanges(ranges));
  return sorted;
}

/** A slot over midnight or a clock change, cut at each local midnight with luxon's own DST rules. */
function splitAcrossDays(slot: Slots[number], zone: string, add: (day: number, range: DayRange) => void): void {
  let cursor = toZoned(slot.start, zone);
  const end = toZoned(slot.end, zone);
  while (cursor < end) {
    const nextMidnight = cursor.startOf('day').plus({ days: 1 });
    const segmentEnd = DateTime.min(end, nextMidnight) ?? end;
    add(dayNumber(cursor), {
      start: minutesOfDay(cursor),
      end: segmentEnd.equals(nextMidnight) ? DAY_END : minutesOfDay(segmentEnd),
    });
    cursor = segmentEnd;
  }
}

function mergeRanges(ranges: DayRange[]): DayRange[] {
  const merged: DayRange[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
