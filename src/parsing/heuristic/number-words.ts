// Speech recognisers spell numbers out ("two thirty", "the twelfth"); the grammar downstream only
// understands digits, so every number word is rewritten to digits before anything else looks at it.
import { stripDigitStrings, stripNonTimes } from './asr-numbers.js';

/** Spelled numbers up to nineteen, and their values. */
export const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50 };
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ORDINAL_TENS: Record<string, number> = { twentieth: 20, thirtieth: 30 };

const UNIT_RE = Object.keys(UNITS)
  .filter((w) => w !== 'oh' && w !== 'zero')
  .join('|');
const TENS_RE = Object.keys(TENS).join('|');
const ORD_RE = Object.keys(ORDINAL_UNITS).join('|');
const MONTH_RE =
  'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';

function suffixOf(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
}

/** Cardinal words ("twenty one") to digits; leaves everything else untouched. */
function replaceCardinals(text: string): string {
  const compound = new RegExp(`\\b(${TENS_RE})(?:[ -](${UNIT_RE}))?\\b`, 'g');
  let out = text.replace(compound, (_m, tens: string, unit: string | undefined) => {
    const t = TENS[tens] ?? 0;
    const u = unit ? (UNITS[unit] ?? 0) : 0;
    return String(unit && u < 10 ? t + u : t) + (unit && u >= 10 ? ` ${u}` : '');
  });
  out = out.replace(new RegExp(`\\b(${UNIT_RE})\\b`, 'g'), (m) => String(UNITS[m]));
  return out;
}

/** Ordinal words to "12th" form. "first"/"second" are only dates after "the" or a month, since "first thing" is not. */
function replaceOrdinals(text: string): string {
  const compound = new RegExp(`\\b(twenty|thirty)[ -](${ORD_RE})\\b`, 'g');
  let out = text.replace(compound, (_m, tens: string, ord: string) => {
    const n = (TENS[tens] ?? 0) + (ORDINAL_UNITS[ord] ?? 0);
    return `${n}${suffixOf(n)}`;
  });
  out = out.replace(/\b(twentieth|thirtieth)\b/g, (m) => `${ORDINAL_TENS[m]}th`);
  const guarded = new RegExp(`\\b(the|${MONTH_RE}) (${ORD_RE})\\b`, 'g');
  out = out.replace(guarded, (_m, lead: string, ord: string) => {
    const n = ORDINAL_UNITS[ord] ?? 0;
    return `${lead} ${n}${suffixOf(n)}`;
  });
  const loose = new RegExp(`\\b(${ORD_RE})\\b(?= of (?:${MONTH_RE}|the month|this month|next month))`, 'g');
  out = out.replace(loose, (m) => {
    const n = ORDINAL_UNITS[m] ?? 0;
    return `${n}${suffixOf(n)}`;
  });
  // Ordinals that are unambiguous on their own (not "first"/"second").
  out = out.replace(
    /\b(third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth)\b/g,
    (m) => {
      const n = ORDINAL_UNITS[m] ?? 0;
      return `${n}${suffixOf(n)}`;
    },
  );
  return out;
}

/** "half nine", "quarter to eleven", "ten past three", "two thirty" and "2 30 pm" to "H:MM". */
function replaceClockPhrases(text: string): string {
  const h = '(1[0-2]|[1-9])';
  let out = text;
  out = out.replace(new RegExp(`\\bhalf past ${h}\\b`, 'g'), (_m, hr: string) => `${hr}:30`);
  out = out.replace(new RegExp(`\\bhalf ${h}\\b`, 'g'), (_m, hr: string) => `${hr}:30`);
  out = out.replace(new RegExp(`\\b(?:a )?quarter past ${h}\\b`, 'g'), (_m, hr: string) => `${hr}:15`);
  out = out.replace(new RegExp(`\\b(?:a )?quarter (?:to|til|till|of) ${h}\\b`, 'g'), (_m, hr: string) => {
    const n = Number(hr) === 1 ? 12 : Number(hr) - 1;
    return `${n}:45`;
  });
  // US "a quarter after ten", "ten after three".
  out = out.replace(new RegExp(`\\b(?:a )?quarter after ${h}\\b`, 'g'), (_m, hr: string) => `${hr}:15`);
  out = out.replace(new RegExp(`\\b(5|10|20|25) (?:past|after) ${h}\\b`, 'g'), (_m, mm: string, hr: string) => {
    return `${hr}:${mm.padStart(2, '0')}`;
  });
  // "ten to four" only after a word that introduces a single time; "from ten to four" is a range.
  out = out.replace(
    new RegExp(`\\b(at|around|about|say|by|maybe) (5|10|20|25) (?:to|of) ${h}\\b(?! ?(?:to|and|till|until))`, 'g'),
    (_m, lead: string, mm: string, hr: string) => {
      const n = Number(hr) === 1 ? 12 : Number(hr) - 1;
      return `${lead} ${n}:${String(60 - Number(mm)).padStart(2, '0')}`;
    },
  );
  // "2 30", "10 15", "9 0 5" after the cardinals pass: an hour followed by minutes.
  out = out.replace(new RegExp(`\\b${h} (?:0|oh|o) ([1-9])\\b`, 'g'), (_m, hr: string, mm: string) => `${hr}:0${mm}`);
  out = out.replace(
    new RegExp(`\\b0?${h} ([1-5]\\d|[2-5]0|00)( \\d)?\\b(?! ?(?:st|nd|rd|th|days?|weeks?|minutes?|mins?|hours?)\\b)`, 'g'),
    (m, hr: string, tens: string, unit: string | undefined) => {
      const minutes = unit && tens.endsWith('0') ? Number(tens) + Number(unit.trim()) : Number(tens);
      if (unit && !tens.endsWith('0')) return `${hr}:${tens}${unit}`;
      return minutes < 60 ? `${hr}:${String(minutes).padStart(2, '0')}` : m;
    },
  );
  // "230 pm" / "1030 am": recognisers sometimes drop the colon.
  out = out.replace(/\b(1[0-2]|[1-9])([0-5]\d) ?(am|pm)\b/g, (_m, hr: string, mm: string, mer: string) => `${hr}:${mm} ${mer}`);
  return out;
}

/**
 * "four no five oclock", "at 2 sorry 3": a bare number corrected by the next one. Only the correction is kept
 * (with the first one's am/pm when it has none), so the grammar never sees the lone number it replaced.
 */
function keepCorrectedNumber(text: string): string {
  const n = '\\d{1,2}(?::\\d{2})?';
  const re = new RegExp(
    `\\b(${n})( am| pm| oclock)? (?:or )?(?:(?:no|nope|sorry|i mean|i meant|actually|or rather|rather|wait|no wait|oh wait|hold on|hang on|scratch that|correction|make (?:it|that)) ){1,3}(${n})( am| pm| oclock)?\\b`,
    'g',
  );
  const keep = (t: string) =>
    t.replace(re, (_m, _a: string, merA: string | undefined, b: string, merB: string | undefined) => `${b}${merB ?? merA ?? ''}`);
  // "4 no 4 30 no 5": a chain of corrections, a fixed number of linear passes.
  let out = keep(text);
  for (let i = 0; i < 2; i += 1) {
    const next = keep(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

const HOMOPHONES: Record<string, string> = { to: 'two', too: 'two', for: 'four', ate: 'eight', won: 'one' };

/** Recognisers hear "at two" as "at to", "at four" as "at for": only right after a word that places a time. */
function replaceHomophones(text: string): string {
  return text.replace(
    /\b(at|around|about|say|from|until|till) (to|too|for|ate|won)\b(?= (?:am|pm|oclock|\d|thirty|fifteen|forty five|in the|on|tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b| ?$)/g,
    (_m, lead: string, word: string) => `${lead} ${HOMOPHONES[word] ?? word}`,
  );
}

export function replaceNumberWords(text: string): string {
  const cardinals = stripDigitStrings(stripNonTimes(replaceCardinals(replaceOrdinals(replaceHomophones(text)))));
  // Clock phrases first, so "ten thirty no eleven thirty" corrects one whole clock with the other.
  return replaceClockPhrases(keepCorrectedNumber(replaceClockPhrases(cardinals)));
}
