// Booking rows → the JSON shape of `booking list|show`, the API and `owner show`.
// Slots are shown in the meeting's zone and, for each attendee, in their own.
import type { Context } from '../context.js';
import type { BookingWithAttendees } from '../db/repos/bookings.js';
import { findMeeting } from '../db/repos/meetings.js';
import type { Slot } from '../domain/types.js';
import { inZone } from './views.js';

export interface BookingAttendeeView {
  lead_id: number;
  name: string;
  email: string | null;
  phone: string;
  timezone: string;
  local_slot: Slot;
}

export interface BookingView {
  id: number;
  uid: string;
  sequence: number;
  meeting_request_id: number;
  title: string;
  owner_id: string;
  status: 'confirmed' | 'cancelled';
  timezone: string;
  slot: Slot;
  attendees: BookingAttendeeView[];
  cancel_reason: string | null;
  cancelled_at: string | null;
  created_at: string;
  updated_at: string;
}

const slotIn = (b: BookingWithAttendees, zone: string): Slot => ({ start: inZone(b.start_utc, zone), end: inZone(b.end_utc, zone) });

export function toBookingView(b: BookingWithAttendees, meeting: { title: string; timezone: string }): BookingView {
  return {
    id: b.id,
    uid: b.uid,
    sequence: b.sequence,
    meeting_request_id: b.meeting_request_id,
    title: meeting.title,
    owner_id: b.owner_id,
    status: b.status === 'cancelled' ? 'cancelled' : 'confirmed',
    timezone: meeting.timezone,
    slot: slotIn(b, meeting.timezone),
    attendees: b.attendees.map((a) => ({ ...a, local_slot: slotIn(b, a.timezone) })),
    cancel_reason: b.cancel_reason,
    cancelled_at: b.cancelled_at,
    created_at: b.created_at,
    updated_at: b.updated_at,
  };
}

/** Views of many bookings, loading each meeting once. */
export async function toBookingViews(ctx: Context, bookings: BookingWithAttendees[]): Promise<BookingView[]> {
  const meetings = new Map<number, { title: string; timezone: string }>();
  for (const id of new Set(bookings.map((b) => b.meeting_request_id))) {
    const m = await findMeeting(ctx.db, id);
    meetings.set(id, { title: m?.title ?? '', timezone: m?.timezone ?? 'UTC' });
  }
  return bookings.map((b) => toBookingView(b, meetings.get(b.meeting_request_id) ?? { title: '', timezone: 'UTC' }));
}
