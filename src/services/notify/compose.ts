// One outbox row → the exact message it stands for. Everything comes from the row and the
// booking, and the DTSTAMP is the row's creation time, so a resend is byte-for-byte the same
// calendar with the same Message-ID.
import type { NotificationRow } from '../../db/repos/notifications.js';
import type { NotifySubject } from '../../domain/notify/content.js';
import { invitationOf } from '../../domain/notify/content.js';
import { isEmailAddress } from '../../domain/notify/email-settings.js';
import { emailText } from '../../domain/notify/email-text.js';
import { buildInvitationIcs } from '../../domain/notify/ics.js';
import { smsText } from '../../domain/notify/sms-text.js';
import type { EmailMessage } from './email.js';

/** The subject as of the row's version: its kind and its sequence. */
export function subjectForRow(subject: NotifySubject, row: NotificationRow): NotifySubject {
  const kind = row.kind === 'cancel' ? 'cancel' : row.kind === 'unbooked' ? 'unbooked' : 'invite';
  return { ...subject, kind, booking: subject.booking ? { ...subject.booking, sequence: row.sequence } : null };
}

/** The calendar of one version of a booking: every attendee with a usable address is listed. */
export function calendarOf(subject: NotifySubject, stamp: string): string | null {
  const attendees = (subject.booking?.attendees ?? [])
    .filter((a) => a.email !== null && isEmailAddress(a.email))
    .map((a) => ({ name: a.name, email: (a.email ?? '').trim() }));
  const invitation = invitationOf(subject, stamp, attendees);
  return invitation ? buildInvitationIcs(invitation) : null;
}

const readerOf = (row: NotificationRow, subject: NotifySubject) => ({
  role: row.role === 'owner' ? ('owner' as const) : row.role === 'lead' ? ('lead' as const) : ('attendee' as const),
  name: row.recipient_name ?? row.recipient,
  timezone: row.recipient_timezone ?? subject.owner.timezone,
});

/**
 * Every recipient of one version of a booking gets the same calendar (rows of one change share
 * their creation time): built once per version, as folding it costs more than the rest of the email.
 */
export type CalendarCache = Map<string, string | null>;

export function composeEmail(base: NotifySubject, row: NotificationRow, calendars: CalendarCache = new Map()): EmailMessage {
  const subject = subjectForRow(base, row);
  const reader = readerOf(row, subject);
  const { subject: title, text } = emailText(subject, reader);
  const key = `${row.booking_id}:${row.sequence}:${row.kind}:${row.created_at}`;
  let calendar = calendars.get(key);
  if (calendar === undefined) {
    calendar = calendarOf(subject, row.created_at);
    calendars.set(key, calendar);
  }
  return {
    to: { name: reader.name, address: row.recipient },
    subject: title,
    text,
    messageId: row.message_id,
    calendar: calendar ? { method: subject.kind === 'cancel' ? 'CANCEL' : 'REQUEST', content: calendar } : null,
  };
}

export function composeSms(base: NotifySubject, row: NotificationRow): string {
  const subject = subjectForRow(base, row);
  return smsText(subject, readerOf(row, subject));
}
