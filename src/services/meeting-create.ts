// Creating a meeting validates the request (zod), so it lives apart from list/show, which
// must not pay for loading the validator.
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { insertMeeting } from '../db/repos/meetings.js';
import { type MeetingInput, validateMeeting } from '../domain/meeting-input.js';
import { type MeetingView, toMeetingView } from './views.js';

export async function createMeeting(ctx: Context, input: MeetingInput): Promise<MeetingView> {
  const meeting = validateMeeting(input);
  const now = isoUtc(ctx.now());
  const row = await insertMeeting(ctx.db, {
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
    created_at: now,
    updated_at: now,
  });
  return toMeetingView(row);
}
