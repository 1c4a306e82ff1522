// Upper bounds for the one-on-one branch and bound (one-on-one-search.ts). Both are tables over
// (first slot j, meetings left k) of the best packed value any choice from slots j… can reach:
// - by time: a DP that keeps meetings apart but lets one lead attend many of them;
// - by lead: every meeting needs its own lead, and a lead adds at most the best slot it can attend,
//   so the k largest of those per-lead bests bound k meetings (overlaps ignored).
// The search takes the smaller; the lead bound is what closes cases with few leads free for hours.
import type { SearchSlot } from './one-on-one-search.js';

export function boundByTime(value: readonly number[], next: Int32Array, K: number): Float64Array {
  const n = value.length;
  const bound = new Float64Array((n + 1) * (K + 1));
  for (let j = n - 1; j >= 0; j--) {
    const take = value[j] ?? 0;
    const after = (next[j] ?? n) * (K + 1);
    for (let k = 1; k <= K; k++) {
      bound[j * (K + 1) + k] = Math.max(bound[(j + 1) * (K + 1) + k] ?? 0, take + (bound[after + k - 1] ?? 0));
    }
  }
  return bound;
}

export function boundByLead(slots: readonly SearchSlot[], value: readonly number[], leadCount: number, K: number): Float64Array {
  const n = slots.length;
  const bound = new Float64Array((n + 1) * (K + 1));
  const best = new Float64Array(leadCount);
  // The K largest per-lead bests so far, largest first. Bests only grow as j moves back, so a lead
  // outside the top can only enter it by growing past the smallest member.
  const topValue = new Float64Array(K);
  const topLead = new Int32Array(K);
  let size = 0;
  const raise = (lead: number, v: number) => {
    let at = -1;
    for (let i = 0; i < size; i++) if (topLead[i] === lead) at = i;
    if (at === -1) {
      if (size < K) at = size++;
      else if (v > (topValue[K - 1] ?? 0)) at = K - 1;
      else return;
    }
    while (at > 0 && (topValue[at - 1] ?? 0) < v) {
      topValue[at] = topValue[at - 1] ?? 0;
      topLead[at] = topLead[at - 1] ?? 0;
      at--;
    }
    topValue[at] = v;
    topLead[at] = lead;
  };
  for (let j = n - 1; j >= 0; j--) {
    const v = value[j] ?? 0;
    for (const lead of slots[j]?.leads ?? []) {
      if (v > (best[lead] ?? 0)) {
        best[lead] = v;
        raise(lead, v);
      }
    }
    let sum = 0;
    for (let k = 1; k <= K; k++) {
      sum += k <= size ? (topValue[k - 1] ?? 0) : 0;
      bound[j * (K + 1) + k] = sum;
    }
  }
  return bound;
}
