// One booking as an RFC 5545 calendar with an RFC 5546 method: REQUEST invites (or reschedules,
// with a higher SEQUENCE), CANCEL withdraws it under the same UID. Built with ical-generator,
// which escapes text (\ ; , newlines) and folds lines at 75 octets; never by concatenation.
// Times are written in UTC with Z: every calendar client converts them to its own zone.
import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface InvitationPerson {
  name: string;
  email: string;
}

export interface Invitation {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  /** When this version of the invitation was made (ISO); fixed per version so a resend is identical. */
  stamp: string;
  start: string;
  end: string;
  title: string;
  description: string;
  location: string | null;
  /** null when the owner has no email address: a calendar without an organizer. */
  organizer: InvitationPerson | null;
  attendees: InvitationPerson[];
  /** A display reminder this many minutes before the start. */
  alarm_minutes: number;
}

export const DEFAULT_ALARM_MINUTES = 15;

/**
 * A name as a CN parameter. RFC 5545 lets a quoted parameter hold ';' but not '"', and several
 * parsers (node-ical among them) split parameters on ';' even inside quotes, cutting the name
 * and what follows it: ';' is written as ',' and '"' as "'". Text values (SUMMARY, DESCRIPTION)
 * keep both, escaped.
 */
export function paramSafe(name: string): string {
  return name.replace(/;/g, ',').replace(/"/g, "'");
}

export function buildInvitationIcs(inv: Invitation): string {
  const calendar = ical({
    prodId: { company: 'callbook', product: 'callbook', language: 'EN' },
    method: inv.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const event = calendar.createEvent({
    id: inv.uid,
    sequence: inv.sequence,
    stamp: new Date(inv.stamp),
    start: new Date(inv.start),
    end: new Date(inv.end),
    summary: inv.title,
    description: inv.description,
    status: inv.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(inv.location ? { location: inv.location } : {}),
    ...(inv.organizer ? { organizer: { name: paramSafe(inv.organizer.name), email: inv.organizer.email } } : {}),
  });
  for (const a of inv.attendees) {
    event.createAttendee({
      email: a.email,
      name: paramSafe(a.name),
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: true,
    });
  }
  // A cancelled meeting needs no reminder.
  if (inv.method === 'REQUEST') {
    event.createAlarm({ type: ICalAlarmType.display, trigger: inv.alarm_minutes * 60, description: inv.title });
  }
  return calendar.toString();
}
