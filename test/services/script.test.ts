import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScript, OPT_OUT_SENTENCE, personaliseScript } from '../../src/services/script.js';

const meeting = {
  owner_id: 'dana.smith@acme.com',
  title: 'Intro call',
  duration_minutes: 30,
  window_start: '2026-03-10T08:00:00.000Z',
  window_end: '2026-03-14T05:00:00.000Z',
};
const lead = { name: 'Dr. ana ruiz', timezone: 'America/Los_Angeles' };
const opts = { businessName: 'Acme Corp', callbackNumber: '+15551239876', now: '2026-03-09T18:00:00Z' };

describe('buildScript', () => {
  it("greets by first name, discloses the automated caller and who it calls for, offers the opt-out, and asks in the lead's words", () => {
    expect(buildScript(meeting, lead, opts)).toBe(
      'Hello Ana, this is an automated assistant calling for Acme Corp on behalf of Dana Smith. ' +
        'If you would rather not get these calls, say stop or press 9. You can call us back at 555-123-9876. ' +
        'Dana Smith would like to book a 30-minute meeting with you, Intro call, between tomorrow and Friday. When would you be free?',
    );
  });

  it("says the window in the lead's own timezone", () => {
    // The window ends at 05:00 UTC on the 14th: still Friday the 13th in Los Angeles, already Saturday in Tokyo.
    expect(buildScript(meeting, lead, opts)).toContain('and Friday.');
    expect(buildScript(meeting, { name: 'Ken', timezone: 'Asia/Tokyo' }, opts)).toContain('and Saturday.');
  });
});

describe('personaliseScript', () => {
  let server: Server;
  let baseUrl = '';
  let mode: 'ok' | 'error' | 'slow' | 'no-question' = 'ok';
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        if (mode === 'error') {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'boom' } }));
          return;
        }
        const content =
          mode === 'no-question'
            ? 'Dana would love to meet you.'
            : 'Dana would love a quick 30-minute chat about the intro call between tomorrow and Friday. When suits you best?';
        const body = {
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'm',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
        };
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)), mode === 'slow' ? 1500 : 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  const personalise = () => personaliseScript(meeting, lead, { ...opts, apiKey: 'sk-test', baseUrl, model: 'gpt-4o-mini', timeoutMs: 400 });

  it("wraps the model's ask in our own disclosure and opt-out", async () => {
    mode = 'ok';
    const script = await personalise();
    expect(script.source).toBe('openai');
    expect(script.text.startsWith('Hello Ana, this is an automated assistant calling for Acme Corp on behalf of Dana Smith.')).toBe(true);
    expect(script.text).toContain(OPT_OUT_SENTENCE);
    expect(script.text).toMatch(/When suits you best\?$/);
    expect(script.text.length).toBeLessThanOrEqual(600);
  });

  it.each([
    ['error', /http 500/],
    ['slow', /timed out/],
    ['no-question', /asks nothing/],
  ] as const)('falls back to the fixed script when the server answers %s, after one request', async (m, why) => {
    mode = m;
    requests = 0;
    const script = await personalise();
    expect(script).toEqual({ text: buildScript(meeting, lead, opts), source: 'fixed', fallback_reason: expect.stringMatching(why) });
    expect(requests).toBe(1);
  });
});
