import { DateTime } from 'luxon';
import type { VEvent } from 'node-ical';
import { allDaySpan, isAllDay } from './all-day.js';
import { isFree } from './free-time.js';
import { rdateStarts } from './rdate.js';
import type { TimeSpan } from './types.js';

export interface BusyEvent extends TimeSpan {
  summary: string | null;
}

/** How this calendar is read: `zone` for floating times and all-day dates; whose declines free time. */
export interface Reading {
  zone: string;
  ownerEmail: string | null;
}

// node-ical types an override as Omit<VEvent, 'recurrences'>, which its index signature flattens to
// unknowns; an override has every field a VEvent has, so it is handled as one.
type Instance = VEvent;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The busy stretches of one parsed VEVENT (with its RECURRENCE-ID overrides) that overlap `range`.
 * We walk the RRULE ourselves instead of node-ical's expandRecurringEvent, which reads all-day
 * dates and its range bounds in the host's zone and only applies an override when the original
 * instance is in range (an instance moved into the range from outside it would be lost).
 */
export function expandEvent(event: VEvent, range: TimeSpan, reading: Reading): BusyEvent[] {
  const busy: BusyEvent[] = [];
  if (range.end <= range.start) return busy;
  const { zone, ownerEmail } = reading;
  for (const start of instanceStarts(event, range, zone)) {
    if (isExcluded(event, start) || hasOverride(event, start) || isFree(event, ownerEmail)) continue;
    push(busy, spanOfOccurrence(event, start, zone), event, range);
  }
  for (const override of uniqueOverrides(event)) {
    if (!isFree(override, ownerEmail)) push(busy, spanOfOverride(override, event, zone), override, range);
  }
  return busy;
}

/** RRULE occurrences (or DTSTART alone) plus RDATEs; overrides are added by the caller. */
function instanceStarts(event: VEvent, range: TimeSpan, zone: string): Date[] {
  // An override whose series is not in the file arrives as its own "master" with a RECURRENCE-ID;
  // it is counted once, through its recurrences entry.
  if (!event.rrule && event.recurrenceid !== undefined) return [];
  const starts = event.rrule ? occurrenceStarts(event, range) : event.start instanceof Date ? [event.start] : [];
  return [...starts, ...rdateStarts(event, zone)];
}

function push(busy: BusyEvent[], span: TimeSpan | null, event: Instance, range: TimeSpan): void {
  if (span === null || span.end <= span.start) return;
  if (span.start < range.end && span.end > range.start) busy.push({ ...span, summary: textOf(event.summary) });
}

function occurrenceStarts(event: VEvent, range: TimeSpan): Date[] {
  const rule = event.rrule;
  if (!rule) return [];
  // Widen by the event's length (an occurrence that began before the range may still run into it)
  // and by two days for all-day dates, which rrule returns as calendar days, not instants.
  const margin = durationMs(event) + (isAllDay(event) ? 2 * DAY_MS : 0);
  return rule.between(new Date(range.start - margin), new Date(range.end + (isAllDay(event) ? 2 * DAY_MS : 0)), true);
}

function isExcluded(event: VEvent, start: Date): boolean {
  const exdate = event.exdate;
  if (!exdate) return false;
  if (isAllDay(event)) return exdate[localDateKey(start)] !== undefined;
  // A DATE-TIME EXDATE names one instant; a DATE EXDATE removes every instance of that day.
  return exdate[start.toISOString()] !== undefined || exdate[zonedDateKey(start, event)]?.dateOnly === true;
}

function hasOverride(event: VEvent, start: Date): boolean {
  const recurrences = event.recurrences;
  if (!recurrences) return false;
  return (isAllDay(event) ? recurrences[localDateKey(start)] : recurrences[start.toISOString()]) !== undefined;
}

function uniqueOverrides(event: VEvent): Instance[] {
  // node-ical stores each override under two keys (the date and the instant): count it once.
  return [...new Set(Object.values(event.recurrences ?? {}))] as Instance[];
}

function spanOfOccurrence(event: VEvent, start: Date, zone: string): TimeSpan {
  if (isAllDay(event)) return allDaySpan(start, daysOf(event), zone);
  return { start: start.getTime(), end: start.getTime() + durationMs(event) };
}

/** A RECURRENCE-ID override at its own time; one without its own end keeps the series' length. */
function spanOfOverride(instance: Instance, series: VEvent, zone: string): TimeSpan | null {
  if (!(instance.start instanceof Date)) return null;
  if (isAllDay(instance)) return allDaySpan(instance.start, daysOf(instance), zone);
  const own = durationMs(instance);
  const length = own > 0 ? own : durationMs(series);
  return { start: instance.start.getTime(), end: instance.start.getTime() + length };
}

function durationMs(event: Instance): number {
  if (!(event.start instanceof Date) || !(event.end instanceof Date)) return isAllDay(event) ? DAY_MS : 0;
  return Math.max(0, event.end.getTime() - event.start.getTime());
}

// All-day lengths count calendar days: a host DST change must not turn 3 days into 2.96.
function daysOf(event: Instance): number {
  if (!(event.end instanceof Date)) return 1;
  const days = Math.round((dayNumber(event.end) - dayNumber(event.start)) / DAY_MS);
  return Math.max(1, days);
}

function dayNumber(date: Date): number {
  return Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
}

// node-ical gives DATE values as local midnight of the host, and keys them by local date.
function localDateKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// The day of a timed instance is its day in the series' own zone (20:00 Monday in New York is Tuesday in UTC).
function zonedDateKey(date: Date, event: VEvent): string {
  return DateTime.fromMillis(date.getTime(), { zone: event.start.tz ?? 'UTC' }).toISODate() ?? '';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function textOf(value: VEvent['summary'] | undefined): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : value.val;
  return text.trim() === '' ? null : text;
}
