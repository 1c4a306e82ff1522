import type { Context } from '../context.js';
import { countMeetingProgress, findMeeting, listMeetings, type MeetingProgress, type MeetingRow } from '../db/repos/meetings.js';
import { notFound } from '../errors.js';
import { type MeetingView, toMeetingView } from './views.js';

export interface MeetingWithProgress extends MeetingView {
  progress: Omit<MeetingProgress, 'meeting_request_id'>;
}

export async function requireMeeting(ctx: Context, id: number): Promise<MeetingRow> {
  const row = await findMeeting(ctx.db, id);
  if (!row) throw notFound('meeting', id);
  return row;
}

function withProgress(row: MeetingRow, progress: Map<number, MeetingProgress>): MeetingWithProgress {
  const { meeting_request_id: _, ...counts } = progress.get(row.id) ?? {
    meeting_request_id: row.id,
    leads: 0,
    called: 0,
    responded: 0,
    slots: 0,
  };
  return { ...toMeetingView(row), progress: counts };
}

export async function listMeetingsWithProgress(ctx: Context): Promise<MeetingWithProgress[]> {
  const rows = await listMeetings(ctx.db);
  const progress = await countMeetingProgress(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => withProgress(row, progress));
}

export async function showMeeting(ctx: Context, id: number): Promise<MeetingWithProgress> {
  const row = await requireMeeting(ctx, id);
  return withProgress(row, await countMeetingProgress(ctx.db, [id]));
}
