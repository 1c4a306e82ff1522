// meeting create from loose flags and an optional plain-English instruction. Explicit flags
// win over what the instruction said; the instruction fills the rest.
import type { Context } from '../context.js';
import { isValidZone } from '../domain/meeting-input.js';
import type { TimeRange } from '../domain/types.js';
import { badInput } from '../errors.js';
import type { ConstraintsResult } from '../parsing/types.js';
import { createMeeting } from './meeting-create.js';
import type { MeetingView } from './views.js';

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
}

export interface CreatedMeeting extends MeetingView {
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

export async function createMeetingFromFlags(ctx: Context, flags: MeetingFlags): Promise<CreatedMeeting> {
  let parsed: ConstraintsResult | null = null;
  if (flags.instruction !== null) {
    if (!isValidZone(flags.timezone)) {
      throw badInput([{ field: '--timezone', message: `expected an IANA timezone such as America/New_York, got "${flags.timezone}"` }]);
    }
    const parsers = await ctx.parsers();
    parsed = await parsers.parseConstraints({ text: flags.instruction, timezone: flags.timezone, now: ctx.now().toISO() ?? '' });
  }
  const meeting = await createMeeting(ctx, {
    owner_id: flags.owner_id,
    title: flags.title,
    duration_minutes: flags.duration_minutes,
    max_bookings: flags.max_bookings,
    hard_constraints: {
      window_start: flags.window_start ?? parsed?.hard_constraints.window_start ?? '',
      window_end: flags.window_end ?? parsed?.hard_constraints.window_end ?? '',
      timezone: flags.timezone,
      excluded_days: (flags.exclude_days ?? parsed?.hard_constraints.excluded_days ?? []) as never,
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
