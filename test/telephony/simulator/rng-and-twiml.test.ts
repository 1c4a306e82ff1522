import { describe, expect, it } from 'vitest';
import { buildAnswerTwiml, buildHoldTwiml } from '../../../src/server/twiml.js';
import { createRng, deriveSeed, pickWeighted, randomHex } from '../../../src/telephony/simulator/rng.js';
import { readTwiml } from '../../../src/telephony/simulator/twiml-reader.js';

describe('rng', () => {
  it('repeats for a seed and differs across seeds and streams', () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRng(43)()).not.toBe(seqA[0]);
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(42, 2));
    expect(randomHex(createRng(1), 32)).toMatch(/^[0-9a-f]{32}$/);
    expect(pickWeighted(createRng(1), { only: 1, never: 0 })).toBe('only');
  });
});

describe('readTwiml', () => {
  it('reads verbs in order with attributes, nested says and decoded text', () => {
    const xml = buildAnswerTwiml({ greeting: 'Hi Tom & <Jerry>', gatherActionUrl: 'https://h.example/g?callId=1&turn=2' });
    const [gather] = readTwiml(xml);
    expect(gather?.name).toBe('Gather');
    expect(gather?.attrs.action).toBe('https://h.example/g?callId=1&turn=2');
    expect(gather?.attrs.actionOnEmptyResult).toBe('true');
    expect(gather?.children.map((c) => [c.name, c.text])).toEqual([['Say', 'Hi Tom & <Jerry>']]);
    const hold = readTwiml(buildHoldTwiml({ text: 'One moment.', redirectUrl: 'https://h.example/c?a=1&b=2', pauseSeconds: 2 }));
    expect(hold.map((v) => v.name)).toEqual(['Say', 'Pause', 'Redirect']);
    expect(hold[2]?.text).toBe('https://h.example/c?a=1&b=2');
  });

  it('refuses a document without <Response>', () => {
    expect(() => readTwiml('<html></html>')).toThrow(/Response/);
  });
});
