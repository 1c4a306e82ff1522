// The simulator in front of several `serve` processes (CALLBOOK_SIMULATOR_WEBHOOK_URLS): each
// request of a call goes to the next process, as a load balancer at the public URL would send it,
// and stays signed on the public URL, so whichever process gets it can check it.
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createTelephony, simulatorBaseUrl } from '../../../src/services/telephony-factory.js';
import { createSimulator } from '../../../src/telephony/simulator/simulator.js';
import type { SimEvent } from '../../../src/telephony/simulator/types.js';
import { routedUrl } from '../../../src/telephony/simulator/webhook-client.js';

const PUBLIC = 'https://cb.example.test/cb';
const TARGETS = ['http://127.0.0.1:9001', 'http://127.0.0.1:9002', 'http://127.0.0.1:9003'];

interface Sent {
  url: string;
  signature: string;
  params: Record<string, string>;
}

/** A fetch that answers every webhook with a hangup, recording where each went. */
function recordingFetch() {
  const sent: Sent[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    sent.push({
      url: String(input),
      signature: headers['X-Twilio-Signature'] ?? '',
      params: Object.fromEntries(new URLSearchParams(String(init?.body ?? ''))),
    });
    return new Response('<Response><Hangup/></Response>', { status: 200, headers: { 'content-type': 'text/xml' } });
  }) as typeof globalThis.fetch;
  return { sent, fetch };
}

describe('routedUrl', () => {
  it('keeps the path and query under the public base and puts them under the n-th target', () => {
    const route = { publicBaseUrl: `${PUBLIC}/`, targets: TARGETS };
    expect(routedUrl(`${PUBLIC}/twilio/voice?callId=3`, route, 0)).toBe('http://127.0.0.1:9001/twilio/voice?callId=3');
    expect(routedUrl(`${PUBLIC}/twilio/status`, route, 4)).toBe('http://127.0.0.1:9002/twilio/status');
    expect(routedUrl(PUBLIC, route, 2)).toBe('http://127.0.0.1:9003');
  });

  it('sends a URL outside the public base, or any URL without a route, where it points', () => {
    const route = { publicBaseUrl: PUBLIC, targets: TARGETS };
    expect(routedUrl('https://other.example.test/twilio/voice', route, 1)).toBe('https://other.example.test/twilio/voice');
    expect(routedUrl(`${PUBLIC}x/twilio/voice`, route, 1)).toBe(`${PUBLIC}x/twilio/voice`);
    expect(routedUrl(`${PUBLIC}/twilio/voice`, null, 1)).toBe(`${PUBLIC}/twilio/voice`);
    expect(routedUrl(`${PUBLIC}/twilio/voice`, { publicBaseUrl: PUBLIC, targets: [] }, 1)).toBe(`${PUBLIC}/twilio/voice`);
  });
});

describe('a simulator with a route', () => {
  it('sends each request of a call to the next target, signed on the public URL it was given, and says where it went', async () => {
    const { sent, fetch } = recordingFetch();
    const events: SimEvent[] = [];
    const sim = createSimulator({
      authToken: 'route-token',
      seed: 11,
      leadFor: () => ({ behaviour: 'answer', replies: [] }),
      fetch,
      statusDisorder: false,
      startDelayMs: 0,
      route: { publicBaseUrl: PUBLIC, targets: TARGETS },
      onEvent: (e) => events.push(e),
    });
    for (const callId of [1, 2]) {
      await sim.placeCall({
        callId,
        to: `+1555000100${callId}`,
        from: '+15005550006',
        answerUrl: `${PUBLIC}/twilio/voice?callId=${callId}`,
        statusCallbackUrl: `${PUBLIC}/twilio/status?callId=${callId}`,
        machineDetection: false,
        ringTimeoutSeconds: 20,
      });
    }
    await sim.whenIdle();
    expect(sim.stats.errors).toBe(0);
    const calls = [...new Set(sent.map((s) => s.params.CallSid))];
    expect(calls).toHaveLength(2);
    const starts: number[] = [];
    for (const sid of calls) {
      const mine = sent.filter((s) => s.params.CallSid === sid);
      // initiated, ringing, in-progress, the answer (a hangup), completed.
      expect(mine).toHaveLength(5);
      const order = mine.map((s) => TARGETS.indexOf(new URL(s.url).origin));
      starts.push(order[0] ?? -1);
      expect(order).toEqual(order.map((_, i) => ((order[0] ?? 0) + i) % TARGETS.length));
      for (const s of mine) {
        const publicUrl = PUBLIC + s.url.replace(/^https?:\/\/[^/]+/, '');
        expect(twilio.validateRequest('route-token', s.signature, publicUrl, s.params)).toBe(true);
        expect(twilio.validateRequest('route-token', s.signature, s.url, s.params)).toBe(false);
      }
    }
    // Calls start on different targets, so first requests spread as well.
    expect(new Set(starts).size).toBe(2);
    const requests = events.filter((e): e is Extract<SimEvent, { type: 'request' }> => e.type === 'request');
    expect(requests.map((r) => r.url.startsWith(PUBLIC))).toEqual(requests.map(() => true));
    expect(requests.map((r) => r.deliveredTo)).toEqual(sent.map((s) => s.url));
  });
});

describe('CALLBOOK_SIMULATOR_WEBHOOK_URLS', () => {
  it('lists the serve processes; the first answers the health check, calls keep the public URL', async () => {
    const config = loadConfig({ PUBLIC_BASE_URL: PUBLIC, CALLBOOK_SIMULATOR_WEBHOOK_URLS: ` ${TARGETS.join(' , ')}/ ` });
    expect(config.simulatorWebhookUrls).toEqual(TARGETS);
    expect(simulatorBaseUrl(config)).toBe(TARGETS[0]);
    // An explicit --port / --base-url still says where serve is, for both.
    expect(simulatorBaseUrl(config, 'http://127.0.0.1:7000')).toBe('http://127.0.0.1:7000');
    const dialer = await createTelephony(config, { simulate: true });
    expect(dialer.publicBaseUrl).toBe(PUBLIC);
    expect(loadConfig({}).simulatorWebhookUrls).toEqual([]);
  });

  it('refuses a list with something that is not an http(s) base URL, naming the variable', () => {
    for (const bad of ['127.0.0.1:8787', 'http://127.0.0.1:8787,ftp://x', 'http://127.0.0.1:8787/?a=1', 'http://a,,http://b']) {
      expect(() => loadConfig({ CALLBOOK_SIMULATOR_WEBHOOK_URLS: bad })).toThrow(
        /CALLBOOK_SIMULATOR_WEBHOOK_URLS: expected base URLs separated by commas/,
      );
    }
  });
});
