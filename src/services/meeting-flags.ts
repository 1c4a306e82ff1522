// meeting create from loose flags and an optional plain-English instruction. Explicit flags
// win over what the instruction said; the instruction fills the rest.
import type { Context } from '../context.js';
import { findOwner } from '../db/repos/owners.js';
import { DEFAULT_WORKING_DAYS, DEFAULT_WORKING_HOURS, formatWorkingHours, intersectWorkingHours } from '../domain/booking/working-time.js';
import { isValidZone, MEETING_MODES, zoneProblem } from '../domain/meeting-input.js';
import type { DayOfWeek, TimeRange } from '../domain/types.js';
import { badInput, type FieldProblem } from '../errors.js';
import type { ConstraintsResult } from '../parsing/types.js';
import { parseSettingsText, type SettingsText, type SettingsValues } from './booking-flags.js';
import { createMeeting } from './meeting-create.js';
import type { MeetingDetail } from './meetings.js';

export interface MeetingFlags {
  owner_id: string;
  title: string;
  duration_minutes: number;
  max_bookings: number;
  timezone: string;
  window_start: string | null;
  window_end: string | null;
  days: string[] | null;
  parts: string[] | null;
  hours: string[] | null;
  exclude_days: string[] | null;
  instruction: string | null;
  /** --mode: 'group' | 'one-on-one'; null = group. */
  mode: string | null;
  /** --working-hours, --working-days, --calendar, --buffer, --min-notice: this meeting's overrides of the owner's. */
  settings: SettingsText;
  /** Where relative --calendar paths are read from. */
  cwd: string;
}

export interface CreatedMeeting extends MeetingDetail {
  /** What the instruction parser understood and did not, when --instruction was given. */
  instruction_parse: Pick<ConstraintsResult, 'unparsed' | 'source' | 'fallback_reason' | 'default_window'> | null;
}

function parseHours(items: string[]): TimeRange[] {
  return items.map((item) => {
    const m = /^(\d{1,2}):?(\d{2})?\s*-\s*(\d{1,2}):?(\d{2})?$/.exec(item);
    if (!m) throw badInput([{ field: '--hours', message: `expected ranges like 09:00-11:00, got "${item}"` }]);
    const pad = (h: string | undefined, min: string | undefined) => `${(h ?? '0').padStart(2, '0')}:${min ?? '00'}`;
    return { start: pad(m[1], m[2]), end: pad(m[3], m[4]) };
  });
}

/** Flags first, so a bad --working-hours fails before the instruction parser is asked anything. */
function checkFlags(flags: MeetingFlags): SettingsValues {
  const problems: FieldProblem[] = [];
  if (flags.mode !== null && !(MEETING_MODES as readonly string[]).includes(flags.mode))
    problems.push({ field: '--mode', message: `expected group or one-on-one, got "${flags.mode}"` });
  let values: SettingsValues = {};
  try {
    values = parseSettingsText(flags.settings, flags.cwd);
  } catch (error) {
    problems.push(...((error as { problems?: FieldProblem[] }).problems ?? []));
  }
  if (problems.length > 0) throw badInput(problems);
  return values;
}

/**
 * What the instruction made hard, within the owner's working time: "not before 10" is 10:00-24:00
 * and, for an owner who works 09:00-17:00, leaves 10:00-17:00. Null when the instruction said nothing.
 */
async function instructionWorkingTime(ctx: Context, flags: MeetingFlags, parsed: ConstraintsResult | null) {
  const hard = parsed?.hard_constraints as { working_hours?: TimeRange[] | null; working_days?: DayOfWeek[] | null } | undefined;
  if (!hard?.working_hours && !hard?.working_days) return { working_hours: null, working_days: null };
  const owner = await findOwner(ctx.db, flags.owner_id);
  const ownerHours = owner ? (JSON.parse(owner.working_hours) as TimeRange[]) : DEFAULT_WORKING_HOURS;
  const ownerDays = owner ? (JSON.parse(owner.working_days) as DayOfWeek[]) : DEFAULT_WORKING_DAYS;
  const hours = hard.working_hours ? intersectWorkingHours(ownerHours, hard.working_hours) : null;
  const days = hard.working_days ? ownerDays.filter((d) => hard.working_days?.includes(d)) : null;
  const problems: FieldProblem[] = [];
  if (hours?.length === 0 && flags.settings.working_hours === undefined)
    problems.push({
      field: '--instruction',
      message: `its hours ${formatWorkingHours(hard.working_hours ?? [])} are outside the owner's working hours ${formatWorkingHours(ownerHours)}; give --working-hours to book outside them`,
    });
  if (days?.length === 0 && flags.settings.working_days === undefined)
    problems.push({
      field: '--instruction',
      message: `its days ${hard.working_days?.join(',')} are not the owner's working days ${ownerDays.join(',')}; give --working-days to book on them`,
    });
  if (problems.length > 0) throw badInput(problems);
  return { working_hours: hours, working_days: days };
}

export async function createMeetingFromFlags(ctx: Context, flags: MeetingFlags): Promise<CreatedMeeting> {
  const settings = checkFlags(flags);
  let parsed: ConstraintsResult | null = null;
  if (flags.instruction !== null) {
    if (!isValidZone(flags.timezone)) {
      throw badInput([{ field: '--timezone', message: zoneProblem(flags.timezone) }]);
    }
    const parsers = await ctx.parsers();
    parsed = await parsers.parseConstraints({ text: flags.instruction, timezone: flags.timezone, now: ctx.now().toISO() ?? '' });
  }
  const understood = await instructionWorkingTime(ctx, flags, parsed);
  const meeting = await createMeeting(ctx, {
    owner_id: flags.owner_id,
    mode: (flags.mode ?? 'group') as (typeof MEETING_MODES)[number],
    calendars: settings.calendars ?? null,
    buffer_minutes: settings.buffer_minutes ?? null,
    min_notice_minutes: settings.min_notice_minutes ?? null,
    title: flags.title,
    duration_minutes: flags.duration_minutes,
    max_bookings: flags.max_bookings,
    hard_constraints: {
      window_start: flags.window_start ?? parsed?.hard_constraints.window_start ?? '',
      window_end: flags.window_end ?? parsed?.hard_constraints.window_end ?? '',
      timezone: flags.timezone,
      excluded_days: (flags.exclude_days ?? parsed?.hard_constraints.excluded_days ?? []) as never,
      working_hours: settings.working_hours ?? understood.working_hours,
      working_days: settings.working_days ?? understood.working_days,
    },
    soft_constraints: {
      days_of_week: (flags.days ?? parsed?.soft_constraints.days_of_week ?? []) as never,
      time_of_day: (flags.parts ?? parsed?.soft_constraints.time_of_day ?? []) as never,
      time_ranges: flags.hours ? parseHours(flags.hours) : (parsed?.soft_constraints.time_ranges ?? []),
    },
    instruction: flags.instruction,
  });
  return {
    ...meeting,
    instruction_parse: parsed
      ? { unparsed: parsed.unparsed, source: parsed.source, fallback_reason: parsed.fallback_reason, default_window: parsed.default_window }
      : null,
  };
}
