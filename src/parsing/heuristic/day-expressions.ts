// Phrases that name days: relative days, weekdays (bare, this/next, plural), dates, weeks and parts of weeks.
import { monthNumber, weekdayNumber } from './calendar.js';
import { HOLIDAY_SRC, holidayName } from './holidays.js';
import type { DayRef, Item, WeekPart } from './items.js';

export interface PhraseRule {
  src: string;
  build: (m: RegExpExecArray) => Item[];
}

export const WD = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
export const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)';

const day = (ref: DayRef): Item => ({ kind: 'day', ref });

/** Every weekday from `a` to `b`, wrapping past Sunday ("sunday through thursday"). */
export function expandWeekdayRange(a: number, b: number): number[] {
  const out: number[] = [];
  for (let d = a; ; d = (d % 7) + 1) {
    out.push(d);
    if (d === b || out.length > 7) break;
  }
  return out;
}

function modeOf(prefix: string | undefined, plural: boolean, suffix: string | undefined) {
  if (suffix && /after next/.test(suffix)) return 'after_next' as const;
  if (suffix && /next/.test(suffix)) return 'next' as const;
  if (suffix && /this/.test(suffix)) return 'this' as const;
  if (prefix && /every|any|all/.test(prefix)) return 'every' as const;
  if (plural) return 'every' as const;
  if (prefix && /next|following/.test(prefix)) return 'next' as const;
  if (prefix && /this|coming/.test(prefix)) return 'this' as const;
  return 'bare' as const;
}

function partOf(word: string | undefined): WeekPart {
  if (!word) return 'all';
  if (/early|beginning|start/.test(word)) return 'early';
  if (/mid|middle/.test(word)) return 'mid';
  if (/rest|later|remainder/.test(word)) return 'rest';
  return /late|end/.test(word) ? 'late' : 'all';
}

const WEEK_PART = '(early|late|(?:the )?(?:end|beginning|start|middle|rest|remainder) of|mid|sometime|anytime|any day|all|later)';

export const DAY_RULES: PhraseRule[] = [
  { src: '(?:the )?day after tomorrow', build: () => [day({ type: 'relative', offset: 2 })] },
  {
    src: '(?:later |later on |sometime |any time |anytime )?today|this(?= (?:morning|afternoon|evening))',
    build: () => [day({ type: 'relative', offset: 0 })],
  },
  {
    src: 'tonight',
    build: () => [day({ type: 'relative', offset: 0 }), { kind: 'time', start: 17 * 60, end: 21 * 60, open: false, part: true }],
  },
  { src: 'tomorrow', build: () => [day({ type: 'relative', offset: 1 })] },
  // "busy right now, try me after 4": the hour of the call itself, today.
  {
    src: '(?:right now|just now|at the moment|at this moment|currently)',
    build: () => [day({ type: 'relative', offset: 0 }), { kind: 'time', start: 0, end: 0, open: false, fromNow: [0, 0] }],
  },
  {
    // "in 2 days", "in 3 days time" (the apostrophe of "days' time" is gone by now), "2 days from now",
    // "in a couple of days" (normalised to "in a 2 days"); "in a few days" is vaguer: the working days 2 to 4 days on.
    src: 'in (?:a )?(\\d{1,3}|few) days?(?: time| from (?:now|today))?|(\\d{1,3}) days? from (?:now|today)',
    build: (m) =>
      m[1] === 'few'
        ? [day({ type: 'span', from: { type: 'relative', offset: 2 }, to: { type: 'relative', offset: 4 } })]
        : [day({ type: 'relative', offset: Number(m[1] ?? m[2]) })],
  },
  {
    // "a week from (this) friday", "a week on friday", "friday week", "on thursday week": British "friday week" is
    // the friday a week after the coming one. "friday week of the 9th" stays "friday" + "week of the 9th".
    // "tuesday fortnight" / "2 weeks from tuesday" ("fortnight" is normalised to "2 weeks") are two weeks on.
    src: `(a|1|2) weeks? (?:from|on|after) (?:(?:this coming|the coming|coming|this|on) )?(${WD})|(?:(?:this coming|the coming|coming|this|on) )?(${WD}) (week|2 weeks)(?! of(?: |$))`,
    build: (m) => {
      const weeks = (m[1] ?? m[4]) === '2' || m[4] === '2 weeks' ? 2 : 1;
      return [day({ type: 'weekday', weekdays: [weekdayNumber(m[2] ?? m[3] ?? '')], mode: 'week_later', weeks })];
    },
  },
  {
    // "two weeks from now", "a week from today".
    src: '(a|1|2|3) weeks? from (?:now|today)',
    build: (m) => [day({ type: 'relative', offset: 7 * (m[1] === 'a' ? 1 : Number(m[1])) })],
  },
  {
    // "a week today", "a week tomorrow", "a fortnight today", British "today week".
    src: '(a|1|2) weeks? (today|tomorrow|from tomorrow)|(today|tomorrow) week',
    build: (m) => {
      const weeks = m[1] === '2' ? 2 : 1;
      const from = /tomorrow/.test(m[2] ?? m[3] ?? '') ? 1 : 0;
      return [day({ type: 'relative', offset: 7 * weeks + from })];
    },
  },
  {
    // "in the next couple of days" (normalised to "2"), "the next few days", "within the next week": the days after today.
    src: '(?:in |within |over |during )?the next (\\d{1,2}|few|several) (days?|weeks?)',
    build: (m) => {
      const n = m[1] === 'few' ? 3 : m[1] === 'several' ? 5 : Number(m[1]);
      const days = /^w/.test(m[2] ?? '') ? 7 * n : n;
      return [day({ type: 'span', from: { type: 'relative', offset: 1 }, to: { type: 'relative', offset: days } })];
    },
  },
  {
    // "away for a week", "out for the next few days", "off for 3 days": from today, that many days.
    src: 'for (?:the next |the coming )?(a|an|1|2|3|4|5|6|7|8|9|10|few|several) (days?|weeks?)',
    build: (m) => {
      const n = m[1] === 'few' ? 3 : m[1] === 'several' ? 5 : m[1] === 'a' || m[1] === 'an' ? 1 : Number(m[1]);
      const days = /^w/.test(m[2] ?? '') ? 7 * n : n;
      return [day({ type: 'span', from: { type: 'relative', offset: 0 }, to: { type: 'relative', offset: days - 1 } })];
    },
  },
  {
    src: '(?:within|in|over|during) the next week',
    build: () => [day({ type: 'span', from: { type: 'relative', offset: 0 }, to: { type: 'relative', offset: 7 } })],
  },
  {
    src: '(?:the )?day (after|before)|(?:the )?(?:following|next) day|(?:the )?day following',
    build: (m) => [day({ type: 'neighbor', offset: m[1] === 'before' ? -1 : 1 })],
  },
  {
    src: '(?:(?:the |at the |by the )?(end|beginning|start|middle) of|(late|early|mid)) (?:(the|this|next) )?month',
    build: (m) => [day({ type: 'month', next: m[3] === 'next', part: partOf(m[1] ?? m[2]) })],
  },
  // "any time after" at the end of a busy statement is "after that".
  { src: 'after that|after then|thereafter|after which|after(?= ,|$)', build: () => [day({ type: 'rest', after: true })] },
  { src: 'from then on|from then|then', build: () => [day({ type: 'rest', after: false })] },
  {
    src: `(?:from |between )?(?:(this coming|the coming|coming|this|next|the following|following|every|any|all|on) )?(${WD})(s)? (?:to|through|until|till|and) (${WD})(s)?(?: (next week|this week|the week after next))?`,
    build: (m) => {
      const weekdays = expandWeekdayRange(weekdayNumber(m[2] ?? ''), weekdayNumber(m[4] ?? ''));
      // "and" only makes a range after "between": "monday and wednesday" alone is two days (the lexer tries shorter rules).
      if (/ and /.test(m[0]) && !m[0].startsWith('between')) throw new Error('a list, not a range');
      return [day({ type: 'weekday', weekdays, mode: modeOf(m[1], Boolean(m[3] || m[5]), m[6]), range: true })];
    },
  },
  {
    // "from the 9th to the 11th", "between the 9th and the 12th", "9th-11th": every day from one date to the other.
    src: `(?:from |between )?(?:the )?(\\d{1,2})th(?: of (${MONTH}))? (?:to|through|until|till|and) (?:the )?(\\d{1,2})th(?: of (${MONTH}))?`,
    build: (m) => {
      if (/ and /.test(m[0]) && !m[0].startsWith('between')) throw new Error('a list, not a range');
      const from: DayRef = { type: 'date', day: Number(m[1]), month: monthOf(m[2] ?? m[4]) };
      const to: DayRef = { type: 'date', day: Number(m[3]), month: monthOf(m[4] ?? m[2]) };
      return [day({ type: 'span', from, to })];
    },
  },
  {
    // "on wednesday the 28th": the weekday is kept to check it against the date, which wins.
    // "the 28th, wednesday" names the weekday after the date.
    src: `(?:on )?(?:(${WD}) )?(?:the )?(\\d{1,2})th(?: of (${MONTH}|this month|next month)| (?!may (?:be|work|not|suit|have|need|want|also|well|still)\\b)(${MONTH})\\b)?(?: (${WD})(?! (?:or|and|to|through|until|till) ))?`,
    build: (m) => [day({ type: 'date', day: Number(m[2]), month: monthOf(m[3] ?? m[4]), ...weekdayOf(m[1] ?? m[5]) })],
  },
  {
    // "may 20 or 21", "june 3 and the 5th": the month is said once for both days.
    src: `(?:on )?(${MONTH}) (?:the )?(\\d{1,2})(?:th)? (?:or|and) (?:the )?(\\d{1,2})(?:th)?\\b`,
    build: (m) => [2, 3].map((i) => day({ type: 'date', day: Number(m[i]), month: monthNumber(m[1] ?? '') })),
  },
  {
    // "friday 15 may", "the 3 of june": day first without "th" (not "3 may work").
    src: `(?:on )?(?:(${WD}) )?(?:the )?(\\d{1,2}) (?:of )?(?!may (?:be|work|not|suit|have|need|want|also|well|still)\\b)(${MONTH})\\b`,
    build: (m) => [day({ type: 'date', day: Number(m[2]), month: monthNumber(m[3] ?? ''), ...weekdayOf(m[1]) })],
  },
  {
    // "march 11am" is March and a clock time, not the 11th.
    src: `(?:on )?(?:(${WD}) )?(${MONTH}) (?:the )?(\\d{1,2})(?:th)?\\b(?! ?(?:am|pm|oclock|:\\d))`,
    build: (m) => [day({ type: 'date', day: Number(m[3]), month: monthNumber(m[2] ?? ''), ...weekdayOf(m[1]) })],
  },
  {
    src: `(?:(this coming|the coming|coming|this|next|the following|following|every|any|all|on) )?(${WD})(s)?(?: (next week|this week|of next week|of this week|after next|the week after next|week after next))?`,
    build: (m) => [day({ type: 'weekday', weekdays: [weekdayNumber(m[2] ?? '')], mode: modeOf(m[1], Boolean(m[3]), m[4]) })],
  },
  {
    src: `(?:${WEEK_PART} )?(?:(?:the )?week after next|(?:the )?following week)`,
    build: (m) => [day({ type: 'week', which: 'after_next', part: partOf(m[1]) })],
  },
  {
    src: `(?:${WEEK_PART} )?(?:the )?week of (?:the )?(?:(${MONTH}) )?(\\d{1,2})(?:th)?(?: of (${MONTH}))?`,
    build: (m) => [day({ type: 'week', which: 'of_date', part: partOf(m[1]), date: { day: Number(m[3]), month: monthOf(m[2] ?? m[4]) } })],
  },
  {
    src: `(?:${WEEK_PART} )?(?:in )?(this|next|the) week`,
    build: (m) =>
      m[2] === 'the' && !m[1]
        ? [day({ type: 'window' })]
        : [day({ type: 'week', which: m[2] === 'next' ? 'next' : 'this', part: partOf(m[1]) })],
  },
  { src: '(?:next|the following) weekend', build: () => [day({ type: 'weekend', which: 'next' })] },
  { src: '(?:this |the )?weekend', build: () => [day({ type: 'weekend', which: 'this' })] },
  // "can't do anything till november", "from april": the month's first day, as a busy spell's edge.
  {
    src: `(?<=(?:until|before|from|since|starting|beginning) )(${MONTH})(?! (?:the )?\\d)`,
    build: (m) => [day({ type: 'date', day: 1, month: monthNumber(m[1] ?? '') })],
  },
  // "can't until next month": next month, as a busy spell's edge (beyond the window it leaves nothing).
  { src: '(?<=(?:until|before|from|since|starting|beginning) )next month', build: () => [day({ type: 'month', next: true, part: 'all' })] },
  // "never on fridays, otherwise fine": the other days are offered.
  {
    src: '(?:but )?(?:otherwise|other than that|apart from that|besides that|aside from that)(?: (?:im |i am |its |were |anything |any day )?(?:fine|good|ok|okay|free|open|available|flexible|wide open|anytime|any time|whenever|works?|goes))+',
    build: () => [{ kind: 'cue', cue: 'sep' }, day({ type: 'window' }), { kind: 'cue', cue: 'pos' }],
  },
  // "anything but friday": an open offer, then what it leaves out.
  {
    src: '(?:anything|any day|any time|anytime|whenever) (?:but|except(?: for)?|other than|apart from)',
    // An open offer is never what a busy word before it rules out ("busy this week, next week anything except tuesday").
    build: () => [{ kind: 'cue', cue: 'pos' }, day({ type: 'window' }), { kind: 'cue', cue: 'except' }],
  },
  {
    // "out all week", "free the whole week": this week.
    src: '(?:all|the whole|the entire|this whole) week(?: long)?',
    build: () => [day({ type: 'week', which: 'this', part: 'all' })],
  },
  {
    src: 'weekdays|any weekday|every weekday|any day(?: of the week)?|every day|whenever|anytime|any time|whatever (?:day|time)|any of those days|either day|any of them|any other (?:day|time)s?|(?:all|the) other days|(?:the )?rest of the (?:week|days)',
    build: () => [day({ type: 'window' })],
  },
  { src: HOLIDAY_SRC, build: (m) => [day({ type: 'holiday', name: holidayName(m[0]) })] },
  {
    src: 'next month|in (?:a|1|2|3) (?:month|months|weeks)|later (?:this|in the) (?:month|year)|after the holidays|in the new year|next year|next quarter',
    build: () => [day({ type: 'later' })],
  },
];

function weekdayOf(word: string | undefined): { weekday?: number } {
  return word ? { weekday: weekdayNumber(word) } : {};
}

function monthOf(word: string | undefined): number | null {
  if (!word || /this month/.test(word)) return null;
  if (/next month/.test(word)) return -1;
  return monthNumber(word);
}
