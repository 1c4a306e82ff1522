import { DateTime } from 'luxon';
import type { VEvent } from 'node-ical';
import type { TimeSpan } from './types.js';

export function isAllDay(event: VEvent): boolean {
  return event.datetype === 'date' || event.start?.dateOnly === true;
}

/**
 * An all-day event is busy from midnight to midnight of its days in `zone` (the owner's day off in
 * New York is not 00:00–24:00 UTC). node-ical hands the date over as host-local midnight, so its
 * calendar fields are read with the local getters.
 */
export function allDaySpan(date: Date, days: number, zone: string): TimeSpan {
  const first = DateTime.fromObject({ year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() }, { zone }).startOf('day');
  return { start: first.toMillis(), end: first.plus({ days }).startOf('day').toMillis() };
}
