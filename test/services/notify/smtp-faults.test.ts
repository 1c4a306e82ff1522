// A real SMTP server on loopback that refuses, stalls, answers "try later" or drops the connection
// in the middle of DATA: each message ends sent once or failed with the reason; none is lost or doubled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listNotifications } from '../../../src/db/repos/notifications.js';
import { createSmtpSender } from '../../../src/services/notify/email.js';
import { runNotify } from '../../../src/services/notify/send.js';
import { createNotifyWorld, type NotifyWorld } from './world.js';

let w: NotifyWorld;
beforeEach(async () => {
  w = await createNotifyWorld();
  await w.book();
});
afterEach(() => w.close());

const send = async () => {
  const email = await createSmtpSender(w.ctx.config.email, { timeoutMs: 400, maxConnections: 1 });
  return runNotify(w.ctx, { dry_run: false }, { email });
};
const rows = () => listNotifications(w.db);
const receivedBy = (address: string) => w.smtp.received.filter((m) => m.to.includes(address));
const everyoneOnce = () => {
  for (const a of ['dana@acme.com', 'ana@example.com', 'ben@example.com']) expect(receivedBy(a)).toHaveLength(1);
};

describe('sending against a faulty SMTP server', () => {
  it('queues one invitation per person and sends each once', async () => {
    expect((await rows()).map((r) => [r.role, r.recipient, r.status])).toEqual([
      ['owner', 'dana@acme.com', 'pending'],
      ['attendee', 'ana@example.com', 'pending'],
      ['attendee', 'ben@example.com', 'pending'],
    ]);
    const r = await send();
    expect(r.sent).toHaveLength(3);
    everyoneOnce();
    expect((await rows()).map((x) => x.provider_id)).toEqual(['Q1', 'Q2', 'Q3']);
    expect((await send()).sent).toHaveLength(0);
    everyoneOnce();
  });

  it('a refused recipient (550) fails at once with the reason; the others are sent', async () => {
    w.smtp.faults.push({ kind: 'refuse', address: 'ana@example.com' });
    const r = await send();
    expect(r.failed.map((f) => f.recipient)).toEqual(['ana@example.com']);
    expect(r.failed[0]?.last_error).toMatch(/refused.*550/);
    expect(receivedBy('ana@example.com')).toHaveLength(0);
    await send();
    expect(receivedBy('ana@example.com')).toHaveLength(0);
    expect(receivedBy('ben@example.com')).toHaveLength(1);
    expect((await rows()).find((x) => x.recipient === 'ana@example.com')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('a server that stops answering times out, is retried, and delivers once', async () => {
    w.smtp.faults.push({ kind: 'stall' });
    const first = await send();
    expect(first.retrying).toHaveLength(1);
    expect(first.retrying[0]?.last_error).toMatch(/attempt 1 of 5/);
    await send();
    everyoneOnce();
    expect((await rows()).every((x) => x.status === 'sent')).toBe(true);
  });

  it('a connection dropped in the middle of DATA is retried and delivered once', async () => {
    w.smtp.faults.push({ kind: 'drop' });
    const first = await send();
    expect(first.retrying).toHaveLength(1);
    await send();
    everyoneOnce();
    const retried = (await rows()).find((x) => x.attempts === 2);
    expect(retried?.status).toBe('sent');
  });

  it('"try again later" (451) is retried with backoff, and after 5 attempts fails with the reason', async () => {
    // CALLBOOK_NOTIFY_RETRY_SECONDS=0 here: each retry is due at once, so one run makes all 5 attempts.
    for (let i = 0; i < 6; i++) w.smtp.faults.push({ kind: 'busy', address: 'ana@example.com' });
    const r = await send();
    expect(r.failed.map((f) => [f.recipient, f.attempts])).toEqual([['ana@example.com', 5]]);
    expect(r.failed[0]?.last_error).toMatch(/451.*gave up after 5 attempts/);
    expect(w.smtp.faults).toHaveLength(1); // the sixth was never asked for
    await send();
    expect(receivedBy('ana@example.com')).toHaveLength(0);
    expect(w.smtp.received).toHaveLength(2);
  });

  it('a server that is not there: every message is tried 5 times and failed with the reason, and the run ends', async () => {
    await w.smtp.close();
    const r = await send();
    expect(r.failed).toHaveLength(3);
    for (const f of r.failed) {
      expect(f.attempts).toBe(5);
      expect(f.last_error).toMatch(/ECONNREFUSED.*gave up after 5 attempts/);
    }
  });

  it('waits out the backoff on the real clock', async () => {
    w.ctx.config.notifyRetrySeconds = 60;
    w.smtp.faults.push({ kind: 'busy' });
    const first = await send();
    const next = Date.parse(first.retrying[0]?.next_attempt_at ?? '');
    expect(next - Date.now()).toBeGreaterThan(50_000);
    expect((await send()).sent).toHaveLength(0);
    const email = await createSmtpSender(w.ctx.config.email, { timeoutMs: 400 });
    const later = await runNotify(w.ctx, { dry_run: false }, { email, realNow: () => next + 1 });
    expect(later.sent).toHaveLength(1);
  });
});
