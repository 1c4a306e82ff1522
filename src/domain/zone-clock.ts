// Instants ↔ local wall-clock time in one zone, on plain numbers. luxon asks Intl for a zone offset on
// every DateTime it builds (the top cost in the parse profile), so the parser works in local day numbers
// and minutes and comes here once per slot edge; each offset is asked for once per clock.
import { DateTime, Info, type Zone } from 'luxon';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const zones = new Map<string, Zone>();

/** The luxon zone for a name, resolved once per process ("utc" and "UTC+3" become fixed zones, as in setZone). */
export function zoneNamed(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = Info.normalizeZone(name);
    if (zones.size > 512) zones.clear();
    zones.set(name, zone);
  }
  return zone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const FIELDS = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/**
 * The same offset IANAZone#offset computes (wall clock from Intl minus the instant, to the second), but
 * from format() instead of formatToParts(), which costs a quarter as much; null leaves it to luxon.
 */
function ianaOffset(name: string, ts: number): number | null {
  let dtf = formatters.get(name);
  if (!dtf) {
    const options = { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric' } as const;
    dtf = new Intl.DateTimeFormat('en-US', { ...options, hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(name, dtf);
  }
  const m = FIELDS.exec(dtf.format(ts));
  if (!m) return null;
  const n = (i: number) => Number(m[i]);
  if (n(3) < 100) return null;
  const wall = Date.UTC(n(3), n(1) - 1, n(2), n(4) % 24, n(5), n(6));
  return (wall - (ts - (((ts % 1000) + 1000) % 1000))) / MINUTE_MS;
}

/** An instant and the zone offset (minutes) in force at it. */
export interface Instant {
  ts: number;
  offset: number;
}

/**
 * Offsets already asked for, per zone, shared by every clock in the process: a server builds a clock
 * per webhook, and the same slot edges (whole hours in the same weeks) come up request after request.
 */
const offsetsByZone = new Map<string, Map<number, number>>();
const OFFSETS_PER_ZONE = 20_000;

function offsetMemo(zone: Zone): Map<number, number> {
  let memo = offsetsByZone.get(zone.name);
  if (!memo) {
    memo = new Map();
    if (offsetsByZone.size > 512) offsetsByZone.clear();
    offsetsByZone.set(zone.name, memo);
  } else if (memo.size > OFFSETS_PER_ZONE) {
    memo.clear();
  }
  return memo;
}

export class ZoneClock {
  readonly zone: Zone;
  private readonly offsets: Map<number, number>;

  constructor(name: string) {
    this.zone = zoneNamed(name);
    this.offsets = offsetMemo(this.zone);
  }

  offset(ts: number): number {
    let o = this.offsets.get(ts);
    if (o === undefined) {
      o = (this.zone.type === 'iana' ? ianaOffset(this.zone.name, ts) : null) ?? this.zone.offset(ts);
      this.offsets.set(ts, o);
    }
    return o;
  }

  /** Records an offset already known (an edge inside a day without a clock change), to spare the lookup. */
  remember(ts: number, offset: number): void {
    this.offsets.set(ts, offset);
  }

  /** Local wall-clock milliseconds (epoch-based, as if UTC) of an instant. */
  local(ts: number): number {
    return ts + this.offset(ts) * MINUTE_MS;
  }

  /**
   * luxon's own rule (fixOffset) for a local wall-clock time, starting from the offset `guess`, so DST gaps
   * and overlaps resolve exactly as DateTime.set/plus resolve them.
   */
  toInstant(localMs: number, guess: number): Instant {
    let ts = localMs - guess * MINUTE_MS;
    const o2 = this.offset(ts);
    if (o2 === guess) return { ts, offset: guess };
    ts -= (o2 - guess) * MINUTE_MS;
    const o3 = this.offset(ts);
    if (o2 === o3) return { ts, offset: o2 };
    return { ts: localMs - Math.min(o2, o3) * MINUTE_MS, offset: Math.max(o2, o3) };
  }

  /** ISO-8601 with the zone's offset and no zero milliseconds: what DateTime#toISO({ suppressMilliseconds }) prints. */
  format(ts: number): string {
    // luxon's toISO() of an invalid zone is null, which callers printed as ''.
    if (!this.zone.isValid) return '';
    const offset = this.offset(ts);
    const d = new Date(ts + offset * MINUTE_MS);
    const year = d.getUTCFullYear();
    if (year < 0 || year > 9999 || !Number.isInteger(offset)) {
      // Out of the plain four-digit form or a seconds-precise historic offset: let luxon spell it.
      return DateTime.fromMillis(ts, { zone: this.zone }).toISO({ suppressMilliseconds: true }) ?? '';
    }
    const ms = d.getUTCMilliseconds();
    const frac = ms === 0 ? '' : `.${pad(ms, 3)}`;
    const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}`;
    return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${time}${this.suffix(offset)}`;
  }

  private suffix(offset: number): string {
    if (offset === 0 && this.zone.isUniversal) return 'Z';
    const abs = Math.abs(offset);
    return `${offset < 0 ? '-' : '+'}${pad(Math.trunc(abs / 60))}:${pad(abs % 60)}`;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Epoch milliseconds of an ISO instant. The plain form with an offset is read directly; anything else
 * (no offset, week dates, odd precision, out-of-range fields) goes through luxon, as before.
 */
export function parseIsoMillis(iso: string): number {
  const m = ISO.exec(iso);
  if (m) {
    const n = (i: number) => Number(m[i] ?? 0);
    const local = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6), n(7));
    const back = new Date(local);
    const z = m[8] ?? 'Z';
    const zoneMinutes = z === 'Z' ? 0 : Number(z.slice(4, 6));
    const offset = z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + zoneMinutes);
    // Date.UTC rolls 31 April over into May; luxon calls that invalid, so only exact round trips are taken here.
    const exact = back.getUTCDate() === n(3) && back.getUTCMonth() + 1 === n(2) && n(4) < 24 && n(5) < 60 && n(6) < 60;
    if (exact && n(1) >= 100 && zoneMinutes < 60) return local - offset * MINUTE_MS;
  }
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) throw new Error(`invalid ISO instant: ${iso}`);
  return dt.toMillis();
}
