import { isPlaceableTzid } from './zone-names.js';

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
 * Pins event date-times that node-ical would read in the host's zone to `zone` (TZID=zone):
 * floating times (no TZID, no Z) and times whose TZID nobody can place (an unknown name, an
 * Outlook "Customized Time Zone" without its VTIMEZONE block). RFC 5545 says floating is local
 * wall time wherever the attendee is, which for us is the owner's zone; node-ical would use the
 * host's zone, or the first VTIMEZONE of the file. With an explicit TZID, node-ical also expands
 * RRULEs in that zone, so a floating weekly 10:00 stays 10:00 across DST. Times inside VTIMEZONE
 * observances are floating by design and are left alone.
 */
export function pinFloatingTimes(lines: string[], zone: string): string[] {
  const defined = definedTzids(lines);
  const stack: string[] = [];
  return lines.map((line) => {
    const begin = /^BEGIN:(\S+)/i.exec(line);
    if (begin?.[1]) stack.push(begin[1].toUpperCase());
    else if (/^END:/i.test(line)) stack.pop();
    else if (stack.at(-1) === 'VEVENT' && DATE_PROPERTIES.test(line)) return pinLine(line, zone, defined);
    return line;
  });
}

/** Content lines with RFC 5545 folding undone (a line break followed by a space or tab continues a line). */
export function unfoldLines(text: string): string[] {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
}

function pinLine(line: string, zone: string, defined: ReadonlySet<string>): string {
  const colon = valueStart(line);
  if (colon < 0) return line;
  const head = line.slice(0, colon);
  const value = line.slice(colon + 1).trim();
  if (/;VALUE=(DATE|PERIOD)(?!-)/i.test(head)) return line;
  const values = value.split(',').map((part) => part.trim());
  if (!values.every((part) => FLOATING_VALUE.test(part))) return line;
  const tzid = /;TZID=("[^"]*"|[^;:]*)/i.exec(head);
  if (tzid?.[1] !== undefined) {
    if (isPlaceableTzid(tzid[1].replace(/^"(.*)"$/, '$1'), defined)) return line;
    return `${head.replace(tzid[0], `;TZID=${zone}`)}:${values.join(',')}`;
  }
  return `${head};TZID=${zone}:${values.join(',')}`;
}

// The first colon outside a quoted parameter value (TZID="tzone://Microsoft/Custom" has colons).
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return i;
  }
  return -1;
}

function definedTzids(lines: string[]): Set<string> {
  const ids = new Set<string>();
  let inTimezone = false;
  for (const line of lines) {
    if (/^BEGIN:VTIMEZONE/i.test(line)) inTimezone = true;
    else if (/^END:VTIMEZONE/i.test(line)) inTimezone = false;
    else if (inTimezone && /^TZID[;:]/i.test(line))
      ids.add(
        line
          .slice(valueStart(line) + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return ids;
}
