// End to end through the CLI: confirm writes the outbox, notify sends it to a real SMTP server on
// loopback; every message and its calendar part are parsed; reopen cancels, a new confirm invites.
import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';
import { type Received, type SmtpPeer, startSmtpPeer } from '../services/notify/smtp-peer.js';

let cli: CliSandbox;
let smtp: SmtpPeer;
let env: Record<string, string>;

beforeEach(async () => {
  smtp = await startSmtpPeer();
  env = { CALLBOOK_SMTP_URL: smtp.url, CALLBOOK_EMAIL_FROM: 'Callbook <bookings@acme.com>', CALLBOOK_NOTIFY_RETRY_SECONDS: '0' };
  cli = createCliSandbox(env);
  await cli.run(['owner', 'set', 'dana@acme.com', '--name', 'Dana Smith', '--email', 'dana@acme.com', '--timezone', 'America/New_York']);
  await cli.run([...MEETING_FLAGS, '--max-bookings', '2']);
  await cli.run([
    'campaign',
    'add',
    '--meeting',
    '1',
    '--name',
    'M',
    '--lead',
    'Ana Ruiz,+15551230001,ana@example.com,America/New_York',
    '--lead',
    'Ben Ode,+15551230002,ben@example.com,America/Chicago',
    '--lead',
    'Cleo Park,+442079460958,cleo@example.co.uk,Europe/London',
  ]);
  // All three can do Tuesday 10:00 New York; two fit (max bookings 2): Cleo answered but is not booked.
  await cli.run(['availability', 'add', '--meeting', '1', '--lead', '1', '--start', '2026-03-10T10:00', '--end', '2026-03-10T11:00']);
  await cli.run(['availability', 'add', '--meeting', '1', '--lead', '2', '--start', '2026-03-10T09:00', '--end', '2026-03-10T10:00']);
  await cli.run(['availability', 'add', '--meeting', '1', '--lead', '3', '--start', '2026-03-10T15:00', '--end', '2026-03-10T16:00']);
});
afterEach(async () => {
  cli.cleanup();
  await smtp.close();
});

const calendarOf = (m: Received) => m.parts.find((p) => p.contentType.startsWith('text/calendar'));
const textOf = (m: Received) => m.parts.find((p) => p.contentType.startsWith('text/plain'))?.body ?? '';
const eventOf = (m: Received) => {
  const cal = calendarOf(m);
  if (!cal) throw new Error(`no calendar part in ${m.headers.subject}`);
  const parsed = ical.sync.parseICS(cal.body);
  const event = Object.values(parsed).find((c) => c?.type === 'VEVENT');
  if (event?.type !== 'VEVENT') throw new Error('no VEVENT');
  return { event, body: cal.body, contentType: cal.contentType };
};
const byRecipient = (list: Received[], address: string) => list.filter((m) => m.to.includes(address));

describe('notify after confirm, reopen and confirm again', () => {
  it('invites the owner and each attendee, tells the unbooked lead, cancels on reopen and invites again', async () => {
    const confirmed = await cli.run(['confirm', '1', '--notify-unbooked', '--json']);
    expect(confirmed.code).toBe(0);
    const booking = confirmed.json().bookings[0];
    expect(booking.attendees.map((a: { name: string }) => a.name)).toEqual(['Ana Ruiz', 'Ben Ode']);
    expect(smtp.received).toHaveLength(0); // nothing leaves before notify

    const sent = await cli.run(['notify', '--json']);
    expect(sent.code).toBe(0);
    expect(sent.json().sent).toHaveLength(4);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ana@example.com', 'ben@example.com', 'cleo@example.co.uk', 'dana@acme.com']);

    const [ana] = byRecipient(smtp.received, 'ana@example.com');
    const [ben] = byRecipient(smtp.received, 'ben@example.com');
    const [dana] = byRecipient(smtp.received, 'dana@acme.com');
    const [cleo] = byRecipient(smtp.received, 'cleo@example.co.uk');
    if (!ana || !ben || !dana || !cleo) throw new Error('missing message');
    // Each reader sees the time in their own zone, the zone named.
    expect(textOf(ana)).toContain('Tuesday 10 March 2026, 10:00–10:30 EDT (America/New_York)');
    expect(textOf(ben)).toContain('Tuesday 10 March 2026, 09:00–09:30 CDT (America/Chicago)');
    expect(textOf(ana)).toContain('Dana Smith will call you at +15551230001.');
    // The owner's copy lists the attendees and their numbers.
    expect(textOf(dana)).toMatch(/Ana Ruiz <ana@example.com>, \+15551230001/);
    expect(textOf(dana)).toMatch(/Ben Ode <ben@example.com>, \+15551230002/);
    expect(textOf(cleo)).toContain('We could not find a time that suits everyone this time');
    expect(calendarOf(cleo)).toBeUndefined();

    const invite = eventOf(ana);
    expect(invite.contentType).toMatch(/method=REQUEST/i);
    expect(invite.body).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(invite.event.uid).toBe(booking.uid);
    expect(Number(invite.event.sequence)).toBe(0);
    expect(invite.event.start?.toISOString()).toBe('2026-03-10T14:00:00.000Z');
    expect(invite.event.end?.toISOString()).toBe('2026-03-10T14:30:00.000Z');
    const organizer = invite.event.organizer as unknown as { val: string; params: Record<string, unknown> };
    expect(organizer.val).toBe('mailto:dana@acme.com');
    expect(organizer.params.CN).toBe('Dana Smith');
    const attendees = [invite.event.attendee].flat() as unknown as { val: string; params: Record<string, unknown> }[];
    expect(attendees.map((a) => a.val.toLowerCase())).toEqual(['mailto:ana@example.com', 'mailto:ben@example.com']);
    expect(attendees[0]?.params).toMatchObject({ ROLE: 'REQ-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION', RSVP: true, CN: 'Ana Ruiz' });
    // The Message-ID is the outbox row's, the one a resend would carry.
    const rows = (await cli.run(['booking', 'show', String(booking.id), '--json'])).json().notifications;
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(rows.find((r: { recipient: string }) => r.recipient === 'ana@example.com').message_id).toBe(ana.headers['message-id']);

    // Reopen: METHOD:CANCEL, same UID, higher SEQUENCE, to the three invited.
    expect((await cli.run(['meeting', 'reopen', '1'])).code).toBe(0);
    smtp.received.length = 0;
    expect((await cli.run(['notify', '--json'])).json().sent).toHaveLength(3);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ana@example.com', 'ben@example.com', 'dana@acme.com']);
    for (const m of smtp.received) {
      const cancel = eventOf(m);
      expect(cancel.contentType).toMatch(/method=CANCEL/i);
      expect(cancel.body).toMatch(/^METHOD:CANCEL\r?$/m);
      expect(cancel.body).toMatch(/^STATUS:CANCELLED\r?$/m);
      expect(cancel.event.uid).toBe(booking.uid);
      expect(Number(cancel.event.sequence)).toBe(1);
    }

    // A new confirm books anew and sends a new REQUEST; nothing already sent goes out twice.
    smtp.received.length = 0;
    const again = (await cli.run(['confirm', '1', '--json'])).json().bookings[0];
    expect(again.uid).not.toBe(booking.uid);
    await cli.run(['notify']);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ana@example.com', 'ben@example.com', 'dana@acme.com']);
    for (const m of smtp.received) expect(eventOf(m).event.uid).toBe(again.uid);
    smtp.received.length = 0;
    expect((await cli.run(['notify', '--json'])).json().sent).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });

  it('--no-notify books and records every notification as skipped; booking cancel --no-notify too', async () => {
    const r = await cli.run(['confirm', '1', '--no-notify', '--json']);
    expect(r.code).toBe(0);
    const shown = (await cli.run(['booking', 'show', '1', '--json'])).json();
    expect(shown.notifications.map((n: { status: string; last_error: string }) => [n.status, n.last_error])).toEqual([
      ['skipped', 'not sent: --no-notify'],
      ['skipped', 'not sent: --no-notify'],
      ['skipped', 'not sent: --no-notify'],
    ]);
    expect((await cli.run(['notify', '--json'])).json().sent).toEqual([]);
    // Nobody was invited, so a cancel has nobody to tell.
    expect((await cli.run(['booking', 'cancel', '1', '--no-notify'])).code).toBe(0);
    expect((await cli.run(['notify', '--json'])).json().sent).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    const text = (await cli.run(['booking', 'show', '1'])).stdout;
    expect(text).toContain('skipped');
  });

  it('every tick sends what the outbox holds, after dialing, and reports it', async () => {
    await cli.run(['confirm', '1']);
    const tick = await cli.run(['tick', '--json']);
    expect(tick.code).toBe(0);
    expect(tick.json().notifications).toMatchObject({ sent: 3, failed: 0, error: null });
    expect(smtp.received).toHaveLength(3);
    const human = await cli.run(['tick']);
    expect(human.code).toBe(0);
    expect(smtp.received).toHaveLength(3);
  });

  it('booking cancel sends METHOD:CANCEL with a higher SEQUENCE to everyone invited', async () => {
    await cli.run(['confirm', '1']);
    await cli.run(['notify']);
    smtp.received.length = 0;
    expect((await cli.run(['booking', 'cancel', '1', '--reason', 'owner ill'])).code).toBe(0);
    await cli.run(['notify']);
    expect(smtp.received).toHaveLength(3);
    const ics = await cli.run(['booking', 'ics', '1']);
    expect(ics.stdout).toMatch(/^METHOD:CANCEL\r?$/m);
    for (const m of smtp.received) {
      expect(Number(eventOf(m).event.sequence)).toBe(1);
      expect(textOf(m)).toContain('Reason: owner ill');
    }
  });

  it('a broken SMTP URL, a missing From or an owner without email: confirm books, exit 0, warns, and the outbox says why', async () => {
    await cli.run(['owner', 'set', 'dana@acme.com', '--email', '']);
    const r = await cli.run(['confirm', '1', '--json'], {
      env: { CALLBOOK_SMTP_URL: 'http://bot:hunter2@mail.acme.com', CALLBOOK_EMAIL_FROM: '' },
    });
    expect(r.code).toBe(0);
    expect(r.json().bookings).toHaveLength(1);
    const warnings: string[] = r.json().warnings;
    expect(warnings.join('\n')).toContain('owner dana@acme.com has no email address');
    expect(warnings.join('\n')).toContain('CALLBOOK_SMTP_URL: expected an smtp:// or smtps:// URL');
    expect(warnings.join('\n')).toContain('CALLBOOK_EMAIL_FROM is not set');
    expect(r.stdout).not.toContain('hunter2');
    const rows = (await cli.run(['booking', 'show', '1', '--json'])).json().notifications;
    expect(rows.map((n: { status: string }) => n.status)).toEqual(['failed', 'failed', 'failed']);
    expect(rows[0].last_error).toContain('no email address');
    const human = await cli.run(['confirm', '1', '--dry-run'], { env: { CALLBOOK_SMTP_URL: 'smtp://bot:hunter2@[bad' } });
    expect(human.stdout + human.stderr).not.toContain('hunter2');
  });
});
