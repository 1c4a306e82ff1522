// Caps at the server's edges (input-limits.ts): an over-long SpeechResult is cut for parsing and
// the stored turn says so, never a 500 nor a stalled webhook; the API's texts are refused over
// their caps with the field and the cap named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/domain/input-limits.js';
import { createWorld } from '../helpers/world.js';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.close());

const SID = 'CA00000000000000000000000000000009';
const base = { CallSid: SID, AccountSid: 'AC123', From: '+15550000000', To: '+15551230001', Direction: 'outbound-api' };

describe('gather SpeechResult', () => {
  it('cuts a transcript over the cap for parsing, notes it in the stored turn, and still answers TwiML', async () => {
    await world.startCall(1, SID);
    await world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress' });
    // Under the 64 KiB webhook body limit, far over any phone transcript.
    const speech = `tuesday at ten in the morning works ${'and I mean it '.repeat(3000)}`;
    const res = await world.post('/twilio/voice/gather?callId=1&turn=1', {
      ...base,
      CallStatus: 'in-progress',
      SpeechResult: speech,
      Confidence: '0.9',
      Digits: '',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Response>');
    const turns = await world.db.selectFrom('call_turns').select('input').execute();
    expect(turns).toHaveLength(1);
    const input = turns[0]?.input ?? '';
    expect(input.startsWith('tuesday at ten in the morning')).toBe(true);
    expect(input).toContain(`[cut from ${speech.trim().length} characters]`);
    expect(input.length).toBeLessThan(INPUT_LIMITS.speech + 60);
  });

  it('keeps a transcript under the cap as it was said', async () => {
    await world.startCall(1, SID);
    await world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress' });
    await world.post('/twilio/voice/gather?callId=1&turn=1', {
      ...base,
      CallStatus: 'in-progress',
      SpeechResult: 'tuesday morning',
      Digits: '',
    });
    const turns = await world.db.selectFrom('call_turns').select('input').execute();
    expect(turns.map((t) => t.input)).toEqual(['tuesday morning']);
  });
});
