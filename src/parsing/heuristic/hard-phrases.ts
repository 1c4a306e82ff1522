// The phrases that can make an instruction's hours or days hard, found by one longest-match pass over the
// tokens of a clause (as lexer.ts does for answers), so the cost stays linear in the text. What they mean
// together ("only" + the phrases next to it) is decided in hard-constraints.ts.
import { PART_OF_DAY_HOURS, type PartOfDay } from '../../domain/types.js';
import type { Calendar } from './calendar.js';
import { DAY_LIST, readDayList } from './constraints-days.js';
import { CLOCK as ANY_CLOCK, readClock, resolveClock, resolveRange } from './time-expressions.js';

export type HardPhrase =
  /** "only", "strictly", "must be": makes the phrases next to it hard. */
  | { kind: 'only' }
  /** "preferably", "ideally" keep what follows soft; "if possible", "works best" what comes before. */
  | { kind: 'soft'; reach: 'ahead' | 'back' }
  /** "and", "or", "on": may sit between the phrases one "only" covers. */
  | { kind: 'join' }
  | { kind: 'days'; days: number[] }
  | { kind: 'hours'; range: [number, number] }
  /** "never outside 9 to 5": hard on its own. */
  | { kind: 'outside'; range: [number, number] }
  /** "not before 10" (lower) or "no later than 5" (upper): hard on its own. */
  | { kind: 'bound'; side: 'lower' | 'upper'; at: number }
  /** "after 10", "before 4": hard only next to "only" ("only after 10"). */
  | { kind: 'open'; side: 'lower' | 'upper'; at: number }
  /** "no mornings", "can't do evenings": the part of day is ruled out. */
  | { kind: 'no_part'; range: [number, number] };

export interface LexedPhrase {
  phrase: HardPhrase;
  /** Character span in the clause, to blank it out once it is used. */
  from: number;
  to: number;
  /** Token span [first, last + 1), to tell which phrases touch. */
  tokA: number;
  tokB: number;
}

const BUSINESS_HOURS: [number, number] = [9 * 60, 17 * 60];
const partRange = (word: string): [number, number] => {
  const hours = PART_OF_DAY_HOURS[word.replace(/s$/, '') as PartOfDay];
  return [hours.start * 60, hours.end * 60];
};
/**
 * The hours "no mornings" or "no late afternoons" rule out. Ruling out the morning rules out the night before it
 * too, and ruling out the evening the night after it: nobody who refuses 9am means 6am.
 */
function ruledOut(edge: string | undefined, word: string): [number, number] {
  const [start, end] = partRange(word);
  const [s, e] = edge === 'early' ? [start, start + 120] : edge === 'late' ? [end - 120, end] : [start, end];
  return [s <= 8 * 60 ? 0 : s, e >= 21 * 60 ? 24 * 60 : e];
}
const clockAt = (text: string | undefined): number => {
  const c = text ? readClock(text) : null;
  if (!c) throw new Error(`not a clock time: ${text}`);
  return resolveClock(c);
};
const rangeOf = (a: string | undefined, b: string | undefined): [number, number] => {
  const ca = a ? readClock(a) : null;
  const cb = b ? readClock(b) : null;
  if (!ca || !cb) throw new Error(`not a clock range: ${a} ${b}`);
  const r = resolveRange(ca, cb);
  if (r[1] <= r[0]) throw new Error('range ends before it starts');
  return r;
};

/** A clock time that is not a count: "no later than 2 weeks from now" is a window, not 14:00. */
export const CLOCK = `${ANY_CLOCK}(?! (?:days?|weeks?|months?|years?|business|working|work|hours?|minutes?|mins?)(?= |$))`;
const RANGE = `(?:between (${CLOCK}) (?:and|to|until) (${CLOCK})|(?:from )?(${CLOCK}) (?:to|until|through) (${CLOCK}))`;
const OUTSIDE_RANGE = `(?:(?:between )?(${CLOCK}) (?:and|to|until) (${CLOCK}))`;
const PART = '(morning|afternoon|evening)s?';
const OFFICE = '(?:normal |regular )?(?:business|working|office|work) hours';
/** Who or what is refused: "never", "nothing", "no meetings", "can't do anything", "don't book anything". */
const REFUSE =
  '(?:never|not|nothing|no (?:meetings?|calls?|slots?|bookings?)|(?:cant|dont|wont|never) (?:do|book|schedule|take)(?: anything| meetings| calls)?|cant|not available|(?:or|nor) anything)';

type Rule = { src: string; build: (m: RegExpExecArray, cal: Calendar) => HardPhrase };

const RULES: Rule[] = [
  {
    src: 'only(?: ever)?|strictly|exclusively|(?:it )?(?:must|has to|have to|needs to|need to) be|keep (?:it|them|meetings|calls)(?: to| within)?|keep to|stick to|(?:restrict|limit|confine)(?:ed)? (?:it )?to|within',
    build: () => ({ kind: 'only' }),
  },
  { src: 'preferably|ideally|(?:i |we )?(?:would )?(?:prefer|rather)', build: () => ({ kind: 'soft', reach: 'ahead' }) },
  {
    src: 'preferred|if possible|where possible|if (?:at all )?possible|if you can|if we can|(?:works|work|would be|is|are) best|best|would be (?:nice|great|ideal)',
    build: () => ({ kind: 'soft', reach: 'back' }),
  },
  { src: 'and|or|and or|on|in|in the|during|during the', build: () => ({ kind: 'join' }) },
  { src: DAY_LIST, build: (m) => ({ kind: 'days', days: readDayList(m[0]) }) },
  {
    src: '(?:on |during )?(?:the )?(?:weekdays?|business days|working days|work days)',
    build: (_m, cal) => ({ kind: 'days', days: [...cal.rules.workdays] }),
  },
  {
    src: '(?:on |at )?(?:the )?weekends?',
    build: (_m, cal) => ({ kind: 'days', days: [1, 2, 3, 4, 5, 6, 7].filter((d) => !cal.rules.workdays.has(d)) }),
  },
  { src: RANGE, build: (m) => ({ kind: 'hours', range: rangeOf(m[1] ?? m[3], m[2] ?? m[4]) }) },
  { src: `(?:in the |during the )?${PART}`, build: (m) => ({ kind: 'hours', range: partRange(m[1] ?? '') }) },
  { src: `(?:during )?${OFFICE}`, build: () => ({ kind: 'hours', range: BUSINESS_HOURS }) },
  {
    src: `${REFUSE} outside(?: of)?(?: the hours of)? ${OUTSIDE_RANGE}`,
    build: (m) => ({ kind: 'outside', range: rangeOf(m[1], m[2]) }),
  },
  { src: `${REFUSE} outside(?: of)? ${OFFICE}`, build: () => ({ kind: 'outside', range: BUSINESS_HOURS }) },
  {
    src: `(?:${REFUSE} (?:before|earlier than)|no earlier than|not earlier than|(?:start|starting|begin) no earlier than|(?:at the )?earliest) (${CLOCK})|(${CLOCK}) (?:at the )?earliest`,
    build: (m) => ({ kind: 'bound', side: 'lower', at: clockAt(m[1] ?? m[2]) }),
  },
  {
    src: `(?:${REFUSE} (?:after|later than|past)|no later than|not later than|(?:must |has to |needs to )?(?:finish|end|wrap up|be done|done|finished) by|(?:at the )?latest) (${CLOCK})|(${CLOCK}) (?:at the )?latest`,
    build: (m) => ({ kind: 'bound', side: 'upper', at: clockAt(m[1] ?? m[2]) }),
  },
  {
    src: `(?:after|from|starting(?: at| from)?|later than) (${CLOCK})`,
    build: (m) => ({ kind: 'open', side: 'lower', at: clockAt(m[1]) }),
  },
  { src: `(?:before|until|by|earlier than) (${CLOCK})`, build: (m) => ({ kind: 'open', side: 'upper', at: clockAt(m[1]) }) },
  {
    src: `(?:no|never|not|avoid|nothing|(?:cant|dont|wont) do|cant) (?:in the )?(?:(early|late) (?:in the )?)?${PART}`,
    build: (m) => ({ kind: 'no_part', range: ruledOut(m[1], m[2] ?? '') }),
  },
];

const COMPILED = RULES.map((r) => ({ re: new RegExp(`(?:${r.src})(?= |$)`, 'y'), build: r.build }));

/** Every hard-relevant phrase of one normalised clause, longest match first, in order. */
export function lexHardPhrases(clause: string, cal: Calendar): LexedPhrase[] {
  const out: LexedPhrase[] = [];
  let pos = 0;
  let tok = 0;
  while (pos < clause.length) {
    let best: { end: number; phrase: HardPhrase } | null = null;
    for (const rule of COMPILED) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(clause);
      if (!m || m[0].length === 0) continue;
      const end = pos + m[0].length;
      if (best && end <= best.end) continue;
      try {
        best = { end, phrase: rule.build(m, cal) };
      } catch {
        // Shaped like a time but not one ("25 to 30"): shorter rules may still match.
      }
    }
    const space = clause.indexOf(' ', pos);
    const end = best ? best.end : space < 0 ? clause.length : space;
    const tokens = clause.slice(pos, end).split(' ').length;
    if (best) out.push({ phrase: best.phrase, from: pos, to: end, tokA: tok, tokB: tok + tokens });
    tok += tokens;
    pos = end + 1;
  }
  return out;
}
