// The availability grammar's calendar: a local date is a plain day number (days since 1970-01-01 on the
// speaker's wall calendar), so stepping, comparing and naming weekdays never touch a zone. Only a slot
// edge becomes an instant, here, with the zone's offset looked up once per day.

import { DAY_MS, type Instant, parseIsoMillis, ZoneClock } from '../../domain/zone-clock.js';
import { getWeekRules, type WeekRules } from './calendar.js';

const MINUTE_MS = 60_000;

export interface DayCalendar {
  clock: ZoneClock;
  nowMs: number;
  today: number;
  /** Today's local midnight as an instant; its offset seeds every other day, as `today.plus({ days })` did. */
  todayStart: Instant;
  rules: WeekRules;
  /** Start and end instants of each day already converted, so a day costs one offset lookup. */
  bounds: Map<number, [Instant, Instant]>;
}

export function createDayCalendar(nowIso: string, zone: string): DayCalendar {
  const clock = new ZoneClock(zone);
  const nowMs = clock.zone.isValid ? parseNowMillis(nowIso) : Number.NaN;
  if (Number.isNaN(nowMs)) throw new Error(`invalid now or timezone: ${nowIso} ${zone}`);
  const today = dayOfInstant(clock, nowMs);
  const todayStart = clock.toInstant(today * DAY_MS, clock.offset(nowMs));
  return { clock, nowMs, today, todayStart, rules: getWeekRules(zone), bounds: new Map() };
}

function parseNowMillis(iso: string): number {
  try {
    return parseIsoMillis(iso);
  } catch {
    return Number.NaN;
  }
}

export function dayOfInstant(clock: ZoneClock, ts: number): number {
  return Math.floor(clock.local(ts) / DAY_MS);
}

/** luxon weekday (1 = Monday … 7 = Sunday); day 0 was a Thursday. */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function dayFromDate(year: number, month: number, day: number): number {
  // Date.UTC rolls over (day 0, day 32) the way luxon's set() does.
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function dateOfDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day of the (locale) week containing `day`. */
export function startOfWeekDay(cal: DayCalendar, day: number): number {
  return day - ((weekdayOf(day) - cal.rules.firstDay + 7) % 7);
}

/** Days from `from` to `to` inclusive. */
export function dayRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d <= to; d += 1) out.push(d);
  return out;
}

export function weekOf(weekStart: number): number[] {
  return dayRange(weekStart, weekStart + 6);
}

export function workdaysIn(cal: DayCalendar, days: number[]): number[] {
  return days.filter((d) => cal.rules.workdays.has(weekdayOf(d)));
}

function boundsOf(cal: DayCalendar, day: number): [Instant, Instant] {
  let b = cal.bounds.get(day);
  if (!b) {
    const start = day === cal.today ? cal.todayStart : cal.clock.toInstant(day * DAY_MS, cal.todayStart.offset);
    // The next midnight reached from this one, as `day.plus({ days: 1 }).startOf('day')` reached it.
    const end = cal.clock.toInstant((day + 1) * DAY_MS, start.offset);
    b = [start, end];
    cal.bounds.set(day, b);
  }
  return b;
}

/** A local wall-clock minute of a day as epoch milliseconds; minute 1440 is the next midnight. */
export function instantAt(cal: DayCalendar, day: number, minute: number): number {
  const [start, end] = boundsOf(cal, day);
  if (minute >= 1440) return end.ts;
  if (start.offset === end.offset && end.ts - start.ts === DAY_MS) {
    // No clock change inside the day (tz rules never change twice within one): minutes are plain steps.
    const ts = start.ts + minute * MINUTE_MS;
    cal.clock.remember(ts, start.offset);
    return ts;
  }
  return cal.clock.toInstant(day * DAY_MS + minute * MINUTE_MS, start.offset).ts;
}
