// `serve` starts with whatever parts it can run: the API alone (no TWILIO_AUTH_TOKEN) answers the
// Twilio routes 503 saying why; the banner says which parts are on; every request is one log
// line (method, path, status, ms) with no body, no token and no control character.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Serving, serveBanner, startServe } from '../../src/services/serve.js';

let dir: string;
let server: Serving | null = null;
let lines: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-serve-'));
  lines = [];
});
afterEach(async () => {
  await server?.close();
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>, simulate = false) {
  const config = loadConfig({ DATABASE_URL: join(dir, 'serve.db'), CALLBOOK_WEBHOOK_THREADS: '0', ...env });
  server = await startServe(config, { port: 0, host: '127.0.0.1', simulate, log: (l) => lines.push(l) });
  return { server, config };
}

describe('serve without TWILIO_AUTH_TOKEN', () => {
  it('starts, serves the API, and answers every Twilio route 503 saying why', async () => {
    const { server } = await start({ CALLBOOK_API_TOKEN: 'api-secret' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const api = await fetch(`${server.url}/meeting-requests`, { headers: { Authorization: 'Bearer api-secret' } });
    expect(api.status).toBe(200);
    for (const path of ['/twilio/voice', '/twilio/voice/gather', '/twilio/status']) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', body: 'CallSid=CA1' });
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error).toEqual({
        kind: 'config',
        message: expect.stringContaining('TWILIO_AUTH_TOKEN'),
        hint: expect.any(String),
        problems: [],
      });
    }
    expect(server.twilioEnabled).toBe(false);
  });

  it('says in the banner which parts are on', async () => {
    const { server, config } = await start({ CALLBOOK_API_TOKEN: 'api-secret' });
    const banner = serveBanner(server, config, { simulate: false, host: '127.0.0.1' }).join('\n');
    expect(banner).toContain(`listening on ${server.url}`);
    expect(banner).toMatch(/Twilio webhooks: off .*TWILIO_AUTH_TOKEN/);
    expect(banner).toMatch(/JSON API: on/);
    expect(banner).not.toContain('api-secret');
  });
});

describe('serve with a Twilio token', () => {
  it('warns that Twilio cannot reach 127.0.0.1 when no public URL is set', async () => {
    const { server, config } = await start({ TWILIO_AUTH_TOKEN: 'tw-secret' });
    const banner = serveBanner(server, config, { simulate: false, host: '127.0.0.1' }).join('\n');
    expect(banner).toMatch(/Twilio webhooks: on/);
    expect(banner).toMatch(/JSON API: off/);
    expect(banner).toMatch(/WARNING: .*Twilio cannot reach 127\.0\.0\.1.*TWILIO_VOICE_WEBHOOK_URL/s);
    expect(banner).not.toContain('tw-secret');
  });

  it('on another host without a public URL, warns that signatures need the public address', async () => {
    const { server, config } = await start({ TWILIO_AUTH_TOKEN: 'tw-secret' });
    const banner = serveBanner(server, config, { simulate: false, host: '0.0.0.0' }).join('\n');
    expect(banner).toMatch(/WARNING: no TWILIO_VOICE_WEBHOOK_URL: signatures/);
    expect(banner).not.toContain('cannot reach');
  });

  it('does not warn with a public URL, nor for the local simulator', async () => {
    const { server, config } = await start({ TWILIO_AUTH_TOKEN: 'tw', TWILIO_VOICE_WEBHOOK_URL: 'https://abc.ngrok.app/twilio/voice' });
    const banner = serveBanner(server, config, { simulate: false, host: '127.0.0.1' }).join('\n');
    expect(banner).toContain('https://abc.ngrok.app/twilio/voice');
    expect(banner).not.toContain('WARNING');
    await server.close();
    const sim = await start({}, true);
    const simBanner = serveBanner(sim.server, sim.config, { simulate: true, host: '127.0.0.1' }).join('\n');
    expect(simBanner).toMatch(/Twilio webhooks: on \(local call simulator/);
    expect(simBanner).not.toContain('WARNING');
  });
});

describe('request log', () => {
  it('writes one line per request: method, path, status, ms; never the body, the token or the query', async () => {
    const { server } = await start({ CALLBOOK_API_TOKEN: 'api-secret' });
    await fetch(`${server.url}/healthz`);
    await fetch(`${server.url}/constraints/parse?key=sekrit`, {
      method: 'POST',
      headers: { Authorization: 'Bearer api-secret', 'Content-Type': 'application/json' },
      body: JSON.stringify({ instruction: 'private words here', timezone: 'Asia/Jerusalem' }),
    });
    await fetch(`${server.url}/nope%1B%5B31mred`);
    const requests = lines.filter((l) => /^(GET|POST) /.test(l));
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatch(/^GET \/healthz 200 \d+(\.\d)? ms$/);
    expect(requests[1]).toMatch(/^POST \/constraints\/parse 200 \d+(\.\d)? ms$/);
    // The escape byte arrives decoded or not, but never raw on the operator's terminal.
    expect(requests[2]).toMatch(/^GET \/nope.*red 404 /);
    expect(requests[2]).not.toContain('\x1b');
    const all = lines.join('\n');
    for (const secret of ['api-secret', 'private words', 'sekrit']) expect(all).not.toContain(secret);
  });
});
