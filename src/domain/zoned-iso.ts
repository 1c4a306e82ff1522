// An ISO UTC instant as luxon writes it in a zone (2026-03-10T09:00:00.000-04:00), without a
// DateTime per call: listing 300k availability slots, luxon's parse-and-format took ~10 µs a
// time, twice a slot. The zone's offset is asked of luxon once per quarter hour that needs it
// (every offset change happens on a quarter hour; a quarter whose ends disagree, or an offset
// that is not whole minutes (before standard time), is left to luxon).
import { DateTime, IANAZone } from 'luxon';

const STORED_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const PLACE = /^(?!Etc\/)[A-Za-z]+\/[A-Za-z0-9_+\-/]+$/;
const QUARTER_MS = 15 * 60_000;

/** Per zone: the offset in minutes of each quarter hour (null: ask luxon). */
const offsets = new Map<string, Map<number, number | null>>();

function luxonInZone(isoUtc: string, zone: string): string {
  return DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).toISO() ?? isoUtc;
}

function offsetOf(ms: number, zone: string): number | null {
  let byQuarter = offsets.get(zone);
  if (!byQuarter) {
    if (!PLACE.test(zone) || !IANAZone.isValidZone(zone)) return null;
    byQuarter = new Map();
    offsets.set(zone, byQuarter);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const z = IANAZone.create(zone);
    const first = z.offset(quarter * QUARTER_MS);
    const last = z.offset((quarter + 1) * QUARTER_MS - 1);
    offset = first === last && Number.isInteger(first) ? first : null;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** "+05:30" for 330 minutes, once per offset. */
const suffixes = new Map<number, string>();
function suffixOf(offset: number): string {
  let suffix = suffixes.get(offset);
  if (suffix === undefined) {
    const abs = Math.abs(offset);
    suffix = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    suffixes.set(offset, suffix);
  }
  return suffix;
}

/** Recent answers: slot edges repeat (on the quarter hours of one window), so most calls are a lookup. */
const recent = new Map<string, string>();

/** Same text as DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).toISO(). */
export function zonedIso(isoUtc: string, zone: string): string {
  const key = `${zone} ${isoUtc}`;
  let text = recent.get(key);
  if (text === undefined) {
    text = format(isoUtc, zone);
    if (recent.size >= 20_000) recent.clear();
    recent.set(key, text);
  }
  return text;
}

function format(isoUtc: string, zone: string): string {
  const ms = STORED_UTC.test(isoUtc) ? Date.parse(isoUtc) : Number.NaN;
  const offset = Number.isNaN(ms) ? null : offsetOf(ms, zone);
  if (offset === null) return luxonInZone(isoUtc, zone);
  const wall = ms + offset * 60_000;
  // Years 1000–9999 only (four digits, no sign), the ones this was checked against luxon for.
  if (wall < -30_610_224_000_000 || wall >= 253_402_300_800_000) return luxonInZone(isoUtc, zone);
  return `${new Date(wall).toISOString().slice(0, 23)}${suffixOf(offset)}`;
}
