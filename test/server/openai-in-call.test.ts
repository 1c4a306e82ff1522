// OpenAI is slow or down in the middle of a call: the lead still hears a useful answer in time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/world.js';

let server: Server;
let baseUrl = '';
let requests = 0;

beforeAll(async () => {
  // An OpenAI-compatible endpoint that never answers within the call's budget.
  server = createServer((req, res) => {
    requests++;
    req.resume();
    setTimeout(() => res.end('{}'), 5000).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('a gather while OpenAI times out', () => {
  it('answers from the deterministic parser within the timeout and stores the slots once', async () => {
    const world = await createWorld({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl, CALLBOOK_OPENAI_TIMEOUT_MS: '300' } });
    const sid = 'CA00000000000000000000000000000009';
    await world.startCall(1, sid);
    const base = { CallSid: sid, AccountSid: 'AC1', CallStatus: 'in-progress' };
    await world.post('/twilio/voice?callId=1', base);
    const started = Date.now();
    const res = await world.post('/twilio/voice/gather?callId=1&turn=1', {
      ...base,
      SpeechResult: 'wednesday between ten and twelve',
      Digits: '',
    });
    const elapsed = Date.now() - started;
    const xml = await res.text();
    expect(requests).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(3000); // Twilio gives up after 15 s; the caller must not sit in silence
    expect(xml).toContain('Wednesday');
    const { slots, turns } = await world.snapshot();
    expect(slots).toHaveLength(1);
    expect(turns[0]?.parser_source).toBe('heuristic');
    await world.close();
  });
});
