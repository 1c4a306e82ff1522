import { DateTime } from 'luxon';
import type { VEvent } from 'node-ical';
import { isIanaZone } from './zone-names.js';

type RawProperty = string | { val?: unknown; params?: Record<string, unknown> };

/**
 * Extra instances named by RDATE. node-ical expands RRULE but keeps RDATE as raw text, so a series
 * defined (or extended) by RDATE would otherwise be free time. Timed values come back as instants;
 * DATE values as host-local midnight, the way node-ical hands over every DATE.
 * A TZID that is not an IANA name (a Windows or custom name) is read in the series' DTSTART zone,
 * which node-ical resolved: calendar apps write RDATE in the same zone as DTSTART.
 */
export function rdateStarts(event: VEvent, floatingZone: string): Date[] {
  const raw = event.rdate as RawProperty | RawProperty[] | undefined;
  if (raw === undefined) return [];
  const starts: Date[] = [];
  for (const property of Array.isArray(raw) ? raw : [raw]) {
    const text = typeof property === 'string' ? property : String(property.val ?? '');
    const tzid = typeof property === 'string' ? undefined : property.params?.TZID;
    const zone = typeof tzid === 'string' && isIanaZone(tzid) ? tzid : (event.start.tz ?? floatingZone);
    for (const value of text.split(',')) {
      // A PERIOD value ("start/end") counts from its start, with the series' length.
      const start = parseValue(value.trim().split('/')[0] ?? '', zone);
      if (start !== null) starts.push(start);
    }
  }
  return starts;
}

function parseValue(value: string, zone: string): Date | null {
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (date) return new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
  const time = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(value);
  if (!time) return null;
  const [year, month, day, hour, minute, second] = time.slice(1, 7).map(Number);
  const parsed = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: time[7] === 'Z' ? 'UTC' : zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}
