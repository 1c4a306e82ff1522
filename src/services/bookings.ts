// Bookings as records: list, show, cancel; and the meeting-level moves that cancel them
// (reopen: book again later; cancel: the meeting is over). Cancelling frees the owner's time,
// because the owner's busy time counts live bookings only.
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { type BookingStatus, cancelBooking, getBooking, listBookings, listBookingsOfMeeting } from '../db/repos/bookings.js';
import { markMeetingCancelled, markMeetingOpen } from '../db/repos/meeting-status.js';
import { findOwner } from '../db/repos/owners.js';
import { badInput, CallbookError, notFound } from '../errors.js';
import { type BookingView, toBookingViews } from './booking-views.js';
import { requireMeeting } from './meetings.js';
import { enqueueBookingNotifications } from './notify/enqueue.js';
import { type NotificationView, notificationsByBooking } from './notify/views.js';

export interface BookingListInput {
  meeting_request_id?: number;
  owner_id?: string;
  status?: string;
}

export const BOOKING_STATUSES: BookingStatus[] = ['confirmed', 'cancelled'];

export async function listBookingViews(ctx: Context, input: BookingListInput = {}): Promise<BookingView[]> {
  if (input.status !== undefined && !BOOKING_STATUSES.includes(input.status as BookingStatus))
    throw badInput([{ field: 'status', message: `expected one of ${BOOKING_STATUSES.join(', ')}, got "${input.status}"` }]);
  if (input.meeting_request_id !== undefined) await requireMeeting(ctx, input.meeting_request_id);
  if (input.owner_id !== undefined && !(await findOwner(ctx.db, input.owner_id))) throw notFound('owner', input.owner_id);
  const rows = await listBookings(ctx.db, {
    ...(input.meeting_request_id !== undefined ? { meeting_request_id: input.meeting_request_id } : {}),
    ...(input.owner_id !== undefined ? { owner_id: input.owner_id } : {}),
    ...(input.status !== undefined ? { status: input.status as BookingStatus } : {}),
  });
  return toBookingViews(ctx, rows);
}

export async function showBooking(ctx: Context, id: number): Promise<BookingView & { notifications: NotificationView[] }> {
  const row = await getBooking(ctx.db, id);
  if (!row) throw notFound('booking', id);
  const [view] = await toBookingViews(ctx, [row]);
  if (!view) throw notFound('booking', id);
  return { ...view, notifications: (await notificationsByBooking(ctx.db, [id])).get(id) ?? [] };
}

/** Cancels one live booking; the meeting keeps its status (`meeting reopen` books again). */
export async function cancelBookingById(
  ctx: Context,
  input: { id: number; reason: string | null; notify?: boolean },
): Promise<BookingView> {
  const row = await getBooking(ctx.db, input.id);
  if (!row) throw notFound('booking', input.id);
  const now = isoUtc(ctx.now());
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const n = await cancelBooking(trx, input.id, input.reason, now);
    // METHOD:CANCEL to everyone the invitation may have reached, in the cancel's own transaction.
    if (n > 0) await enqueueBookingNotifications(trx, { ...ctx, notify: input.notify !== false }, input.id, 'cancel');
    return n;
  });
  if (changed === 0)
    throw new CallbookError('conflict', `booking ${input.id} is already cancelled`, {
      hint: `see it with \`callbook booking show ${input.id}\``,
    });
  return showBooking(ctx, input.id);
}

export interface MeetingBookingsChange {
  meeting_request_id: number;
  status: string;
  /** The bookings this change cancelled. */
  cancelled_bookings: BookingView[];
}

async function cancelLiveBookingsOf(ctx: Context, meetingId: number, reason: string, mark: typeof markMeetingOpen, notify = true) {
  const now = isoUtc(ctx.now());
  return ctx.db.transaction().execute(async (trx) => {
    if ((await mark(trx, meetingId, now)) === 0) return null;
    const live = await listBookingsOfMeeting(trx, meetingId, { live: true });
    for (const b of live) {
      if ((await cancelBooking(trx, b.id, reason, now)) > 0) await enqueueBookingNotifications(trx, { ...ctx, notify }, b.id, 'cancel');
    }
    return live.map((b) => b.id);
  });
}

async function changeOf(ctx: Context, meetingId: number, ids: number[]): Promise<MeetingBookingsChange> {
  const meeting = await requireMeeting(ctx, meetingId);
  const rows = await listBookingsOfMeeting(ctx.db, meetingId);
  return {
    meeting_request_id: meetingId,
    status: meeting.status,
    cancelled_bookings: await toBookingViews(
      ctx,
      rows.filter((r) => ids.includes(r.id)),
    ),
  };
}

/** Cancels the meeting's live bookings and opens it again, so `confirm` can book anew. */
export async function reopenMeeting(
  ctx: Context,
  input: { id: number; reason: string | null; notify?: boolean },
): Promise<MeetingBookingsChange> {
  const meeting = await requireMeeting(ctx, input.id);
  if (meeting.status === 'cancelled') throw new CallbookError('conflict', `meeting ${input.id} is cancelled; it cannot be reopened`);
  const ids = await cancelLiveBookingsOf(ctx, input.id, input.reason ?? 'meeting reopened', markMeetingOpen, input.notify !== false);
  if (ids === null) throw new CallbookError('conflict', `meeting ${input.id} is cancelled; it cannot be reopened`);
  return changeOf(ctx, input.id, ids);
}

/** Cancels the meeting's live bookings and the meeting itself: no more calls, no more bookings. */
export async function cancelMeeting(
  ctx: Context,
  input: { id: number; reason: string | null; notify?: boolean },
): Promise<MeetingBookingsChange> {
  await requireMeeting(ctx, input.id);
  const ids = await cancelLiveBookingsOf(ctx, input.id, input.reason ?? 'meeting cancelled', markMeetingCancelled, input.notify !== false);
  if (ids === null) throw new CallbookError('conflict', `meeting ${input.id} is already cancelled`);
  return changeOf(ctx, input.id, ids);
}
