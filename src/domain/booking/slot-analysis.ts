// What both modes need before they choose: the owner's grid over the window, how many leads can
// attend each start (the difference-array sweep), and which hard constraint removes each start.
// Computed once per confirm; the group and one-on-one solvers, reasons and --explain all read it.
import type { IANAZone } from 'luxon';
import type { Grid, MergedLeads } from '../optimizer-grid.js';
import { buildGrid, countAvailablePerSlot, mergeAllLeads } from '../optimizer-grid.js';
import type { Interval } from '../slots.js';
import { MINUTE_MS, resolveZone } from '../slots.js';
import { createSoftScorer, type SoftScore } from '../soft-score.js';
import type { DayOfWeek, SoftConstraints } from '../types.js';
import { type AllowedStarts, BLOCK, computeAllowedStarts, NO_RULES, type OwnerRules } from './hard-constraints.js';

export interface OptimizerLead {
  lead_id: number;
  name: string;
  timezone: string;
  /** Epoch ms; may overlap and come in any order. */
  intervals: Interval[];
}

export interface OptimizerInput {
  window_start: number;
  window_end: number;
  /** The owner's zone: the grid, working hours, excluded days and soft preferences are read in it. */
  timezone: string;
  duration_minutes: number;
  max_bookings: number;
  grid_minutes: number;
  excluded_days: DayOfWeek[];
  soft: SoftConstraints;
  /** In response order: when more can attend than max_bookings, the earliest responders win. */
  leads: OptimizerLead[];
  runners_up: number;
  /** Working hours, notice, busy time; omitted = none (only the window and excluded days). */
  rules?: OwnerRules;
  /** A start to account for (`confirm --explain`). */
  explain_start?: number | null;
}

export interface SlotAnalysis {
  input: OptimizerInput;
  rules: OwnerRules;
  zone: IANAZone;
  durationMs: number;
  grid: Grid;
  merged: MergedLeads;
  /** Leads free for the whole meeting at each grid start, hard constraints aside. */
  counts: Int32Array;
  allowed: AllowedStarts;
  startOf(i: number): number;
  scoreOf(i: number): SoftScore;
}

export function analyseSlots(input: OptimizerInput): SlotAnalysis {
  const zone = resolveZone(input.timezone);
  const durationMs = input.duration_minutes * MINUTE_MS;
  const rules = input.rules ?? NO_RULES;
  const grid = buildGrid(zone, input.window_start, input.window_end, input.grid_minutes, durationMs);
  const merged = mergeAllLeads(input.leads);
  const counts = countAvailablePerSlot(merged, grid, durationMs);
  const allowed = computeAllowedStarts(grid, durationMs, input.excluded_days, rules);
  const scorer = createSoftScorer(input.soft);
  const endSteps = Math.floor(durationMs / grid.stepMs);
  const startOf = (i: number) => grid.first + i * grid.stepMs;
  return {
    input,
    rules,
    zone,
    durationMs,
    grid,
    merged,
    counts,
    allowed,
    startOf,
    scoreOf: (i) => {
      const start = startOf(i);
      const startWall = start + (grid.offsets[i] ?? 0) * MINUTE_MS;
      return scorer(startWall, start + durationMs + (grid.offsets[i + endSteps] ?? 0) * MINUTE_MS);
    },
  };
}

/** The grid index of an instant, or null when it is not a grid start inside the window. */
export function gridIndexOf(a: SlotAnalysis, start: number): number | null {
  const index = (start - a.grid.first) / a.grid.stepMs;
  return Number.isInteger(index) && index >= 0 && index < a.grid.size ? index : null;
}

/**
 * The removed start where most leads are free: what would fit if a constraint gave way. Starts
 * inside the minimum notice come last (nobody can move "now"), then the most leads, then the
 * fewest constraints in the way, then the earliest.
 */
export function findBestBlocked(a: SlotAnalysis): number | null {
  let best: number | null = null;
  let bestKey: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < a.grid.size; i++) {
    const mask = a.allowed.blocks[i] ?? 0;
    const available = a.counts[i] ?? 0;
    if (mask === 0 || available === 0) continue;
    const key: [number, number, number] = [mask & BLOCK.notice ? 0 : 1, available, -countBits(mask)];
    if (
      best === null ||
      key[0] > bestKey[0] ||
      (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))
    ) {
      best = i;
      bestKey = key;
    }
  }
  return best;
}

function countBits(mask: number): number {
  let n = 0;
  for (let m = mask; m > 0; m >>= 1) n += m & 1;
  return n;
}
