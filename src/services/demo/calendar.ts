// The demo owner's diary: a small ICS file shaped like a Google Calendar export (VTIMEZONE,
// a weekly recurring series with an exception, one-off meetings, a free "focus" block), dated
// from the meeting's window so any --now tells the same story. confirm reads it through the
// calendar reader like any owner's calendar, so the one-on-one bookings visibly step around it.
import { writeFileSync } from 'node:fs';
import type { DateTime } from 'luxon';

export interface DemoCalendarEvent {
  summary: string;
  /** ISO with the owner's offset. */
  start: string;
  end: string;
  /** "every weekday" for the series; null for a one-off. */
  repeats: string | null;
  /** TRANSP:TRANSPARENT: shown in the diary, but free time. */
  free: boolean;
}

const ZONE = 'America/New_York';

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:America/New_York',
  'X-LIC-LOCATION:America/New_York',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'TZNAME:EDT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'TZNAME:EST',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const local = (t: DateTime) => t.setZone(ZONE).toFormat("yyyyMMdd'T'HHmmss");
const utc = (t: DateTime) => t.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");

/** Writes the diary for a window starting on `windowStart` (a Monday in New York) and returns its events. */
export function writeDemoCalendar(path: string, windowStart: DateTime, windowEnd: DateTime): DemoCalendarEvent[] {
  const day = (offset: number, hour: number, minute = 0) =>
    windowStart.setZone(ZONE).startOf('day').plus({ days: offset }).set({ hour, minute });
  const events: (DemoCalendarEvent & { uid: string; at: DateTime; until: DateTime })[] = [
    { uid: 'standup', summary: 'Team stand-up', at: day(0, 9), until: day(0, 9, 30), repeats: 'every weekday', free: false },
    { uid: 'planning', summary: 'Quarterly planning', at: day(2, 10), until: day(2, 12), repeats: null, free: false },
    { uid: 'globex', summary: 'Customer call: Globex', at: day(3, 13), until: day(3, 14), repeats: null, free: false },
    { uid: 'focus', summary: 'Focus time', at: day(3, 14), until: day(3, 16), repeats: null, free: true },
  ].map((e) => ({ ...e, start: e.at.toISO() ?? '', end: e.until.toISO() ?? '' }));
  const stamp = utc(windowStart);
  const lines = ['BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN'];
  lines.push('X-WR-CALNAME:dana@acme.example', `X-WR-TIMEZONE:${ZONE}`, ...VTIMEZONE);
  for (const e of events) {
    lines.push('BEGIN:VEVENT', `DTSTART;TZID=${ZONE}:${local(e.at)}`, `DTEND;TZID=${ZONE}:${local(e.until)}`);
    if (e.repeats) {
      lines.push(`RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=${utc(windowEnd)}`);
      // No stand-up on the second Monday (a holiday); the first Friday's moved to 09:30 (below).
      lines.push(`EXDATE;TZID=${ZONE}:${local(e.at.plus({ days: 7 }))}`);
    }
    lines.push(`DTSTAMP:${stamp}`, `UID:${e.uid}@demo.callbook`, `SUMMARY:${e.summary}`);
    lines.push(`TRANSP:${e.free ? 'TRANSPARENT' : 'OPAQUE'}`, 'STATUS:CONFIRMED', 'END:VEVENT');
  }
  const moved = events[0];
  if (moved) {
    const at = moved.at.plus({ days: 4, minutes: 30 });
    lines.push('BEGIN:VEVENT', `DTSTART;TZID=${ZONE}:${local(at)}`, `DTEND;TZID=${ZONE}:${local(at.plus({ minutes: 30 }))}`);
    lines.push(`RECURRENCE-ID;TZID=${ZONE}:${local(moved.at.plus({ days: 4 }))}`, `DTSTAMP:${stamp}`);
    lines.push(`UID:${moved.uid}@demo.callbook`, `SUMMARY:${moved.summary}`, 'STATUS:CONFIRMED', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  writeFileSync(path, lines.join('\r\n'));
  return events.map(({ summary, start, end, repeats, free }) => ({ summary, start, end, repeats, free }));
}
