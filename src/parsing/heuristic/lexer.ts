// A longest-match phrase lexer: at each token it tries every day, time and cue phrase and keeps the
// longest. Grammar rules stay small regexes; what no rule claims is reported as unparsed.
import { DAY_RULES, type PhraseRule, WD } from './day-expressions.js';
import type { BoundSide, CueType, Item, LexedItem } from './items.js';
import { attachModifiers } from './self-correction.js';
import { timeRules } from './time-rules.js';
import { ZONE_RULE } from './zones.js';

const BOUNDS: Array<[BoundSide, string]> = [
  ['before', 'before|earlier than'],
  // "come by friday" is a visit, not a deadline.
  // "through wednesday", "up to and including", "until after the 9th": the day named is still taken.
  ['through', 'through|up to and including|until and including|(?:up )?until after'],
  ['until', 'until|up until|up to|(?<!(?:come|stop|drop|swing|pop) )by|no later than'],
  ['after', 'after|later than'],
  // "from" only when "on"/"onwards" follows the day ("from thursday on"), so "from monday to wednesday" stays a range.
  [
    'from',
    '(?:im |i am |ill be |i will be |were |we are )?back(?: in (?:the )?office| at work| in town| at my desk| from (?:my |the |a )?(?:holiday|vacation|leave|pto|trip|business trip|conference|travell?ing|time off))?(?: on| from)?|since|starting(?: from| on)?|beginning|not before|not until|no earlier than|from(?= \\S+(?: \\S+)? (?:on|onwards?|forwards?)(?: |$))' +
      // "free from the 10th", "anything from tuesday": that day on, unless a range or a clock follows the day.
      '|(?<=(?:free|available|open|anything|anytime|any time|whenever|wide open) )from(?! (?:\\S+ ){1,3}(?:to|through|until|and|or|at|in|\\d)(?: |$))' +
      // "can't do anything before the 15th", "nothing until next week": the day said is the first one free.
      '|(?:i )?(?:cant|cannot|can not|couldnt) (?:do|make|manage) (?:anything|any time|anytime) (?:before|until)|nothing (?:before|until)' +
      // "the earliest i can do is the 10th", "soonest would be monday": that day on.
      '|(?:the )?(?:earliest|soonest)(?: (?:i|we) (?:can|could) (?:do|make|manage|meet)(?: it)?)?(?: (?:would be|is|will be|be))?' +
      // "any day from thursday": an open offer from that day on.
      '|(?<=(?:any day|any time|anytime|whenever) )from',
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
    src: '(?:onwards?|and after|or later|forwards?|and beyond|or after|at the earliest|at the soonest|at the very earliest)(?! (?:\\d|noon|midnight|lunch|work))',
    build: () => [{ kind: 'cue', cue: 'bound', side: 'from', trailing: true }],
  },
];

const CUES: Array<[CueType, string]> = [
  ['except', 'except(?: for)?|other than|apart from|besides|excluding|but not|not including'],
  [
    'neg_post',
    '(?:doesnt|dont|wont|isnt going to|wouldnt|does not|will not) work(?: for me)?|(?:is|are|s|would be|looks|looking)? ?(?:bad|hard|tricky|not ideal|a problem|problematic|no good|not good|not great|impossible|tough|difficult|a no|not possible|not an option|taken|full|packed|crazy|a write off|a wash|hectic|mental|nuts|a no go|no go|not happening|rough|terrible|awful|a nightmare|off the table|chaos|chaotic|a mess|jammed|maxed out|rammed|a disaster|a bust)|(?:is|are|s|would be|looks) out|isnt (?:good|great|possible|an option|happening)|no can do',
  ],
  [
    'neg_pre',
    '(?:i have|ive got|i got|got|there is|theres) (?:a |an )?(?:meeting|appointment|call|conflict|dentist|doctors appointment)|neither|nothing (?:works|would work|is (?:good|free|open)|suits(?: me)?)|nothing|(?:i )?cant (?:do|make|manage) (?:anything|any time|anytime)|(?:i |we )?(?:wont|will not|wouldnt|would not|am not going to|im not going to) be (?:free|available|around|about|in(?: the office)?|reachable|able to)|(?:im |i am |ill be |i will be |were |we are )?(?:in court|at (?:the )?(?:doctors?|dentists?|hospital|clinic|vets?|gym)|at (?:an |my |a )?appointment|in a meeting|on (?:a|another|the other) call|on the phone|with (?:a )?(?:client|customer|patient)s?|driving|(?:at|in) (?:a |the )?(?:conference|trade show|offsite|off site|retreat|workshop|training|seminar|summit|convention|wedding|course)|on (?:a )?(?:business trip|business|the road|jury duty|a course|course|site visits?)|(?:out |off )?sick|in (?:the )?hospital|(?:(?:i )?(?:have|got|ive got) )?meetings|busy|closed|shut|fully booked|full up|chock ?a ?block|chockablock|hammered|buried|stuck in meetings|stuck|crazy busy|up to my eyes|booked(?: solid| up(?: solid)?)?|tied up|away|unavailable|not available|not free|out of (?:the )?office|out of town|out|off|travell?ing|on (?:vacation|holiday|leave|pto)|in meetings|swamped|slammed|flat out|snowed under|back to back|booked solid|not around|off work)|cant(?: do| make(?: it)?| meet)?|couldnt|wont be able to|dont (?:call|ring|phone|book|schedule)(?: me| us)?|no|not|never|avoid',
  ],
  [
    'pos',
    // "no problem, tuesday at 2", "no worries", "wouldn't say no to thursday": a "no" that agrees.
    '(?:im |i am )?not (?:saying no|opposed(?: to)?|against(?: it)?|busy|doing anything)|(?:i )?(?:wouldnt|would not|dont|do not) mind|(?:i )?cant say no(?: to)?|(?:ive got |i have |ive |got )nothing on|(?:no )?not at all|unless(?: its| it is)?|no problems?|no worries|no bother|not a problem|no prob|why not|(?:i )?(?:wouldnt|would not) say no(?: to)?|(?:better|is better|would be better|works|work|would work|will work|is fine|fine|is ok|ok|okay|good|is good|great|perfect|free|available|open|can do|i can|i could|could do|suits me|suit me|how about|what about|maybe|perhaps|instead|does|anything|try me|try(?= (?:on |the |next |this )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|next|this|the \\d))|wide open)',
  ],
  // "," is only ever put there by keepCorrectionBreak (correction.ts): normalising removes punctuation.
  ['sep', ',|but|so|though|although|however|whereas|otherwise|other than that|that said|then again'],
  ['or', 'or|nor|and|also|as well as|plus|either|or if not|if not|failing that|or else|else'],
  [
    'correct',
    'actually(?: make (?:it|that))?|make (?:it|that)|i mean|i meant|i said|scratch that|or rather|no wait|oh wait|wait|hold on|hang on|sorry|correction|change (?:it|that) to|let me correct that',
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

const BARE_DAYS_TO_END = new RegExp(`^(?:on )?${WD}s?(?: (?:or|and) ${WD}s?)*(?: ,|$)`);

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
        // "any morning next week but tuesday": after a week offered, "but" and bare weekdays to the clause's end.
        const exceptAfterOffer =
          phrase === 'but' &&
          prev?.kind === 'day' &&
          (prev.ref.type === 'window' || (prev.ref.type === 'week' && BARE_DAYS_TO_END.test(text.slice(best.end + 1, best.end + 120))));
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
