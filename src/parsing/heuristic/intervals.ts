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

/** Both lists merged and sorted, then one sweep: linear after the sort, however many pieces either has. */
export function subtractIntervals(from: Interval[], remove: Interval[]): Interval[] {
  const keep = mergeIntervals(from);
  const cut = mergeIntervals(remove);
  const out: Interval[] = [];
  let j = 0;
  for (const [s0, e] of keep) {
    let s = s0;
    while (j < cut.length && (cut[j] as Interval)[1] <= s) j += 1;
    let k = j;
    while (k < cut.length && (cut[k] as Interval)[0] < e) {
      const [rs, re] = cut[k] as Interval;
      if (rs > s) out.push([s, rs]);
      s = Math.max(s, re);
      if (re >= e) break;
      k += 1;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

/** Whether every interval lies inside the merged, sorted cover (binary search per interval). */
export function coveredBy(list: Interval[], cover: Interval[]): boolean {
  return list.every(([s, e]) => {
    let lo = 0;
    let hi = cover.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [cs, ce] = cover[mid] as Interval;
      if (ce <= s) lo = mid + 1;
      else if (cs > s) hi = mid - 1;
      else return ce >= e;
    }
    return false;
  });
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
