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

/**
 * Epoch ms of text as Date.parse reads it, without Date.parse's cost for the form stored instants
 * take (2026-03-10T13:00:00.000Z: 24 characters, years 1970–9999, days up to the 28th); any
 * other text goes to Date.parse.
 */
export function parseUtcMs(text: string): number {
  // Slot edges repeat (the quarter hours of one window): a lookup by text is cheaper still.
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = canonicalMs(text);
    if (ms < 0) ms = Date.parse(text);
    if (parsed.size >= 20_000) parsed.clear();
    parsed.set(text, ms);
  }
  return ms;
}
const parsed = new Map<string, number>();

/** Epoch ms of a stored UTC instant (STORED_UTC), else NaN. */
export function storedUtcMs(text: string): number {
  const ms = canonicalMs(text);
  if (ms >= 0) return ms;
  return STORED_UTC.test(text) ? Date.parse(text) : Number.NaN;
}

const digitAt = (text: string, i: number) => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100_000;
};
const twoAt = (text: string, i: number) => digitAt(text, i) * 10 + digitAt(text, i + 1);

/** -1 unless text is YYYY-MM-DDTHH:MM:SS.sssZ with fields Date.parse takes the same way. */
function canonicalMs(text: string): number {
  if (text.length !== 24) return -1;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return -1;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 || text.charCodeAt(23) !== 90) return -1;
  const year = twoAt(text, 0) * 100 + twoAt(text, 2);
  const month = twoAt(text, 5);
  const day = twoAt(text, 8);
  const hour = twoAt(text, 11);
  const minute = twoAt(text, 14);
  const second = twoAt(text, 17);
  const milli = digitAt(text, 20) * 100 + twoAt(text, 21);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23) return -1;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || milli < 0) return -1;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** A stored instant in a zone: its epoch ms (NaN for text that is not a stored instant), the text, and the text as a JSON string. */
export interface ZonedEdge {
  ms: number;
  text: string;
  json: string;
}

/** Answers already written, per zone by stored text: slot edges repeat (the quarter hours of one window). */
const written = new Map<string, Map<string, ZonedEdge>>();

/** Same text as DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).toISO(). */
export function zonedIso(isoUtc: string, zone: string): string {
  return zonedEdgeOf(isoUtc, zone).text;
}

/**
 * zonedIso with the instant (storedUtcMs) and the JSON string (JSON.stringify of the text), kept
 * per zone and text. The text of a stored instant is luxon's ISO text or the stored text itself,
 * digits and `-+:.TZ` only, so quoting it is all JSON.stringify does.
 */
export function zonedEdgeOf(isoUtc: string, zone: string): ZonedEdge {
  let byText = written.get(zone);
  if (!byText) {
    if (written.size >= 32) written.clear();
    byText = new Map();
    written.set(zone, byText);
  }
  let edge = byText.get(isoUtc);
  if (edge === undefined) {
    const ms = storedUtcMs(isoUtc);
    const text = Number.isNaN(ms) ? luxonInZone(isoUtc, zone) : format(isoUtc, ms, zone);
    edge = { ms, text, json: Number.isNaN(ms) ? JSON.stringify(text) : `"${text}"` };
    if (byText.size >= 4096) byText.clear();
    byText.set(isoUtc, edge);
  }
  return edge;
}

function format(isoUtc: string, ms: number, zone: string): string {
  const offset = offsetOf(ms, zone);
  if (offset === null) return luxonInZone(isoUtc, zone);
  const wall = ms + offset * 60_000;
  // Years 1000–9999 only (four digits, no sign), the ones this was checked against luxon for.
  if (wall < -30_610_224_000_000 || wall >= 253_402_300_800_000) return luxonInZone(isoUtc, zone);
  return `${new Date(wall).toISOString().slice(0, 23)}${suffixOf(offset)}`;
}
