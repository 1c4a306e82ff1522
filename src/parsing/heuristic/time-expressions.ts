// Clock times and parts of the day. Hours without am/pm are read as business hours ("at 3" is 15:00,
// "at 9" is 09:00) because nobody books a sales meeting at 3 in the morning.
import type { TimeItem } from './items.js';

/** Default bounds for open ranges ("after 2", "before noon"). */
export const OPEN_DAY_START = 8 * 60;
export const OPEN_DAY_END = 18 * 60;
export const BUSINESS_START = 9 * 60;
export const BUSINESS_END = 17 * 60;

export const CLOCK =
  '(?:\\d{1,2}(?::\\d{2})?(?: (?:am|pm|oclock))?(?: oclock)?(?: in the (?:morning|afternoon|evening)| at night| tonight)?|noon|midnight)';

interface Clock {
  minutes: number;
  meridiem: 'am' | 'pm' | null;
}

export function readClock(text: string): Clock | null {
  if (text.startsWith('noon')) return { minutes: 720, meridiem: 'pm' };
  if (text.startsWith('midnight')) return { minutes: 1440, meridiem: 'am' };
  const m = /^(\d{1,2})(?::(\d{2}))?(?: (am|pm|oclock))?(?: oclock)?(?: (?:in the )?(morning|afternoon|evening|at night|tonight))?/.exec(
    text,
  );
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (hour > 23 || minute > 59) return null;
  let meridiem: Clock['meridiem'] = m[3] === 'am' || m[3] === 'pm' ? m[3] : null;
  if (m[4] === 'morning') meridiem = 'am';
  else if (m[4]) meridiem = 'pm';
  if (hour > 12) meridiem = null;
  return { minutes: hour * 60 + minute, meridiem };
}

function apply(clock: Clock, meridiem: 'am' | 'pm'): number {
  const h = Math.floor(clock.minutes / 60) % 12;
  return (meridiem === 'pm' ? h + 12 : h) * 60 + (clock.minutes % 60);
}

/** A lone hour read as business hours: 7–11 morning, 12 noon, 1–6 afternoon. */
export function resolveClock(clock: Clock): number {
  if (clock.meridiem) return apply(clock, clock.meridiem);
  const h = Math.floor(clock.minutes / 60);
  if (h >= 13 || h === 0) return clock.minutes;
  return h >= 7 && h <= 12 ? clock.minutes : clock.minutes + 720;
}

/** Both ends of "from one to three pm" / "11 to 1": the end is after the start, a stated meridiem spreads. */
export function resolveRange(a: Clock, b: Clock): [number, number] {
  let end: number;
  let start: number;
  if (b.meridiem && !a.meridiem) {
    end = apply(b, b.meridiem);
    const same = apply(a, b.meridiem);
    const other = apply(a, b.meridiem === 'am' ? 'pm' : 'am');
    start = same < end ? same : Math.floor(a.minutes / 60) >= 13 ? a.minutes : other;
    if (start >= end) start = resolveClock(a);
  } else {
    start = resolveClock(a);
    end = b.meridiem ? apply(b, b.meridiem) : b.minutes;
    if (b.minutes >= 1440) end = 1440;
    while (end <= start && end + 720 <= 1440) end += 720;
  }
  return [start, end];
}

/** A clock said without am/pm that a part of the day may still move by twelve hours ("evening seven"). */
function isBare(clock: Clock): boolean {
  const h = Math.floor(clock.minutes / 60);
  return clock.meridiem === null && h >= 1 && h <= 12;
}

export function makePoint(clock: Clock, duration: number): TimeItem {
  const start = resolveClock(clock);
  return { kind: 'time', start, end: Math.min(1440, start + Math.max(60, duration)), open: false, bare: isBare(clock) };
}

export function makeAround(clock: Clock, duration: number): TimeItem {
  const at = resolveClock(clock);
  const start = at - 30;
  return { kind: 'time', start, end: Math.min(1440, Math.max(at + 30, start + duration)), open: false, bare: isBare(clock) };
}

export function makeAfter(clock: Clock): TimeItem {
  const start = resolveClock(clock);
  const end = start <= 16 * 60 ? OPEN_DAY_END : Math.min(start + 180, 21 * 60);
  return { kind: 'time', start, end: Math.max(end, start), open: true, bare: isBare(clock), bound: 'after' };
}

export function makeBefore(clock: Clock): TimeItem {
  // "until midnight" ends at 24:00 of the day, not at its start.
  const end = clock.minutes >= 1440 ? 1440 : resolveClock(clock);
  return {
    kind: 'time',
    start: Math.min(OPEN_DAY_START, Math.max(6 * 60, end - 120)),
    end,
    open: true,
    bare: isBare(clock),
    bound: 'before',
  };
}

export function makeRange(start: number, end: number, open = false): TimeItem {
  return { kind: 'time', start, end, open };
}

/** A part of the day: a bare clock next to it is read inside it ("afternoon at three", "evening seven thirty"). */
export function makePart(start: number, end: number, open = false): TimeItem {
  return { kind: 'time', start, end, open, part: true };
}

/** Parts of the day in minutes; the plain ones follow PART_OF_DAY_HOURS in the domain. */
export const PARTS_OF_DAY: Array<[string, number, number]> = [
  // The start of the working day.
  ['first thing(?: in the morning)?', BUSINESS_START, BUSINESS_START + 60],
  ['early (?:in the )?morning', 8 * 60, 10 * 60],
  ['late (?:in the )?morning', 10 * 60, 12 * 60],
  ['mid ?morning', 9 * 60 + 30, 11 * 60 + 30],
  ['morning', 8 * 60, 12 * 60],
  ['early (?:in the )?afternoon', 12 * 60, 14 * 60],
  ['mid ?afternoon', 14 * 60, 16 * 60],
  ['late (?:in the )?afternoon', 15 * 60, 17 * 60],
  ['afternoon', 12 * 60, 17 * 60],
  ['(?:right )?after lunch', 13 * 60, 17 * 60],
  ['before lunch', 8 * 60, 12 * 60],
  ['(?:around |over |at |during )?lunch', 12 * 60, 13 * 60],
  ['early (?:in the )?evening', 17 * 60, 19 * 60],
  ['evening|after work|at night|night', 17 * 60, 21 * 60],
  [
    '(?:during |in )?(?:normal |regular )?(?:business|working|office|work) hours|during the day|all day(?: long)?',
    BUSINESS_START,
    BUSINESS_END,
  ],
];
