import { describe, expect, it } from 'vitest';
import { dropOpeningRejection, keepCorrectionBreak } from '../../src/parsing/heuristic/correction.js';
import { parseAvailabilityText } from '../../src/parsing/heuristic/index.js';
import type { AvailabilityInput } from '../../src/parsing/types.js';

// Wednesday 4 March 2026, 10:00 in New York; clocks go forward on Sunday 8 March.
const ny: Omit<AvailabilityInput, 'text'> = {
  timezone: 'America/New_York',
  now: '2026-03-04T10:00:00-05:00',
  window_start: '2026-03-04T10:00:00-05:00',
  window_end: '2026-03-13T23:59:59-04:00',
  duration_minutes: 30,
};
const parse = (text: string, base = ny) => parseAvailabilityText({ ...base, text });

describe('a correction that opens by rejecting the read-back', () => {
  it.each([
    ['no actually thursday afternoon', [{ start: '2026-03-05T12:00:00-05:00', end: '2026-03-05T17:00:00-05:00' }]],
    ['nope make that friday at ten', [{ start: '2026-03-06T10:00:00-05:00', end: '2026-03-06T11:00:00-05:00' }]],
    ['No, Monday morning.', [{ start: '2026-03-09T08:00:00-04:00', end: '2026-03-09T12:00:00-04:00' }]],
    ['no no monday morning', [{ start: '2026-03-09T08:00:00-04:00', end: '2026-03-09T12:00:00-04:00' }]],
    ['scratch that, no, i mean tuesday at 3', [{ start: '2026-03-10T15:00:00-04:00', end: '2026-03-10T16:00:00-04:00' }]],
  ])('"%s" offers what follows the rejection', (text, slots) => {
    const r = parse(text);
    expect(r.intent).toBe('availability');
    expect(r.slots).toEqual(slots);
    expect(r.unparsed).toEqual([]);
  });

  it.each([
    ['no', 'unclear'],
    ['No.', 'unclear'],
    ['no thanks', 'not_interested'],
    ['No, thanks.', 'not_interested'],
    ['no im not interested', 'not_interested'],
    ["No, I'm not interested.", 'not_interested'],
    ['no, stop calling me', 'opt_out'],
    ['no, call me back next week', 'call_back_later'],
  ])('"%s" keeps its intent (%s)', (text, intent) => {
    const r = parse(text);
    expect(r.intent).toBe(intent);
    expect(r.slots).toEqual([]);
  });

  it('still reads what follows with its own polarity', () => {
    expect(parse('no, thursday doesnt work').slots).toEqual([]);
    expect(parse('nope, busy thursday but friday works').slots).toEqual([
      { start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T17:00:00-05:00' },
    ]);
  });

  it('keeps a single bare "no" before a phrase as an exclusion ("no mornings")', () => {
    expect(parse('no mornings').intent).toBe('unclear');
    expect(parse('any day next week no mornings').slots.every((s) => !s.start.includes('T08:'))).toBe(true);
  });
});

describe('dropOpeningRejection', () => {
  it('cuts the opening run only when it is closed', () => {
    expect(dropOpeningRejection('No, actually Thursday')).toBe('thursday');
    expect(dropOpeningRejection('nope friday')).toBe('friday');
    expect(dropOpeningRejection('no fridays')).toBe('no fridays');
    expect(dropOpeningRejection('actually no fridays')).toBe('actually no fridays');
    expect(dropOpeningRejection('sorry who is this')).toBe('sorry who is this');
  });

  it('does not take words that merely start like an interjection', () => {
    expect(dropOpeningRejection('noon on friday')).toBe('noon on friday');
    expect(dropOpeningRejection('now thursday')).toBe('now thursday');
    expect(dropOpeningRejection('nothing before ten')).toBe('nothing before ten');
  });
});

describe('"not thursday, friday": a rejected day corrected to another', () => {
  const fri = { start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T17:00:00-05:00' };
  it.each([
    ['No, not Thursday, Friday', [fri]],
    ['no not thursday, friday', [fri]],
    ['not thursday, friday', [fri]],
    ['not thursday, friday afternoon', [{ start: '2026-03-06T12:00:00-05:00', end: '2026-03-06T17:00:00-05:00' }]],
    ['No, not Thursday, how about Friday?', [fri]],
    ['No. Not Thursday. Friday at 3.', [{ start: '2026-03-06T15:00:00-05:00', end: '2026-03-06T16:00:00-05:00' }]],
    ['not thursday, friday or monday', [fri, { start: '2026-03-09T09:00:00-04:00', end: '2026-03-09T17:00:00-04:00' }]],
    ['not thursday or friday, monday', [{ start: '2026-03-09T09:00:00-04:00', end: '2026-03-09T17:00:00-04:00' }]],
    ['not thursday morning, thursday afternoon', [{ start: '2026-03-05T12:00:00-05:00', end: '2026-03-05T17:00:00-05:00' }]],
  ])('New York: "%s" offers only the corrected day', (text, slots) => {
    const r = parse(text);
    expect(r.intent).toBe('availability');
    expect(r.slots).toEqual(slots);
    expect(r.unparsed).toEqual([]);
  });

  it('London: "No, not Thursday, Friday at ten." is Friday 27 March at 10:00 GMT only', () => {
    const london = {
      timezone: 'Europe/London',
      now: '2026-03-25T09:00:00+00:00',
      window_start: '2026-03-25T09:00:00+00:00',
      window_end: '2026-04-03T23:59:59+01:00',
      duration_minutes: 45,
    };
    expect(parse('No, not Thursday, Friday at ten.', london).slots).toEqual([
      { start: '2026-03-27T10:00:00+00:00', end: '2026-03-27T11:00:00+00:00' },
    ]);
  });

  it('Jerusalem: "not thursday, sunday morning" is Sunday 29 March after the clocks went forward (+03:00)', () => {
    const jerusalem = {
      timezone: 'Asia/Jerusalem',
      now: '2026-03-24T09:00:00+02:00',
      window_start: '2026-03-24T09:00:00+02:00',
      window_end: '2026-04-02T23:59:59+03:00',
      duration_minutes: 30,
    };
    expect(parse('not thursday, sunday morning', jerusalem).slots).toEqual([
      { start: '2026-03-29T08:00:00+03:00', end: '2026-03-29T12:00:00+03:00' },
    ]);
  });

  it('a corrected day outside the window offers nothing', () => {
    const r = parse('No, not Thursday, the twentieth');
    expect(r.slots).toEqual([]);
    expect(r.intent).toBe('unclear');
  });

  it('reads as before when the break is not a correction', () => {
    // No punctuation: "not thursday friday" still rules both out.
    expect(parse('not thursday friday').slots).toEqual([]);
    // Days left out of a wider offer stay a list.
    expect(parse('any day next week, not monday, tuesday').slots.map((s) => s.start.slice(0, 10))).toEqual([
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
    ]);
    // A list of rejected days followed by "but …" keeps only what follows "but".
    expect(parse('Not Monday, Tuesday or Wednesday, but Thursday works').slots).toEqual([
      { start: '2026-03-05T09:00:00-05:00', end: '2026-03-05T17:00:00-05:00' },
    ]);
    // The day after the break is itself ruled out.
    expect(parse('not thursday, friday doesnt work either').slots).toEqual([]);
  });
});

describe('keepCorrectionBreak', () => {
  it('keeps the break after a rejected day when a day is offered next', () => {
    expect(keepCorrectionBreak('not Thursday, Friday afternoon', 30)).toBe('not thursday , friday afternoon');
    expect(keepCorrectionBreak('no not thurs; fri at 3', 30)).toBe('no not thursday , friday at 3');
  });
  it('returns null (normal reading) otherwise', () => {
    expect(keepCorrectionBreak('not thursday friday', 30)).toBeNull();
    expect(keepCorrectionBreak('thursday, friday', 30)).toBeNull();
    expect(keepCorrectionBreak('not mornings, friday', 30)).toBeNull();
    expect(keepCorrectionBreak('not thursday, sorry', 30)).toBeNull();
    expect(keepCorrectionBreak('not thursday, but friday', 30)).toBeNull();
    expect(keepCorrectionBreak('im busy thursday, friday', 30)).toBeNull();
    expect(keepCorrectionBreak('any day next week, not monday, tuesday', 30)).toBeNull();
  });
});
