// After the bot reads slots back, a lead often opens by rejecting them and then corrects: "no actually
// thursday afternoon", "nope, make that friday at ten". That opening answers the bot, not the offer after
// it, so it is cut off before the offer is read; otherwise its "no" would rule the offer out.
// A single bare "no" right before a phrase stays: "no mornings" and "no fridays" exclude.

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
