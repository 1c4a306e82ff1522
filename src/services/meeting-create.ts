// Creating a meeting validates the request (zod), so it lives apart from list/show, which
// must not pay for loading the validator.
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { insertMeeting } from '../db/repos/meetings.js';
import { type MeetingInput, validateMeeting } from '../domain/meeting-input.js';
import { badInput, CallbookError, type FieldProblem } from '../errors.js';
import { validateCalendarSource } from './calendars/validate.js';
import { describeMeeting, type MeetingDetail } from './meetings.js';
import { ensureOwnerOf } from './owners.js';

/** Calendar sources as given over the API, checked the same way as `--calendar`. */
function checkCalendars(sources: string[] | null, cwd: string | undefined): string[] | null {
  if (sources === null) return null;
  const problems: FieldProblem[] = [];
  const checked = sources.flatMap((source, i) => {
    try {
      return [validateCalendarSource(source, cwd)];
    } catch (error) {
      const message = error instanceof CallbookError ? (error.problems[0]?.message ?? error.message) : (error as Error).message;
      problems.push({ field: `calendars.${i}`, message });
      return [];
    }
  });
  if (problems.length > 0) throw badInput(problems);
  return checked;
}

/** Creates the meeting and, the first time it is named, its owner (defaults, in the meeting's zone). */
export async function createMeeting(ctx: Context, input: MeetingInput, options: { cwd?: string } = {}): Promise<MeetingDetail> {
  const meeting = validateMeeting(input);
  const calendars = checkCalendars(meeting.overrides.calendars, options.cwd);
  const now = isoUtc(ctx.now());
  return ctx.db.transaction().execute(async (trx) => {
    const owner = await ensureOwnerOf(trx, meeting.owner_id, meeting.hard_constraints.timezone, now);
    const o = meeting.overrides;
    const row = await insertMeeting(trx, {
      owner_id: meeting.owner_id,
      title: meeting.title,
      duration_minutes: meeting.duration_minutes,
      max_bookings: meeting.max_bookings,
      window_start: meeting.window_start_utc,
      window_end: meeting.window_end_utc,
      timezone: meeting.hard_constraints.timezone,
      excluded_days: JSON.stringify(meeting.hard_constraints.excluded_days),
      soft_constraints: JSON.stringify(meeting.soft_constraints),
      instruction: meeting.instruction,
      status: 'open',
      confirmed_start: null,
      confirmed_end: null,
      mode: meeting.mode,
      working_hours: o.working_hours ? JSON.stringify(o.working_hours) : null,
      working_days: o.working_days ? JSON.stringify(o.working_days) : null,
      calendars: calendars ? JSON.stringify(calendars) : null,
      buffer_minutes: o.buffer_minutes,
      min_notice_minutes: o.min_notice_minutes,
      created_at: now,
      updated_at: now,
    });
    return describeMeeting(row, owner);
  });
}
