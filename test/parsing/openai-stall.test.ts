// A model server that answers the headers and then stalls the body. The SDK's own timeout stops
// counting once headers arrive, so without a deadline of our own a gather would wait for ever
// while the lead hears silence (Twilio gives up at 15 s).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeuristicParsers } from '../../src/parsing/index.js';
import { createOpenAIParsers } from '../../src/parsing/openai/create-openai-parsers.js';

let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"chatcmpl-1","object":"chat.completion",'); // …and nothing more
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

const parsers = () =>
  createOpenAIParsers({ apiKey: 'sk-test-secret', baseURL, model: 'gpt-test', timeoutMs: 200, fallback: createHeuristicParsers() });

describe('a model that stalls after its headers', () => {
  it('gives the deterministic answer with the timeout as the reason (availability)', async () => {
    const r = await parsers().parseAvailability({
      text: 'tuesday morning',
      timezone: 'America/New_York',
      now: '2026-03-04T10:00:00-05:00',
      window_start: '2026-03-04T10:00:00-05:00',
      window_end: '2026-03-13T23:59:59-04:00',
      duration_minutes: 30,
    });
    expect(r.source).toBe('heuristic');
    expect(r.fallback_reason).toBe('openai timed out after 200 ms');
    expect(r.slots).toEqual([{ start: '2026-03-10T08:00:00-04:00', end: '2026-03-10T12:00:00-04:00' }]);
  }, 5_000);

  it('gives the deterministic answer with the timeout as the reason (constraints)', async () => {
    const r = await parsers().parseConstraints({
      text: 'next two weeks, preferably mornings',
      timezone: 'Europe/London',
      now: '2026-03-04T10:00:00Z',
    });
    expect(r.source).toBe('heuristic');
    expect(r.fallback_reason).toBe('openai timed out after 200 ms');
  }, 5_000);
});
