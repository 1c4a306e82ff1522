// Phrase rules for clock times: points, ranges, open bounds, parts of the day, digit runs and minutes from
// now. Hours without am/pm are read as business hours (time-expressions.ts); the lexer picks the longest.
import { type PhraseRule, WD } from './day-expressions.js';
import type { Item } from './items.js';
import {
  CLOCK,
  makeAfter,
  makeAround,
  makeBefore,
  makePart,
  makePoint,
  makeRange,
  PARTS_OF_DAY,
  readClock,
  resolveRange,
} from './time-expressions.js';

function clock(text: string | undefined) {
  const c = text ? readClock(text) : null;
  if (!c) throw new Error(`not a clock time: ${text}`);
  return c;
}

/** A bare number is only a time after a word that introduces one; "at" is optional with am/pm or a colon. */
const STRONG_CLOCK = `(?:\\d{1,2}:\\d{2}(?: (?:am|pm))?|\\d{1,2} (?:am|pm|oclock)|noon|midnight)(?: in the (?:morning|afternoon|evening))?`;

export function timeRules(duration: number): PhraseRule[] {
  const range = (m: RegExpExecArray): Item[] => {
    const [s, e] = resolveRange(clock(m[1]), clock(m[2]));
    return e > s ? [makeRange(s, e)] : [];
  };
  const after =
    '(?:after|not before|not until|no earlier than|from|starting(?: at| from)?|later than|past|any ?time after|anytime from|since|nothing (?:before|until)|(?:i )?cant (?:do|make|manage) (?:anything|any time|anytime) (?:before|until))';
  const before =
    '(?:before|until(?: about| around| roughly| approximately)?|up to about|not after|no later than|by|up to|up until|earlier than|any ?time before|anytime until)';
  return [
    { src: `between (${CLOCK}) (?:and|to) (${CLOCK})`, build: range },
    { src: `(?:from |at )?(${CLOCK}) (?:to|until|through) (${CLOCK})`, build: range },
    { src: `(?:anytime )?${after} (${CLOCK})`, build: (m) => [makeAfter(clock(m[1]))] },
    { src: `(${CLOCK}) (?:onwards?|on(?=$)|or later|and later|or after|and after)`, build: (m) => [makeAfter(clock(m[1]))] },
    {
      src: `(?:anytime )?${before} (${CLOCK})`,
      // "until 3" can end a busy spell ("tied up until 2 tomorrow"); "before 3" only bounds the time.
      build: (m) => [
        { ...makeBefore(clock(m[1])), ...(/^(?:anytime )?(?:until|up to|up until|anytime until)/.test(m[0]) ? { until: true } : {}) },
      ],
    },
    { src: `(${CLOCK}) or (?:earlier|before)`, build: (m) => [makeBefore(clock(m[1]))] },
    { src: `(?:at )?(?:around|about|approximately|roughly|circa) (${CLOCK})`, build: (m) => [makeAround(clock(m[1]), duration)] },
    { src: `(?:at )?(${CLOCK}) (?:ish|or so)`, build: (m) => [makeAround(clock(m[1]), duration)] },
    { src: `at (${CLOCK})`, build: (m) => [makePoint(clock(m[1]), duration)] },
    { src: `(${STRONG_CLOCK})`, build: (m) => [makePoint(clock(m[1]), duration)] },
    {
      // "noon or one", "at 2 or 3", "ten or eleven am": both times; a stated am/pm spreads to the other.
      src: `(?:at )?(${CLOCK}) (?:or|and) (?:at )?(${BARE})`,
      build: (m) => {
        const a = clock(m[1]);
        const b = clock(m[2]);
        if (a.meridiem && !b.meridiem && b.minutes < 720) b.meridiem = a.meridiem;
        if (b.meridiem && !a.meridiem && a.minutes < 720) a.meridiem = b.meridiem;
        return [makePoint(a, duration), makePoint(b, duration)];
      },
    },
    {
      src: `(?:starting|start|beginning|begin) (?:at |from )?(${CLOCK}) (?:and )?(?:ending|finishing|end|finish|until|to|through) (?:at |by )?(${CLOCK})`,
      build: range,
    },
    // "eight tonight", "7:30 tomorrow evening": a bare clock before a part of the day is read inside it.
    { src: `(${BARE_HOUR})(?= ${PART_AHEAD})`, build: (m) => [makePoint(clock(m[1]), duration)] },
    // "nine on friday the 15th", "10 tomorrow": a bare hour right before the day it is on.
    { src: `(${BARE_HOUR})(?= (?:on (?:${WD}|the \\d)|tomorrow|today|next ${WD}))`, build: (m) => [makePoint(clock(m[1]), duration)] },
    // "monday 11 or tuesday 2": a bare hour right after the day it is on.
    {
      src: `(?<=(?:${WD}|tomorrow|today) )(1[0-2]|[1-9])(?::[0-5]\\d)?(?= |$)(?! ?(?:th|${MONTH_WORD})(?: |$))`,
      build: (m) => [makePoint(clock(m[0]), duration)],
    },
    // "three works", "2 would be fine": a bare hour that the next words accept.
    {
      src: `(${BARE_HOUR})(?= (?:works?|would (?:work|be)|is (?:good|fine|great|perfect|best|better|ok|okay)|suits?|sounds|could work|might work)(?: |$))`,
      build: (m) => [makePoint(clock(m[1]), duration)],
    },
    // "thursday, actually eleven", "wait i meant 3": a bare hour a correction gives is a time.
    {
      src: `(?<=(?:actually|i mean|i meant|i said|make it|make that|scratch that|wait|sorry|rather|correction|hold on|hang on|say|can we do|could we do|lets do|try|how about|what about) )(${BARE_HOUR})(?! (?:th|${MONTH_WORD}|days?|weeks?|hours?|minutes?|mins?)(?: |$))`,
      build: (m) => [makePoint(clock(m[1]), duration)],
    },
    // "evening seven thirty", "afternoon 3".
    { src: `(?<=(?:morning|afternoon|evening|night|tonight) )(${BARE_HOUR})`, build: (m) => [makePoint(clock(m[1]), duration)] },
    // "this time tomorrow", "same time next week": the clock time of the call itself.
    {
      src: '(?:at )?(?:this|the same|same) time( next week)?',
      build: (m) => [
        ...(m[1] ? [{ kind: 'day', ref: { type: 'relative', offset: 7 } } as const] : []),
        { kind: 'time', start: 0, end: 0, open: false, fromNow: [0, 0] },
      ],
    },
    // "in meetings all morning": busy through the morning (free after it, when no day is named).
    {
      src: '(?:all|the whole|the entire|most of the) morning(?: long)?',
      build: () => [{ ...makePart(8 * 60, 12 * 60), whole: true }],
    },
    // "busy until the afternoon": a busy spell ending at noon (of the day named, today when none is).
    {
      src: '(?:until|up until|up to) the afternoon',
      build: () => [{ ...makeBefore({ minutes: 12 * 60, meridiem: 'pm' }), until: true }],
    },
    // "tied up until lunch", "through lunch", "until after lunch": a busy spell ending at noon or at 13:00.
    {
      src: '(?:until|up to|up until) lunch|(?:until|up until|up to|through) (?:after |the end of )?lunch',
      build: (m) => [{ ...makeBefore({ minutes: /through|after|end/.test(m[0]) ? 13 * 60 : 12 * 60, meridiem: 'pm' }), until: true }],
    },
    // "COB", "end of day": before 17:00.
    { src: '(?:by |before |at |around |until |till )?cob', build: () => [makeBefore({ minutes: 17 * 60, meridiem: 'pm' })] },
    {
      // "in an hour or two", "in 30 minutes", "in a couple of hours" (normalised to "in a 2 hours"): minutes from now.
      src: `in (?:a |an )?(${SPAN_N}) (hours?|minutes?|mins?)(?: or (?:(${SPAN_N})(?: (hours?|minutes?|mins?))?|so))?(?: from now| time)?`,
      build: (m) => {
        const unit = (u: string | undefined) => (u && /^h/.test(u) ? 60 : 1);
        const first = spanNumber(m[1]) * unit(m[2]);
        const second = m[3] ? spanNumber(m[3]) * unit(m[4] ?? m[2]) : /or so$/.test(m[0]) ? first + 30 : first;
        return [
          { kind: 'day', ref: { type: 'relative', offset: 0 } },
          { kind: 'time', start: 0, end: 0, open: false, fromNow: [first, Math.max(first, second)] },
        ];
      },
    },
    ...PARTS_OF_DAY.map(([src, s, e]): PhraseRule => ({ src: `(?:${src})`, build: () => [makePart(s, e)] })),
  ];
}

/** A clock that a later word may place: "9", "7:30", "8 oclock" (no am/pm). */
const BARE_HOUR = '\\d{1,2}(?::\\d{2})?(?: oclock)?';
const BARE = `${BARE_HOUR}(?: (?:am|pm))?`;
const PART_AHEAD =
  '(?:tonight|this (?:morning|afternoon|evening)|tomorrow (?:morning|afternoon|evening|night)|(?:in the )?(?:morning|afternoon|evening)|at night)';
const MONTH_WORD =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)';
const SPAN_N = '\\d{1,3}|a|an|half an?|half';

function spanNumber(word: string | undefined): number {
  if (!word || word === 'a' || word === 'an') return 1;
  return word.startsWith('half') ? 0.5 : Number(word);
}
