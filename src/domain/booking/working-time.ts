// Working hours, working days and durations as owners type them on the command line.
// Pure: each parser throws an Error that states the expected form; callers name the flag.
import { DAYS_OF_WEEK, type DayOfWeek } from '../types.js';

/** Local wall-clock range "HH:MM"; end may be "24:00" and is always after start. */
export type TimeRange = { start: string; end: string };

export const DEFAULT_WORKING_HOURS: TimeRange[] = [{ start: '09:00', end: '17:00' }];
export const DEFAULT_WORKING_DAYS: DayOfWeek[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
export const DEFAULT_MIN_NOTICE_MINUTES = 120;
export const DEFAULT_BUFFER_MINUTES = 0;
/** Accepted ranges: a buffer of up to 4 hours, a notice of up to 30 days. */
export const MAX_BUFFER_MINUTES = 240;
export const MAX_MIN_NOTICE_MINUTES = 30 * 1440;
/** "any": the whole day. */
export const ALL_DAY: TimeRange[] = [{ start: '00:00', end: '24:00' }];

export const WORKING_HOURS_FORM = 'ranges like 09:00-12:00,13:00-17:00 (or 9-17), or "any"';
export const WORKING_DAYS_FORM = `days like mon-fri, mon,wed,fri, "weekdays" or "any" (days: ${DAYS_OF_WEEK.join(', ')})`;
export const DURATION_FORM = 'a duration like 90m, 2h, 1d or a number of minutes';

function clock(text: string): string | null {
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "09:00-12:00,13:00-17:00", "9-17", "any" → sorted, non-overlapping ranges. */
export function parseWorkingHours(text: string): TimeRange[] {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'any') return ALL_DAY.map((r) => ({ ...r }));
  const items = trimmed.split(',').map((s) => s.trim());
  if (trimmed === '' || items.some((s) => s === '')) throw new Error(`expected ${WORKING_HOURS_FORM}, got "${text}"`);
  const ranges = items.map((item) => {
    const parts = item.split(/\s*[-–]\s*/);
    const start = parts.length === 2 ? clock(parts[0] ?? '') : null;
    const end = parts.length === 2 ? clock(parts[1] ?? '') : null;
    if (!start || !end || start === '24:00') throw new Error(`expected ${WORKING_HOURS_FORM}, got "${item}"`);
    if (end <= start) throw new Error(`expected each range to end after it starts, got "${item}"`);
    return { start, end };
  });
  ranges.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1];
    const cur = ranges[i];
    if (prev && cur && cur.start < prev.end)
      throw new Error(`expected ranges that do not overlap, got ${prev.start}-${prev.end} and ${cur.start}-${cur.end}`);
  }
  return ranges;
}

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** "mon", "thurs", "Friday": at least three letters of a day's name. */
function day(text: string): DayOfWeek {
  const t = text.trim().toLowerCase();
  const i = t.length >= 3 ? DAY_NAMES.findIndex((name) => name.startsWith(t)) : -1;
  if (i < 0) throw new Error(`expected ${WORKING_DAYS_FORM}, got "${text.trim()}"`);
  return DAYS_OF_WEEK[i] as DayOfWeek;
}

/** "mon-fri", "mon,wed,fri", "weekdays", "any" → days in week order, Monday first. */
export function parseWorkingDays(text: string): DayOfWeek[] {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'any' || trimmed === 'all' || trimmed === 'everyday') return [...DAYS_OF_WEEK];
  if (trimmed === 'weekdays') return [...DEFAULT_WORKING_DAYS];
  if (trimmed === 'weekends') return ['sat', 'sun'];
  if (trimmed === '') throw new Error(`expected ${WORKING_DAYS_FORM}, got ""`);
  const chosen = new Set<DayOfWeek>();
  for (const item of trimmed.split(/[\s,]+/).filter(Boolean)) {
    const parts = item.split(/[-–]/);
    if (parts.length === 1) chosen.add(day(item));
    else if (parts.length === 2) {
      // A range wraps past Sunday: "fri-mon" is fri, sat, sun, mon.
      const from = DAYS_OF_WEEK.indexOf(day(parts[0] ?? ''));
      const to = DAYS_OF_WEEK.indexOf(day(parts[1] ?? ''));
      for (let i = from; ; i = (i + 1) % 7) {
        chosen.add(DAYS_OF_WEEK[i] as DayOfWeek);
        if (i === to) break;
      }
    } else throw new Error(`expected ${WORKING_DAYS_FORM}, got "${item}"`);
  }
  return DAYS_OF_WEEK.filter((d) => chosen.has(d));
}

/** "2h", "90m", "1d", "1h30m", "0", bare number = minutes → whole minutes. */
export function parseDurationMinutes(text: string): number {
  const trimmed = text.trim().toLowerCase().replace(/\s+/g, '');
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const m = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m(?:in)?)?$/.exec(trimmed);
  if (!trimmed || !m || (m[1] === undefined && m[2] === undefined && m[3] === undefined))
    throw new Error(`expected ${DURATION_FORM}, got "${text}"`);
  const minutes = Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  if (!Number.isInteger(minutes)) throw new Error(`expected a whole number of minutes, got "${text}"`);
  return minutes;
}

/** [{09:00,12:00},{13:00,17:00}] → "09:00-12:00,13:00-17:00"; the whole day → "any". */
export function formatWorkingHours(ranges: TimeRange[]): string {
  if (ranges.length === 1 && ranges[0]?.start === '00:00' && ranges[0]?.end === '24:00') return 'any';
  return ranges.map((r) => `${r.start}-${r.end}`).join(',');
}

/** ['mon',…,'fri'] → "mon-fri"; other sets are listed. */
export function formatWorkingDays(days: DayOfWeek[]): string {
  if (days.length === 7) return 'any';
  const idx = days.map((d) => DAYS_OF_WEEK.indexOf(d)).sort((a, b) => a - b);
  const contiguous = idx.length > 2 && idx.every((v, i) => i === 0 || v === (idx[i - 1] ?? 0) + 1);
  return contiguous ? `${DAYS_OF_WEEK[idx[0] ?? 0]}-${DAYS_OF_WEEK[idx[idx.length - 1] ?? 0]}` : days.join(',');
}

/** Why a list of ranges is not valid working hours (bad clock, end not after start, overlap), or null. */
export function workingHoursProblem(ranges: TimeRange[]): string | null {
  try {
    parseWorkingHours(ranges.map((r) => `${r.start}-${r.end}`).join(','));
    return ranges.length === 0 ? `expected ${WORKING_HOURS_FORM}` : null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The hours inside both lists: "not before 10" (10:00-24:00) within 09:00-17:00 is 10:00-17:00. */
export function intersectWorkingHours(a: TimeRange[], b: TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  for (const x of a)
    for (const y of b) {
      // "HH:MM" strings order as times do: the later start and the earlier end.
      const start = [x.start, y.start].sort()[1] ?? x.start;
      const end = [x.end, y.end].sort()[0] ?? x.end;
      if (start < end) out.push({ start, end });
    }
  return out.sort((p, q) => p.start.localeCompare(q.start));
}
