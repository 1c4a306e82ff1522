// Who is told, on which channel, and why not; the SMTP settings and their problems (never the
// password); the text's single segment.
import { describe, expect, it } from 'vitest';
import { readEmailSettings } from '../../../src/domain/notify/email-settings.js';
import { planNotifications, smsCapable } from '../../../src/domain/notify/recipients.js';
import { backoffSeconds, outcomeOfFailure } from '../../../src/domain/notify/retry.js';
import { segmentsOf, smsText } from '../../../src/domain/notify/sms-text.js';

const owner = { id: 'dana@acme.com', name: 'Dana Smith', email: 'dana@acme.com', timezone: 'America/New_York' };
const people = [
  { lead_id: 1, name: 'Ana Ruiz', email: 'ana@example.com', phone: '+12125550123', timezone: 'America/New_York' },
  { lead_id: 2, name: 'Ben Ode', email: 'ben@@example', phone: '+442079460000', timezone: 'Europe/London' },
  { lead_id: 3, name: 'Cleo Park', email: null, phone: '+4915112345678', timezone: 'Europe/Berlin' },
];
const plan = (over: Partial<Parameters<typeof planNotifications>[0]> = {}) =>
  planNotifications({
    kind: 'invite',
    owner,
    people,
    channels: { email: [], sms: true },
    doNotCall: new Set(),
    skipReason: null,
    ...over,
  }).map((r) => [r.channel, r.recipient, r.status, r.last_error]);

describe('planNotifications', () => {
  it('emails the owner and each valid address, texts mobiles, and says why not for the rest', () => {
    expect(plan({ doNotCall: new Set(['+4915112345678']) })).toEqual([
      ['email', 'dana@acme.com', 'pending', null],
      ['email', 'ana@example.com', 'pending', null],
      ['email', 'ben@@example', 'skipped', '"ben@@example" is not an email address'],
      ['sms', '+12125550123', 'pending', null],
      ['sms', '+442079460000', 'skipped', '+442079460000 is not a mobile number (fixed line)'],
      ['sms', '+4915112345678', 'skipped', '+4915112345678 is on the do-not-call list'],
    ]);
  });

  it('without email set up there are no email rows; a broken setup fails them with the reason; an owner without email too', () => {
    expect(plan({ channels: { email: null, sms: false } })).toEqual([]);
    const broken = plan({ channels: { email: ['CALLBOOK_EMAIL_FROM is not set'], sms: false }, owner: { ...owner, email: null } });
    expect(broken[0]).toEqual(['email', 'owner:dana@acme.com', 'failed', expect.stringContaining('has no email address')]);
    expect(broken[1]).toEqual(['email', 'ana@example.com', 'failed', 'CALLBOOK_EMAIL_FROM is not set']);
  });

  it('--no-notify records every row as skipped', () => {
    expect(plan({ skipReason: 'not sent: --no-notify' }).every((r) => r[2] === 'skipped' && r[3] === 'not sent: --no-notify')).toBe(true);
  });

  it('tells US numbers (mobile and fixed share a plan) apart from landlines and invalid numbers', () => {
    expect(smsCapable('+12125550123').ok).toBe(true);
    expect(smsCapable('+4915112345678').ok).toBe(true);
    expect(smsCapable('+442079460000')).toEqual({ ok: false, why: '+442079460000 is not a mobile number (fixed line)' });
    expect(smsCapable('+15551230001')).toEqual({ ok: false, why: '+15551230001 is not a valid phone number' });
  });
});

describe('readEmailSettings', () => {
  it('accepts smtp:// and smtps:// with a From, and reports every problem without the password', () => {
    expect(
      readEmailSettings({ CALLBOOK_SMTP_URL: 'smtps://u:p@mail.acme.com:465', CALLBOOK_EMAIL_FROM: 'Callbook <b@acme.com>' }).problems,
    ).toEqual([]);
    expect(readEmailSettings({}).problems).toEqual([]);
    for (const url of ['http://u:hunter2@mail.acme.com', 'smtp://u:hunter2@[nope', 'not a url hunter2']) {
      const { problems } = readEmailSettings({ CALLBOOK_SMTP_URL: url, CALLBOOK_EMAIL_FROM: 'b@acme.com' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^CALLBOOK_SMTP_URL: /);
      expect(problems[0]).not.toContain('hunter2');
    }
    expect(readEmailSettings({ CALLBOOK_SMTP_URL: 'smtp://mail.acme.com', CALLBOOK_EMAIL_FROM: 'nobody' }).problems[0]).toMatch(
      /CALLBOOK_EMAIL_FROM: expected an address/,
    );
    expect(readEmailSettings({ CALLBOOK_EMAIL_FROM: 'b@acme.com' }).problems[0]).toMatch(/CALLBOOK_SMTP_URL is not set/);
  });
});

describe('retries', () => {
  it('doubles the delay from the base, fails a permanent error at once and any error at the fifth attempt', () => {
    expect([1, 2, 3, 4].map((a) => backoffSeconds(a, 60))).toEqual([60, 120, 240, 480]);
    expect(outcomeOfFailure({ message: 'refused', permanent: true }, 1, 60, 0)).toEqual({ status: 'failed', last_error: 'refused' });
    expect(outcomeOfFailure({ message: 'busy', permanent: false }, 2, 60, 0)).toEqual({
      status: 'pending',
      next_attempt_at: new Date(120_000).toISOString(),
      last_error: 'busy (attempt 2 of 5)',
    });
    expect(outcomeOfFailure({ message: 'busy', permanent: false }, 5, 60, 0).status).toBe('failed');
  });
});

describe('smsText', () => {
  it('stays one segment with a long title, and falls back to a shorter wording rather than two segments', () => {
    const subject = {
      kind: 'invite' as const,
      title: 'Quarterly business review and roadmap walkthrough for the enterprise plan',
      business_name: 'Acme Analytics',
      owner,
      booking: {
        uid: 'u',
        sequence: 0,
        start_utc: '2026-03-10T14:00:00.000Z',
        end_utc: '2026-03-10T14:30:00.000Z',
        cancel_reason: null,
        attendees: [],
      },
    };
    const text = smsText(subject, { name: 'Ana Ruiz', timezone: 'America/Los_Angeles' });
    expect(segmentsOf(text)).toBe(1);
    expect(text).toContain('Tue 10 Mar 07:00 Los Angeles time');
    expect(text).toContain('Dana Smith');
    expect(text).toMatch(/Reply STOP to opt out\.$/);
  });
});
