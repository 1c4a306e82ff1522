// Picks the group meeting slot most leads can attend. Instead of testing every grid slot against
// every lead (slots × leads), each merged lead interval marks the run of grid starts it admits in a
// difference array; a prefix sum then gives every slot's attendance in one pass (slot-analysis.ts).
// The owner's hard constraints remove starts before ranking; leads are only scanned one by one for
// the handful of slots that are reported.

import { describeBlocks } from './booking/constraint-text.js';
import { explainGroupStart } from './booking/group-explain.js';
import type { OptimizerInput, SlotAnalysis } from './booking/slot-analysis.js';
import { analyseSlots, findBestBlocked } from './booking/slot-analysis.js';
import { canAttend } from './optimizer-grid.js';
import type { BlockedSlot, RankedSlot } from './optimizer-reasons.js';
import { explainChoice, explainNoSlot } from './optimizer-reasons.js';
import { countSoftPreferences } from './soft-score.js';

export type { OptimizerInput, OptimizerLead } from './booking/slot-analysis.js';

export interface Candidate {
  start: number;
  end: number;
  /** Capped at max_bookings, earliest responders first. */
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
  /** Grid slots evaluated: inside the window and allowed by every hard constraint. */
  considered: number;
  /** The answer to input.explain_start, else null. */
  explanation: string | null;
}

export function findBestSlot(input: OptimizerInput): OptimizerResult {
  assertValidInput(input);
  const a = analyseSlots(input);
  const ranked: RankedSlot[] = [];
  let considered = 0;
  for (let i = 0; i < a.grid.size; i++) {
    if ((a.allowed.blocks[i] ?? 0) !== 0) continue;
    considered++;
    const available = a.counts[i] ?? 0;
    if (available === 0) continue;
    const { score, matches } = a.scoreOf(i);
    ranked.push({ start: a.startOf(i), available, booked: Math.min(available, input.max_bookings), score, matches });
  }
  ranked.sort(compareRanked);
  const blocked = describeBestBlocked(a);

  const [top] = ranked;
  const explain = (best: RankedSlot | null) =>
    input.explain_start == null ? null : explainGroupStart(a, input.explain_start, best, ranked);
  if (!top) return { best: null, runners_up: [], reasons: explainNoSlot(input, blocked), considered, explanation: explain(null) };

  const picked: RankedSlot[] = [top];
  for (const slot of ranked) {
    if (picked.length > input.runners_up) break;
    if (picked.every((p) => Math.abs(p.start - slot.start) >= a.durationMs)) picked.push(slot);
  }
  const [best, ...runnersUp] = picked.map((slot) => toCandidate(slot, a));
  return {
    best: best ?? null,
    runners_up: runnersUp,
    reasons: explainChoice({
      ranked,
      picked,
      totalLeads: input.leads.length,
      maxBookings: input.max_bookings,
      preferenceCount: countSoftPreferences(input.soft),
      zone: a.zone,
      blocked,
    }),
    considered,
    explanation: explain(top),
  };
}

/** More bookable attendees, then a better preference score, then earlier. */
function compareRanked(a: RankedSlot, b: RankedSlot): number {
  return b.booked - a.booked || b.score - a.score || a.start - b.start;
}

function describeBestBlocked(a: SlotAnalysis): BlockedSlot | null {
  const i = findBestBlocked(a);
  if (i === null) return null;
  const start = a.startOf(i);
  const why = describeBlocks(a.allowed.blocks[i] ?? 0, start, a.allowed.blockingBusy[i] ?? -1, {
    rules: a.rules,
    excluded_days: a.input.excluded_days,
    zone: a.zone,
  });
  return { start, available: a.counts[i] ?? 0, why };
}

function toCandidate(slot: RankedSlot, a: SlotAnalysis): Candidate {
  const end = slot.start + a.durationMs;
  const { leads, max_bookings } = a.input;
  const attendeeIds: number[] = [];
  for (let i = 0; i < leads.length && attendeeIds.length < max_bookings; i++) {
    const lead = leads[i];
    if (lead && canAttend(a.merged, i, slot.start, end)) attendeeIds.push(lead.lead_id);
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

export function assertValidInput(input: OptimizerInput): void {
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
