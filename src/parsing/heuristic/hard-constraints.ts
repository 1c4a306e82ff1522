// Which hours and days an instruction makes hard. "only", "strictly" and "must be" make the phrases that
// touch them hard ("only Tuesdays and Thursdays", "9am-5pm only", "only weekday mornings"); "never outside
// 9 to 5", "not before 10" and "no later than 5" are hard on their own; "preferably", "ideally" and "if
// possible" next to any of them keep it soft. Clauses are read apart (commas end a clause), because
// normalising drops the commas that tell "mornings, only tuesdays" from "only tuesdays mornings".
import type { TimeRange } from '../../domain/types.js';
import type { Calendar } from './calendar.js';
import { type Collected, combineHours, type Span } from './hard-hours.js';
import { type HardPhrase, type LexedPhrase, lexHardPhrases } from './hard-phrases.js';
import { normalizeText } from './normalize.js';

export interface HardFindings {
  /** The normalised text with the hard hour phrases and their "only" blanked out; day phrases stay. */
  text: string;
  working_hours: TimeRange[] | null;
  /** luxon weekday numbers; null when no day was made hard. */
  working_days: Set<number> | null;
  /** Hard phrases that contradict the others; they are dropped and reported as not understood. */
  conflicts: string[];
}

/** "9am–5pm" loses its dash in normalising (it only joins digit to digit), so say "to" first. */
const MERIDIEM_DASH = /(\d\s*(?:a\.?\s?m|p\.?\s?m)\.?)\s*[\u2013\u2014-]\s*(\d)/gi;
const CLAUSE_BREAK = /[,;!?]|(?<![ap]\.m)\.(?=\s|$)/i;

/** Indices of the phrases an "only" at `i` covers, walking in `step` direction over touching phrases. */
function runFrom(items: LexedPhrase[], i: number, step: 1 | -1): number[] {
  const out: number[] = [];
  let joins: number[] = [];
  let prev = items[i];
  for (let k = i + step; prev && k >= 0 && k < items.length; k += step) {
    const it = items[k];
    if (!it || (step > 0 ? prev.tokB !== it.tokA : it.tokB !== prev.tokA)) break;
    const kind = it.phrase.kind;
    if (kind === 'join') joins.push(k);
    else if (kind === 'days' || kind === 'hours' || kind === 'open') {
      out.push(...joins, k);
      joins = [];
    } else break;
    prev = it;
  }
  return out;
}

/** Which way a soft word reaches: its own way, and also ahead when it opens the clause ("if possible not before 10"). */
const reaches = (x: LexedPhrase | undefined, way: 'ahead' | 'back') =>
  x?.phrase.kind === 'soft' && (x.phrase.reach === way || (way === 'ahead' && x.tokA === 0));

/** True when "preferably …" just before, or "… if possible" just after, the phrases from index a to b. */
function softened(items: LexedPhrase[], a: number, b: number): boolean {
  const before = items[a - 1];
  const after = items[b + 1];
  return (reaches(before, 'ahead') && before?.tokB === items[a]?.tokA) || (reaches(after, 'back') && after?.tokA === items[b]?.tokB);
}

/** "never before 9 or after 5": an open bound joined to a hard one is hard too. Returns its index or -1. */
function joinedBound(items: LexedPhrase[], i: number): number {
  const join = items[i + 1];
  const next = items[i + 2];
  const touches = join && next && items[i]?.tokB === join.tokA && join.tokB === next.tokA;
  return touches && join.phrase.kind === 'join' && next.phrase.kind === 'open' ? i + 2 : -1;
}

/** A clause that is only "if possible" or "ideally" belongs with its neighbour: the previous one, or the next. */
const SOFT_ONLY = /^(?:preferably|ideally|if (?:at all )?possible|where possible|if you can|if we can)$/;

/**
 * Every hard phrase (and every soft word not already ignored as glue) has one of these words, so a clause
 * without any is passed over without lexing: most instructions are mostly such clauses.
 */
const TRIGGER =
  /\b(?:only|strictly|exclusively|must|has|have|needs?|keep|stick|restrict(?:ed)?|limit(?:ed)?|confine(?:d)?|within|never|not|nothing|no|cant|dont|wont|earliest|latest|finish(?:ed)?|end|wrap|done|avoid|preferred|best|rather|prefer|would|anything)\b/;

function clausesOf(raw: string): string[] {
  const out: string[] = [];
  let carry = '';
  for (const piece of raw.replace(MERIDIEM_DASH, '$1 to $2').split(CLAUSE_BREAK)) {
    const clause = normalizeText(piece);
    if (!clause) continue;
    if (SOFT_ONLY.test(clause) && out.length) out[out.length - 1] += ` ${clause}`;
    else if (SOFT_ONLY.test(clause)) carry = `${carry}${clause} `;
    else {
      out.push(`${carry}${clause}`);
      carry = '';
    }
  }
  if (carry) out.push(carry.trim());
  return out;
}

function collect(into: Collected, clause: string, items: LexedPhrase[], blanks: Span[]): void {
  /** Uses phrase k; `negated` is an open bound after a refusal ("never … or after 5"), which flips its side. */
  const taken = new Set<number>();
  const take = (k: number, negated = false) => {
    const it = items[k];
    if (!it || taken.has(k)) return;
    taken.add(k);
    const p: HardPhrase =
      negated && it.phrase.kind === 'open' ? { ...it.phrase, side: it.phrase.side === 'lower' ? 'upper' : 'lower' } : it.phrase;
    const text = clause.slice(it.from, it.to);
    if (p.kind === 'days') into.days.push(...p.days);
    else blanks.push([it.from, it.to]);
    if (p.kind === 'hours' || p.kind === 'outside') into.only.push(p.range);
    if (p.kind === 'bound' || p.kind === 'open') {
      (p.side === 'lower' ? into.lower : into.upper).push(p.at);
      into.boundText.push(text);
    }
    if (p.kind === 'no_part') {
      into.excluded.push(p.range);
      into.excludedText.push(text);
    }
    if (p.kind !== 'days' && p.kind !== 'join' && p.kind !== 'only') into.saidHours = true;
  };
  // "can't do wednesdays or anything before 10": "or anything" carries a refusal said earlier in the clause.
  const refusalAt = clause.search(/\b(?:cant|dont|wont|never|not|no|nothing|avoid)\b/);
  items.forEach((it, i) => {
    const kind = it.phrase.kind;
    if (kind === 'bound' && /^n?or /.test(clause.slice(it.from, it.from + 4)) && (refusalAt < 0 || refusalAt > it.from)) return;
    // Soft words are understood whatever they qualify; blanking them keeps them out of "not understood".
    if (kind === 'soft') blanks.push([it.from, it.to]);
    if (kind === 'outside' || kind === 'bound' || kind === 'no_part') {
      const also = kind === 'bound' ? joinedBound(items, i) : -1;
      if (softened(items, i, also < 0 ? i : also)) return;
      take(i);
      if (also >= 0) {
        take(also - 1);
        take(also, true);
      }
      return;
    }
    if (kind !== 'only') return;
    const back = runFrom(items, i, -1);
    const ahead = runFrom(items, i, 1);
    if (back.length === 0 && ahead.length === 0) return;
    // Runs are built walking away from the "only", so their last index is their far end.
    const first = back[back.length - 1] ?? i;
    const last = ahead[ahead.length - 1] ?? i;
    if (softened(items, first, last)) return;
    take(i);
    for (const k of [...back, ...ahead]) take(k);
  });
}

export function findHardConstraints(raw: string, cal: Calendar): HardFindings {
  const c: Collected = { only: [], lower: [], upper: [], excluded: [], days: [], boundText: [], excludedText: [], saidHours: false };
  const clauses: string[] = [];
  for (const clause of clausesOf(raw)) {
    if (!TRIGGER.test(clause)) {
      clauses.push(clause);
      continue;
    }
    const blanks: Span[] = [];
    collect(c, clause, lexHardPhrases(clause, cal), blanks);
    const parts: string[] = [];
    let at = 0;
    for (const [from, to] of blanks.sort((a, b) => a[0] - b[0])) {
      parts.push(clause.slice(at, from), ' | ');
      at = to;
    }
    clauses.push(parts.join('') + clause.slice(at));
  }
  const conflicts: string[] = [];
  const working_hours = combineHours(c, conflicts);
  return { text: clauses.join(' '), working_hours, working_days: c.days.length ? new Set(c.days) : null, conflicts };
}
