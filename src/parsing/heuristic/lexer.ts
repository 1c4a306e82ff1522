// A longest-match phrase lexer: at each token it tries every day, time and cue phrase and keeps the
// longest. Grammar rules stay small regexes; what no rule claims is reported as unparsed.
import { DAY_RULES, type PhraseRule } from './day-expressions.js';
import type { CueType, Item, LexedItem } from './items.js';
import {
  CLOCK,
  makeAfter,
  makeAround,
  makeBefore,
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

function timeRules(duration: number): PhraseRule[] {
  const range = (m: RegExpExecArray): Item[] => {
    const [s, e] = resolveRange(clock(m[1]), clock(m[2]));
    return e > s ? [makeRange(s, e)] : [];
  };
  const after = '(?:after|not before|no earlier than|from|starting(?: at| from)?|later than|past|any ?time after|anytime from|since)';
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
    ...PARTS_OF_DAY.map(([src, s, e]): PhraseRule => ({ src: `(?:${src})`, build: () => [makeRange(s, e)] })),
  ];
}

const CUES: Array<[CueType, string]> = [
  ['except', 'except(?: for)?|other than|apart from|besides|excluding|but not|not including'],
  [
    'neg_post',
    '(?:doesnt|dont|wont|isnt going to|wouldnt|does not|will not) work(?: for me)?|(?:is|are|s|would be)? ?(?:bad|no good|not good|not great|out|impossible|tough|difficult|a no|not possible|not an option|taken|full|packed)|isnt (?:good|great|possible|an option)|no can do',
  ],
  [
    'neg_pre',
    '(?:im |i am |ill be |i will be |were |we are )?(?:busy|booked(?: up)?|tied up|away|unavailable|not available|not free|out of (?:the )?office|out of town|out|off|travell?ing|on (?:vacation|holiday|leave|pto)|in meetings|swamped|slammed)|cant(?: do| make(?: it)?| meet)?|couldnt|wont be able to|no|not|never|avoid',
  ],
  [
    'pos',
    '(?:better|is better|would be better|works|work|would work|will work|is fine|fine|is ok|ok|okay|good|is good|great|perfect|free|available|open|can do|i can|i could|could do|suits me|suit me|how about|what about|maybe|perhaps|instead|does)',
  ],
  // "," is only ever put there by keepCorrectionBreak (correction.ts): normalising removes punctuation.
  ['sep', ',|but|so|though|although|however|whereas|otherwise|other than that|that said|then again'],
  ['or', 'or|and|also|as well as|plus|either'],
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
  const rules = [...DAY_RULES, ...timeRules(duration), ...CUE_RULES].map((r) => ({
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
  return { items, leftovers };
}
