// One-on-one mode: up to max_bookings separate meetings, one lead each, never overlapping for the
// owner (buffers included). The allowed starts and who can attend them come from the same grid
// analysis as group mode; one-on-one-search.ts chooses; this file turns the choice into bookings,
// and one-on-one-reasons.ts words it.
import { countSoftPreferences } from '../soft-score.js';
import { type Chosen, explainBookings, explainStart } from './one-on-one-reasons.js';
import { type SearchSlot, searchOneOnOne } from './one-on-one-search.js';
import type { OptimizerInput, SlotAnalysis } from './slot-analysis.js';
import { analyseSlots } from './slot-analysis.js';

export interface OneOnOneBooking {
  start: number;
  end: number;
  lead_id: number;
  soft_score: number;
  soft_matches: string[];
}

export interface OneOnOneResult {
  bookings: OneOnOneBooking[];
  reasons: string[];
  /** False when the search stopped at its step limit; upper_bound then caps what is possible. */
  exact: boolean;
  upper_bound: number;
  /** Leads who can attend at least one allowed start. */
  eligible_leads: number;
  explanation: string | null;
}

export function findOneOnOneBookings(input: OptimizerInput, options: { nodeLimit?: number } = {}): OneOnOneResult {
  const a = analyseSlots(input);
  const slots = collectSlots(a);
  const maxScore = countSoftPreferences(input.soft);
  const gapMs = a.durationMs + a.rules.buffer_minutes * 60_000;
  const search = searchOneOnOne({
    slots,
    gapMs,
    maxBookings: input.max_bookings,
    leadCount: input.leads.length,
    maxScore,
    gridSize: a.grid.size,
    nodeLimit: options.nodeLimit,
  });
  const chosen: Chosen[] = search.bookings.map((b) => ({ slot: slots[b.slot] as SearchSlot, lead: b.lead }));
  const eligible = new Set<number>();
  for (const s of slots) for (const l of s.leads) eligible.add(l);
  const facts = { a, slots, chosen, gapMs, eligible: eligible.size, exact: search.exact, upperBound: search.upper_bound };
  return {
    bookings: chosen.map(({ slot, lead }) => {
      const { matches } = a.scoreOf(slot.index);
      return {
        start: slot.start,
        end: slot.start + a.durationMs,
        lead_id: input.leads[lead]?.lead_id ?? -1,
        soft_score: slot.score,
        soft_matches: matches,
      };
    }),
    reasons: explainBookings(facts),
    exact: search.exact,
    upper_bound: search.upper_bound,
    eligible_leads: eligible.size,
    explanation: input.explain_start == null ? null : explainStart(facts, input.explain_start),
  };
}

/** Allowed starts that someone can attend, with those leads in response order. */
function collectSlots(a: SlotAnalysis): SearchSlot[] {
  const { grid, merged, durationMs } = a;
  const leadsAt: number[][] = [];
  for (let lead = 0; lead < a.input.leads.length; lead++) {
    for (let k = merged.firstOf[lead] ?? 0, stop = merged.firstOf[lead + 1] ?? 0; k < stop; k++) {
      const lo = Math.max(0, Math.ceil(((merged.bounds[2 * k] ?? 0) - grid.first) / grid.stepMs));
      const hi = Math.min(grid.size - 1, Math.floor(((merged.bounds[2 * k + 1] ?? 0) - durationMs - grid.first) / grid.stepMs));
      for (let i = lo; i <= hi; i++) {
        if ((a.allowed.blocks[i] ?? 0) !== 0) continue;
        let list = leadsAt[i];
        if (!list) {
          list = [];
          leadsAt[i] = list;
        }
        list.push(lead);
      }
    }
  }
  const slots: SearchSlot[] = [];
  leadsAt.forEach((leads, index) => {
    if (leads) slots.push({ index, start: a.startOf(index), score: a.scoreOf(index).score, leads });
  });
  return slots;
}
