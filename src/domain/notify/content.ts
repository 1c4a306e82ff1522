// What a notification is about, as plain data, and the sentences every channel shares: the time
// in the reader's own zone (with the zone named) and who calls whom at which number.
import { DateTime } from 'luxon';
import { DEFAULT_ALARM_MINUTES, type Invitation, type InvitationPerson } from './ics.js';

export type NotificationKind = 'invite' | 'cancel' | 'unbooked';

export interface NotifyOwner {
  id: string;
  name: string | null;
  email: string | null;
  timezone: string;
}

export interface NotifyPerson {
  lead_id: number;
  name: string;
  email: string | null;
  phone: string;
  timezone: string;
}

export interface NotifySubject {
  kind: NotificationKind;
  title: string;
  business_name: string;
  owner: NotifyOwner;
  /** null for 'unbooked'. */
  booking: {
    uid: string;
    sequence: number;
    start_utc: string;
    end_utc: string;
    cancel_reason: string | null;
    attendees: NotifyPerson[];
  } | null;
}

/** "dana.smith@acme.com" with no name → "Dana Smith". */
export function ownerName(owner: NotifyOwner): string {
  if (owner.name?.trim()) return owner.name.trim();
  const local = owner.id.split('@')[0] ?? owner.id;
  const words = local.split(/[._\-+\s]+/).filter(Boolean);
  return words.length === 0 ? owner.id : words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

// luxon builds a new Intl formatter for every zone abbreviation it prints; a thousand emails made
// that most of their cost. One formatter per zone, kept.
const abbreviations = new Map<string, Intl.DateTimeFormat>();
function zoneAbbreviation(ms: number, zone: string): string {
  let format = abbreviations.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    abbreviations.set(zone, format);
  }
  return format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "Tuesday 10 March 2026, 10:00–10:30 EDT (America/New_York)". */
export function slotInZone(startUtc: string, endUtc: string, zone: string): string {
  const start = DateTime.fromISO(startUtc, { zone: 'utc' }).setZone(zone);
  const end = DateTime.fromISO(endUtc, { zone: 'utc' }).setZone(zone);
  return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm')} ${zoneAbbreviation(start.toMillis(), zone)} (${zone})`;
}

/** "Tue 10 Mar 10:00 New York time": short, for a text message. */
export function shortTimeInZone(startUtc: string, zone: string): string {
  const start = DateTime.fromISO(startUtc, { zone: 'utc' }).setZone(zone);
  const city = zone.includes('/') ? `${(zone.split('/').pop() ?? zone).replace(/_/g, ' ')} time` : zone;
  return `${start.toFormat('ccc d LLL HH:mm')} ${city}`;
}

/** Who calls whom, and how: the owner phones each lead at the number we dialed. */
export function howWeMeet(subject: NotifySubject): string {
  const owner = ownerName(subject.owner);
  const people = subject.booking?.attendees ?? [];
  if (people.length === 0) return `${owner} will get in touch.`;
  const calls = people.map((p) => `${p.name} at ${p.phone}`).join('; ');
  return `${owner} will phone ${calls}.`;
}

export function invitationDescription(subject: NotifySubject): string {
  const lines = [howWeMeet(subject)];
  const owner = subject.owner.email ? `${ownerName(subject.owner)} <${subject.owner.email}>` : ownerName(subject.owner);
  lines.push(`Organised by ${owner}; booked by ${subject.business_name} with callbook.`);
  if (subject.kind === 'cancel' && subject.booking?.cancel_reason) lines.push(`Cancelled: ${subject.booking.cancel_reason}`);
  return lines.join('\n');
}

/** The invitation for one version of a booking; `attendees` are those with a usable address. */
export function invitationOf(subject: NotifySubject, stamp: string, attendees: InvitationPerson[]): Invitation | null {
  const b = subject.booking;
  if (!b) return null;
  return {
    uid: b.uid,
    sequence: b.sequence,
    method: subject.kind === 'cancel' ? 'CANCEL' : 'REQUEST',
    stamp,
    start: b.start_utc,
    end: b.end_utc,
    title: subject.title,
    description: invitationDescription(subject),
    location: 'Phone call',
    organizer: subject.owner.email ? { name: ownerName(subject.owner), email: subject.owner.email } : null,
    attendees,
    alarm_minutes: DEFAULT_ALARM_MINUTES,
  };
}
