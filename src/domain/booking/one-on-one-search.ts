// One-on-one selection: pick start times that are pairwise at least `gapMs` apart (meeting plus
// buffer) and give each a different lead who can attend it, maximising the number of meetings,
// then the sum of preference scores, then earliness (the smallest sum of start times).
//
// This is job interval selection, NP-hard in general. The shape that makes real instances easy:
// a slot that at least K leads can attend (K = the number of meetings wanted) can always be given a
// lead, because the other ≤ K − 1 meetings use at most K − 1 of them. Only the "contested" slots
// with fewer leads can make a choice unassignable, so they alone go through bipartite matching
// (augmenting paths, kept incrementally as slots are added and removed).
//
// Search: for every suffix of the time-sorted slots and number of meetings left, two upper bounds
// on the value (one-on-one-bounds.ts: a DP that ignores lead distinctness, and the best slot each
// lead could have, summed over the top leads). A descent along the DP's choices (skipping a
// slot that cannot be matched) gives the first answer; a depth-first branch and bound then proves
// it or improves it. Guarantees:
// - when the search finishes (exact: true) the answer is optimal under the three criteria;
// - when the DP's own optimum can be matched (the usual case with many leads per slot) the first
//   descent reaches the bound and the search ends at once;
// - past `nodeLimit` branch steps it stops (exact: false) with the best answer found, never worse
//   than the descent, and reports upper_bound: no answer can book more meetings than that.
//   The budget (200,000 steps, about 100 ms) is spent where both bounds are loose: many leads who
//   compete for the few well-placed slots, with many near-equivalent ways to arrange them.
// Values are exact integers below 2^53: count, score and earliness packed into one number.

import { boundByLead, boundByTime } from './one-on-one-bounds.js';

export interface SearchSlot {
  /** Grid position; the grid steps evenly in time, so summing positions orders earliness. */
  index: number;
  start: number;
  /** Whole preference points, 0…maxScore. */
  score: number;
  /** Positions (response order) of the leads who can attend, ascending. */
  leads: readonly number[];
}

export interface SearchInput {
  /** Sorted by start. */
  slots: readonly SearchSlot[];
  gapMs: number;
  maxBookings: number;
  leadCount: number;
  maxScore: number;
  gridSize: number;
  nodeLimit?: number;
}

export interface SearchResult {
  /** Positions into slots, with the lead given to each; sorted by start. */
  bookings: { slot: number; lead: number }[];
  exact: boolean;
  upper_bound: number;
  nodes: number;
}

export function searchOneOnOne(input: SearchInput): SearchResult {
  const { slots, gapMs } = input;
  const n = slots.length;
  const distinctLeads = new Set<number>();
  for (const s of slots) for (const l of s.leads) distinctLeads.add(l);
  const K = Math.min(input.maxBookings, distinctLeads.size);
  if (K === 0 || n === 0) return { bookings: [], exact: true, upper_bound: 0, nodes: 0 };

  const wScore = K * input.gridSize + 1;
  const wCount = (input.maxScore * K + 1) * wScore;
  if ((K + 1) * wCount > Number.MAX_SAFE_INTEGER) throw new RangeError('one-on-one search: window × bookings too large to rank exactly');
  const value = slots.map((s) => wCount + s.score * wScore + (input.gridSize - s.index));
  const next = new Int32Array(n);
  for (let j = 0, t = 0; j < n; j++) {
    t = Math.max(t, j + 1);
    while (t < n && (slots[t]?.start ?? 0) < (slots[j]?.start ?? 0) + gapMs) t++;
    next[j] = t;
  }
  // at(j, k): no choice from slots j… with at most k meetings is worth more (one-on-one-bounds.ts).
  const byTime = boundByTime(value, next, K);
  // The lead bound costs (slot, lead) pairs × K to build, so it is built only if the descent misses.
  let byLead: Float64Array | null = null;
  const at = (j: number, k: number) => Math.min(byTime[j * (K + 1) + k] ?? 0, byLead ? (byLead[j * (K + 1) + k] ?? 0) : Infinity);
  // The descent follows the time DP's choices, the bound that keeps meetings apart.
  const takeIsBest = (j: number, k: number) =>
    (byTime[j * (K + 1) + k] ?? 0) === (value[j] ?? 0) + (byTime[(next[j] ?? n) * (K + 1) + k - 1] ?? 0);

  const matcher = createMatcher(slots, input.leadCount);
  const contested = slots.map((s) => s.leads.length < K);
  let best = -1;
  let bestSet: number[] = [];
  const record = (val: number, chosen: number[]) => {
    if (val > best) {
      best = val;
      bestSet = [...chosen];
    }
  };

  // The descent along the DP's choices.
  const chosen: number[] = [];
  let val = 0;
  for (let j = 0, k = K; j < n && k > 0; ) {
    if (takeIsBest(j, k) && (!contested[j] || matcher.add(j))) {
      chosen.push(j);
      val += value[j] ?? 0;
      j = next[j] ?? n;
      k--;
    } else j++;
  }
  record(val, chosen);
  for (const j of chosen) if (contested[j]) matcher.remove(j);

  const nodeLimit = input.nodeLimit ?? 200_000;
  let nodes = 0;
  let aborted = false;
  const stack: number[] = [];
  const dfs = (from: number, k: number, v: number): void => {
    record(v, stack);
    if (k === 0) return;
    for (let j = from; j < n; j++) {
      if (v + at(j, k) <= best) return; // the bound only falls as j grows
      if (++nodes > nodeLimit) {
        aborted = true;
        return;
      }
      if (contested[j] && !matcher.add(j)) continue;
      stack.push(j);
      dfs(next[j] ?? n, k - 1, v + (value[j] ?? 0));
      stack.pop();
      if (contested[j]) matcher.remove(j);
      if (aborted) return;
    }
  };
  if (best < at(0, K)) {
    byLead = boundByLead(slots, value, input.leadCount, K);
    dfs(0, K, 0);
  }

  return {
    bookings: assignLeads(slots, bestSet, contested, input.leadCount),
    exact: !aborted,
    upper_bound: aborted ? Math.min(K, Math.floor(at(0, K) / wCount)) : bestSet.length,
    nodes,
  };
}

/** Kuhn's augmenting paths over the contested slots chosen so far; leads are tried in response order. */
function createMatcher(slots: readonly SearchSlot[], leadCount: number) {
  const slotOfLead = new Int32Array(leadCount).fill(-1);
  const leadOfSlot = new Int32Array(slots.length).fill(-1);
  const seen = new Int32Array(leadCount);
  let stamp = 0;
  const augment = (j: number): boolean => {
    for (const lead of slots[j]?.leads ?? []) {
      if (seen[lead] === stamp) continue;
      seen[lead] = stamp;
      const holder = slotOfLead[lead] ?? -1;
      if (holder === -1 || augment(holder)) {
        slotOfLead[lead] = j;
        leadOfSlot[j] = lead;
        return true;
      }
    }
    return false;
  };
  return {
    add(j: number): boolean {
      stamp++;
      return augment(j);
    },
    /** The others stay matched (perhaps to other leads than before), so the matching stays valid. */
    remove(j: number): void {
      const lead = leadOfSlot[j] ?? -1;
      if (lead >= 0) slotOfLead[lead] = -1;
      leadOfSlot[j] = -1;
    },
    leadOf: (j: number) => leadOfSlot[j] ?? -1,
  };
}

/** Contested slots by matching, then every other slot takes the earliest responder still free. */
function assignLeads(slots: readonly SearchSlot[], chosen: readonly number[], contested: readonly boolean[], leadCount: number) {
  const matcher = createMatcher(slots, leadCount);
  const used = new Uint8Array(leadCount);
  const leadOf = new Map<number, number>();
  for (const j of chosen) {
    if (!contested[j]) continue;
    if (!matcher.add(j)) throw new Error('one-on-one search: a chosen contested slot lost its lead');
  }
  for (const j of chosen) {
    if (!contested[j]) continue;
    const lead = matcher.leadOf(j);
    used[lead] = 1;
    leadOf.set(j, lead);
  }
  for (const j of chosen) {
    if (contested[j]) continue;
    const lead = slots[j]?.leads.find((l) => used[l] === 0);
    if (lead === undefined) throw new Error('one-on-one search: an uncontested slot found no free lead');
    used[lead] = 1;
    leadOf.set(j, lead);
  }
  return [...chosen].sort((a, b) => a - b).map((slot) => ({ slot, lead: leadOf.get(slot) ?? -1 }));
}
