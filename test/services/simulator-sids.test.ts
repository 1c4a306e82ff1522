// Call SIDs of the simulator are unique across processes, as Twilio's are: two `tick --simulate`
// started in the same millisecond on one database once drew the same SIDs and the second died on
// calls.call_sid's unique key ("duplicate key value violates unique constraint").
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTelephony } from '../../src/services/telephony-factory.js';

afterEach(() => vi.useRealTimers());

describe('simulated call SIDs', () => {
  it('differ between two dialers opened in the same millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-03-09T15:00:00Z') });
    const config = loadConfig({});
    // Nothing listens on port 9: each call's first request fails, after its SID is given.
    const open = () => createTelephony(config, { simulate: true, publicBaseUrl: 'http://127.0.0.1:9' });
    const [a, b] = await Promise.all([open(), open()]);
    const call = (callId: number) => ({
      callId,
      to: '+15551230001',
      from: '+15550000000',
      answerUrl: 'http://127.0.0.1:9/twilio/voice',
      statusCallbackUrl: 'http://127.0.0.1:9/twilio/status',
      machineDetection: false,
      ringTimeoutSeconds: 25,
    });
    const sidsA = [(await a.telephony.placeCall(call(1))).sid, (await a.telephony.placeCall(call(2))).sid];
    const sidsB = [(await b.telephony.placeCall(call(1))).sid, (await b.telephony.placeCall(call(2))).sid];
    vi.useRealTimers();
    await Promise.allSettled([a.finish(), b.finish()]);
    expect(new Set([...sidsA, ...sidsB]).size).toBe(4);
  });
});
