import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioTelephony } from '../../src/telephony/twilio.js';
import type { PlaceCallRequest } from '../../src/telephony/types.js';
import { TelephonyError } from '../../src/telephony/types.js';

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = 'super-secret-token-value';

interface Received {
  method: string;
  path: string;
  form: URLSearchParams;
  authorization: string;
}

type Reply = { status: number; body: unknown };

let server: Server;
let baseUrl = '';
let received: Received[] = [];
let replies: Reply[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  req.on('end', () => {
    received.push({
      method: req.method ?? '',
      path: req.url ?? '',
      form: new URLSearchParams(body),
      authorization: req.headers.authorization ?? '',
    });
    const reply = replies.shift() ?? { status: 500, body: { message: 'no reply queued' } };
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
}

/** Keeps the SDK's request pipeline (auth, form encoding) but sends it to the loopback server. */
class LoopbackRequestClient extends twilio.RequestClient {
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: baseUrl + original.pathname + original.search });
  }
}

const request: PlaceCallRequest = {
  callId: 7,
  to: '+15551230001',
  from: '+15557654321',
  answerUrl: 'https://example.ngrok.app/twilio/voice?callId=7',
  statusCallbackUrl: 'https://example.ngrok.app/twilio/status?callId=7',
  machineDetection: true,
  ringTimeoutSeconds: 25,
};

async function placeExpectingError(): Promise<TelephonyError> {
  const telephony = await createTwilioTelephony({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    httpClient: new LoopbackRequestClient(),
  });
  const err = await telephony.placeCall(request).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(TelephonyError);
  expect(String((err as Error).message)).not.toContain(AUTH_TOKEN);
  return err as TelephonyError;
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  replies = [];
});

describe('createTwilioTelephony', () => {
  it('posts calls.create with every option and returns the sid', async () => {
    replies.push({ status: 201, body: { sid: `CA${'a'.repeat(32)}`, status: 'queued' } });
    const telephony = await createTwilioTelephony({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      httpClient: new LoopbackRequestClient(),
    });
    expect(telephony.kind).toBe('twilio');
    await expect(telephony.placeCall(request)).resolves.toEqual({ sid: `CA${'a'.repeat(32)}`, status: 'queued' });

    const [call] = received;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    const form = call?.form ?? new URLSearchParams();
    expect(form.get('To')).toBe(request.to);
    expect(form.get('From')).toBe(request.from);
    expect(form.get('Url')).toBe(request.answerUrl);
    expect(form.get('Method')).toBe('POST');
    expect(form.get('StatusCallback')).toBe(request.statusCallbackUrl);
    expect(form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(form.get('StatusCallbackMethod')).toBe('POST');
    expect(form.get('Timeout')).toBe('25');
    expect(form.get('MachineDetection')).toBe('DetectMessageEnd');
    expect(form.has('AsyncAmd')).toBe(false);
    const decoded = Buffer.from((call?.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');
    expect(decoded).toBe(`${ACCOUNT_SID}:${AUTH_TOKEN}`);
  });

  it('leaves machine detection off when not asked for', async () => {
    replies.push({ status: 201, body: { sid: `CA${'b'.repeat(32)}`, status: 'queued' } });
    const telephony = await createTwilioTelephony({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      httpClient: new LoopbackRequestClient(),
    });
    await telephony.placeCall({ ...request, machineDetection: false });
    expect(received[0]?.form.has('MachineDetection')).toBe(false);
  });

  it.each([
    [21211, 'invalid_number'],
    [21216, 'blocked'],
    [21215, 'geo_permission'],
    [13227, 'geo_permission'],
    [21210, 'caller_id'],
  ])('maps error %i to a permanent %s error', async (code, reason) => {
    replies.push({
      status: 400,
      body: { code, message: `Twilio says ${code}`, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 },
    });
    const err = await placeExpectingError();
    expect(err.retryable).toBe(false);
    expect(err.code).toBe(code);
    expect(err.status).toBe(400);
    expect(err.reason).toBe(reason);
  });

  it('maps 20429 and HTTP 429 to retryable', async () => {
    replies.push({ status: 429, body: { code: 20429, message: 'Too Many Requests', status: 429 } });
    const err = await placeExpectingError();
    expect(err).toMatchObject({ retryable: true, code: 20429, status: 429, reason: 'rate_limited' });
  });

  it('maps 503 to retryable', async () => {
    replies.push({ status: 503, body: { message: 'Service Unavailable', status: 503 } });
    const err = await placeExpectingError();
    expect(err).toMatchObject({ retryable: true, code: null, status: 503, reason: 'server_error' });
  });

  it('maps 401 to a permanent auth error without leaking the token', async () => {
    replies.push({ status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } });
    const err = await placeExpectingError();
    expect(err).toMatchObject({ retryable: false, code: 20003, reason: 'auth' });
    expect(err.affectsAccount).toBe(true);
  });

  it('maps a refused connection to a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    class DeadClient extends twilio.RequestClient {
      override request<TData>(opts: RequestClient.RequestOptions<TData>) {
        return super.request<TData>({ ...opts, uri: deadUrl + new URL(opts.uri).pathname });
      }
    }
    const telephony = await createTwilioTelephony({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      httpClient: new DeadClient(),
    });
    const err = await telephony.placeCall(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelephonyError);
    expect(err).toMatchObject({ retryable: true, status: null, reason: 'network' });
    expect((err as Error).message).not.toContain(AUTH_TOKEN);
  });

  it('rejects a malformed account SID before loading the SDK', async () => {
    await expect(createTwilioTelephony({ accountSid: 'nope', authToken: AUTH_TOKEN })).rejects.toMatchObject({
      retryable: false,
      reason: 'auth',
    });
  });
});

// A tick that died between asking Twilio for a call and storing its id asks again: Twilio's list of
// calls to→from, against the ids we have on record for that number.
describe('lookupCall', () => {
  const SID = (c: string) => `CA${c.repeat(32)}`;
  const callJson = (sid: string, status: string, created: string) => ({
    sid,
    status,
    to: request.to,
    from: request.from,
    date_created: created,
    account_sid: ACCOUNT_SID,
  });
  const page = (calls: unknown[]) => ({
    calls,
    page: 0,
    page_size: calls.length,
    uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`,
    first_page_uri: `/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json?Page=0`,
    next_page_uri: null,
    previous_page_uri: null,
  });
  const lookup = { callId: 7, to: request.to, from: request.from };
  const telephony = () =>
    createTwilioTelephony({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, httpClient: new LoopbackRequestClient() });

  it('names the newest call we have no id for, and asks only for calls to that number from our caller id', async () => {
    replies.push({
      status: 200,
      body: page([
        callJson(SID('c'), 'no-answer', 'Mon, 09 Mar 2026 14:00:00 +0000'),
        callJson(SID('d'), 'in-progress', 'Mon, 09 Mar 2026 15:01:00 +0000'),
        callJson(SID('e'), 'completed', 'Sun, 08 Mar 2026 15:00:00 +0000'),
      ]),
    });
    const t = await telephony();
    await expect(t.lookupCall?.({ ...lookup, knownSids: [SID('c')] })).resolves.toEqual({ sid: SID('d'), status: 'in-progress' });
    const [asked] = received;
    expect(asked?.method).toBe('GET');
    const url = new URL(asked?.path ?? '', 'http://x');
    expect(url.pathname).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Calls.json`);
    expect(url.searchParams.get('To')).toBe(request.to);
    expect(url.searchParams.get('From')).toBe(request.from);
  });

  it('says the call was surely not placed when every call Twilio lists is one we know', async () => {
    replies.push({ status: 200, body: page([callJson(SID('c'), 'no-answer', 'Mon, 09 Mar 2026 14:00:00 +0000')]) });
    await expect((await telephony()).lookupCall?.({ ...lookup, knownSids: [SID('c')] })).resolves.toBeNull();
    replies.push({ status: 200, body: page([]) });
    await expect((await telephony()).lookupCall?.({ ...lookup, knownSids: [] })).resolves.toBeNull();
  });

  it('cannot tell (throws) when the list may hold more than one page, or Twilio fails', async () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      callJson(`CA${String(i).padStart(32, '0')}`, 'completed', 'Mon, 09 Mar 2026 14:00:00 +0000'),
    );
    replies.push({ status: 200, body: { ...page(many), next_page_uri: null } });
    await expect((await telephony()).lookupCall?.({ ...lookup, knownSids: many.map((c) => c.sid) })).rejects.toBeInstanceOf(TelephonyError);
    replies.push({ status: 500, body: { code: 20500, message: 'Internal Server Error', status: 500 } });
    const err = await (await telephony()).lookupCall?.({ ...lookup, knownSids: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelephonyError);
    expect(String((err as Error).message)).not.toContain(AUTH_TOKEN);
  });
});
