// An answer the parser is in doubt about ("monday no wait": a correction with nothing after it) is not
// read back as if it were settled: the doubt is asked about, once per call, and the next answer is read back.
// Signed webhooks to the real app, as Twilio sends them (see webhook-order.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { createWorld } from '../helpers/world.js';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
let fresh: FreshDatabase;

const SID = 'CA00000000000000000000000000000001';
const base = { CallSid: SID, AccountSid: 'AC123', From: '+15550000000', To: '+15551230001', Direction: 'outbound-api' };
const answer = () => world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress' });
const say = async (turn: number, words: string) =>
  (
    await world.post(`/twilio/voice/gather?callId=1&turn=${turn}`, { ...base, CallStatus: 'in-progress', SpeechResult: words, Digits: '' })
  ).text();

describe('an ambiguous answer in a call', () => {
  beforeEach(async () => {
    fresh = await freshDatabase('sqlite', import.meta.url);
    world = await createWorld({ db: await openDatabase(fresh.url, { synchronous: true }) });
    await world.startCall(1, SID);
    await answer();
  });
  afterEach(async () => {
    await world.close();
    await fresh.cleanup();
  });

  it('"monday no wait" gets the question and stores no slot; the second answer is read back', async () => {
    const first = await say(1, 'monday no wait');
    expect(first).toContain('You said Monday and then changed your mind. Which day and time did you mean?');
    expect(first).not.toContain('with nothing after it');
    expect(first).not.toContain('I have you down');
    expect(first).toContain('turn=2');
    expect((await world.snapshot()).slots).toEqual([]);

    const second = await say(2, 'tuesday at ten');
    expect(second).toContain('I have you down as free');
    expect(second).toContain('from 10');
    const stored = (await world.snapshot()).slots;
    expect(stored.length).toBe(1);
    expect(stored[0]).toMatchObject({ turn: 2 });
  });

  it('asks about a doubt once per call: a second doubtful answer is read back as today', async () => {
    expect(await say(1, 'monday no wait')).toContain('changed your mind');
    const second = await say(2, 'wednesday no wait');
    expect(second).not.toContain('changed your mind');
    expect(second).toContain('I have you down as free');
  });

  it('asks once even after a read-back was rejected', async () => {
    expect(await say(1, 'monday no wait')).toContain('changed your mind');
    expect(await say(2, 'tuesday at ten')).toContain('I have you down');
    expect(await say(3, 'no')).toContain('tell me again');
    const fourth = await say(4, 'thursday no wait');
    expect(fourth).toContain('I have you down as free');
  });

  it('a busy spell to a weekday asks whether that day itself is free, in plain words, not the parser note', async () => {
    const first = await say(1, 'slammed until friday');
    expect(first).toContain('Is Friday itself free, or are you busy through Friday?');
    expect(first).not.toContain('read as');
    expect(first).not.toContain('included');
    expect(first).not.toMatch(/<Say[^>]*>[^<]*:/);
    expect((await world.snapshot()).slots).toEqual([]);
  });

  it('a weekday that does not match its date asks which was meant, naming both', async () => {
    const text = await say(1, 'friday the 12th at ten');
    const m = text.match(/Did you mean the date, (\w+) the 12th, or Friday\?/);
    expect(m).not.toBeNull();
    expect(m?.[1]).not.toBe('Friday');
    expect(text).not.toContain('read as the date');
  });

  it('a settled answer is read back on the first turn, as before', async () => {
    expect(await say(1, 'monday at two')).toContain('I have you down as free');
  });
});
