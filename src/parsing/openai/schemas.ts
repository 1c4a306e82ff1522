// What the model is asked to return. Times are local wall-clock ("2026-03-10", "14:30") in the zone we
// name; we convert them with luxon ourselves, because model-computed UTC offsets are often wrong near DST.
import { z } from 'zod';
import { DAYS_OF_WEEK, PARTS_OF_DAY } from '../../domain/types.js';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const CLOCK = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export const AvailabilitySchema = z.object({
  intent: z.enum(['availability', 'opt_out', 'call_back_later', 'not_interested', 'unclear']),
  slots: z.array(z.object({ date: DATE, start: CLOCK, end: CLOCK })),
  unparsed: z.array(z.string()),
  /** What the lead left unclear (a correction with nothing after it, a weekday that disagrees with the date). */
  ambiguities: z.array(z.string()),
});
export type AvailabilityAnswer = z.infer<typeof AvailabilitySchema>;

export const ConstraintsSchema = z.object({
  window_start_date: DATE.nullable(),
  window_end_date: DATE.nullable(),
  excluded_days: z.array(z.enum(DAYS_OF_WEEK)),
  days_of_week: z.array(z.enum(DAYS_OF_WEEK)),
  time_of_day: z.array(z.enum(PARTS_OF_DAY)),
  time_ranges: z.array(z.object({ start: CLOCK, end: CLOCK })),
  // Nullable, not optional: structured outputs need every key, and null is how "not said" is told from "said".
  working_hours: z.array(z.object({ start: CLOCK, end: CLOCK })).nullable(),
  working_days: z.array(z.enum(DAYS_OF_WEEK)).nullable(),
  unparsed: z.array(z.string()),
});
export type ConstraintsAnswer = z.infer<typeof ConstraintsSchema>;
