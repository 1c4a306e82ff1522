// The model's answer is checked like any untrusted input: real dates, end after start, inside the window,
// then clipped/merged/duration-filtered exactly as the heuristic does. Failures throw, and the caller falls back.
import { DateTime } from 'luxon';
import type { Slot } from '../../domain/types.js';
import { formatIso } from '../heuristic/calendar.js';
import { finalizeSlots, type Interval } from '../heuristic/intervals.js';
import type { AvailabilityAnswer, ConstraintsAnswer } from './schemas.js';

export class InvalidAnswerError extends Error {}

export function toLocal(date: string, clock: string, zone: string): DateTime {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) throw new InvalidAnswerError(`invalid date ${date}`);
  const [h, m] = clock.split(':').map(Number);
  if (h === 24) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour: h ?? 0, minute: m ?? 0 });
}

export function validateSlots(
  answer: AvailabilityAnswer,
  window: { start: DateTime; end: DateTime; now: DateTime },
  duration: number,
  zone: string,
): Slot[] {
  const intervals: Interval[] = answer.slots.map((s) => {
    const start = toLocal(s.date, s.start, zone);
    const end = toLocal(s.date, s.end, zone);
    if (end <= start) throw new InvalidAnswerError(`slot ends before it starts (${s.date} ${s.start}-${s.end})`);
    if (end <= window.start || start >= window.end) {
      throw new InvalidAnswerError(`slot outside the window (${s.date} ${s.start}-${s.end})`);
    }
    return [start.toMillis(), end.toMillis()];
  });
  const lo = Math.max(window.start.toMillis(), window.now.toMillis());
  const slots = finalizeSlots(intervals, lo, window.end.toMillis(), duration, zone);
  if (answer.intent === 'availability' && slots.length === 0) {
    throw new InvalidAnswerError('no slot long enough for the meeting inside the window');
  }
  return answer.intent === 'opt_out' ? [] : slots;
}

export function validateWindow(answer: ConstraintsAnswer, now: DateTime, zone: string) {
  for (const r of [...answer.time_ranges, ...(answer.working_hours ?? [])]) {
    if (r.end <= r.start) throw new InvalidAnswerError(`time range ends before it starts (${r.start}-${r.end})`);
  }
  // An empty list would forbid every slot; "not said" is null.
  if (answer.working_hours?.length === 0) throw new InvalidAnswerError('working_hours is empty (null when none were stated)');
  if (answer.working_days?.length === 0) throw new InvalidAnswerError('working_days is empty (null when none were stated)');
  if (!answer.window_start_date && !answer.window_end_date) return null;
  const today = now.startOf('day');
  const start = answer.window_start_date ? DateTime.fromISO(answer.window_start_date, { zone }) : today;
  const end = answer.window_end_date ? DateTime.fromISO(answer.window_end_date, { zone }) : today.plus({ days: 14 });
  if (!start.isValid || !end.isValid) throw new InvalidAnswerError('invalid window date');
  const s = start < now ? now : start.startOf('day');
  const e = end.endOf('day');
  if (e <= s) throw new InvalidAnswerError('window ends before it starts or lies in the past');
  return { window_start: formatIso(s), window_end: formatIso(e) };
}
