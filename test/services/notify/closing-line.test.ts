// The bot's last sentence promises only what callbook will do: an emailed invitation when SMTP is
// set up and the lead has an address, a text when SMS is possible, otherwise a call back.
import { afterEach, describe, expect, it } from 'vitest';
import { closingLine } from '../../../src/domain/notify/closing.js';
import { createWorld } from '../../helpers/world.js';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

const SID = 'CA00000000000000000000000000000001';
const base = { CallSid: SID, AccountSid: 'AC123', From: '+15550000000', To: '+15551230001', Direction: 'outbound-api' };

/** Answers, says a time, confirms it: the TwiML of the goodbye. */
async function goodbye(env: Record<string, string>, lead: { email?: string; phone?: string }) {
  world = await createWorld({ env });
  const w = world;
  await w.db
    .updateTable('leads')
    .set({ email: lead.email ?? null, ...(lead.phone ? { phone: lead.phone } : {}) })
    .where('id', '=', 1)
    .execute();
  await w.startCall(1, SID);
  await w.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress' });
  const say = (turn: number, words: string) =>
    w.post(`/twilio/voice/gather?callId=1&turn=${turn}`, {
      ...base,
      CallStatus: 'in-progress',
      SpeechResult: words,
      Confidence: '0.9',
      Digits: '',
    });
  await say(1, 'tuesday morning');
  return (await say(2, 'yes')).text();
}

const SMTP = { CALLBOOK_SMTP_URL: 'smtp://bot:pw@127.0.0.1:2525', CALLBOOK_EMAIL_FROM: 'bookings@acme.com' };
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'tok', TWILIO_PHONE_NUMBER: '+15005550006' };

describe('the closing line of a call', () => {
  it('promises an emailed invitation only with SMTP set up and an address for the lead', async () => {
    expect(await goodbye(SMTP, { email: 'ana@example.com' })).toContain('We will email you an invitation to confirm the meeting time.');
  });

  it('without an address, or without SMTP, promises a call back, never an email', async () => {
    const noAddress = await goodbye(SMTP, {});
    expect(noAddress).toContain('We will call you back to confirm the meeting time.');
    expect(noAddress).not.toMatch(/email/i);
    await world?.close();
    world = null;
    expect(await goodbye({}, { email: 'ana@example.com' })).toContain('We will call you back to confirm the meeting time.');
  });

  it('promises a text when Twilio is set and the number takes texts, both when email works too', async () => {
    expect(await goodbye(TWILIO, { phone: '+12125550123' })).toContain('We will send you a text to confirm the meeting time.');
    await world?.close();
    world = null;
    expect(await goodbye({ ...TWILIO, ...SMTP }, { phone: '+12125550123', email: 'ana@example.com' })).toContain(
      'We will email you an invitation and send you a text',
    );
  });

  it('a broken SMTP setting promises no email', async () => {
    const broken = { CALLBOOK_SMTP_URL: 'http://mail.acme.com', CALLBOOK_EMAIL_FROM: 'bookings@acme.com' };
    expect(await goodbye(broken, { email: 'ana@example.com' })).toContain(
      closingLine({ email: false, sms: false }).replace(' Goodbye.', ''),
    );
  });
});
