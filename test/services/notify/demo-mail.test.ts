// The demo sends its invitations through the outbox to an SMTP server it runs on loopback, and
// writes each booking's .ics to a folder it names.
import { readFileSync, rmSync } from 'node:fs';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../../src/services/demo/run.js';
import { decodeHeader } from '../../../src/services/notify/smtp-sink.js';

describe('demo invitations', () => {
  it('every attendee and the owner receive an invitation with the time in their own zone; the .ics files parse', async () => {
    const r = await runDemo({ leads: 8, seed: 5, dbPath: null, now: null, parallel: 1, webhookThreads: 0 });
    const inv = r.invitations;
    if (!inv) throw new Error('no invitations');
    try {
      expect(inv.smtp).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      const booked = r.confirmation?.bookings[0]?.attendees ?? [];
      expect(booked.length).toBeGreaterThan(0);
      for (const a of booked) {
        const got = inv.received.filter((m) => m.to === a.email);
        expect(got).toHaveLength(1);
        expect(got[0]?.subject).toContain(`(${a.timezone})`);
      }
      expect(inv.received.filter((m) => m.to === 'dana@acme.example').length).toBeGreaterThan(0);
      expect(inv.ics_files.length).toBeGreaterThan(0);
      for (const file of inv.ics_files) {
        const event = Object.values(ical.sync.parseICS(readFileSync(file, 'utf8'))).find((c) => c?.type === 'VEVENT');
        expect(event?.type).toBe('VEVENT');
        expect(file).toContain(inv.folder);
      }
    } finally {
      rmSync(inv.folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('decodes encoded-word subjects, a character split across two words included', () => {
    expect(decodeHeader('=?UTF-8?Q?Invitation:_Intro_=E2=80?= =?UTF-8?Q?=94_Tue?=')).toBe('Invitation: Intro — Tue');
    expect(decodeHeader('=?UTF-8?B?WsO2ZQ==?=')).toBe('Zöe');
  });
});
