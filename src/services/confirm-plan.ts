// Runs the domain for the meeting's mode and turns its answer into bookings to write: one booking
// with up to max_bookings attendees in group mode, one booking per lead in one-on-one mode.
import { findOneOnOneBookings } from '../domain/booking/one-on-one.js';
import type { OptimizerInput } from '../domain/booking/slot-analysis.js';
import { type Candidate, findBestSlot } from '../domain/optimizer.js';
import type { PlannedBooking, RunnerUp } from './confirm-view.js';
import { slotIn } from './confirm-view.js';

export interface Plan {
  bookings: PlannedBooking[];
  runners_up: RunnerUp[];
  reasons: string[];
  soft_matches: string[];
  explanation: string | null;
}

export function planGroup(input: OptimizerInput): Plan {
  const result = findBestSlot(input);
  const best = result.best;
  const view = (c: Candidate): RunnerUp => ({
    slot: slotIn(c.start, c.end, input.timezone),
    attendees: c.attendee_ids.length,
    available: c.available_count,
    soft_score: c.soft_score,
    soft_matches: c.soft_matches,
  });
  return {
    bookings: best ? [{ start: best.start, end: best.end, lead_ids: best.attendee_ids, id: null, uid: null }] : [],
    runners_up: result.runners_up.map(view),
    reasons: result.reasons,
    soft_matches: best?.soft_matches ?? [],
    explanation: result.explanation,
  };
}

export function planOneOnOne(input: OptimizerInput): Plan {
  const result = findOneOnOneBookings(input);
  return {
    bookings: result.bookings.map((b) => ({ start: b.start, end: b.end, lead_ids: [b.lead_id], id: null, uid: null })),
    // The reasons carry the runners-up of this mode: each names the booking or lead it lost to.
    runners_up: [],
    reasons: result.bookings.length > 0 ? result.reasons : findBestSlot({ ...input, explain_start: null }).reasons,
    soft_matches: [...new Set(result.bookings.flatMap((b) => b.soft_matches))],
    explanation: result.explanation,
  };
}
