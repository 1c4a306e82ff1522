/** An ICS body starts (after an optional BOM and blank lines) with BEGIN:VCALENDAR. */
export function looksLikeIcs(text: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCALENDAR\b/i.test(text);
}

/** The calendar's own zone, as Google writes it (X-WR-TIMEZONE), if it names one. */
export function calendarZoneOf(text: string): string | null {
  const match = /^X-WR-TIMEZONE(?:;[^:\r\n]*)?:([^\r\n]+)$/im.exec(text);
  return match?.[1]?.trim() || null;
}

const DATE_PROPERTIES = /^(DTSTART|DTEND|RECURRENCE-ID|EXDATE|RDATE)[;:]/i;
const FLOATING_VALUE = /^\d{8}T\d{6}$/;

/**
 * Pins floating date-times (no TZID, no Z) of events to `zone` by adding TZID=zone.
 * node-ical reads a floating time in the host's zone, or in the first VTIMEZONE of the file; RFC 5545
 * says floating is local wall time wherever the attendee is, which for us is the owner's zone. With an
 * explicit TZID, node-ical also expands RRULEs in that zone, so a floating weekly 10:00 stays 10:00
 * across DST. Times inside VTIMEZONE observances are floating by design and are left alone.
 */
export function pinFloatingTimes(text: string, zone: string): string {
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  const stack: string[] = [];
  return lines
    .map((line) => {
      const begin = /^BEGIN:(\S+)/i.exec(line);
      if (begin?.[1]) stack.push(begin[1].toUpperCase());
      else if (/^END:/i.test(line)) stack.pop();
      else if (stack.at(-1) === 'VEVENT' && DATE_PROPERTIES.test(line)) return pinLine(line, zone);
      return line;
    })
    .join('\r\n');
}

function pinLine(line: string, zone: string): string {
  const colon = line.indexOf(':');
  if (colon < 0) return line;
  const head = line.slice(0, colon);
  const value = line.slice(colon + 1).trim();
  if (/;TZID=/i.test(head) || /;VALUE=(DATE|PERIOD)(?!-)/i.test(head)) return line;
  const values = value.split(',').map((part) => part.trim());
  if (values.length === 0 || !values.every((part) => FLOATING_VALUE.test(part))) return line;
  return `${head};TZID=${zone}:${values.join(',')}`;
}
