// Texts: attendees with a mobile number get one short SMS through the telephony seam (recorded by
// the simulator's recorder here, Twilio's messages.create against a loopback server below);
// numbers on the do-not-call list and landlines get none, with the reason; 21610 adds to the list.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findDoNotCallEntry } from '../../../src/db/repos/do-not-call.js';
import { listNotifications } from '../../../src/db/repos/notifications.js';
import { gsmLength, segmentsOf } from '../../../src/domain/notify/sms-text.js';
import { runNotify } from '../../../src/services/notify/send.js';
import { createSmsRecorder } from '../../../src/telephony/sms-simulator.js';
import { createTwilioTelephony } from '../../../src/telephony/twilio.js';
import { TelephonyError } from '../../../src/telephony/types.js';
import { createNotifyWorld, type NotifyWorld } from './world.js';

const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'tok-secret', TWILIO_PHONE_NUMBER: '+15005550006' };

let w: NotifyWorld;
beforeEach(async () => {
  w = await createNotifyWorld(TWILIO);
  // Ana: a US number (mobile or fixed, the plan does not say); Ben: a London landline.
  await w.db.updateTable('leads').set({ phone: '+12125550123' }).where('id', '=', 1).execute();
  await w.db.updateTable('leads').set({ phone: '+442079460000', timezone: 'Europe/London' }).where('id', '=', 2).execute();
});
afterEach(() => w.close());

const smsRows = async () => (await listNotifications(w.db)).filter((r) => r.channel === 'sms');

describe('SMS notifications', () => {
  it('texts the attendee with a mobile number once: the time in their zone, who they meet, the opt-out, one GSM-7 segment', async () => {
    await w.book();
    expect((await smsRows()).map((r) => [r.recipient, r.status, r.last_error])).toEqual([
      ['+12125550123', 'pending', null],
      ['+442079460000', 'skipped', '+442079460000 is not a mobile number (fixed line)'],
    ]);
    const sms = createSmsRecorder();
    const r = await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    expect(r.sent.map((s) => s.recipient)).toEqual(['+12125550123']);
    expect(sms.messages).toHaveLength(1);
    const [text] = sms.messages;
    expect(text?.to).toBe('+12125550123');
    expect(text?.from).toBe('+15005550006');
    expect(text?.body).toContain('Tue 10 Mar 10:00 New York time');
    expect(text?.body).toContain('Dana Smith');
    expect(text?.body).toMatch(/Reply STOP to opt out\.$/);
    expect(text?.body.startsWith('Callbook:')).toBe(true);
    expect(gsmLength(text?.body ?? '')).not.toBeNull();
    expect(segmentsOf(text?.body ?? '')).toBe(1);
    expect((await smsRows())[0]?.provider_id).toBe(text?.sid);
    // Sent once: a second run has nothing to text.
    await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    expect(sms.messages).toHaveLength(1);
  });

  it('sends no text to a number on the do-not-call list, at booking or by the time of sending', async () => {
    await w.db
      .insertInto('do_not_call')
      .values({ phone: '+12125550123', reason: 'asked', source: 'test', created_at: '2026-03-01T00:00:00Z' })
      .execute();
    await w.book();
    expect((await smsRows())[0]).toMatchObject({ status: 'skipped', last_error: '+12125550123 is on the do-not-call list' });
    const sms = createSmsRecorder();
    await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    expect(sms.messages).toHaveLength(0);
  });

  it('error 21610 (replied STOP) fails the text and puts the number on the do-not-call list', async () => {
    await w.book();
    const sms = createSmsRecorder({ optedOut: new Set(['+12125550123']) });
    const r = await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    expect(r.failed[0]?.last_error).toContain('opted out');
    expect(await findDoNotCallEntry(w.db, '+12125550123')).toMatchObject({ reason: 'replied STOP to our texts (Twilio 21610)' });
  });

  it("Twilio's delivery report of an undelivered text fails it with the code; 21610 adds the number to the do-not-call list", async () => {
    await w.book();
    const sms = createSmsRecorder();
    await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    const sid = sms.messages[0]?.sid ?? '';
    const report = (MessageStatus: string, ErrorCode = '') =>
      w.post('/twilio/message-status', { MessageSid: sid, MessageStatus, ErrorCode, AccountSid: TWILIO.TWILIO_ACCOUNT_SID });
    expect((await report('delivered')).status).toBe(204);
    expect((await smsRows())[0]?.status).toBe('sent');
    expect((await w.post('/twilio/message-status', { MessageSid: sid, MessageStatus: 'undelivered' }, 'wrong-token')).status).toBe(403);
    expect((await smsRows())[0]?.status).toBe('sent');
    expect((await report('undelivered', '21610')).status).toBe(204);
    expect((await smsRows())[0]).toMatchObject({ status: 'failed', last_error: expect.stringContaining('undelivered (error 21610') });
    expect(await findDoNotCallEntry(w.db, '+12125550123')).toMatchObject({ source: expect.stringMatching(/^notification /) });
  });

  it('a cancellation texts the attendee who got the invitation', async () => {
    const { booking } = await w.book();
    const sms = createSmsRecorder();
    await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    const { cancelBookingById } = await import('../../../src/services/bookings.js');
    await cancelBookingById(w.ctx, { id: booking.id, reason: null });
    await runNotify(w.ctx, { dry_run: false }, { email: null, sms });
    expect(sms.messages.map((m) => m.body)).toHaveLength(2);
    expect(sms.messages[1]?.body).toMatch(/cancelled/);
  });
});

describe('Twilio messages.create', () => {
  let server: Server;
  let base = '';
  const seen: URLSearchParams[] = [];
  const replies: { status: number; body: unknown }[] = [];
  beforeEach(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        seen.push(new URLSearchParams(body));
        const reply = replies.shift() ?? { status: 500, body: {} };
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  class Loopback extends twilio.RequestClient {
    override request<T>(opts: RequestClient.RequestOptions<T>) {
      const u = new URL(opts.uri);
      return super.request<T>({ ...opts, uri: base + u.pathname + u.search });
    }
  }

  it('posts To, From, Body and the status callback, and maps 21614 to a permanent error', async () => {
    const t = await createTwilioTelephony({ accountSid: TWILIO.TWILIO_ACCOUNT_SID, authToken: 'tok-secret', httpClient: new Loopback() });
    replies.push({ status: 201, body: { sid: `SM${'a'.repeat(32)}`, status: 'queued' } });
    const req = { to: '+12125550123', from: '+15005550006', body: 'hi', statusCallbackUrl: 'https://x.example/twilio/message-status' };
    expect(await t.sendSms?.(req)).toEqual({ sid: `SM${'a'.repeat(32)}`, status: 'queued' });
    expect(Object.fromEntries(seen[0] ?? [])).toMatchObject({
      To: '+12125550123',
      From: '+15005550006',
      Body: 'hi',
      StatusCallback: req.statusCallbackUrl,
    });
    replies.push({ status: 400, body: { code: 21614, message: 'not a mobile number', status: 400 } });
    const err = await t.sendSms?.(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelephonyError);
    expect((err as TelephonyError).retryable).toBe(false);
    expect((err as TelephonyError).message).toContain('cannot receive text messages');
  });
});
