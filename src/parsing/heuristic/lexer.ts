// A longest-match phrase lexer: at each token it tries every day, time and cue phrase and keeps the
// longest. Grammar rules stay small regexes; what no rule claims is reported as unparsed.
import { DAY_RULES, type PhraseRule, WD } from './day-expressions.js';
import type { BoundSide, CueType, Item, LexedItem } from './items.js';
import { attachModifiers } from './self-correction.js';
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
import { ZONE_RULE } from './zones.js';

function clock(text: string | undefined) {
  const c = text ? readClock(text) : null;
  if (!c) throw new Error(`not a clock time: ${text}`);
  return c;
}

/** A bare number is only a time after a word that introduces one; "at" is optional with am/pm or a colon. */
const STRONG_CLOCK = `(?:\\d{1,2}:\\d{2}(?: (?:am|pm))?|\\d{1,2} (?:am|pm|oclock)|noon|midnight)(?: in the (?:morning|afternoon|evening))?`;

function timeRules(duration: number): PhraseRule[] {
  const range = (m: RegExpExecArray): Item[] => {
    const [s, e] = resolveRange(clock(m[1]), clock(m[2]));
    return e > s ? [makeRange(s, e)] : [];
  };
  const after =
    '(?:after|not before|not until|no earlier than|from|starting(?: at| from)?|later than|past|any ?time after|anytime from|since)';
  const before = '(?:before|until|not after|no later than|by|up to|up until|earlier than|any ?time before|anytime until)';
  return [
    { src: `between (${CLOCK}) (?:and|to) (${CLOCK})`, build: range },
    { src: `(?:from |at )?(${CLOCK}) (?:to|until|through) (${CLOCK})`, build: range },
    { src: `(?:anytime )?${after} (${CLOCK})`, build: (m) => [makeAfter(clock(m[1]))] },
    { src: `(${CLOCK}) (?:onwards?|on(?=$)|or later|and later|or after|and after)`, build: (m) => [makeAfter(clock(m[1]))] },
    { src: `(?:anytime )?${before} (${CLOCK})`, build: (m) => [makeBefore(clock(m[1]))] },
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
    // "evening seven thirty", "afternoon 3".
    { src: `(?<=(?:morning|afternoon|evening|night|tonight) )(${BARE_HOUR})`, build: (m) => [makePoint(clock(m[1]), duration)] },
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

const BOUNDS: Array<[BoundSide, string]> = [
  ['before', 'before|earlier than'],
  ['until', 'until|up until|up to|through|by|no later than'],
  ['after', 'after|later than'],
  // "from" only when "on"/"onwards" follows the day ("from thursday on"), so "from monday to wednesday" stays a range.
  [
    'from',
    '(?:im |i am |ill be |i will be |were |we are )?back(?: in (?:the )?office| at work| in town| at my desk)?(?: on| from)?|since|starting(?: from| on)?|beginning|not before|not until|no earlier than|from(?= \\S+(?: \\S+)? (?:on|onwards?|forwards?)(?: |$))',
  ],
];

const BOUND_RULES: PhraseRule[] = [
  ...BOUNDS.map(
    ([side, src]): PhraseRule => ({
      src: `(?:sometime |anytime |any time |any day )?(?:${src})(?! (?:that|then|which)(?: |$))(?= [a-z0-9])`,
      build: () => [{ kind: 'cue', cue: 'bound', side }],
    }),
  ),
  {
    src: 'onwards?|and after|or later|forwards?|and beyond|or after',
    build: () => [{ kind: 'cue', cue: 'bound', side: 'from', trailing: true }],
  },
];

const CUES: Array<[CueType, string]> = [
  ['except', 'except(?: for)?|other than|apart from|besides|excluding|but not|not including'],
  [
    'neg_post',
    '(?:doesnt|dont|wont|isnt going to|wouldnt|does not|will not) work(?: for me)?|(?:is|are|s|would be|looks|looking)? ?(?:bad|no good|not good|not great|impossible|tough|difficult|a no|not possible|not an option|taken|full|packed|crazy|a write off|a wash|hectic|mental|nuts|a no go|no go|not happening|rough|terrible|awful|a nightmare|off the table|chaos|chaotic|a mess|jammed|maxed out|rammed|a disaster|a bust)|(?:is|are|s|would be|looks) out|isnt (?:good|great|possible|an option|happening)|no can do',
  ],
  [
    'neg_pre',
    '(?:im |i am |ill be |i will be |were |we are )?(?:busy|booked(?: up)?|tied up|away|unavailable|not available|not free|out of (?:the )?office|out of town|out|off|travell?ing|on (?:vacation|holiday|leave|pto)|in meetings|swamped|slammed|flat out|snowed under|back to back|booked solid|not around|off work)|cant(?: do| make(?: it)?| meet)?|couldnt|wont be able to|dont (?:call|ring|phone|book|schedule)(?: me| us)?|no|not|never|avoid',
  ],
  [
    'pos',
    '(?:better|is better|would be better|works|work|would work|will work|is fine|fine|is ok|ok|okay|good|is good|great|perfect|free|available|open|can do|i can|i could|could do|suits me|suit me|how about|what about|maybe|perhaps|instead|does|anything|try me|wide open)',
  ],
  // "," is only ever put there by keepCorrectionBreak (correction.ts): normalising removes punctuation.
  ['sep', ',|but|so|though|although|however|whereas|otherwise|other than that|that said|then again'],
  ['or', 'or|and|also|as well as|plus|either|or if not|if not|failing that|or else|else'],
  [
    'correct',
    'actually(?: make (?:it|that))?|make (?:it|that)|i mean|i meant|scratch that|or rather|no wait|wait|sorry|correction|change (?:it|that) to|let me correct that',
  ],
  ['only', 'only|strictly|exclusively'],
];

const CUE_RULES: PhraseRule[] = CUES.map(([cue, src]) => ({ src: `(?:${src})`, build: () => [{ kind: 'cue', cue }] }));

interface CompiledRule {
  re: RegExp;
  build: PhraseRule['build'];
}

const cache = new Map<number, CompiledRule[]>();

function compile(duration: number): CompiledRule[] {
  const hit = cache.get(duration);
  if (hit) return hit;
  const rules = [...DAY_RULES, ...timeRules(duration), ...CUE_RULES, ...BOUND_RULES, ZONE_RULE].map((r) => ({
    re: new RegExp(`(?:${r.src})(?= |$)`, 'y'),
    build: r.build,
  }));
  if (cache.size > 64) cache.clear();
  cache.set(duration, rules);
  return rules;
}

export interface LexResult {
  items: LexedItem[];
  /** Runs of tokens no rule claimed, in order. */
  leftovers: string[];
}

export function lexText(text: string, duration: number): LexResult {
  const rules = compile(duration);
  const items: LexedItem[] = [];
  const leftovers: string[] = [];
  let pos = 0;
  let tokenIndex = 0;
  let run: string[] = [];
  while (pos < text.length) {
    let best: { end: number; built: Item[] } | null = null;
    for (const rule of rules) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(text);
      if (!m || m[0].length === 0) continue;
      const end = pos + m[0].length;
      if (best && end <= best.end) continue;
      try {
        best = { end, built: rule.build(m) };
      } catch {
        // A phrase shaped like a time that is not one (e.g. "25:00"): let shorter rules try.
      }
    }
    const spaceAt = text.indexOf(' ', pos);
    const tokenEnd = spaceAt < 0 ? text.length : spaceAt;
    if (best) {
      if (run.length) leftovers.push(run.join(' '));
      run = [];
      const phrase = text.slice(pos, best.end);
      const prev = items[items.length - 1]?.item;
      for (const item of best.built) {
        // "any day but monday": after an open offer, "but" introduces what is left out.
        const exceptAfterOffer = phrase === 'but' && prev?.kind === 'day' && prev.ref.type === 'window';
        items.push({ item: exceptAfterOffer ? { kind: 'cue', cue: 'except' } : item, at: tokenIndex, text: phrase });
      }
      tokenIndex += phrase.split(' ').length;
      pos = best.end + 1;
    } else {
      run.push(text.slice(pos, tokenEnd));
      tokenIndex += 1;
      pos = tokenEnd + 1;
    }
  }
  if (run.length) leftovers.push(run.join(' '));
  return { items: attachModifiers(items), leftovers };
}
