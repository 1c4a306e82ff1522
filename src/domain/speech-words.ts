// The words of the spoken scripts: day and month names, ordinals, clock times, parts of the day
// and lists. Tables rather than luxon's formatter, since read-backs run on every webhook request
// (see speech.ts).
import { DAY_MS } from './zone-clock.js';

export interface DayRange {
  /** Minutes after local midnight; end may be 1440. */
  start: number;
  end: number;
}

export const MORNING = 8 * 60;
const NOON = 12 * 60;
export const AFTERNOON_END = 17 * 60;
const EVENING_END = 21 * 60;
export const DAY_END = 24 * 60;
const WEEKDAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const MONTHS = 'January February March April May June July August September October November December'.split(' ');

function weekdayName(day: number): string {
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7] ?? '';
}

/** "Friday, March 20th" */
function longDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${weekdayName(day)}, ${MONTHS[d.getUTCMonth()] ?? ''} ${ordinal(d.getUTCDate())}`;
}

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "today", "tomorrow", "Friday" within the week, else "Friday, March 20th". */
export function labelWindowDay(day: number, today: number): string {
  const diff = day - today;
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff > 1 && diff < 7) return weekdayName(day);
  return longDate(day);
}

/** "today", "tomorrow", "Tuesday the 10th" within three weeks, else "Tuesday, April 7th". */
export function labelSlotDay(day: number, today: number): string {
  const diff = day - today;
  if (diff === 0) return 'today';
  if (diff === 1) return 'tomorrow';
  if (diff > 1 && diff < 21) return `${weekdayName(day)} the ${ordinal(new Date(day * DAY_MS).getUTCDate())}`;
  return longDate(day);
}

export function formatClock(minutes: number, withMeridiem: boolean): string {
  if (minutes === NOON) return 'noon';
  if (minutes === 0 || minutes === DAY_END) return 'midnight';
  const h24 = Math.floor(minutes / 60);
  const m = minutes % 60;
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const clock = m === 0 ? `${h12}` : `${h12}:${String(m).padStart(2, '0')}`;
  return withMeridiem ? `${clock} ${h24 < 12 ? 'a.m.' : 'p.m.'}` : clock;
}

function partOfDay(minutes: number): 'morning' | 'afternoon' | 'evening' {
  if (minutes < NOON) return 'morning';
  return minutes < AFTERNOON_END ? 'afternoon' : 'evening';
}

export function describeRange({ start, end }: DayRange): string {
  if (start <= MORNING && end >= AFTERNOON_END) return 'all day';
  if (start === MORNING && end === NOON) return 'in the morning';
  if (start === NOON && end === AFTERNOON_END) return 'in the afternoon';
  if (start === AFTERNOON_END && end === EVENING_END) return 'in the evening';
  if (start <= MORNING) return `before ${formatClock(end, true)}`;
  // Free until the end of the working day (or later) sounds like "after 2 p.m." to a person.
  if (end === AFTERNOON_END || end >= EVENING_END) return `after ${formatClock(start, true)}`;
  const part = partOfDay(start);
  if (start !== NOON && end !== NOON && part === partOfDay(end - 1)) {
    return `from ${formatClock(start, false)} to ${formatClock(end, false)} in the ${part}`;
  }
  return `from ${formatClock(start, true)} to ${formatClock(end, true)}`;
}

export function joinWithAnd(items: string[], serialComma: boolean): string {
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(', ');
  return `${head}${serialComma ? ',' : ''} and ${items[items.length - 1]}`;
}
