// Picks the meeting slot most leads can attend. Instead of testing every grid slot against every
// lead (slots × leads), each merged lead interval marks the run of grid starts it admits in a
// difference array; a prefix sum then gives every slot's attendance in one pass. Leads are only
// scanned one by one for the handful of slots that are reported.

import type { MergedLeads } from './optimizer-grid.js';
import { buildGrid, canAttend, countAvailablePerSlot, getOffsetAt, mergeAllLeads } from './optimizer-grid.js';
import type { RankedSlot } from './optimizer-reasons.js';
import { explainChoice } from './optimizer-reasons.js';
import type { Interval } from './slots.js';
import { getWallDayOfWeek, MINUTE_MS, resolveZone } from './slots.js';
import { countSoftPreferences, createSoftScorer } from './soft-score.js';
import type { DayOfWeek, SoftConstraints } from './types.js';

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
  /** The owner's zone: grid alignment, excluded days and soft preferences are read in it. */
  timezone: string;
  duration_minutes: number;
  max_bookings: number;
  grid_minutes: number;
  excluded_days: DayOfWeek[];
  soft: SoftConstraints;
  /** In response order: when more can attend than max_bookings, the earliest responders win. */
  leads: OptimizerLead[];
  runners_up: number;
}

export interface Candidate {
  start: number;
  end: number;
  /** Capped at max_bookings. */
  attendee_ids: number[];
  /** Before the cap. */
  available_count: number;
  soft_score: number;
  soft_matches: string[];
}

export interface OptimizerResult {
  best: Candidate | null;
  runners_up: Candidate[];
  reasons: string[];
  /** Grid slots evaluated: inside the window and not on an excluded day. */
  considered: number;
}

export function findBestSlot(input: OptimizerInput): OptimizerResult {
  assertValidInput(input);
  const zone = resolveZone(input.timezone);
  const durationMs = input.duration_minutes * MINUTE_MS;
  const grid = buildGrid(zone, input.window_start, input.window_end, input.grid_minutes, durationMs);
  const merged = mergeAllLeads(input.leads);
  const counts = countAvailablePerSlot(merged, grid, durationMs);
  const scoreWallClock = createSoftScorer(input.soft);

  const excluded = new Set(input.excluded_days);
  const ranked: RankedSlot[] = [];
  let considered = 0;
  for (let i = 0; i < grid.size; i++) {
    const start = grid.first + i * grid.stepMs;
    const startWall = start + (grid.offsets[i] ?? 0) * MINUTE_MS;
    if (excluded.size > 0 && excluded.has(getWallDayOfWeek(startWall))) continue;
    considered++;
    const available = counts[i] ?? 0;
    if (available === 0) continue;
    const end = start + durationMs;
    const { score, matches } = scoreWallClock(startWall, end + getOffsetAt(grid, zone, end) * MINUTE_MS);
    ranked.push({ start, available, booked: Math.min(available, input.max_bookings), score, matches });
  }
  ranked.sort(compareRanked);

  const [top] = ranked;
  if (!top) return { best: null, runners_up: [], reasons: explainNoSlot(input), considered };

  const picked: RankedSlot[] = [top];
  for (const slot of ranked) {
    if (picked.length > input.runners_up) break;
    if (picked.every((p) => Math.abs(p.start - slot.start) >= durationMs)) picked.push(slot);
  }
  const [best, ...runnersUp] = picked.map((slot) => toCandidate(slot, durationMs, input, merged));
  return {
    best: best ?? null,
    runners_up: runnersUp,
    reasons: explainChoice({
      ranked,
      picked,
      totalLeads: input.leads.length,
      maxBookings: input.max_bookings,
      preferenceCount: countSoftPreferences(input.soft),
      zone,
    }),
    considered,
  };
}

/** More bookable attendees, then a better preference score, then earlier. */
function compareRanked(a: RankedSlot, b: RankedSlot): number {
  return b.booked - a.booked || b.score - a.score || a.start - b.start;
}

function toCandidate(slot: RankedSlot, durationMs: number, input: OptimizerInput, merged: MergedLeads): Candidate {
  const end = slot.start + durationMs;
  const attendeeIds: number[] = [];
  for (let i = 0; i < input.leads.length && attendeeIds.length < input.max_bookings; i++) {
    const lead = input.leads[i];
    if (lead && canAttend(merged, i, slot.start, end)) attendeeIds.push(lead.lead_id);
  }
  return {
    start: slot.start,
    end,
    attendee_ids: attendeeIds,
    available_count: slot.available,
    soft_score: slot.score,
    soft_matches: slot.matches,
  };
}

function explainNoSlot(input: OptimizerInput): string[] {
  if (input.leads.length === 0) return ['no availability has been collected yet'];
  return [
    `none of the ${input.leads.length} leads is free for ${input.duration_minutes} minutes inside the window` +
      (input.excluded_days.length > 0 ? ` on an allowed day (excluded: ${input.excluded_days.join(', ')})` : ''),
  ];
}

function assertValidInput(input: OptimizerInput): void {
  const problems: string[] = [];
  if (!Number.isFinite(input.window_start) || !Number.isFinite(input.window_end) || input.window_end <= input.window_start) {
    problems.push('window_end must be after window_start');
  }
  if (!Number.isInteger(input.duration_minutes) || input.duration_minutes <= 0) {
    problems.push('duration_minutes must be a positive whole number');
  }
  // A divisor of an hour keeps the grid on the local clock after a DST jump.
  if (!Number.isInteger(input.grid_minutes) || input.grid_minutes <= 0 || 60 % input.grid_minutes !== 0) {
    problems.push('grid_minutes must divide 60 (e.g. 15)');
  }
  if (!Number.isInteger(input.max_bookings) || input.max_bookings < 1) problems.push('max_bookings must be at least 1');
  if (!Number.isInteger(input.runners_up) || input.runners_up < 0) problems.push('runners_up must be 0 or more');
  if (problems.length > 0) throw new RangeError(`Invalid optimizer input: ${problems.join('; ')}`);
}
