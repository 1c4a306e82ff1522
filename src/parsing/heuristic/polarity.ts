// Decides which day/time phrases are offered and which are ruled out, then groups them into
// (days × times) clauses. Negation can come before ("busy wednesday") or after ("wednesday is bad").
import type { DayItem, LexedItem, TimeItem } from './items.js';

export interface Group {
  negative: boolean;
  days: DayItem[];
  /** Alternatives ("morning or after 4"); the times inside one alternative narrow each other. */
  times: TimeItem[][];
  /** Clause index, so a lone "after 2" in a new clause can narrow the previous clause. */
  clause: number;
}

interface Marked {
  entry: LexedItem;
  negative: boolean;
  clause: number;
  joined: boolean;
}

function markPolarity(items: LexedItem[]): Marked[] {
  const out: Marked[] = [];
  let clause = 0;
  let negScope = false;
  let pendingStart = 0;
  let preNegWithoutTarget = false;
  let joined = false;
  /** Sets the polarity of everything since the clause's pending start. */
  const markPending = (negative: boolean) => {
    for (const m of out.slice(pendingStart)) m.negative = negative;
  };
  const closeClause = () => {
    if (preNegWithoutTarget) markPending(true);
    preNegWithoutTarget = false;
    negScope = false;
    clause += 1;
    pendingStart = out.length;
  };
  for (const entry of items) {
    const { item } = entry;
    if (item.kind === 'cue') {
      switch (item.cue) {
        case 'sep':
          closeClause();
          break;
        case 'except':
          closeClause();
          negScope = true;
          break;
        case 'neg_pre':
          if (preNegWithoutTarget) break;
          negScope = true;
          preNegWithoutTarget = true;
          break;
        case 'neg_post':
          markPending(true);
          pendingStart = out.length;
          preNegWithoutTarget = false;
          break;
        case 'pos':
          if (!preNegWithoutTarget) markPending(false);
          negScope = false;
          preNegWithoutTarget = false;
          pendingStart = out.length;
          break;
        case 'or':
          joined = true;
          break;
      }
      continue;
    }
    if (negScope && preNegWithoutTarget) {
      // The negation found its target; earlier phrases in the clause keep their own polarity.
      pendingStart = out.length;
      preNegWithoutTarget = false;
    }
    out.push({ entry, negative: negScope, clause, joined });
    joined = false;
  }
  closeClause();
  return out;
}

export function groupItems(items: LexedItem[]): Group[] {
  const marked = markPolarity(items);
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastTimeAt = -10;
  for (const m of marked) {
    const { item } = m.entry;
    if (item.kind === 'cue') continue;
    const fresh =
      !current ||
      current.negative !== m.negative ||
      current.clause !== m.clause ||
      (item.kind === 'day' && current.days.length > 0 && current.times.length > 0);
    if (fresh || !current) {
      current = { negative: m.negative, days: [], times: [], clause: m.clause };
      groups.push(current);
    }
    const g = current;
    if (item.kind === 'day') {
      g.days.push(item);
      continue;
    }
    const last = g.times[g.times.length - 1];
    // Adjacent times with no "or"/"and" between them narrow each other ("mornings after 10").
    const nested = last?.some((t) => (t.start <= item.start && t.end >= item.end) || (item.start <= t.start && item.end >= t.end));
    const narrows = last && !m.joined && (item.open || last.some((t) => t.open) || nested) && m.entry.at - lastTimeAt <= 4;
    if (narrows) last.push(item);
    else g.times.push([item]);
    lastTimeAt = m.entry.at;
  }
  return groups;
}
