// Hard hours as minute spans of the local day: what "only" allows, clipped by "not before"/"no later than",
// minus the parts of day ruled out. Bounds that would leave nothing are reported rather than obeyed.
import type { TimeRange } from '../../domain/types.js';

export type Span = [number, number];
const DAY: Span = [0, 24 * 60];

/** What the hard phrases of a whole instruction said, gathered clause by clause. */
export interface Collected {
  only: Span[];
  lower: number[];
  upper: number[];
  excluded: Span[];
  days: number[];
  /** Phrase text per collected bound and exclusion, to report a contradiction. */
  boundText: string[];
  excludedText: string[];
  saidHours: boolean;
}

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

function clip(spans: Span[], lo: number, hi: number): Span[] {
  return spans.map(([s, e]): Span => [Math.max(s, lo), Math.min(e, hi)]).filter(([s, e]) => e > s);
}

function subtract(spans: Span[], cut: Span): Span[] {
  return spans
    .flatMap(([s, e]): Span[] => [
      ...(cut[0] > s ? [[s, Math.min(e, cut[0])] as Span] : []),
      ...(cut[1] < e ? [[Math.max(s, cut[1]), e] as Span] : []),
    ])
    .filter(([s, e]) => e > s);
}

function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The hours all hard phrases allow together; a bound or exclusion that leaves nothing is a conflict. */
export function combineHours(c: Collected, conflicts: string[]): TimeRange[] | null {
  if (!c.saidHours) return null;
  let hours = merge(c.only.length ? c.only : [DAY]);
  const bounded = clip(
    hours,
    c.lower.reduce((a, b) => Math.max(a, b), 0),
    c.upper.reduce((a, b) => Math.min(a, b), DAY[1]),
  );
  if (bounded.length) hours = bounded;
  else conflicts.push(...c.boundText);
  for (const [k, cut] of c.excluded.entries()) {
    const left = subtract(hours, cut);
    if (left.length) hours = left;
    else conflicts.push(c.excludedText[k] ?? '');
  }
  return hours.map(([s, e]) => ({ start: hhmm(s), end: hhmm(e) }));
}
