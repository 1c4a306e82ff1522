// Calendar facts that depend on where the speaker is: which day a week starts on and which days are
// working days. Every date is a luxon DateTime at the start of a local day in the speaker's zone.
import { DateTime } from 'luxon';

/** Zones whose working week runs Sunday–Thursday (weekend Friday–Saturday). */
const SUNDAY_WEEK_ZONES = new Set([
  'Asia/Jerusalem',
  'Asia/Tel_Aviv',
  'Israel',
  'Asia/Riyadh',
  'Asia/Kuwait',
  'Asia/Qatar',
  'Asia/Bahrain',
  'Asia/Baghdad',
  'Asia/Amman',
  'Africa/Cairo',
  'Egypt',
]);

export interface WeekRules {
  /** luxon weekday (1 = Monday … 7 = Sunday) the week starts on. */
  firstDay: number;
  workdays: ReadonlySet<number>;
}

export function getWeekRules(zone: string): WeekRules {
  if (SUNDAY_WEEK_ZONES.has(zone)) return { firstDay: 7, workdays: new Set([7, 1, 2, 3, 4]) };
  return { firstDay: 1, workdays: new Set([1, 2, 3, 4, 5]) };
}

export interface Calendar {
  zone: string;
  now: DateTime;
  today: DateTime;
  rules: WeekRules;
}

export function createCalendar(nowIso: string, zone: string): Calendar {
  const now = DateTime.fromISO(nowIso, { setZone: true }).setZone(zone);
  if (!now.isValid) throw new Error(`invalid now or timezone: ${nowIso} ${zone}`);
  return { zone, now, today: now.startOf('day'), rules: getWeekRules(zone) };
}

export function parseInstant(iso: string, zone: string): DateTime {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  if (!dt.isValid) throw new Error(`invalid ISO instant: ${iso}`);
  return dt;
}

/** First day of the (locale) week containing `day`. */
export function startOfWeek(cal: Calendar, day: DateTime): DateTime {
  const back = (day.weekday - cal.rules.firstDay + 7) % 7;
  return day.startOf('day').minus({ days: back });
}

export function formatIso(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: true }) ?? '';
}

export const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** luxon weekday number for a name ("tuesday", "tuesdays"). */
export function weekdayNumber(name: string): number {
  const base = name.endsWith('s') && !name.endsWith('days') ? name : name.replace(/s$/, '');
  const i = WEEKDAY_NAMES.findIndex((w) => base.startsWith(w.slice(0, 3)));
  return i + 1;
}

export function monthNumber(name: string): number {
  return MONTH_NAMES.findIndex((m) => name.startsWith(m.slice(0, 3))) + 1;
}
