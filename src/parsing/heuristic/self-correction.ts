// Rewrites on the lexed phrases before they are grouped: a word that modifies the phrase next to it
// ("until thursday", "2pm eastern") is folded into that phrase, and a self-correction ("monday uh no
// tuesday", "at two, actually make it two thirty") drops what it corrects. One pass each, left to right.
import { type Doubt, danglingCorrection } from './doubts.js';
import type { DayRef, LexedItem } from './items.js';

/** "until"/"after"/"before" + the day right after it; a zone word onto the times just before it. */
export function attachModifiers(items: LexedItem[]): LexedItem[] {
  const out: LexedItem[] = [];
  for (let i = 0; i < items.length; i += 1) {
    const entry = items[i] as LexedItem;
    const { item } = entry;
    if (item.kind === 'cue' && item.cue === 'bound' && item.trailing) {
      // "the 4th onwards": the bound comes after its day.
      // "tuesday afternoon onwards": the bound is the day's, the part of day stays its first day's.
      const last = out[out.length - 1]?.item;
      const lastIsTime = last?.kind === 'time' && last.part === true && !last.open;
      const k = lastIsTime ? out.length - 2 : out.length - 1;
      const prev = out[k];
      if (prev?.item.kind === 'day' && boundable(prev.item.ref))
        out[k] = {
          ...prev,
          text: `${prev.text} ${entry.text}`,
          item: { kind: 'day', ref: { type: 'bound', side: 'from', ref: prev.item.ref } },
        };
      continue;
    }
    if (item.kind === 'cue' && item.cue === 'bound') {
      const next = items[i + 1];
      if (next?.item.kind === 'day' && next.at === entry.at + entry.text.split(' ').length && boundable(next.item.ref)) {
        out.push({
          ...next,
          at: entry.at,
          text: `${entry.text} ${next.text}`,
          item: { kind: 'day', ref: { type: 'bound', side: item.side ?? 'until', ref: next.item.ref } },
        });
        i += 1;
      }
      continue;
    }
    if (item.kind === 'cue' && item.cue === 'zone') {
      // "2pm or 3pm eastern": every time since the last day or clause break; "2:30pm on 3/12 central": the day
      // said between the time and its zone is stepped over.
      let found = false;
      for (let j = out.length - 1; j >= 0 && out.length - j <= 12; j -= 1) {
        const prev = out[j] as LexedItem;
        if (prev.item.kind === 'time') {
          found = true;
          if (item.zone !== 'local') prev.item = { ...prev.item, zone: item.zone };
          continue;
        }
        const steppedOver = (prev.item.kind === 'day' && !found) || (prev.item.kind === 'cue' && prev.item.cue === 'or');
        if (!steppedOver) break;
      }
      continue;
    }
    out.push(entry);
  }
  return out;
}

function boundable(ref: DayRef): boolean {
  if (ref.type === 'weekday') return ref.weekdays.length === 1 && ref.mode !== 'every';
  return (
    ref.type === 'relative' ||
    ref.type === 'date' ||
    ref.type === 'holiday' ||
    ref.type === 'week' ||
    ref.type === 'neighbor' ||
    ref.type === 'month' ||
    ref.type === 'weekend'
  );
}

const NO_WORD = /^(?:no|nope|nah)$/;

function isCorrection(items: LexedItem[], i: number): boolean {
  const { item, text } = items[i] as LexedItem;
  if (item.kind !== 'cue') return false;
  if (item.cue === 'correct') return true;
  // "monday no tuesday", "at 2 no wednesday at 4": a "no" between two phrases (applySelfCorrections checks their kinds).
  if (item.cue !== 'neg_pre' || !NO_WORD.test(text)) return false;
  // A "no" next to another correction word ("no sorry", "wait no") is part of that correction.
  const side = (e: LexedItem | undefined) => Boolean(e && (e.item.kind !== 'cue' || e.item.cue === 'correct'));
  return side(items[i - 1]) && side(items[i + 1]);
}

const isBreak = (e: LexedItem | undefined) => e?.item.kind === 'cue' && e.item.cue === 'sep';

export interface Corrected {
  items: LexedItem[];
  /** Corrections the grammar could not resolve, for the call to ask about. */
  unresolved: Doubt[];
}

/** Each correction replaces the last phrase of the same kind (day, time or both) said before it in the clause. */
export function applySelfCorrections(items: LexedItem[]): Corrected {
  const out: LexedItem[] = [];
  const unresolved: Doubt[] = [];
  let clauseStart = 0;
  let prevClauseStart = 0;
  for (let i = 0; i < items.length; i += 1) {
    const entry = items[i] as LexedItem;
    if (isBreak(entry)) {
      prevClauseStart = clauseStart;
      clauseStart = out.length + 1;
    }
    if (!isCorrection(items, i)) {
      out.push(entry);
      continue;
    }
    // "sorry, i mean 3": a run of correction words is one correction.
    if (i + 1 < items.length && isCorrection(items, i + 1)) continue;
    const kinds = new Set<string>();
    // "friday. no wait. thursday": a break right after the correction word still leads to what it says.
    let from = i + 1;
    while (from < items.length && isBreak(items[from])) from += 1;
    for (let j = from; j < items.length && !isBreak(items[j]) && !isCorrection(items, j); j += 1) {
      const k = (items[j] as LexedItem).item.kind;
      if (k !== 'cue') kinds.add(k);
    }
    // A correction that opens its sentence corrects the sentence before it.
    const opensClause =
      entry.item.kind === 'cue' && entry.item.cue === 'correct' && !out.slice(clauseStart).some((e) => e.item.kind !== 'cue');
    const scanFrom = opensClause ? prevClauseStart : clauseStart;
    const said = new Set<string>(out.slice(scanFrom).map((e) => e.item.kind));
    const before = said.has('day') || said.has('time');
    // A "no" whose phrase is of a kind not said before negates ("tuesday at 2 no mornings"); it corrects otherwise.
    if (entry.item.kind === 'cue' && entry.item.cue === 'neg_pre' && ![...kinds].some((k) => said.has(k))) {
      out.push(entry);
      continue;
    }
    if (kinds.size === 0) {
      // A closing "sorry" ("nothing this week, sorry") apologises; it corrects nothing.
      const apology = entry.text === 'sorry' && from >= items.length;
      if (before && !apology && entry.item.kind === 'cue' && entry.item.cue === 'correct') {
        const last = out.slice(scanFrom).findLast((e) => e.item.kind === 'day' || e.item.kind === 'time');
        unresolved.push(danglingCorrection(entry.text, last?.text ?? null));
      }
      continue;
    }
    for (const kind of kinds) {
      // Twelve phrases back at most: a correction is about what was just said, and the scan stays bounded.
      for (let j = out.length - 1; j >= Math.max(scanFrom, out.length - 12); j -= 1) {
        if ((out[j] as LexedItem).item.kind === kind) {
          // "not tuesday, i said thursday": the "not" of what is corrected goes with it.
          const before = out[j - 1]?.item;
          const negated = j - 1 >= scanFrom && before?.kind === 'cue' && before.cue === 'neg_pre';
          out.splice(negated ? j - 1 : j, negated ? 2 : 1);
          break;
        }
      }
    }
  }
  return { items: out, unresolved };
}
