// What `meeting create` accepts as typed answers, checked as each one is typed (the same rules as
// the flags: meeting-input.ts), and the date words a person types ("tomorrow", "in two weeks").
import type { DateTime } from 'luxon';
import { controlCharacterIn } from '../domain/leads.js';
import { isValidZone, parseWindowEdge, zoneProblem } from '../domain/meeting-input.js';
import { DAYS_OF_WEEK } from '../domain/types.js';
import { WEEKDAY_NAMES } from '../parsing/heuristic/calendar.js';
import { UNITS } from '../parsing/heuristic/number-words.js';

/** "in a week", "in two weeks": the spelled numbers the parser knows, and a/an. */
const numberWord = (word: string): number | undefined => (word === 'a' || word === 'an' ? 1 : UNITS[word]);

/**
 * A date word read on the owner's calendar: today, tomorrow, "in two weeks", "in 3 days",
 * "next week" (a week from today), or a weekday ("friday", "next friday": the next one after
 * today). Returns YYYY-MM-DD, or null when the text is no date word (an ISO date is left as is).
 */
export function readDateWord(text: string, zone: string, now: DateTime): string | null {
  const words = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = now.setZone(zone).startOf('day');
  const day = (d: DateTime) => d.toISODate();
  if (words === 'today') return day(today);
  if (words === 'tomorrow') return day(today.plus({ days: 1 }));
  if (words === 'day after tomorrow' || words === 'the day after tomorrow') return day(today.plus({ days: 2 }));
  if (words === 'next week') return day(today.plus({ weeks: 1 }));
  const count = /^in (\d{1,3}|[a-z]+) (day|week|month)s?$/.exec(words);
  if (count) {
    const n = /^\d+$/.test(count[1] ?? '') ? Number(count[1]) : numberWord(count[1] ?? '');
    if (n === undefined) return null;
    return day(today.plus({ [`${count[2]}s`]: n }));
  }
  const weekday = /^(next )?([a-z]+)$/.exec(words);
  const index = weekday ? (WEEKDAY_NAMES as readonly string[]).indexOf(weekday[2] ?? '') : -1;
  if (index >= 0) {
    const ahead = (index + 1 - today.weekday + 7) % 7 || 7;
    return day(today.plus({ days: ahead }));
  }
  return null;
}

/** The answer as the window flag takes it: a date word becomes its date; anything else is kept. */
export function windowAnswer(text: string, zone: string, now: DateTime): string {
  return readDateWord(text, zone, now) ?? text.trim();
}

type Check = true | string;

export function checkText(what: string): (value: string) => Check {
  return (value) => {
    if (value.trim() === '') return `expected ${what}`;
    const control = controlCharacterIn(value);
    return control ? `contains a control character (${control}); expected plain text` : true;
  };
}

export function checkWholeNumber(min: number, max: number, unit = ''): (value: string) => Check {
  return (value) => {
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) return `expected a whole number${unit} from ${min} to ${max}`;
    return true;
  };
}

export function checkZone(value: string): Check {
  return isValidZone(value.trim()) ? true : zoneProblem(value.trim());
}

export function checkWindowStart(value: string, zone: string, now: DateTime): Check {
  const edge = parseWindowEdge(windowAnswer(value, zone, now), zone, 'start');
  return edge ? true : 'expected a date (2026-03-09), a date-time, or a word such as today, tomorrow, in two weeks';
}

export function checkWindowEnd(value: string, start: string, durationMinutes: number, zone: string, now: DateTime): Check {
  const end = parseWindowEdge(windowAnswer(value, zone, now), zone, 'end');
  if (!end) return 'expected a date (2026-03-20), a date-time, or a word such as in two weeks, next friday';
  const from = parseWindowEdge(windowAnswer(start, zone, now), zone, 'start');
  if (from && end <= from) return `expected to be after the window start (${from.toISODate()})`;
  if (from && end.diff(from, 'minutes').minutes < durationMinutes)
    return `the ${durationMinutes}-minute meeting does not fit in the window`;
  return true;
}

/** Zones to pick from: the system's first, then every geographic IANA zone (no abbreviations, offsets or UTC). */
export function zoneChoices(systemZone: string | undefined): string[] {
  const all = Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/') && !z.startsWith('Etc/'));
  const first = systemZone && isValidZone(systemZone) ? [systemZone] : [];
  return [...first, ...all.filter((z) => z !== systemZone)];
}

/** Zones matching what was typed ("york", "new y", "tokyo"), in choice order. */
export function searchZones(choices: string[], term: string | undefined): string[] {
  const words = (term ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  if (!words) return choices;
  return choices.filter((z) => z.toLowerCase().replace(/_/g, ' ').includes(words));
}

export const DAY_CHOICES = DAYS_OF_WEEK.map((d) => ({ name: d, value: d }));
