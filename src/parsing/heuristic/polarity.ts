// Decides which day/time phrases are offered and which are ruled out, then groups them into
// (days × times) clauses. Negation can come before ("busy wednesday") or after ("wednesday is bad").
import type { DayItem, LexedItem, TimeItem } from './items.js';
import { placeInPart, shiftOpenIntoPart } from './part-of-day.js';

export interface Group {
  negative: boolean;
  days: DayItem[];
  /** Alternatives ("morning or after 4"); the times inside one alternative narrow each other. */
  times: TimeItem[][];
  /** Clause index, so a lone "after 2" in a new clause can narrow the previous clause. */
  clause: number;
  /** The clause said "only" ("but only mornings"): its times narrow what was offered before. */
  only: boolean;
  /** Times came before the first day ("at ten on monday or tuesday"): days joined by "or" share them. */
  timeFirst: boolean;
  /** Ruled out by a word after it ("friday is a write-off"): that one day, not every such weekday. */
  postNeg: boolean;
}

interface Marked {
  entry: LexedItem;
  negative: boolean;
  clause: number;
  joined: boolean;
  /** Joined by "and" (not "or"): "not before 10 and not after 4" is one stretch of the day. */
  byAnd?: boolean;
  postNeg?: boolean;
}

/** A single day that can stand in a list ("today tomorrow and friday"); a week or a spell cannot. */
const isListDay = (item: LexedItem['item'] | undefined) =>
  item?.kind === 'day' && (item.ref.type === 'relative' || item.ref.type === 'weekday' || item.ref.type === 'date');

function markPolarity(items: LexedItem[]): { marked: Marked[]; onlyClauses: Set<number> } {
  const out: Marked[] = [];
  const onlyClauses = new Set<number>();
  let clause = 0;
  let negScope = false;
  let pendingStart = 0;
  let preNegWithoutTarget = false;
  let joined = false;
  let joinedByAnd = false;
  /** Token just after the last negation target, to tie the day said right after it to the same statement. */
  let targetEnd = -1;
  /** Items up to here are settled by a negation's target (and what "or" joined to it). */
  let lockedEnd = -1;
  /** That day: "monday is ok" right after it still offers it; "free after" later in the clause does not. */
  let tied: { index: number; end: number } | null = null;
  /** Sets the polarity of everything since the clause's pending start. */
  const markPending = (negative: boolean, post = false) => {
    for (const m of out.slice(pendingStart)) {
      m.negative = negative;
      m.postNeg = post;
    }
  };
  const closeClause = () => {
    tied = null;
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
          markPending(true, true);
          pendingStart = out.length;
          preNegWithoutTarget = false;
          break;
        case 'pos':
          if (tied && (entry.at !== tied.end || PRE_POSITIVE.test(entry.text))) pendingStart = Math.max(pendingStart, tied.index + 1);
          tied = null;
          if (!preNegWithoutTarget) markPending(false);
          negScope = false;
          preNegWithoutTarget = false;
          pendingStart = out.length;
          break;
        case 'or':
          joined = true;
          joinedByAnd = entry.text === 'and';
          break;
        case 'only':
          onlyClauses.add(clause);
          break;
      }
      continue;
    }
    // "then I'm wide open", "any time after that": what follows a busy "until" is the free part.
    if (item.kind === 'day' && item.ref.type === 'rest') {
      // "till thursday i'm swamped, then free": a busy word after its spell still rules the spell out.
      if (preNegWithoutTarget) markPending(true);
      const prev = out[out.length - 1];
      if (prev?.entry.item.kind === 'day' && prev.entry.item.ref.type === 'window') prev.negative = false;
      negScope = false;
      preNegWithoutTarget = false;
      pendingStart = out.length + 1;
      out.push({ entry, negative: false, clause, joined });
      joined = false;
      continue;
    }
    // "off until the 9th, back on the 10th": a day from which one is free again is never what the busy word rules out.
    if (item.kind === 'day' && item.ref.type === 'bound' && item.ref.side === 'from' && negScope && !preNegWithoutTarget) {
      negScope = false;
      pendingStart = out.length;
    }
    const target = negScope && preNegWithoutTarget;
    if (target) {
      // The negation found its target; earlier phrases in the clause keep their own polarity.
      pendingStart = out.length;
      preNegWithoutTarget = false;
    }
    out.push({ entry, negative: negScope, clause, joined, ...(joined && joinedByAnd ? { byAnd: true } : {}) });
    // A negation is settled by its target: a later "wide open" or "monday is ok" does not undo it. A day
    // right after a time target belongs to it ("booked up till noon tomorrow, free after").
    const prevEnd = targetEnd;
    targetEnd = -1;
    // "swamped today tomorrow and friday" (the recogniser's commas gone): a day said right after the target is in its list.
    const listed =
      negScope &&
      lockedEnd === out.length - 1 &&
      isListDay(item) &&
      entry.at === prevEnd &&
      isListDay(out[out.length - 2]?.entry.item) &&
      !out[out.length - 2]?.joined;
    if (target || (negScope && joined && lockedEnd === out.length - 1) || listed) {
      // "can't do thursday or friday, monday is good": the days joined to the target share its negation.
      pendingStart = out.length;
      lockedEnd = out.length;
      targetEnd = entry.at + entry.text.split(' ').length;
    } else if (
      negScope &&
      item.kind === 'time' &&
      out[out.length - 2]?.entry.item.kind === 'day' &&
      (entry.at === prevEnd || entry.at === out[out.length - 2]?.entry.at)
    ) {
      // "busy this morning, try me after 4": the part of day said right after the day is the same target.
      pendingStart = out.length;
      targetEnd = entry.at + entry.text.split(' ').length;
    } else if (negScope && item.kind === 'day' && entry.at === prevEnd && out[out.length - 2]?.entry.item.kind === 'time') {
      tied = { index: out.length - 1, end: entry.at + entry.text.split(' ').length };
    } else if (tied && item.kind === 'time' && entry.at === tied.end) {
      // "during lunch, wednesday at 3 is ok": a clock right after that day makes it a new offer the "ok" speaks of.
      tied.end = entry.at + entry.text.split(' ').length;
    }
    joined = false;
  }
  closeClause();
  return { marked: out, onlyClauses };
}

const NEAR_TOKENS = 8;
/** Positive words that speak of what follows ("free after"), not of what was just said ("monday is ok"). */
const PRE_POSITIVE = /^(?:free|available|open|wide open|how about|what about|maybe|perhaps|try me|anything|i can|i could|can do|could do)$/;
const contains = (a: TimeItem, b: TimeItem) => a.start <= b.start && a.end >= b.end;

export function groupItems(items: LexedItem[]): Group[] {
  const { marked, onlyClauses } = markPolarity(items);
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastTimeAt = -10;
  for (const m of marked) {
    let { item } = m.entry;
    if (item.kind === 'cue') continue;
    const fresh =
      !current ||
      current.negative !== m.negative ||
      current.postNeg !== Boolean(m.postNeg) ||
      current.clause !== m.clause ||
      // "… until next week, then tuesday": what follows "then" is its own offer.
      (item.kind === 'day' && item.ref.type === 'rest' && current.days.some((d) => d.ref.type !== 'window')) ||
      // "free after 2 every day": an open offer said after the times keeps them.
      (item.kind === 'day' &&
        item.ref.type !== 'window' &&
        // "every day next week": the week says which days "every day" is.
        !(item.ref.type === 'week' && current.days[current.days.length - 1]?.ref.type === 'window') &&
        current.days.length > 0 &&
        current.times.length > 0 &&
        !(current.timeFirst && m.joined)) ||
      // "after 2 on tuesday and all day thursday": a time joined on after a time-first group opens the next one.
      (item.kind === 'time' && current.timeFirst && current.days.length > 0 && m.joined);
    if (fresh || !current) {
      current = {
        negative: m.negative,
        days: [],
        times: [],
        clause: m.clause,
        only: onlyClauses.has(m.clause),
        timeFirst: false,
        postNeg: Boolean(m.postNeg),
      };
      groups.push(current);
    }
    const g = current;
    if (item.kind === 'day') {
      if (g.days.length === 0 && g.times.length > 0) g.timeFirst = true;
      g.days.push(item);
      continue;
    }
    const last = g.times[g.times.length - 1];
    // Times a few words apart in one clause, with no "or" between, speak of the same stretch of the day.
    const near = m.entry.at - lastTimeAt <= NEAR_TOKENS && !m.joined;
    if (last && near) item = shiftOpenIntoPart(last, item);
    // A part of the day and a bare clock next to it: the clock, read inside the part, replaces it.
    const placed = last && near ? placeInPart(last, item) : null;
    const partAfter = last && near && item.part ? last.find((t) => t.bare && !t.open) : undefined;
    const placedBack = partAfter ? placeInPart([item], partAfter) : null;
    if (last && (placed || placedBack)) {
      const keep = last.filter((t) => !t.part && t !== partAfter);
      last.splice(0, last.length, ...keep, (placed ?? placedBack) as TimeItem);
      lastTimeAt = m.entry.at;
      continue;
    }
    // Adjacent times with no "or"/"and" between them narrow each other ("mornings after 10").
    const nested = last?.some((t) => contains(t, item) || contains(item, t));
    const bothEnds = m.byAnd && item.open && last?.some((t) => t.open && t.bound && t.bound !== item.bound);
    const narrows =
      last && (!m.joined || bothEnds) && (item.open || last.some((t) => t.open) || nested) && m.entry.at - lastTimeAt <= NEAR_TOKENS;
    if (narrows) last.push(item);
    else g.times.push([item]);
    lastTimeAt = m.entry.at;
  }
  return groups;
}
