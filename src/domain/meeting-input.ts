// What an owner asks for, validated once for the CLI and the HTTP API alike.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { badInput, type FieldProblem } from '../errors.js';
import { MAX_BUFFER_MINUTES, MAX_MIN_NOTICE_MINUTES, type TimeRange, workingHoursProblem } from './booking/working-time.js';
import { DAYS_OF_WEEK, type DayOfWeek, type HardConstraints, PARTS_OF_DAY, type SoftConstraints } from './types.js';
import { problemsFromZod } from './validation.js';
import { resolveZone } from './zones.js';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour), e.g. 09:30');
const workingClock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM (24-hour, 24:00 for midnight)');
const day = z.enum(DAYS_OF_WEEK, { error: `expected one of ${DAYS_OF_WEEK.join(', ')}` });
const minutes = (max: number, range: string) =>
  z
    .number({ error: `expected a whole number of minutes, ${range}` })
    .int(`expected a whole number of minutes, ${range}`)
    .min(0, `expected ${range}`)
    .max(max, `expected ${range}`);

export const MEETING_MODES = ['group', 'one-on-one'] as const;
/** As stored: 'group' | 'one_on_one'. */
export type StoredMeetingMode = 'group' | 'one_on_one';

export const meetingInputSchema = z.object({
  owner_id: z.string().trim().min(1, 'expected a non-empty owner id (e.g. an email)'),
  title: z.string().trim().min(1, 'expected a non-empty title'),
  duration_minutes: z
    .number({ error: 'expected a whole number of minutes' })
    .int('expected a whole number of minutes')
    .min(5, 'expected at least 5 minutes')
    .max(480, 'expected at most 480 minutes'),
  max_bookings: z
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected at least 1')
    .max(1000, 'expected at most 1000'),
  hard_constraints: z.object({
    window_start: z.string({ error: 'expected an ISO-8601 date or date-time' }),
    window_end: z.string({ error: 'expected an ISO-8601 date or date-time' }),
    timezone: z.string({ error: 'expected an IANA timezone such as America/New_York' }),
    excluded_days: z.array(z.enum(DAYS_OF_WEEK, { error: `expected one of ${DAYS_OF_WEEK.join(', ')}` })).default([]),
    /** Overrides of the owner's working time for this meeting; null or absent = the owner's. */
    working_hours: z.array(z.object({ start: workingClock, end: workingClock })).nullish(),
    working_days: z.array(day).min(1, 'expected at least one day').nullish(),
  }),
  mode: z.enum([...MEETING_MODES, 'one_on_one'], { error: 'expected group or one-on-one' }).default('group'),
  /** ICS file paths or http(s) URLs, already checked by the caller; null or absent = the owner's. */
  calendars: z.array(z.string()).nullish(),
  buffer_minutes: minutes(MAX_BUFFER_MINUTES, `0 to ${MAX_BUFFER_MINUTES} minutes`).nullish(),
  min_notice_minutes: minutes(MAX_MIN_NOTICE_MINUTES, `0 to ${MAX_MIN_NOTICE_MINUTES} minutes (30 days)`).nullish(),
  soft_constraints: z
    .object({
      days_of_week: z.array(z.enum(DAYS_OF_WEEK, { error: `expected one of ${DAYS_OF_WEEK.join(', ')}` })).default([]),
      time_of_day: z.array(z.enum(PARTS_OF_DAY, { error: `expected one of ${PARTS_OF_DAY.join(', ')}` })).default([]),
      time_ranges: z.array(z.object({ start: clock, end: clock })).default([]),
    })
    .default({ days_of_week: [], time_of_day: [], time_ranges: [] }),
  instruction: z.string().nullable().default(null),
});

export type MeetingInput = z.input<typeof meetingInputSchema>;

/** What a meeting sets for itself instead of inheriting its owner's; null = inherit. */
export interface MeetingOverrides {
  working_hours: TimeRange[] | null;
  working_days: DayOfWeek[] | null;
  calendars: string[] | null;
  buffer_minutes: number | null;
  min_notice_minutes: number | null;
}

export interface ValidMeeting {
  owner_id: string;
  mode: StoredMeetingMode;
  overrides: MeetingOverrides;
  title: string;
  duration_minutes: number;
  max_bookings: number;
  hard_constraints: HardConstraints;
  soft_constraints: SoftConstraints;
  instruction: string | null;
  /** Window edges as UTC ISO, for storage. */
  window_start_utc: string;
  window_end_utc: string;
}

/** A date alone means the start of that day (or, for the end, the end of it) in the zone. */
export function parseWindowEdge(text: string, zone: string, edge: 'start' | 'end'): DateTime | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const day = DateTime.fromISO(trimmed, { zone });
    if (!day.isValid) return null;
    return edge === 'start' ? day.startOf('day') : day.plus({ days: 1 }).startOf('day');
  }
  const instant = DateTime.fromISO(trimmed, { zone, setZone: false });
  return instant.isValid ? instant.setZone(zone) : null;
}

/** A geographic IANA zone (zones.ts: no abbreviations, fixed offsets or UTC; links are accepted). */
export function isValidZone(zone: string): boolean {
  return resolveZone(zone).problem === null;
}

/** What to tell someone whose zone was refused: the rule and the likely zone. */
export function zoneProblem(zone: string): string {
  return resolveZone(zone).problem ?? `expected an IANA timezone such as America/New_York, got "${zone}"`;
}

export function validateMeeting(raw: unknown): ValidMeeting {
  const parsed = meetingInputSchema.safeParse(raw);
  if (!parsed.success) throw badInput(problemsFromZod(parsed.error));
  const input = parsed.data;
  const problems: FieldProblem[] = [];
  // Links such as US/Eastern are stored under their canonical name.
  const check = resolveZone(input.hard_constraints.timezone);
  if (check.problem !== null) {
    problems.push({ field: 'timezone', message: check.problem });
    throw badInput(problems);
  }
  const zone = check.zone;
  const start = parseWindowEdge(input.hard_constraints.window_start, zone, 'start');
  const end = parseWindowEdge(input.hard_constraints.window_end, zone, 'end');
  if (!start)
    problems.push({
      field: 'window_start',
      message: `expected an ISO-8601 date or date-time, got "${input.hard_constraints.window_start}"`,
    });
  if (!end)
    problems.push({ field: 'window_end', message: `expected an ISO-8601 date or date-time, got "${input.hard_constraints.window_end}"` });
  if (start && end && end <= start) problems.push({ field: 'window_end', message: 'expected to be after window_start' });
  if (start && end && end > start && end.diff(start, 'minutes').minutes < input.duration_minutes) {
    problems.push({ field: 'duration_minutes', message: `the ${input.duration_minutes}-minute meeting does not fit in the window` });
  }
  for (const [i, range] of input.soft_constraints.time_ranges.entries()) {
    if (range.end <= range.start) problems.push({ field: `time_ranges.${i}.end`, message: 'expected to be after start' });
  }
  const hours = input.hard_constraints.working_hours ?? null;
  const hoursProblem = hours ? workingHoursProblem(hours) : null;
  if (hoursProblem) problems.push({ field: 'working_hours', message: hoursProblem });
  if (problems.length > 0 || !start || !end) throw badInput(problems);
  const days = input.hard_constraints.working_days ?? null;
  return {
    owner_id: input.owner_id,
    mode: input.mode === 'group' ? 'group' : 'one_on_one',
    overrides: {
      working_hours: hours ? [...hours].sort((a, b) => a.start.localeCompare(b.start)) : null,
      working_days: days ? DAYS_OF_WEEK.filter((d) => days.includes(d)) : null,
      calendars: input.calendars ? [...new Set(input.calendars)] : null,
      buffer_minutes: input.buffer_minutes ?? null,
      min_notice_minutes: input.min_notice_minutes ?? null,
    },
    title: input.title,
    duration_minutes: input.duration_minutes,
    max_bookings: input.max_bookings,
    hard_constraints: {
      window_start: start.toISO() ?? '',
      window_end: end.toISO() ?? '',
      timezone: zone,
      excluded_days: [...new Set(input.hard_constraints.excluded_days)],
    },
    soft_constraints: {
      days_of_week: [...new Set(input.soft_constraints.days_of_week)],
      time_of_day: [...new Set(input.soft_constraints.time_of_day)],
      time_ranges: input.soft_constraints.time_ranges,
    },
    instruction: input.instruction,
    window_start_utc: start.toUTC().toISO() ?? '',
    window_end_utc: end.toUTC().toISO() ?? '',
  };
}
