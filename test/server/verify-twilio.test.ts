import { Hono } from 'hono';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import type { TwilioEnv, TwilioParams } from '../../src/server/verify-twilio.js';
import {
  extractPathAndQuery,
  isSignedByTwilio,
  parseSignature,
  resolveSignedUrl,
  signatureCandidates,
  verifyTwilioSignature,
} from '../../src/server/verify-twilio.js';

const TOKEN = 'test-auth-token';
const PUBLIC = 'https://callbook.ngrok.app';

function makeApp(publicBaseUrl: string | null = PUBLIC, skip = false) {
  const seen: TwilioParams[] = [];
  const rejects: string[] = [];
  const app = new Hono<TwilioEnv>();
  app.use('/twilio/*', verifyTwilioSignature({ authToken: TOKEN, publicBaseUrl, skip, onReject: (r) => rejects.push(r) }));
  app.post('/twilio/voice/gather', (c) => {
    seen.push(c.get('twilioParams'));
    return c.text('ok');
  });
  return { app, seen, rejects };
}

function post(app: Hono<TwilioEnv>, localUrl: string, params: Record<string, string>, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== undefined) headers['X-Twilio-Signature'] = signature;
  return app.request(localUrl, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
}

const params = { CallSid: `CA${'0'.repeat(32)}`, SpeechResult: 'tuesday morning', Confidence: '0.9' };
const path = '/twilio/voice/gather?callId=1&turn=2';

describe('verifyTwilioSignature', () => {
  it('accepts a request signed for the public URL even though it arrived on localhost', async () => {
    const { app, seen } = makeApp();
    const sig = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params);
    const res = await post(app, `http://localhost:8787${path}`, params, sig);
    expect(res.status).toBe(200);
    expect(seen).toEqual([params]);
  });

  it('ignores a trailing slash on the public base URL', async () => {
    const { app } = makeApp(`${PUBLIC}/`);
    const sig = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params);
    expect((await post(app, `http://localhost:8787${path}`, params, sig)).status).toBe(200);
  });

  it('rejects a signature made with another token', async () => {
    const { app, seen, rejects } = makeApp();
    const sig = twilio.getExpectedTwilioSignature('other-token', PUBLIC + path, params);
    const res = await post(app, `http://localhost:8787${path}`, params, sig);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { kind: 'forbidden', message: 'invalid X-Twilio-Signature', hint: expect.any(String), problems: [] },
    });
    expect(seen).toEqual([]);
    expect(rejects).toEqual(['invalid_signature']);
  });

  it('rejects a missing header', async () => {
    const { app, seen, rejects } = makeApp();
    const res = await post(app, `http://localhost:8787${path}`, params);
    expect(res.status).toBe(403);
    expect(seen).toEqual([]);
    expect(rejects).toEqual(['missing_signature']);
  });

  it('rejects a signature made for another URL or another query string', async () => {
    const { app } = makeApp();
    const otherPath = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/twilio/voice`, params);
    expect((await post(app, `http://localhost:8787${path}`, params, otherPath)).status).toBe(403);
    const otherTurn = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/twilio/voice/gather?callId=1&turn=3`, params);
    expect((await post(app, `http://localhost:8787${path}`, params, otherTurn)).status).toBe(403);
  });

  it('rejects tampered parameters', async () => {
    const { app } = makeApp();
    const sig = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params);
    const tampered = { ...params, SpeechResult: 'take me off your list' };
    expect((await post(app, `http://localhost:8787${path}`, tampered, sig)).status).toBe(403);
  });

  it('keeps an empty Digits field, which is part of the signature', async () => {
    const { app, seen } = makeApp();
    const withEmpty = { ...params, Digits: '' };
    const sig = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, withEmpty);
    expect((await post(app, `http://localhost:8787${path}`, withEmpty, sig)).status).toBe(200);
    expect(seen[0]).toHaveProperty('Digits', '');
    // Signed without the empty field: the body still carries it, so the check must fail.
    const sigWithout = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, params);
    expect((await post(app, `http://localhost:8787${path}`, withEmpty, sigWithout)).status).toBe(403);
  });

  it('keeps repeated keys as arrays, as the SDK signs them', async () => {
    const { app, seen } = makeApp();
    const body = 'CallSid=CA1&StatusCallbackEvent=ringing&StatusCallbackEvent=answered';
    const signed = { CallSid: 'CA1', StatusCallbackEvent: ['ringing', 'answered'] };
    const sig = twilio.getExpectedTwilioSignature(TOKEN, PUBLIC + path, signed);
    const res = await app.request(`http://localhost:8787${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': sig },
      body,
    });
    expect(res.status).toBe(200);
    expect(seen[0]).toEqual(signed);
  });

  it('falls back to the request URL when there is no public base URL', async () => {
    const { app } = makeApp(null);
    const sig = twilio.getExpectedTwilioSignature(TOKEN, `http://127.0.0.1:9999${path}`, params);
    expect((await post(app, `http://127.0.0.1:9999${path}`, params, sig)).status).toBe(200);
  });

  it('skips the check only when told to, still storing the params', async () => {
    const { app, seen } = makeApp(PUBLIC, true);
    expect((await post(app, `http://localhost:8787${path}`, params)).status).toBe(200);
    expect(seen).toEqual([params]);
  });
});

describe('resolveSignedUrl', () => {
  it('keeps the query string byte for byte', () => {
    expect(extractPathAndQuery("http://localhost:8787/a/b?x=it's&y=%20#frag")).toBe("/a/b?x=it's&y=%20");
    expect(resolveSignedUrl('http://localhost:8787/twilio/status?callId=4', 'https://h.example/')).toBe(
      'https://h.example/twilio/status?callId=4',
    );
    expect(resolveSignedUrl('http://localhost:8787/x', null)).toBe('http://localhost:8787/x');
  });
});

describe('the URL forms a signature is checked against', () => {
  const urls = [
    'https://h.example/twilio/voice/gather?callId=1&turn=2',
    'https://h.example:443/twilio/voice/gather?callId=1&turn=2',
    'http://h.example:8080/twilio/status',
    "https://h.example/twilio/voice?name=it's&x=%20y",
    'https://user@h.example/twilio/voice',
  ];

  it('tries the URL exactly as requested first, and no form twice', () => {
    for (const url of urls) {
      const forms = signatureCandidates(url);
      expect(forms[0]).toBe(url);
      expect(new Set(forms).size).toBe(forms.length);
    }
    // The common case, a public https URL without a port, has only one other form to try.
    expect(signatureCandidates(urls[0] ?? '')).toEqual([urls[0], 'https://h.example:443/twilio/voice/gather?callId=1&turn=2']);
  });

  it('accepts exactly what twilio.validateRequest accepts', () => {
    const signed = { CallSid: 'CA1', Digits: '', StatusCallbackEvent: ['ringing', 'answered', 'ringing'] };
    for (const requested of urls) {
      // Signatures Twilio may have made: for each form of the URL, and for unrelated URLs.
      const signedFor = [...signatureCandidates(requested), ...urls, 'https://other.example/twilio/voice'];
      for (const url of signedFor) {
        const signature = twilio.getExpectedTwilioSignature(TOKEN, url, signed);
        const bytes = parseSignature(signature);
        expect(bytes).not.toBeNull();
        expect(isSignedByTwilio(TOKEN, bytes as Buffer, requested, signed)).toBe(
          twilio.validateRequest(TOKEN, signature, requested, signed),
        );
      }
    }
  });

  it('reads only base64 of 20 bytes as a signature', () => {
    expect(parseSignature(twilio.getExpectedTwilioSignature(TOKEN, PUBLIC, {}))).toHaveLength(20);
    for (const bad of [undefined, '', 'abc', 'bm90LWEtc2lnbmF0dXJl', `${'A'.repeat(27)}=x`, `${'*'.repeat(27)}=`, 'A'.repeat(28)]) {
      expect(parseSignature(bad)).toBeNull();
    }
  });

  it('refuses a malformed signature header as invalid without a body parse', async () => {
    const { app, seen, rejects } = makeApp();
    const res = await post(app, `http://localhost:8787${path}`, params, 'not-a-signature');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/malformed/);
    expect(seen).toEqual([]);
    expect(rejects).toEqual(['invalid_signature']);
  });
});
