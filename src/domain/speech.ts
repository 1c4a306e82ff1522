// Words a person would say for windows, slots and durations, in the LEAD's zone, for TTS
// scripts and read-backs. Pure: the caller passes `now`.
import { DateTime } from 'luxon';

export type NowInput = DateTime | Date | string;

interface DayRange {
  /** Minutes after local midnight; end may be 1440. */
  start: number;
  end: number;
}

const MAX_SPOKEN_DAYS = 4;
const MORNING = 8 * 60;
const NOON = 12 * 60;
const AFTERNOON_END = 17 * 60;
const EVENING_END = 21 * 60;
const DAY_END = 24 * 60;

function toZoned(value: NowInput, zone: string): DateTime {
  const dt = value instanceof DateTime ? value : value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value);
  const zoned = dt.setZone(zone);
  if (!zoned.isValid) throw new RangeError(`Invalid time or zone: ${String(value)} in ${zone}`);
  return zoned;
}

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function daysBetween(from: DateTime, to: DateTime): number {
  // Calendar dates, not 24-hour steps, so a DST change in between does not shift the count.
  const asUtcDate = (dt: DateTime) => dt.startOf('day').setZone('UTC', { keepLocalTime: true });
  return Math.round(asUtcDate(to).diff(asUtcDate(from), 'days').days);
}

/** "It's 2:07, free until 5" is read as "between 2:15 p.m. and 5 p.m.", not "2:07". */
function roundUpToQuarterHour(dt: DateTime): DateTime {
  const floored = dt.startOf('minute');
  const rem = floored.minute % 15;
  if (rem === 0 && floored.equals(dt)) return floored;
  return floored.plus({ minutes: 15 - rem });
}

/** "today", "tomorrow", "Friday" within the week, else "Friday, March 20th". */
function labelWindowDay(day: DateTime, today: DateTime): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff > 1 && diff < 7) return day.toFormat('cccc');
  return `${day.toFormat('cccc, LLLL')} ${ordinal(day.day)}`;
}

/** "today", "tomorrow", "Tuesday the 10th" within three weeks, else "Tuesday, April 7th". */
function labelSlotDay(day: DateTime, today: DateTime): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff > 1 && diff < 21) return `${day.toFormat('cccc')} the ${ordinal(day.day)}`;
  return `${day.toFormat('cccc, LLLL')} ${ordinal(day.day)}`;
}

function formatClock(minutes: number, withMeridiem: boolean): string {
  if (minutes === NOON) return 'noon';
  if (minutes === 0 || minutes === DAY_END) return 'midnight';
  const h24 = Math.floor(minutes / 60);
  const m = minutes % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const clock = m === 0 ? `${h12}` : `${h12}:${String(m).padStart(2, '0')}`;
  return withMeridiem ? `${clock} ${h24 < 12 ? 'a.m.' : 'p.m.'}` : clock;
}

function partOfDay(minutes: number): 'morning' | 'afternoon' | 'evening' {
  if (minutes < NOON) return 'morning';
  return minutes < AFTERNOON_END ? 'afternoon' : 'evening';
}

function describeRange({ start, end }: DayRange): string {
  if (start <= MORNING && end >= AFTERNOON_END) return 'all day';
  if (start === MORNING && end === NOON) return 'in the morning';
  if (start === NOON && end === AFTERNOON_END) return 'in the afternoon';
  if (start === AFTERNOON_END && end === EVENING_END) return 'in the evening';
  if (start <= MORNING) return `before ${formatClock(end, true)}`;
  // Free until the end of the working day (or later) sounds like "after 2 p.m." to a person.
  if (end === AFTERNOON_END || end >= EVENING_END) return `after ${formatClock(start, true)}`;
  const part = partOfDay(start);
  if (start !== NOON && end !== NOON && part === partOfDay(end - 1)) {
    return `from ${formatClock(start, false)} to ${formatClock(end, false)} in the ${part}`;
  }
  return `from ${formatClock(start, true)} to ${formatClock(end, true)}`;
}

function minutesOfDay(dt: DateTime): number {
  return dt.hour * 60 + dt.minute;
}

/** Local per-day ranges, merged, days in order; slots crossing midnight are split. */
function groupByLocalDay(slots: readonly { start: string; end: string }[], zone: string): Map<string, DayRange[]> {
  const days = new Map<string, DayRange[]>();
  for (const slot of slots) {
    let cursor = toZoned(slot.start, zone);
    const end = toZoned(slot.end, zone);
    while (cursor < end) {
      const nextMidnight = cursor.startOf('day').plus({ days: 1 });
      const segmentEnd = DateTime.min(end, nextMidnight) ?? end;
      const key = cursor.toISODate() ?? '';
      const ranges = days.get(key) ?? [];
      ranges.push({ start: minutesOfDay(cursor), end: segmentEnd.equals(nextMidnight) ? DAY_END : minutesOfDay(segmentEnd) });
      days.set(key, ranges);
      cursor = segmentEnd;
    }
  }
  const sorted = new Map([...days.entries()].sort(([a], [b]) => a.localeCompare(b)));
  for (const [key, ranges] of sorted) sorted.set(key, mergeRanges(ranges));
  return sorted;
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

function joinWithAnd(items: string[], serialComma: boolean): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(', ');
  return `${head}${serialComma ? ',' : ''} and ${items[items.length - 1]}`;
}

/** e.g. "Tuesday the 10th from 9 to 11 in the morning, and Thursday the 12th after 2 p.m."; '' when there are none. */
export function describeSlotsForSpeech(slots: readonly { start: string; end: string }[], zone: string, now: NowInput): string {
  const today = toZoned(now, zone);
  const items = [...groupByLocalDay(slots, zone).entries()].map(([date, ranges]) => {
    const label = labelSlotDay(DateTime.fromISO(date, { zone }), today);
    return `${label} ${joinWithAnd(ranges.map(describeRange), false)}`;
  });
  if (items.length > MAX_SPOKEN_DAYS) {
    return `${items.slice(0, MAX_SPOKEN_DAYS).join(', ')}, and a few other times`;
  }
  return joinWithAnd(items, true);
}

/** e.g. "between tomorrow and Friday, March 20th", "any time next week", "tomorrow between 9 a.m. and 5 p.m.". */
export function describeWindowForSpeech(windowStartIso: string, windowEndIso: string, zone: string, now: NowInput): string {
  const nowZ = toZoned(now, zone);
  const end = toZoned(windowEndIso, zone);
  let start = toZoned(windowStartIso, zone);
  // Only the part still ahead matters to the listener.
  if (start < nowZ && nowZ < end) start = roundUpToQuarterHour(nowZ);
  const lastDay = end.minus({ milliseconds: 1 }).startOf('day');
  const firstDay = start.startOf('day');
  const today = nowZ.startOf('day');
  if (firstDay.equals(lastDay)) {
    const whole = minutesOfDay(start) === 0 && end.equals(lastDay.plus({ days: 1 }));
    const label = labelWindowDay(firstDay, today);
    if (whole) return `any time ${label}`;
    const endMin = end.equals(lastDay.plus({ days: 1 })) ? DAY_END : minutesOfDay(end);
    return `${label} between ${formatClock(minutesOfDay(start), true)} and ${formatClock(endMin, true)}`;
  }
  const nextMonday = today.startOf('week').plus({ weeks: 1 });
  const lastDayCovered = end >= lastDay.plus({ minutes: AFTERNOON_END });
  const firstDayCovered = minutesOfDay(start) <= MORNING;
  const span = daysBetween(nextMonday, lastDay);
  if (firstDay.equals(nextMonday) && firstDayCovered && lastDayCovered && span >= 4 && span <= 6) {
    return 'any time next week';
  }
  return `between ${labelWindowDay(firstDay, today)} and ${labelWindowDay(lastDay, today)}`;
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam']);

/** The name to greet someone by: "Dr. Ana María López" → "Ana"; "López, Ana" → "Ana"; null when there is none. */
export function firstName(fullName: string): string | null {
  const trimmed = fullName.trim();
  const comma = trimmed.indexOf(',');
  const given = comma > 0 ? trimmed.slice(comma + 1) : trimmed;
  const words = given.split(/\s+/).filter((w) => w !== '' && !HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')));
  const first = words[0];
  if (!first) return null;
  // Fix shouting or all-lowercase entries, but keep deliberate mixed case ("DeShawn").
  const lower = first.toLowerCase();
  if (first === lower || first === first.toUpperCase()) return lower.charAt(0).toUpperCase() + lower.slice(1);
  return first;
}

/** Adjective form for "a 30-minute meeting": "30-minute", "1-hour", "90-minute", "2-hour". */
export function describeDuration(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}
