// Turns what a phone's speech recogniser produced (or what an owner typed) into one canonical lowercase
// string of space-separated tokens, so the grammar only ever sees one spelling of each thing.
import { digitRunTimes, numericDates, stripCounts, stripNonTimes } from './asr-numbers.js';
import { replaceNumberWords } from './number-words.js';

const FILLERS = [
  'uh+',
  'um+',
  'umm+',
  'erm*',
  'ah+',
  'hmm+',
  'mm+',
  'mhm',
  'uh huh',
  'you know',
  'like',
  'kind of',
  'sort of',
  'basically',
  'honestly',
  'well',
  'okay so',
  'so yeah',
  'yeah so',
  'let me see',
  'let me think',
  'lets see',
  'i guess',
  'i think',
  'probably',
  'just',
  'really',
  'pretty much',
];
const FILLER_RE = new RegExp(`\\b(?:${FILLERS.join('|')})\\b`, 'g');

/** Abbreviations and variant spellings mapped to one token each. */
const SYNONYMS: Array<[RegExp, string]> = [
  [/\ba\.? ?m\b\.?/g, 'am'],
  [/\bp\.? ?m\b\.?/g, 'pm'],
  [/\bo ?clock\b/g, 'oclock'],
  [/\bmon\b/g, 'monday'],
  [/\btues?\b/g, 'tuesday'],
  [/\bweds?\b/g, 'wednesday'],
  [/\bthu(?:rs?)?\b/g, 'thursday'],
  [/\bfri\b/g, 'friday'],
  [/\bsat\b/g, 'saturday'],
  [/\bsun\b/g, 'sunday'],
  [/\bthru\b/g, 'through'],
  [/\btil+\b/g, 'until'],
  [/\btill\b/g, 'until'],
  [/\bmid ?day\b/g, 'noon'],
  [/\b12 noon\b/g, 'noon'],
  [/\bto ?morrow\b/g, 'tomorrow'],
  [/\bto ?day\b/g, 'today'],
  [/\bto ?night\b/g, 'tonight'],
  [/\bany ?time\b/g, 'anytime'],
  [/\bwhen ?ever\b/g, 'whenever'],
  [/\bweek ?days\b/g, 'weekdays'],
  [/\bweek ?ends?\b/g, 'weekend'],
  [/\bafter ?noons?\b/g, 'afternoon'],
  [/\barvos?\b/g, 'afternoon'],
  [/\bpost ?lunch\b/g, 'after lunch'],
  [/\bpost (?=\d)/g, 'after '],
  // "COB", "EOD", "close of business", "end of (the) day": before 17:00 (one token the lexer reads).
  [/\b(?:cob|eod|close of (?:business|play)|(?:the )?end of (?:the |my )?(?:business |work |working )?day)\b/g, 'cob'],
  [/\bnext to next week\b/g, 'the week after next'],
  [/\bmornings\b/g, 'morning'],
  [/\bevenings\b/g, 'evening'],
  [/\blunch ?time\b/g, 'lunch'],
  [/\b(?:a |one )?fortnight\b/g, '2 weeks'],
  [/\bcouple of\b/g, '2'],
  [/\bcouple\b/g, '2'],
  [/\bcan ?not\b/g, 'cant'],
  [/\bwill not\b/g, 'wont'],
  [/\bdo not\b/g, 'dont'],
  [/\bdoes not\b/g, 'doesnt'],
  [/\bis not\b/g, 'isnt'],
  // "I'm not not interested": a doubled "not" cancels itself.
  [/\bnot not\b/g, ' '],
  [/\bnot uninterested\b/g, 'interested'],
  [/\b(\d+)(?:st|nd|rd|th)\b/g, '$1th'],
];

const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
/** "tuesday's good" is one Tuesday, not every Tuesday: the "'s" is "is" (also when the recogniser drops it). */
const IS_AFTER_DAY = new RegExp(`\\b(${WEEKDAY}|today|tomorrow|tonight|morning|afternoon|evening|lunch|noon|week)['\u2019]s\\b`, 'g');
const IS_DROPPED = new RegExp(
  `\\b(${WEEKDAY})s (?=(?:good|great|fine|ok|okay|perfect|out|crazy|no good|bad|a write ?off|a wash|looking)\\b)`,
  'g',
);

const WEEK_AFTER_COMMA = new RegExp(
  `\\b(${WEEKDAY}s?)\\s*,\\s*(?=(?:next|this|the following) week (?:is|works?|would|should|looks?|seems?|im|i am|any|all|free|open|wide|good|fine|better)\\b)`,
  'g',
);

const PLURAL_PART = new RegExp(`\\b(${WEEKDAY}) (mornings|afternoons|evenings|nights)\\b`, 'g');

export interface NormalizeOptions {
  /** Read "3/4" month first (US zones); day first otherwise. */
  monthFirst?: boolean;
  /**
   * Keep a sentence end (". ", "? ", "! ", ";") as a clause break token " , ": "can't do monday. tuesday at 10"
   * is two statements, and a negation never reaches across a full stop. Commas stay dropped (they list).
   */
  sentenceBreaks?: boolean;
}

export function normalizeText(raw: string, options: NormalizeOptions = {}): string {
  let s = raw.toLowerCase();
  // Contractions before apostrophes go: "we'd" is not "wed" (Wednesday), "tuesday's good" is one Tuesday.
  s = s.replace(/\b(we|i|you|they|he|she)['\u2019]d\b/g, '$1 would').replace(IS_AFTER_DAY, '$1 is');
  s = s.replace(/[\u2018\u2019']/g, '');
  s = s.replace(/\bwed (?=(?:like|love|prefer|rather|be|have|need|want)\b)/g, 'we would ');
  s = s.replace(IS_DROPPED, '$1 is ');
  // "threeish", "noonish", "3ish": the "ish" is "around".
  s = s.replace(/\b(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)ish\b/g, '$1 ish');
  // "thursday evenings": every Thursday's evening, as "thursdays" would be.
  s = s.replace(PLURAL_PART, '$1s $2');
  s = stripNonTimes(numericDates(s, options.monthFirst ?? false));
  s = s.replace(/\b(a|p)\.m\.?/g, '$1m');
  // Dotted abbreviations ("e.s.t.", "p.s.t"): one word.
  s = s.replace(/\b([a-z])\.([a-z])\.([a-z])\b\.?/g, '$1$2$3');
  // A range's dash joins digits, am/pm and noon: "9am–5pm", "10-12", "noon-2".
  s = s.replace(/(\d(?:st|nd|rd|th)?(?: ?[ap]m)?|\bnoon|\bmidnight)\s*[\u2013\u2014-]\s*(?=\d|noon\b|midnight\b)/g, '$1 to ');
  s = s.replace(/([a-z])\s*[\u2013\u2014]\s*([a-z])/g, '$1 to $2');
  s = s.replace(/\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?-(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)/g, '$1 to $2');
  s = s.replace(/\b([a-z]+)\/([a-z]+)\b/g, '$1 or $2');
  s = s.replace(/(\d)\.(\d\d)\b/g, '$1:$2');
  // "busy … and friday, next week is fine": a comma between a weekday and a week said of itself ends the list.
  if (options.sentenceBreaks) s = s.replace(WEEK_AFTER_COMMA, '$1 ; ');
  if (options.sentenceBreaks) s = s.replace(/,/g, ' ').replace(/(?:[.!?]+|;)(?=\s|$)/g, ' , ');
  s = s.replace(options.sentenceBreaks ? /[^a-z0-9:, ]+/g : /[^a-z0-9: ]+/g, ' ');
  s = s.replace(/(\d)(am|pm)\b/g, '$1 $2');
  s = s.replace(/\s+/g, ' ').trim();
  for (const [re, to] of SYNONYMS) s = s.replace(re, to);
  s = s.replace(FILLER_RE, ' ').replace(/\s+/g, ' ').trim();
  s = digitRunTimes(stripCounts(replaceNumberWords(s))).replace(/\b(\d{1,2}(?::\d\d)?) oclock (am|pm)\b/g, '$1 $2');
  s = s.replace(/\b(\d+)(?:st|nd|rd|th)\b/g, '$1th');
  return s.replace(/\s+/g, ' ').trim();
}
