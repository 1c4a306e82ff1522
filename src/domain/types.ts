// Shapes shared by every layer. Field names follow the JSON contract in design.md
// (snake_case at the edges), so the same objects can be printed with --json or returned
// over HTTP without renaming.

export const DAYS_OF_WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

/** Local clock hours [start, end) that each part of day covers. */
export const PART_OF_DAY_HOURS: Record<PartOfDay, { start: number; end: number }> = {
  morning: { start: 8, end: 12 },
  afternoon: { start: 12, end: 17 },
  evening: { start: 17, end: 21 },
};

/** An interval of time. ISO-8601 with offset at the edges; UTC ISO at rest. */
export interface Slot {
  start: string;
  end: string;
}

/** Local wall-clock range such as 09:00–11:00, "HH:mm" 24-hour. */
export interface TimeRange {
  start: string;
  end: string;
}

export interface HardConstraints {
  window_start: string;
  window_end: string;
  timezone: string;
  /** Days the owner ruled out ("no Mondays"): no slot is ever chosen on them. */
  excluded_days: DayOfWeek[];
}

export interface SoftConstraints {
  days_of_week: DayOfWeek[];
  time_of_day: PartOfDay[];
  /** Explicit preferred local hours ("9 to 11am"); empty when none were given. */
  time_ranges: TimeRange[];
}

export type ReplyIntent = 'availability' | 'opt_out' | 'call_back_later' | 'not_interested' | 'unclear';

export type LeadState =
  | 'pending'
  | 'calling'
  | 'responded'
  | 'no_answer'
  | 'busy'
  | 'voicemail'
  | 'call_back'
  | 'opted_out'
  | 'not_interested'
  | 'failed'
  | 'exhausted'
  /** Taken out by an operator (`lead remove`): kept in the history, never dialed or booked. */
  | 'removed';

export type MeetingStatus = 'open' | 'confirmed' | 'cancelled';

/** Lead states a later tick may dial again (once the retry delay has passed). */
export const RETRYABLE_LEAD_STATES: readonly LeadState[] = ['pending', 'no_answer', 'busy', 'voicemail', 'call_back'];

/** Lead states that said no (or were taken out): their earlier offers of time are never booked. */
export const UNBOOKABLE_LEAD_STATES: readonly LeadState[] = ['opted_out', 'not_interested', 'removed'];
