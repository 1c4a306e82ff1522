import ical, { type CalendarResponse, type VEvent } from 'node-ical';
import { CallbookError } from '../../errors.js';
import { expandEvent } from './expand.js';
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, readCalendarText, remote } from './fetch-source.js';
import { ownerEmailOf } from './free-time.js';
import { calendarZoneOf, looksLikeIcs, pinFloatingTimes, unfoldLines } from './ics-text.js';
import { dropEventsOutside } from './prefilter.js';
import { describeCalendarSource } from './source-name.js';
import type { BusyInterval, ReadBusyOptions, TimeSpan } from './types.js';
import { isIanaZone } from './zone-names.js';

/**
 * Busy intervals of one calendar that overlap `range`: whole events, not clipped, sorted by start.
 * Read fresh on every call (a booking must see the diary as it is now). Any failure to read or
 * parse is a CallbookError('remote') naming the calendar without its secret path.
 */
export async function readBusyTimes(source: string, range: TimeSpan, options: ReadBusyOptions = {}): Promise<BusyInterval[]> {
  const name = describeCalendarSource(source);
  const text = await readCalendarText(source, name, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    cwd: options.cwd ?? process.cwd(),
  });
  if (!looksLikeIcs(text)) throw remote(name, 'is not an ICS calendar (no BEGIN:VCALENDAR)');
  const zone = localZone(options.zone, calendarZoneOf(text));
  const lines = pinFloatingTimes(dropEventsOutside(unfoldLines(text), range), zone);
  const parsed = parseCalendar(lines.join('\r\n'), name);
  const reading = { zone, ownerEmail: ownerEmailOf(options.ownerEmail, parsed.vcalendar?.['WR-CALNAME']) };
  const busy: BusyInterval[] = [];
  for (const event of Object.values(parsed).filter((item): item is VEvent => item?.type === 'VEVENT')) {
    for (const span of expandEvent(event, range, reading)) busy.push({ ...span, source: name });
  }
  return dedupe(busy).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Floating times and all-day dates are read in the owner's zone, else the calendar's, else UTC. */
function localZone(ownerZone: string | undefined, calendarZone: string | null): string {
  if (ownerZone !== undefined) {
    if (!isIanaZone(ownerZone)) {
      throw new CallbookError('bad_input', `zone: unknown time zone "${ownerZone}"; expected an IANA name like America/New_York`);
    }
    return ownerZone;
  }
  if (calendarZone !== null && isIanaZone(calendarZone)) return calendarZone;
  return 'UTC';
}

function parseCalendar(text: string, name: string): CalendarResponse {
  try {
    return ical.sync.parseICS(text);
  } catch (error) {
    throw remote(name, `could not be parsed as ICS (${error instanceof Error ? error.message : String(error)})`);
  }
}

// The same instance can be named twice (an RDATE that repeats an RRULE occurrence): list it once.
function dedupe(busy: BusyInterval[]): BusyInterval[] {
  const seen = new Set<string>();
  return busy.filter((interval) => {
    const key = `${interval.start}|${interval.end}|${interval.summary ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
