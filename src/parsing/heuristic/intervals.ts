// Interval arithmetic on epoch milliseconds: union, subtraction, clipping and the duration filter that
// every parser (heuristic and OpenAI) applies before returning slots.
import type { Slot } from '../../domain/types.js';
import { ZoneClock } from '../../domain/zone-clock.js';

export type Interval = [number, number];

export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = list.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function subtractIntervals(from: Interval[], remove: Interval[]): Interval[] {
  let out = mergeIntervals(from);
  for (const [rs, re] of mergeIntervals(remove)) {
    const next: Interval[] = [];
    for (const [s, e] of out) {
      if (re <= s || rs >= e) next.push([s, e]);
      else {
        if (rs > s) next.push([s, rs]);
        if (re < e) next.push([re, e]);
      }
    }
    out = next;
  }
  return out;
}

export function clipIntervals(list: Interval[], lo: number, hi: number): Interval[] {
  return list.map(([s, e]): Interval => [Math.max(s, lo), Math.min(e, hi)]).filter(([s, e]) => e > s);
}

/** Merged, sorted, clipped to [lo, hi], at least `durationMinutes` long, as ISO in `zone`. */
export function finalizeSlots(list: Interval[], lo: number, hi: number, durationMinutes: number, zone: string | ZoneClock): Slot[] {
  const min = durationMinutes * 60_000;
  // A caller's clock already knows the offsets at the edges it built; a zone name gets a fresh one.
  const clock = typeof zone === 'string' ? new ZoneClock(zone) : zone;
  return mergeIntervals(clipIntervals(list, lo, hi))
    .filter(([s, e]) => e - s >= min)
    .map(([s, e]) => ({ start: clock.format(s), end: clock.format(e) }));
}
