// After the bot reads slots back, a lead often opens by rejecting them and then corrects: "no actually
// thursday afternoon", "nope, make that friday at ten". That opening answers the bot, not the offer after
// it, so it is cut off before the offer is read; otherwise its "no" would rule the offer out.
// A single bare "no" right before a phrase stays: "no mornings" and "no fridays" exclude.
import type { LexedItem } from './items.js';
import { lexText } from './lexer.js';
import { normalizeText } from './normalize.js';

const BREAK = '[\\s,.!?;:\u2026\u2013\u2014-]';
const NO = 'nope|nah|naw|nay|no+';
const INTERJECTION = `${NO}|sorry|oh|oops|actually|wait|hold on|hang on|i mean|i meant|make (?:that|it)|scratch that|rather|instead`;
/** The opening run of interjections, each followed by a space or punctuation. */
const OPENING = new RegExp(`^${BREAK}*(?:(?:${INTERJECTION})(?=${BREAK}|$)${BREAK}*)+`);
const WORD = new RegExp(`(${INTERJECTION})(?=${BREAK}|$)(${BREAK}*)`, 'g');
const IS_NO = new RegExp(`^(?:${NO})$`);

/** What the lead offered once an opening rejection of the read-back is cut off; the text itself otherwise. */
export function dropOpeningRejection(raw: string): string {
  const lower = raw.toLowerCase().replace(/[\u2018\u2019']/g, '');
  const opening = OPENING.exec(lower)?.[0];
  if (!opening) return raw;
  const words = [...opening.matchAll(WORD)].map((m) => ({ word: m[1] ?? '', gap: m[2] ?? '' }));
  if (!words.some((w) => IS_NO.test(w.word))) return raw;
  const last = words[words.length - 1];
  const beforeLast = words[words.length - 2];
  // The last word must close the rejection: something other than "no", a "no" set off by punctuation,
  // or a repeated "no no".
  const closed = last?.word !== 'no' || /[^\s]/.test(last.gap) || beforeLast?.word === 'no';
  return closed ? lower.slice(opening.length) : raw;
}

// "No, not Thursday, Friday": a rejected day, then the day offered instead. Normalising drops the comma, and
// "not thursday friday" would rule both out, so where punctuation closes a rejection of a day and the rest
// offers a day, the break is kept as a clause separator (" , ", lexed like "but"). Read narrowly, so a list of
// days left out ("any day next week, not monday, tuesday") or one continued by a "but" stays as it was.

/** A comma or semicolon, or a sentence end before more words ("not thursday. friday."). */
const CLAUSE_BREAK = /[,;]|[.!?](?=\s)/g;
const REJECT_WORD = /^(?:no|not|never)$/;
/** "can't do today, tomorrow after 2": a refusal corrected by a day with a time ("i'm busy thursday, friday" lists). */
const CANT_WORD = /^(?:cant(?: do| make(?: it)?| meet)?|couldnt)$/;
const MAX_BREAKS = 3;
const MAX_OPENING = 300;
const MAY_REJECT = /\b(?:no|not|never|cant|couldnt)\b/;

/** Only "no"/"not" came before, then a "not <day …>" with nothing but days, times and "or" after it. */
function rejectsDay(items: LexedItem[], REJECT = REJECT_WORD): boolean {
  const k = items.findLastIndex(({ item }) => item.kind === 'cue' && item.cue !== 'or');
  const neg = items[k];
  if (neg?.item.kind !== 'cue' || neg.item.cue !== 'neg_pre' || !REJECT.test(neg.text)) return false;
  const opening = items.slice(0, k);
  // "not monday and not tuesday, thursday": earlier rejections of days may come before the last one.
  const rejection = (e: LexedItem) =>
    e.item.kind === 'day' || (e.item.kind === 'cue' && (e.item.cue === 'or' || (e.item.cue === 'neg_pre' && REJECT_WORD.test(e.text))));
  const first = opening[0];
  if (first && !(first.item.kind === 'cue' && first.item.cue === 'neg_pre')) return false;
  if (!opening.every(rejection)) return false;
  return items.slice(k + 1).some((e) => e.item.kind === 'day');
}

/** The rest opens with a day (or "how about"/"maybe" and a day) and neither negates nor turns ("but") later. */
function offersDay(items: LexedItem[]): boolean {
  const first = items.find((e) => !(e.item.kind === 'cue' && e.item.cue === 'pos'));
  if (first?.item.kind !== 'day') return false;
  return items.every((e) => e.item.kind !== 'cue' || e.item.cue === 'pos' || e.item.cue === 'or');
}

/**
 * The offer normalised with the break after a rejected day kept as " , " ("not thursday , friday afternoon"),
 * or null when no such break is there and the offer reads as before.
 */
export function keepCorrectionBreak(offer: string, duration: number): string | null {
  if (!/[,;.!?]/.test(offer)) return null;
  let tried = 0;
  for (const m of offer.matchAll(CLAUSE_BREAK)) {
    // A rejected day is corrected at the opening of the answer: looking past the first few breaks would
    // re-read the whole prefix at every comma (quadratic on long input) for no answer anyone gives.
    tried += 1;
    if (tried > MAX_BREAKS || m.index > MAX_OPENING) return null;
    const left = normalizeText(offer.slice(0, m.index));
    if (!MAY_REJECT.test(left)) continue;
    const leftItems = lexText(left, duration).items;
    const cant = !rejectsDay(leftItems) && rejectsDay(leftItems, CANT_WORD);
    if (!cant && !rejectsDay(leftItems)) continue;
    const right = normalizeText(offer.slice(m.index + m[0].length));
    if (cant && !lexText(right, duration).items.some((e) => e.item.kind === 'time')) continue;
    if (right && offersDay(lexText(right, duration).items)) return `${left} , ${right}`;
  }
  return null;
}
