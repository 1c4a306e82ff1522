// `booking ics ID`: the booking's invitation as it stands (REQUEST while live, CANCEL once
// cancelled), with the booking's own UID and SEQUENCE; DTSTAMP is its last change.
import type { Context } from '../../context.js';
import { calendarOf } from './compose.js';
import { loadBookingSubject } from './subject.js';

export interface BookingCalendar {
  booking_id: number;
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  ics: string;
}

export async function bookingCalendar(ctx: Context, bookingId: number): Promise<BookingCalendar> {
  const probe = await loadBookingSubject(ctx.db, ctx.config, bookingId, 'invite');
  const cancelled = probe.booking.status === 'cancelled';
  const subject = cancelled ? { ...probe.subject, kind: 'cancel' as const } : probe.subject;
  return {
    booking_id: bookingId,
    uid: probe.booking.uid,
    sequence: probe.booking.sequence,
    method: cancelled ? 'CANCEL' : 'REQUEST',
    ics: calendarOf(subject, probe.booking.updated_at) ?? '',
  };
}
