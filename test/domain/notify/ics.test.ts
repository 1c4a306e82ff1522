// The invitation checked by an independent parser (node-ical), not by the library that wrote it.
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import type { NotifySubject } from '../../../src/domain/notify/content.js';
import { invitationOf } from '../../../src/domain/notify/content.js';
import { buildInvitationIcs, type Invitation } from '../../../src/domain/notify/ics.js';

const subject: NotifySubject = {
  kind: 'invite',
  title: 'Intro call; pricing, next steps',
  business_name: 'Acme',
  owner: { id: 'dana@acme.com', name: 'Smith, Dana', email: 'dana@acme.com', timezone: 'America/New_York' },
  booking: {
    uid: 'booking-7@callbook',
    sequence: 2,
    start_utc: '2026-03-10T14:00:00.000Z',
    end_utc: '2026-03-10T14:30:00.000Z',
    cancel_reason: null,
    attendees: [
      {
        lead_id: 1,
        name: 'Zoë Åström-Ünlü; CEO, Ärzte & Söhne',
        email: 'zoe@example.de',
        phone: '+4915112345678',
        timezone: 'Europe/Berlin',
      },
      { lead_id: 2, name: 'Ben Ode', email: 'ben@example.com', phone: '+12125550123', timezone: 'America/Chicago' },
    ],
  },
};

function parse(text: string) {
  const event = Object.values(ical.sync.parseICS(text)).find((c) => c?.type === 'VEVENT');
  if (event?.type !== 'VEVENT') throw new Error('no VEVENT');
  return event;
}

const invitation = (over: Partial<Invitation> = {}): Invitation => {
  const people = (subject.booking?.attendees ?? []).map((a) => ({ name: a.name, email: a.email ?? '' }));
  const inv = invitationOf(subject, '2026-03-09T15:00:00.000Z', people);
  if (!inv) throw new Error('no invitation');
  return { ...inv, ...over };
};

describe('buildInvitationIcs', () => {
  it('writes a REQUEST with UID, SEQUENCE, exact UTC times, organizer, attendees and a VALARM', () => {
    const text = buildInvitationIcs(invitation());
    expect(text).toMatch(/^METHOD:REQUEST\r$/m);
    expect(text).toMatch(/^DTSTART:20260310T140000Z\r$/m);
    expect(text).toMatch(/^DTEND:20260310T143000Z\r$/m);
    expect(text).toMatch(/^DTSTAMP:20260309T150000Z\r$/m);
    const event = parse(text);
    expect(event.uid).toBe('booking-7@callbook');
    expect(Number(event.sequence)).toBe(2);
    expect(event.start?.toISOString()).toBe('2026-03-10T14:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-03-10T14:30:00.000Z');
    expect(String(event.status)).toBe('CONFIRMED');
    const attendees = [event.attendee].flat() as unknown as { val: string; params: Record<string, unknown> }[];
    expect(attendees.map((a) => a.val)).toEqual(['MAILTO:zoe@example.de', 'MAILTO:ben@example.com']);
    expect(attendees[1]?.params).toMatchObject({ ROLE: 'REQ-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION', RSVP: true, CN: 'Ben Ode' });
    const organizer = event.organizer as unknown as { val: string; params: { CN: string } };
    expect(organizer.val).toBe('mailto:dana@acme.com');
    expect(event.alarms).toHaveLength(1);
    expect(event.alarms?.[0]).toMatchObject({ action: 'DISPLAY', trigger: '-PT15M' });
  });

  it('escapes commas and semicolons in names and titles, and round-trips them', () => {
    const text = buildInvitationIcs(invitation());
    expect(text).toContain('SUMMARY:Intro call\\; pricing\\, next steps');
    const event = parse(text);
    expect(event.summary).toBe('Intro call; pricing, next steps');
    const attendees = [event.attendee].flat() as unknown as { params: { CN: string } }[];
    // In a CN parameter ';' becomes ',' (parsers split parameters on it even inside quotes).
    expect(attendees[0]?.params.CN).toBe('Zoë Åström-Ünlü, CEO, Ärzte & Söhne');
    expect((event.organizer as unknown as { params: { CN: string } }).params.CN).toBe('Smith, Dana');
  });

  it('folds every line at 75 octets, also inside multi-byte characters, and unfolds to the same text', () => {
    const long = `${'Dana phones Zoë Åström at +4915112345678 — ausführlich, bitte; '.repeat(6)}Ende`;
    const text = buildInvitationIcs(invitation({ description: long }));
    const lines = text.split('\r\n');
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
    // No line breaks a UTF-8 sequence: each line is valid UTF-8 by itself.
    for (const line of lines) expect(Buffer.from(Buffer.from(line, 'utf8').toString('utf8')).equals(Buffer.from(line, 'utf8'))).toBe(true);
    expect(parse(text).description).toBe(long);
  });

  it('a cancellation is METHOD:CANCEL, STATUS:CANCELLED, same UID, the higher SEQUENCE, no reminder', () => {
    const text = buildInvitationIcs(invitation({ method: 'CANCEL', sequence: 3 }));
    expect(text).toMatch(/^METHOD:CANCEL\r$/m);
    expect(text).not.toContain('BEGIN:VALARM');
    const event = parse(text);
    expect(event.uid).toBe('booking-7@callbook');
    expect(Number(event.sequence)).toBe(3);
    expect(String(event.status)).toBe('CANCELLED');
  });

  it('says who calls whom and how in the description', () => {
    const event = parse(buildInvitationIcs(invitation()));
    expect(event.description).toContain(
      'Smith, Dana will phone Zoë Åström-Ünlü; CEO, Ärzte & Söhne at +4915112345678; Ben Ode at +12125550123.',
    );
    expect(event.location).toBe('Phone call');
  });
});
