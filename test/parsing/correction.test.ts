import { describe, expect, it } from 'vitest';
import { dropOpeningRejection } from '../../src/parsing/heuristic/correction.js';
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
const parse = (text: string) => parseAvailabilityText({ ...ny, text });

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
