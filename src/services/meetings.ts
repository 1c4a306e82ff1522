import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { countMeetingProgress, findMeeting, insertMeeting, listMeetings, type MeetingProgress, type MeetingRow } from '../db/repos/meetings.js';
import { type MeetingInput, validateMeeting } from '../domain/meeting-input.js';
import { toMeetingView, type MeetingView } from './views.js';
import { notFound } from '../errors.js';

export interface MeetingWithProgress extends MeetingView {
  progress: Omit<MeetingProgress, 'meeting_request_id'>;
}

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

export async function requireMeeting(ctx: Context, id: number): Promise<MeetingRow> {
  const row = await findMeeting(ctx.db, id);
  if (!row) throw notFound('meeting', id);
  return row;
}

function withProgress(row: MeetingRow, progress: Map<number, MeetingProgress>): MeetingWithProgress {
  const { meeting_request_id: _, ...counts } = progress.get(row.id) ?? { meeting_request_id: row.id, leads: 0, called: 0, responded: 0, slots: 0 };
  return { ...toMeetingView(row), progress: counts };
}

export async function listMeetingsWithProgress(ctx: Context): Promise<MeetingWithProgress[]> {
  const rows = await listMeetings(ctx.db);
  const progress = await countMeetingProgress(ctx.db, rows.map((r) => r.id));
  return rows.map((row) => withProgress(row, progress));
}

export async function showMeeting(ctx: Context, id: number): Promise<MeetingWithProgress> {
  const row = await requireMeeting(ctx, id);
  return withProgress(row, await countMeetingProgress(ctx.db, [id]));
}
