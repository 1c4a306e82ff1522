// Words a person would say for windows, slots and durations, in the LEAD's zone, for TTS
// scripts and read-backs. Pure: the caller passes `now`. Read-backs run on every webhook request, so
// days are plain local day numbers and names come from tables rather than luxon's formatter.
import { DateTime } from 'luxon';
import { DAY_MS, parseIsoMillis, ZoneClock } from './zone-clock.js';

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
const MINUTE_MS = 60_000;
const WEEKDAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

function toZoned(value: NowInput, zone: string): DateTime {
  const dt = value instanceof DateTime ? value : value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value);
  const zoned = dt.setZone(zone);
  if (!zoned.isValid) throw new RangeError(`Invalid time or zone: ${String(value)} in ${zone}`);
  return zoned;
}

/** Epoch milliseconds of `value`, with the same checks toZoned makes. */
function toInstant(value: NowInput, clock: ZoneClock, zone: string): number {
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
function dayNumber(dt: DateTime): number {
  return Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS);
}

function weekdayName(day: number): string {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7] ?? '';
}

/** "Friday, March 20th" */
function longDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${weekdayName(day)}, ${MONTHS[d.getUTCMonth()] ?? ''} ${ordinal(d.getUTCDate())}`;
}

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "It's 2:07, free until 5" is read as "between 2:15 p.m. and 5 p.m.", not "2:07". */
function roundUpToQuarterHour(dt: DateTime): DateTime {
  const floored = dt.startOf('minute');
  const rem = floored.minute % 15;
  if (rem === 0 && floored.equals(dt)) return floored;
  return floored.plus({ minutes: 15 - rem });
}

/** "today", "tomorrow", "Friday" within the week, else "Friday, March 20th". */
function labelWindowDay(day: number, today: number): string {
  const diff = day - today;
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff > 1 && diff < 7) return weekdayName(day);
  return longDate(day);
}

/** "today", "tomorrow", "Tuesday the 10th" within three weeks, else "Tuesday, April 7th". */
function labelSlotDay(day: number, today: number): string {
  const diff = day - today;
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff > 1 && diff < 21) return `${weekdayName(day)} the ${ordinal(new Date(day * DAY_MS).getUTCDate())}`;
  return longDate(day);
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

type Slots = readonly { start: string; end: string }[];

/** Local per-day ranges, merged, days in order; slots crossing midnight are split. */
function groupByLocalDay(slots: Slots, zone: string, clock: ZoneClock): Map<number, DayRange[]> {
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

function joinWithAnd(items: string[], serialComma: boolean): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(', ');
  return `${head}${serialComma ? ',' : ''} and ${items[items.length - 1]}`;
}

/** e.g. "Tuesday the 10th from 9 to 11 in the morning, and Thursday the 12th after 2 p.m."; '' when there are none. */
export function describeSlotsForSpeech(slots: Slots, zone: string, now: NowInput): string {
  const clock = new ZoneClock(zone);
  const nowMs = toInstant(now, clock, zone);
  const today = Math.floor(clock.local(nowMs) / DAY_MS);
  const items = [...groupByLocalDay(slots, zone, clock).entries()].map(
    ([day, ranges]) => `${labelSlotDay(day, today)} ${joinWithAnd(ranges.map(describeRange), false)}`,
  );
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
    const label = labelWindowDay(dayNumber(firstDay), dayNumber(today));
    if (whole) return `any time ${label}`;
    const endMin = end.equals(lastDay.plus({ days: 1 })) ? DAY_END : minutesOfDay(end);
    return `${label} between ${formatClock(minutesOfDay(start), true)} and ${formatClock(endMin, true)}`;
  }
  const nextMonday = today.startOf('week').plus({ weeks: 1 });
  const lastDayCovered = end >= lastDay.plus({ minutes: AFTERNOON_END });
  const firstDayCovered = minutesOfDay(start) <= MORNING;
  const span = dayNumber(lastDay) - dayNumber(nextMonday);
  if (firstDay.equals(nextMonday) && firstDayCovered && lastDayCovered && span >= 4 && span <= 6) {
    return 'any time next week';
  }
  return `between ${labelWindowDay(dayNumber(firstDay), dayNumber(today))} and ${labelWindowDay(dayNumber(lastDay), dayNumber(today))}`;
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
