import { describe, expect, it } from 'vitest';
import { finalizeSlots, normalizeText, parseAvailabilityText, parseConstraintsText } from '../../src/parsing/heuristic/index.js';
import type { AvailabilityInput } from '../../src/parsing/types.js';

const nyMarch: Omit<AvailabilityInput, 'text'> = {
  timezone: 'America/New_York',
  now: '2026-03-04T10:00:00-05:00',
  window_start: '2026-03-04T10:00:00-05:00',
  window_end: '2026-03-13T23:59:59-04:00',
  duration_minutes: 30,
};
const parse = (text: string, base = nyMarch) => parseAvailabilityText({ ...base, text });

describe('DST: wall-clock hours survive a clock change inside the window', () => {
  it('New York (2026-03-08): weekday mornings keep 08:00 local on both sides of the change', () => {
    const r = parse('friday or monday morning');
    expect(r.slots).toEqual([
      { start: '2026-03-06T08:00:00-05:00', end: '2026-03-06T12:00:00-05:00' },
      { start: '2026-03-09T08:00:00-04:00', end: '2026-03-09T12:00:00-04:00' },
    ]);
  });
  it('London (2026-03-29): "sunday at eleven" is 11:00 BST on the day the clocks go forward', () => {
    const r = parse('sunday at eleven', {
      ...nyMarch,
      timezone: 'Europe/London',
      now: '2026-03-25T09:00:00+00:00',
      window_start: '2026-03-25T09:00:00+00:00',
      window_end: '2026-04-03T23:59:59+01:00',
    });
    expect(r.slots).toEqual([{ start: '2026-03-29T11:00:00+01:00', end: '2026-03-29T12:00:00+01:00' }]);
  });
  it('Sydney (2026-04-05): next week comes out at +10:00 after daylight saving ends', () => {
    const r = parse('next week at ten', {
      ...nyMarch,
      timezone: 'Australia/Sydney',
      now: '2026-04-01T09:00:00+11:00',
      window_start: '2026-04-01T09:00:00+11:00',
      window_end: '2026-04-10T23:59:59+10:00',
      duration_minutes: 60,
    });
    expect(r.slots).toHaveLength(5);
    expect(r.slots[0]).toEqual({ start: '2026-04-06T10:00:00+10:00', end: '2026-04-06T11:00:00+10:00' });
  });
  it('constraints: a two-week window in Jerusalem ends at local midnight after the spring change', () => {
    const r = parseConstraintsText({ text: 'next two weeks', timezone: 'Asia/Jerusalem', now: '2026-03-24T10:00:00+02:00' });
    expect(r.hard_constraints.window_start).toBe('2026-03-24T10:00:00+02:00');
    expect(r.hard_constraints.window_end).toBe('2026-04-07T23:59:59.999+03:00');
  });
});

describe('speech-recogniser text', () => {
  it.each([
    ['two thirty', '2:30'],
    ['ten a m', '10 am'],
    ['three forty five p m', '3:45 pm'],
    ['nine oh five', '9:05'],
    ['the twenty first', 'the 21th'],
    ['half nine', '9:30'],
    ['half past two', '2:30'],
    ['quarter to eleven', '10:45'],
    ['quarter past ten', '10:15'],
    ['twenty past three', '3:20'],
    ['uh like um tuesday you know', 'tuesday'],
  ])('normalises "%s" to "%s"', (raw, expected) => {
    expect(normalizeText(raw)).toBe(expected);
  });
  it('keeps "from ten to twelve" a range rather than 11:50', () => {
    expect(parse('from ten to twelve on friday').slots).toEqual([{ start: '2026-03-06T10:00:00-05:00', end: '2026-03-06T12:00:00-05:00' }]);
  });
  it('reads a bare hour as business hours: at 3 is 15:00, at 9 is 09:00', () => {
    expect(parse('thursday at 3').slots[0]?.start).toBe('2026-03-05T15:00:00-05:00');
    expect(parse('thursday at 9').slots[0]?.start).toBe('2026-03-05T09:00:00-05:00');
  });
});

describe('exclusions', () => {
  it('removes a weekday from an open offer', () => {
    const days = parse('any day next week except friday').slots.map((s) => s.start.slice(0, 10));
    expect(days).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12']);
  });
  it('reads a negation placed after the day', () => {
    expect(parse('wednesday doesnt work but thursday is fine').slots.map((s) => s.start.slice(0, 10))).toEqual(['2026-03-05']);
  });
  it('subtracts ruled-out hours from every offered day', () => {
    const r = parse('any day next week but not in the morning');
    expect(r.slots).toHaveLength(5);
    for (const s of r.slots) expect(s.start.slice(11, 16)).toBe('12:00');
  });
  it('offers nothing when the lead only says when they are busy', () => {
    expect(parse('im busy on friday').slots).toEqual([]);
  });
});

describe('intent', () => {
  it.each([
    ['take me off your list', 'opt_out'],
    ['stop calling', 'opt_out'],
    ['dont call me again', 'opt_out'],
    ['remove my number', 'opt_out'],
    ['not interested', 'not_interested'],
    ['call me back next month', 'call_back_later'],
    ['i dont know yet', 'call_back_later'],
    ['what is this about', 'unclear'],
    ['tuesday at two', 'availability'],
  ])('"%s" is %s', (text, intent) => {
    expect(parse(text).intent).toBe(intent);
  });
  it('an opt-out that also names a day books nothing', () => {
    expect(parse('tuesday is fine but stop calling me').slots).toEqual([]);
  });
});

describe('clipping, merging and the duration filter', () => {
  it('clips today to the present moment', () => {
    expect(parse('today').slots).toEqual([{ start: '2026-03-04T10:00:00-05:00', end: '2026-03-04T17:00:00-05:00' }]);
  });
  it('merges overlapping offers into one slot', () => {
    expect(parse('thursday morning or thursday from eleven to one').slots).toEqual([
      { start: '2026-03-05T08:00:00-05:00', end: '2026-03-05T13:00:00-05:00' },
    ]);
  });
  it('drops days outside the window', () => {
    expect(parse('the twentieth').slots).toEqual([]);
  });
  it('drops slots shorter than the meeting', () => {
    const r = parse('twelve fifteen to twelve forty five on tuesday', { ...nyMarch, duration_minutes: 45 });
    expect(r.slots).toEqual([]);
    expect(r.intent).toBe('unclear');
  });
  it('finalizeSlots sorts, merges and formats with the zone offset', () => {
    const t = (iso: string) => Date.parse(iso);
    const slots = finalizeSlots(
      [
        [t('2026-03-10T15:00:00Z'), t('2026-03-10T16:00:00Z')],
        [t('2026-03-10T14:00:00Z'), t('2026-03-10T15:30:00Z')],
      ],
      0,
      Number.MAX_SAFE_INTEGER,
      30,
      'America/New_York',
    );
    expect(slots).toEqual([{ start: '2026-03-10T10:00:00-04:00', end: '2026-03-10T12:00:00-04:00' }]);
  });
});

describe('constraints', () => {
  const jer = { timezone: 'Asia/Jerusalem', now: '2026-03-24T10:00:00+02:00' };
  it('uses the Sunday–Thursday week in Israel for "weekdays" and "next week"', () => {
    const r = parseConstraintsText({ ...jer, text: 'weekdays next week' });
    expect(r.soft_constraints.days_of_week).toEqual(['mon', 'tue', 'wed', 'thu', 'sun']);
    expect(r.hard_constraints.window_start).toBe('2026-03-29T00:00:00+03:00');
    expect(r.hard_constraints.window_end).toBe('2026-04-02T23:59:59.999+03:00');
  });
  it('defaults to two weeks from now and says so', () => {
    const r = parseConstraintsText({ ...jer, text: 'mornings' });
    expect(r.default_window).toBe(true);
    expect(r.hard_constraints.window_start).toBe('2026-03-24T10:00:00+02:00');
  });
  it('lists words it did not understand', () => {
    const r = parseConstraintsText({ ...jer, text: 'next week, but only if the moon is full' });
    expect(r.unparsed.join(' ')).toContain('moon');
  });
});

// Europe/London: Wednesday 25 March 2026, 09:00 GMT; clocks go forward on Sunday 29 March.
const london: Omit<AvailabilityInput, 'text'> = {
  timezone: 'Europe/London',
  now: '2026-03-25T09:00:00+00:00',
  window_start: '2026-03-25T09:00:00+00:00',
  window_end: '2026-04-03T23:59:59+01:00',
  duration_minutes: 45,
};
// Asia/Jerusalem: Tuesday 24 March 2026, 09:00 IST; clocks go forward on Friday 27 March; the week runs Sunday–Thursday.
const jerusalem: Omit<AvailabilityInput, 'text'> = {
  timezone: 'Asia/Jerusalem',
  now: '2026-03-24T09:00:00+02:00',
  window_start: '2026-03-24T09:00:00+02:00',
  window_end: '2026-04-02T23:59:59+03:00',
  duration_minutes: 30,
};

describe('"in N days": the local day N days after today', () => {
  it.each([
    ['in two days', [{ start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T17:00:00-05:00' }]],
    ['in 2 days', [{ start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T17:00:00-05:00' }]],
    ['in a couple of days', [{ start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T17:00:00-05:00' }]],
    ['in two days after 3', [{ start: '2026-03-06T15:00:00-05:00', end: '2026-03-06T18:00:00-05:00' }]],
    ['In three days time, at 10am.', [{ start: '2026-03-07T10:00:00-05:00', end: '2026-03-07T11:00:00-05:00' }]],
    ["in three days' time in the morning", [{ start: '2026-03-07T08:00:00-05:00', end: '2026-03-07T12:00:00-05:00' }]],
    ['two days from now', [{ start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T17:00:00-05:00' }]],
  ])('New York, Wednesday 4 March: "%s"', (text, slots) => {
    const r = parse(text);
    expect(r.intent).toBe('availability');
    expect(r.slots).toEqual(slots);
    expect(r.unparsed).toEqual([]);
  });
  it('New York DST: "in two days after 2pm" from Friday 6 March is Sunday 8 March, the day clocks go forward, at -04:00', () => {
    const r = parse('in two days after 2pm', {
      ...nyMarch,
      now: '2026-03-06T10:00:00-05:00',
      window_start: '2026-03-06T10:00:00-05:00',
    });
    expect(r.slots).toEqual([{ start: '2026-03-08T14:00:00-04:00', end: '2026-03-08T18:00:00-04:00' }]);
  });
  it('London: "in two days" is Friday 27 March (GMT); "in four days at eleven" is Sunday 29 March, 11:00 BST', () => {
    expect(parse('in two days', london).slots).toEqual([{ start: '2026-03-27T09:00:00+00:00', end: '2026-03-27T17:00:00+00:00' }]);
    expect(parse('in four days at eleven', london).slots).toEqual([
      { start: '2026-03-29T11:00:00+01:00', end: '2026-03-29T12:00:00+01:00' },
    ]);
  });
  it('Jerusalem: "in 2 days" is Thursday 26 March (+02:00); "in five days time in the morning" is Sunday 29 March (+03:00)', () => {
    expect(parse('in 2 days', jerusalem).slots).toEqual([{ start: '2026-03-26T09:00:00+02:00', end: '2026-03-26T17:00:00+02:00' }]);
    expect(parse('in five days time in the morning', jerusalem).slots).toEqual([
      { start: '2026-03-29T08:00:00+03:00', end: '2026-03-29T12:00:00+03:00' },
    ]);
  });
  it('a day past the window offers nothing (and does not throw)', () => {
    for (const text of ['in twelve days', 'in 12 days after 3', 'in 999 days']) {
      const r = parse(text);
      expect(r.slots).toEqual([]);
      expect(r.intent).toBe('unclear');
    }
  });
});

describe('"friday week" / "a week from friday": a week after the coming weekday', () => {
  const fridayWeekNy = [{ start: '2026-03-13T09:00:00-04:00', end: '2026-03-13T17:00:00-04:00' }];
  it.each([
    'a week from friday',
    'a week from this friday',
    'a week on friday',
    'A week on Friday.',
    'friday week',
    'Friday week.',
    'on friday week',
  ])('New York, Wednesday 4 March: "%s" is Friday 13 March, after the clocks went forward (-04:00)', (text) => {
    const r = parse(text);
    expect(r.intent).toBe('availability');
    expect(r.slots).toEqual(fridayWeekNy);
    expect(r.unparsed).toEqual([]);
  });
  it('New York: times narrow the day; a weekday that is today counts as the coming one ("wednesday week" is 11 March)', () => {
    expect(parse('friday week after 2').slots).toEqual([{ start: '2026-03-13T14:00:00-04:00', end: '2026-03-13T18:00:00-04:00' }]);
    expect(parse('a week from friday at 10am').slots).toEqual([{ start: '2026-03-13T10:00:00-04:00', end: '2026-03-13T11:00:00-04:00' }]);
    expect(parse('wednesday week').slots).toEqual([{ start: '2026-03-11T09:00:00-04:00', end: '2026-03-11T17:00:00-04:00' }]);
  });
  it('London: "friday week" is Friday 3 April in BST; "wednesday week in the afternoon" is Wednesday 1 April', () => {
    expect(parse('friday week', london).slots).toEqual([{ start: '2026-04-03T09:00:00+01:00', end: '2026-04-03T17:00:00+01:00' }]);
    expect(parse('a week from friday', london).slots).toEqual([{ start: '2026-04-03T09:00:00+01:00', end: '2026-04-03T17:00:00+01:00' }]);
    expect(parse('wednesday week in the afternoon', london).slots).toEqual([
      { start: '2026-04-01T12:00:00+01:00', end: '2026-04-01T17:00:00+01:00' },
    ]);
  });
  it('Jerusalem: "thursday week" and "a week on thursday" are Thursday 2 April (+03:00)', () => {
    const expected = [{ start: '2026-04-02T09:00:00+03:00', end: '2026-04-02T17:00:00+03:00' }];
    expect(parse('thursday week', jerusalem).slots).toEqual(expected);
    expect(parse('a week on thursday', jerusalem).slots).toEqual(expected);
  });
  it('a week-later day past the window offers nothing', () => {
    expect(parse('monday week').slots).toEqual([]);
    expect(parse('sunday week', jerusalem).slots).toEqual([]);
  });
  it('leaves "friday week of the 16th" and "friday week after next" as they were read before', () => {
    const wide = { ...nyMarch, window_end: '2026-03-27T23:59:59-04:00' };
    const friday20 = [{ start: '2026-03-20T09:00:00-04:00', end: '2026-03-20T17:00:00-04:00' }];
    expect(parse('friday week of the 16th', wide).slots).toEqual(friday20);
    expect(parse('friday week after next', wide).slots).toEqual(friday20);
  });
});
