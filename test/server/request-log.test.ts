// The request log's line and which requests get one: every request but a Twilio webhook that
// succeeded; a refused or failed webhook is logged like the rest.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loggedPath, requestLog } from '../../src/server/request-log.js';

function app(lines: string[]): Hono {
  return new Hono()
    .use(
      '*',
      requestLog((line) => lines.push(line)),
    )
    .post('/twilio/voice/gather', (c) => c.text('<Response/>'))
    .post('/twilio/status', (c) => c.body(null, 204))
    .post('/twilio/voice', (c) => c.json({ error: 'forbidden' }, 403))
    .post('/twilio/message-status', () => {
      throw new Error('boom');
    })
    .get('/healthz', (c) => c.json({ ok: true }))
    .onError((_error, c) => c.json({ error: 'internal' }, 500));
}

describe('request log', () => {
  it('logs no line for a Twilio webhook that succeeded, one for each other request', async () => {
    const lines: string[] = [];
    const a = app(lines);
    await a.request('http://127.0.0.1/twilio/voice/gather?callId=1&turn=1', { method: 'POST' });
    await a.request('http://127.0.0.1/twilio/status?callId=1', { method: 'POST' });
    expect(lines).toEqual([]);
    await a.request('http://127.0.0.1/twilio/voice?callId=1', { method: 'POST' });
    await a.request('http://127.0.0.1/twilio/message-status', { method: 'POST' });
    await a.request('http://127.0.0.1/healthz');
    await a.request('http://127.0.0.1/nowhere');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^POST \/twilio\/voice 403 \d+(\.\d)? ms$/);
    expect(lines[1]).toMatch(/^POST \/twilio\/message-status 500 \d+(\.\d)? ms$/);
    expect(lines[2]).toMatch(/^GET \/healthz 200 \d+(\.\d)? ms$/);
    expect(lines[3]).toMatch(/^GET \/nowhere 404 /);
    // Never the query.
    expect(lines.join('\n')).not.toContain('callId');
  });

  it('shows the path decoded, its dot segments resolved and its control characters escaped', () => {
    expect(loggedPath('http://127.0.0.1:8787/twilio/voice/gather?callId=1&turn=2')).toBe('/twilio/voice/gather');
    expect(loggedPath('http://127.0.0.1:8787/openapi.json#x')).toBe('/openapi.json');
    expect(loggedPath('http://127.0.0.1:8787/a/../meeting-requests/./1')).toBe('/meeting-requests/1');
    expect(loggedPath('http://127.0.0.1:8787/caf%C3%A9')).toBe('/café');
    expect(loggedPath('http://127.0.0.1:8787/nope%1B%5B31mred')).toBe('/nope\\u001b[31mred');
    // Not valid percent-encoding: shown as sent rather than dropped.
    expect(loggedPath('http://127.0.0.1:8787/bad%E0%A4%A')).toBe('/bad%E0%A4%A');
  });
});

describe('request log under a flood of refused requests', () => {
  it('logs the first refusals of each second, then one line saying how many more there were', async () => {
    const lines: string[] = [];
    let now = 0;
    const a = new Hono()
      .use(
        '*',
        requestLog((line) => lines.push(line), { now: () => now, refusedPerSecond: 5 }),
      )
      .post('/twilio/voice', (c) => c.json({ error: 'forbidden' }, 403))
      .post('/twilio/voice/gather', (c) => c.json({ error: 'too large' }, 413))
      .get('/healthz', (c) => c.json({ ok: true }));
    for (let i = 0; i < 30; i++) await a.request('http://127.0.0.1/twilio/voice', { method: 'POST' });
    for (let i = 0; i < 20; i++) await a.request('http://127.0.0.1/twilio/voice/gather', { method: 'POST' });
    // Other requests are never held back by the flood.
    await a.request('http://127.0.0.1/healthz');
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5).every((l) => /^POST \/twilio\/voice 403 /.test(l))).toBe(true);
    expect(lines[5]).toMatch(/^GET \/healthz 200 /);
    now = 1_500;
    await a.request('http://127.0.0.1/twilio/voice', { method: 'POST' });
    // The count comes first, then the new second's own line.
    expect(lines[6]).toBe('45 more refused requests not logged in the last 1.5 s (403 × 25, 413 × 20)');
    expect(lines[7]).toMatch(/^POST \/twilio\/voice 403 /);
    expect(lines).toHaveLength(8);
  });
});
