// `confirm --explain SLOT` in group mode: why one start was not chosen, in the terms the ranking
// uses (a hard constraint, how many can attend against the winner, preferences, then time).
import type { RankedSlot } from '../optimizer-reasons.js';
import { countIs, describeBlocks, formatWhen, plural } from './constraint-text.js';
import type { SlotAnalysis } from './slot-analysis.js';
import { gridIndexOf } from './slot-analysis.js';

export function explainGroupStart(a: SlotAnalysis, start: number, best: RankedSlot | null, ranked: readonly RankedSlot[]): string {
  const outside = describeOffGrid(a, start);
  if (outside) return outside;
  const i = gridIndexOf(a, start) ?? 0;
  const when = formatWhen(start, a.zone);
  const available = a.counts[i] ?? 0;
  const mask = a.allowed.blocks[i] ?? 0;
  if (mask !== 0) {
    const why = describeBlocks(mask, start, a.allowed.blockingBusy[i] ?? -1, {
      rules: a.rules,
      excluded_days: a.input.excluded_days,
      zone: a.zone,
    });
    return `${when} is not possible: ${why} (${countIs(available, 'lead')} free then)`;
  }
  if (available === 0)
    return `${when} is allowed, but none of the ${plural(a.input.leads.length, 'lead')} is free for all ${a.input.duration_minutes} minutes`;
  if (!best) return `${when} cannot be booked`;
  const slot = ranked.find((s) => s.start === start);
  const bestWhen = formatWhen(best.start, a.zone);
  if (!slot || slot.start === best.start) return `${when} is the chosen slot (${countIs(available, 'lead')} free)`;
  if (slot.booked < best.booked)
    return `${when} was not chosen: ${slot.available} can attend versus ${best.available} at the chosen ${bestWhen}`;
  const cap =
    slot.available !== best.available
      ? `${slot.available} can attend versus ${best.available} at the chosen ${bestWhen}, equal under the cap of ${plural(a.input.max_bookings, 'booking')}`
      : `as many can attend (${slot.available}) as at the chosen ${bestWhen}`;
  if (slot.score < best.score) return `${when} was not chosen: ${cap}, but it matches fewer preferences (${slot.score} vs ${best.score})`;
  return `${when} was not chosen: ${cap} and it matches as many preferences, but it is later`;
}

/** Outside the window or between grid steps; null when the start is on the grid. */
export function describeOffGrid(a: SlotAnalysis, start: number): string | null {
  const when = formatWhen(start, a.zone);
  if (start < a.input.window_start || start + a.durationMs > a.input.window_end) {
    return `${when} is outside the meeting's window (${formatWhen(a.input.window_start, a.zone)} to ${formatWhen(a.input.window_end, a.zone)})`;
  }
  if (gridIndexOf(a, start) === null) return `${when} is not on the ${a.input.grid_minutes}-minute grid of start times`;
  return null;
}
