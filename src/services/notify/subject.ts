// A booking (or a meeting, for 'unbooked' notices) read into the plain data the notify domain
// writes invitations, emails and texts from. Works inside a transaction or outside one.
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { type BookingWithAttendees, getBooking } from '../../db/repos/bookings.js';
import { findMeeting, type MeetingRow } from '../../db/repos/meetings.js';
import { findOwner } from '../../db/repos/owners.js';
import type { NotificationKind, NotifyOwner, NotifySubject } from '../../domain/notify/content.js';
import { notFound } from '../../errors.js';

export async function ownerOf(db: Db, meeting: MeetingRow): Promise<NotifyOwner> {
  const owner = await findOwner(db, meeting.owner_id);
  return { id: meeting.owner_id, name: owner?.name ?? null, email: owner?.email ?? null, timezone: owner?.timezone ?? meeting.timezone };
}

export interface LoadedBooking {
  booking: BookingWithAttendees;
  meeting: MeetingRow;
  subject: NotifySubject;
}

export async function loadBookingSubject(
  db: Db,
  config: Pick<Config, 'businessName'>,
  bookingId: number,
  kind: NotificationKind,
): Promise<LoadedBooking> {
  const booking = await getBooking(db, bookingId);
  if (!booking) throw notFound('booking', bookingId);
  const meeting = await findMeeting(db, booking.meeting_request_id);
  if (!meeting) throw notFound('meeting', booking.meeting_request_id);
  return {
    booking,
    meeting,
    subject: {
      kind,
      title: meeting.title,
      business_name: config.businessName,
      owner: await ownerOf(db, meeting),
      booking: {
        uid: booking.uid,
        sequence: booking.sequence,
        start_utc: booking.start_utc,
        end_utc: booking.end_utc,
        cancel_reason: booking.cancel_reason,
        attendees: booking.attendees,
      },
    },
  };
}

export async function loadMeetingSubject(
  db: Db,
  config: Pick<Config, 'businessName'>,
  meetingId: number,
): Promise<{ meeting: MeetingRow; subject: NotifySubject }> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  return {
    meeting,
    subject: {
      kind: 'unbooked',
      title: meeting.title,
      business_name: config.businessName,
      owner: await ownerOf(db, meeting),
      booking: null,
    },
  };
}
