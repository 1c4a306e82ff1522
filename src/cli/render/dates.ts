// The one human date format: "Tue 10 Mar, 14:00 EDT", with the year when it is not the current
// one ("Tue 10 Mar 2027, 14:00 GMT+9" where the zone has no abbreviation in English). JSON keeps
// ISO instants; only people read this.
//
// "The current year" and `--tz` are facts of the invocation, not of the data, so they are set once
// per command (runtime.emit → setDateDisplay) instead of being threaded through every renderer.
import { DateTime } from 'luxon';

interface DateDisplay {
  /** The reference instant (--now / CALLBOOK_NOW / the clock): decides whether the year is shown. */
  now: DateTime;
  /** --tz: times a renderer shows in a meeting's or owner's zone are shown in this one instead. */
  zone: string | null;
}

let display: DateDisplay = { now: DateTime.now(), zone: null };

export function setDateDisplay(options: { now?: string | number | null; zone?: string | null }): void {
  const now = options.now === undefined || options.now === null ? DateTime.now() : toDateTime(options.now, 'UTC');
  display = { now, zone: options.zone ?? null };
}

export type Instant = string | number | DateTime;

/** A person's own clock (an attendee's local time) stays in their zone whatever --tz says. */
export interface ZoneChoice {
  own?: boolean;
}

function toDateTime(instant: Instant, zone: string): DateTime {
  const dt =
    typeof instant === 'number'
      ? DateTime.fromMillis(instant)
      : typeof instant === 'string'
        ? DateTime.fromISO(instant, { setZone: true })
        : instant;
  return dt.setZone(zone).setLocale('en-US');
}

/** The zone a time is shown in: --tz unless the time is a person's own clock. */
export function shownZone(zone: string, choice: ZoneChoice = {}): string {
  return choice.own ? zone : (display.zone ?? zone);
}

/** "EST", "GMT+9", "GMT": ICU's short name in English, which is an offset where no abbreviation exists. */
function zoneLabel(dt: DateTime): string {
  return dt.toFormat('ZZZZ');
}

function dayText(dt: DateTime): string {
  const year = dt.year === display.now.setZone(dt.zone).year ? '' : ` ${dt.year}`;
  return `${dt.toFormat('ccc d LLL')}${year}`;
}

/** "Tue 10 Mar" (+ year when not the current one). */
export function formatDay(instant: Instant, zone: string, choice: ZoneChoice = {}): string {
  const dt = toDateTime(instant, shownZone(zone, choice));
  return dt.isValid ? dayText(dt) : String(instant);
}

/** "Tue 10 Mar, 14:00 EDT". */
export function formatWhen(instant: Instant, zone: string, choice: ZoneChoice = {}): string {
  const dt = toDateTime(instant, shownZone(zone, choice));
  if (!dt.isValid) return String(instant);
  return `${dayText(dt)}, ${dt.toFormat('HH:mm')} ${zoneLabel(dt)}`;
}

/**
 * "Tue 10 Mar, 14:00–14:30 EDT". The end gets its own day when it falls on another local day, and
 * its own zone label when a DST change happens in between ("Sun 8 Mar, 01:30 EST–03:30 EDT").
 */
export function formatSpan(start: Instant, end: Instant, zone: string, choice: ZoneChoice = {}): string {
  const z = shownZone(zone, choice);
  const s = toDateTime(start, z);
  const e = toDateTime(end, z);
  if (!s.isValid || !e.isValid) return `${String(start)}–${String(end)}`;
  const endDay = s.hasSame(e, 'day') ? '' : `${dayText(e)}, `;
  if (s.offset === e.offset) return `${dayText(s)}, ${s.toFormat('HH:mm')}–${endDay}${e.toFormat('HH:mm')} ${zoneLabel(s)}`;
  return `${dayText(s)}, ${s.toFormat('HH:mm')} ${zoneLabel(s)}–${endDay}${e.toFormat('HH:mm')} ${zoneLabel(e)}`;
}
