import type { Context } from '../context.js';
import { listBookingsOfMeeting } from '../db/repos/bookings.js';
import { countMeetingProgress, findMeeting, listMeetings, type MeetingProgress, type MeetingRow } from '../db/repos/meetings.js';
import { findOwner, listOwners, type OwnerRow } from '../db/repos/owners.js';
import type { TimeRange } from '../domain/booking/working-time.js';
import type { DayOfWeek, HardConstraints } from '../domain/types.js';
import { notFound } from '../errors.js';
import { defaultOwner, settingsOf } from './booking-settings.js';
import { type BookingView, toBookingViews } from './booking-views.js';
import { describeCalendarSource } from './calendars/source-name.js';
import { type MeetingView, toMeetingView } from './views.js';

/** The hard constraints a booking obeys: the meeting's own, else its owner's, else the defaults. */
export interface EffectiveHardConstraints extends HardConstraints {
  working_hours: TimeRange[];
  working_days: DayOfWeek[];
  /** Paths as stored; URLs masked (an iCal URL is a secret address). */
  calendars: string[];
  buffer_minutes: number;
  min_notice_minutes: number;
}

const OVERRIDABLE = ['working_hours', 'working_days', 'calendars', 'buffer_minutes', 'min_notice_minutes'] as const;

export interface MeetingDetail extends Omit<MeetingView, 'hard_constraints'> {
  mode: 'group' | 'one-on-one';
  hard_constraints: EffectiveHardConstraints;
  /** Which of the working-time settings this meeting sets itself rather than inheriting from its owner. */
  overrides: (typeof OVERRIDABLE)[number][];
}

export interface MeetingWithProgress extends MeetingDetail {
  progress: Omit<MeetingProgress, 'meeting_request_id'>;
}

export interface MeetingShown extends MeetingWithProgress {
  bookings: BookingView[];
}

export async function requireMeeting(ctx: Context, id: number): Promise<MeetingRow> {
  const row = await findMeeting(ctx.db, id);
  if (!row) throw notFound('meeting', id);
  return row;
}

/** Pure: a meeting row and its owner → what the CLI and the API show. */
export function describeMeeting(row: MeetingRow, owner: OwnerRow | undefined): MeetingDetail {
  const view = toMeetingView(row);
  const s = settingsOf(row, owner ?? defaultOwner(row.owner_id, row.timezone, row.created_at));
  return {
    ...view,
    mode: s.mode === 'one_on_one' ? 'one-on-one' : 'group',
    hard_constraints: {
      ...view.hard_constraints,
      working_hours: s.working_hours,
      working_days: s.working_days,
      calendars: s.calendars.map(describeCalendarSource),
      buffer_minutes: s.buffer_minutes,
      min_notice_minutes: s.min_notice_minutes,
    },
    overrides: OVERRIDABLE.filter((key) => row[key] !== null),
  };
}

export async function detailOf(ctx: Context, row: MeetingRow): Promise<MeetingDetail> {
  return describeMeeting(row, await findOwner(ctx.db, row.owner_id));
}

function withProgress(detail: MeetingDetail, progress: Map<number, MeetingProgress>): MeetingWithProgress {
  const { meeting_request_id: _, ...counts } = progress.get(detail.id) ?? {
    meeting_request_id: detail.id,
    leads: 0,
    called: 0,
    responded: 0,
    slots: 0,
  };
  return { ...detail, progress: counts };
}

export async function listMeetingsWithProgress(ctx: Context): Promise<MeetingWithProgress[]> {
  const [rows, owners] = await Promise.all([listMeetings(ctx.db), listOwners(ctx.db)]);
  const byId = new Map(owners.map((o) => [o.id, o]));
  const progress = await countMeetingProgress(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => withProgress(describeMeeting(row, byId.get(row.owner_id)), progress));
}

export async function showMeeting(ctx: Context, id: number): Promise<MeetingShown> {
  const row = await requireMeeting(ctx, id);
  const detail = withProgress(await detailOf(ctx, row), await countMeetingProgress(ctx.db, [id]));
  return { ...detail, bookings: await toBookingViews(ctx, await listBookingsOfMeeting(ctx.db, id)) };
}
