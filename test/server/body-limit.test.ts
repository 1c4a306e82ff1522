// The body limits on real sockets: a server on 127.0.0.1, a raw `net` client that declares or
// streams far more than the limit, and what comes back before the body is (or is not) sent.
import { connect, type Socket } from 'node:net';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BODY_LIMIT, TWILIO_BODY_LIMIT } from '../../src/server/body-limit.js';
import { type RunningServer, startServer } from '../../src/server/start.js';
import { AUTH_TOKEN, createWorld, PUBLIC_BASE } from '../helpers/world.js';

interface RawResult {
  status: number;
  head: string;
  body: string;
  /** Bytes of body the client got onto the socket before the server closed it. */
  sent: number;
  closed: boolean;
}

const GATHER = '/twilio/voice/gather?callId=1&turn=1';
const FORGED_SIGNATURE = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const MiB = 1024 * 1024;

/**
 * Sends `head`, then `feed` bytes of body (as raw bytes, or as chunks when `chunked`), as fast as
 * the socket takes them, until the server closes the socket or `feed` is exhausted. Resolves once
 * the socket is closed, with the response read from it.
 */
function rawRequest(port: number, head: string, options: { feed?: number; chunked?: boolean } = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const framed = options.chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
    const pump = () => {
      while (!socket.destroyed && sent < (options.feed ?? 0)) {
        sent += chunk.length;
        if (!socket.write(framed)) return socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const [headText = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0), head: headText, body, sent, closed: true });
    });
  });
}

function head(path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ Host: '127.0.0.1', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `POST ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

let world: Awaited<ReturnType<typeof createWorld>>;
let server: RunningServer;

beforeAll(async () => {
  world = await createWorld();
  server = await startServer(world.app, { port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server.close();
  await world.close();
});

describe('Twilio webhooks refuse what they cannot afford, before reading it', () => {
  it('answers 413 to a Content-Length over 64 KiB before any of the body is sent, and closes the socket', async () => {
    const r = await rawRequest(
      server.port,
      head(GATHER, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(64 * MiB),
        'X-Twilio-Signature': FORGED_SIGNATURE,
      }),
    );
    expect(r.status).toBe(413);
    expect(r.closed).toBe(true);
    expect(JSON.parse(r.body)).toEqual({
      error: {
        kind: 'too_large',
        message: expect.stringContaining(`${TWILIO_BODY_LIMIT} bytes`),
        hint: expect.any(String),
        problems: expect.any(Array),
      },
    });
  });

  it('stops reading a declared 512 MiB body that keeps coming: the socket closes long before it is all sent, memory stays flat', async () => {
    const before = process.memoryUsage().rss;
    const r = await rawRequest(
      server.port,
      head(GATHER, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(512 * MiB),
        'X-Twilio-Signature': FORGED_SIGNATURE,
      }),
      { feed: 512 * MiB },
    );
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(128 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });

  it('stops reading an endless chunked body at the limit and closes the socket', async () => {
    const before = process.memoryUsage().rss;
    const r = await rawRequest(
      server.port,
      head(GATHER, {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
        'X-Twilio-Signature': FORGED_SIGNATURE,
      }),
      { feed: 512 * MiB, chunked: true },
    );
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(128 * MiB);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * MiB);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not base64 of 20 bytes', 'bm90LWEtc2lnbmF0dXJl'],
    ['too long', `${FORGED_SIGNATURE}AAAA`],
  ])('answers 403 to a %s signature without waiting for the body', async (_, signature) => {
    // The body is declared but never sent: a reply proves the server did not wait to read it.
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '1000' };
    if (signature !== undefined) headers['X-Twilio-Signature'] = signature;
    const socket = connect(server.port, '127.0.0.1');
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
        if (text.includes('\r\n\r\n') && text.endsWith('}')) resolve(text);
      });
      socket.write(head(GATHER, headers));
    });
    socket.destroy();
    expect(reply).toMatch(/^HTTP\/1\.1 403/);
    expect(JSON.parse(reply.split('\r\n\r\n')[1] ?? '')).toEqual({
      error: { kind: 'forbidden', message: expect.stringMatching(/X-Twilio-Signature/), hint: expect.any(String), problems: [] },
    });
  });

  it('still serves a signed gather within the limit, streamed or not', async () => {
    const params = { CallSid: 'CA-none', SpeechResult: 'x'.repeat(30_000), Digits: '' };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_BASE + GATHER, params);
    const body = new URLSearchParams(params).toString();
    const plain = await fetch(server.url + GATHER, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      body,
    });
    expect(plain.status).toBe(200);
    const streamed = await fetch(server.url + GATHER, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
      body: new Blob([body]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(200);
  });
});

describe('the JSON API has a limit sized to a campaign of leads', () => {
  const auth = { Authorization: 'Bearer api-secret', 'Content-Type': 'application/json' };

  it('answers 413 naming the 16 MiB cap to a declared body over it, before the body is sent', async () => {
    const r = await rawRequest(server.port, head('/campaigns', { ...auth, 'Content-Length': String(API_BODY_LIMIT + 1) }));
    expect(r.status).toBe(413);
    const error = JSON.parse(r.body).error;
    expect(error.kind).toBe('too_large');
    expect(error.message).toContain('16 MiB');
  });

  it('stops reading an endless chunked JSON body at the cap', async () => {
    const r = await rawRequest(server.port, head('/campaigns', { ...auth, 'Transfer-Encoding': 'chunked' }), {
      feed: 512 * MiB,
      chunked: true,
    });
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(256 * MiB);
  });

  it('refuses an unauthenticated sender with 401 before reading its body', async () => {
    const r = await rawRequest(server.port, head('/campaigns', { 'Content-Type': 'application/json', 'Content-Length': String(64 * MiB) }));
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error).toEqual({ kind: 'unauthorized', message: expect.any(String), hint: null, problems: [] });
  });

  it('reads a streamed body within the cap', async () => {
    const res = await fetch(`${server.url}/constraints/parse`, {
      method: 'POST',
      headers: auth,
      body: new Blob([JSON.stringify({ text: 'next week, mornings', timezone: 'America/New_York' })]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
  });
});
