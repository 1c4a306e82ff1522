// Hard and soft in an owner's instruction (booking.md "Hard and soft"; issue 13 item 14), in three zones whose
// default two-week window crosses a DST change: Jerusalem (Fri 27 Mar 2026, Sunday–Thursday week), New York
// (Sun 8 Mar 2026) and London (Sun 25 Oct 2026).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DayOfWeek, TimeRange } from '../../src/domain/types.js';
import { parseConstraintsText } from '../../src/parsing/heuristic/index.js';

const ZONES = {
  jer: { timezone: 'Asia/Jerusalem', now: '2026-03-24T10:00:00+02:00' },
  ny: { timezone: 'America/New_York', now: '2026-03-04T09:30:00-05:00' },
  lon: { timezone: 'Europe/London', now: '2026-10-19T11:00:00+01:00' },
} as const;
type Zone = keyof typeof ZONES;

/** "10:00-16:00 14:00-17:00" → ranges. */
const hours = (spec: string): TimeRange[] =>
  spec.split(' ').map((r) => {
    const [start = '', end = ''] = r.split('-');
    return { start, end };
  });
const days = (spec: string) => spec.split(' ') as DayOfWeek[];
const WEEK = days('mon tue wed thu fri');
const ISRAELI_WEEK = days('mon tue wed thu sun');

interface Expect {
  working_hours?: TimeRange[] | null;
  working_days?: DayOfWeek[] | null;
  excluded?: DayOfWeek[];
  soft_days?: DayOfWeek[];
  parts?: string[];
  ranges?: TimeRange[];
  window_end?: string;
}

const parse = (zone: Zone, text: string) => parseConstraintsText({ ...ZONES[zone], text });

const CASES: Array<[Zone, string, Expect]> = [
  // Hard hours: "only", "never outside", "not before", "no later than" and their close variants.
  ['jer', 'only between 10am and 4pm', { working_hours: hours('10:00-16:00') }],
  ['ny', 'only between 10 and 4', { working_hours: hours('10:00-16:00') }],
  ['lon', 'Only between 10:00 and 16:00', { working_hours: hours('10:00-16:00') }],
  ['ny', 'never outside 9 to 5', { working_hours: hours('09:00-17:00') }],
  ['lon', 'never outside of 9am-5pm', { working_hours: hours('09:00-17:00') }],
  ['jer', 'not outside 9 and 5', { working_hours: hours('09:00-17:00') }],
  ['jer', 'nothing outside business hours', { working_hours: hours('09:00-17:00') }],
  ['ny', 'not before 10', { working_hours: hours('10:00-24:00') }],
  ['lon', 'no earlier than 9:30', { working_hours: hours('09:30-24:00') }],
  ['jer', 'never before 10 am', { working_hours: hours('10:00-24:00') }],
  ['jer', "can't do anything before 10", { working_hours: hours('10:00-24:00') }],
  ['ny', 'no later than 5', { working_hours: hours('00:00-17:00') }],
  ['lon', 'not after 4pm', { working_hours: hours('00:00-16:00') }],
  ['jer', 'nothing after 3', { working_hours: hours('00:00-15:00') }],
  ['ny', '5pm at the latest', { working_hours: hours('00:00-17:00') }],
  ['lon', 'has to finish by 5', { working_hours: hours('00:00-17:00') }],
  ['ny', 'not before 10 and no later than 4', { working_hours: hours('10:00-16:00') }],
  ['lon', 'only 9am\u20135pm', { working_hours: hours('09:00-17:00') }],
  ['jer', '9am-5pm only', { working_hours: hours('09:00-17:00') }],
  ['ny', 'between 10 and 2 only', { working_hours: hours('10:00-14:00') }],
  ['lon', 'only mornings', { working_hours: hours('08:00-12:00'), parts: [] }],
  ['jer', 'afternoons only', { working_hours: hours('12:00-17:00'), parts: [] }],
  ['ny', 'only 9 to 12 or 2 to 5', { working_hours: hours('09:00-12:00 14:00-17:00'), ranges: [] }],
  ['lon', 'only after 10', { working_hours: hours('10:00-24:00') }],
  ['jer', 'strictly 10 to 4', { working_hours: hours('10:00-16:00') }],
  ['ny', 'it must be between 11 and 3', { working_hours: hours('11:00-15:00') }],
  // Ruling out the morning rules out the hours before it; the evening, those after it.
  ['ny', 'no mornings', { working_hours: hours('12:00-24:00'), parts: [] }],
  ['lon', 'avoid evenings', { working_hours: hours('00:00-17:00'), parts: [] }],
  ['jer', 'no late afternoons', { working_hours: hours('00:00-15:00 17:00-24:00'), parts: [] }],
  ['lon', 'only between 10 and 4, never on fridays', { working_hours: hours('10:00-16:00'), excluded: ['fri'] }],
  ['jer', 'only 9 to 5, not before 10', { working_hours: hours('10:00-17:00') }],
  ['ny', 'never before 9am or after 5pm', { working_hours: hours('09:00-17:00') }],
  ['jer', 'no meetings before 10 or after 4', { working_hours: hours('10:00-16:00') }],
  ['lon', 'Please never book before 9:30 or after 4:30', { working_hours: hours('09:30-16:30') }],
  ['ny', "we can't do Wednesdays or anything before 10", { working_hours: hours('10:00-24:00'), excluded: ['wed'] }],
  ['jer', 'keep it between 10 and 4', { working_hours: hours('10:00-16:00') }],
  ['lon', 'within business hours', { working_hours: hours('09:00-17:00') }],
  ['ny', 'nothing past 4', { working_hours: hours('00:00-16:00') }],
  ['lon', 'earliest 10am, latest 4pm', { working_hours: hours('10:00-16:00') }],
  // Soft stays soft: "preferably", "ideally", "if possible", "works best", and plain ranges.
  ['ny', 'preferably between 10 and 4', { working_hours: null, ranges: hours('10:00-16:00') }],
  ['lon', 'ideally not before 10', { working_hours: null, ranges: hours('10:00-18:00') }],
  ['jer', '9 to 11am', { working_hours: null, ranges: hours('09:00-11:00') }],
  ['ny', 'mornings work best', { working_hours: null, parts: ['morning'] }],
  ['lon', 'after 3pm', { working_hours: null, ranges: hours('15:00-18:00') }],
  ['lon', 'tuesdays only if possible', { working_days: null, soft_days: ['tue'] }],
  ['jer', 'ideally only tuesdays', { working_days: null, soft_days: ['tue'] }],
  ['ny', 'preferably only between 10 and 4', { working_hours: null, ranges: hours('10:00-16:00') }],
  ['lon', 'if possible, not before 10', { working_hours: null, ranges: hours('10:00-18:00') }],
  ['ny', 'not before 10, if possible', { working_hours: null, ranges: hours('10:00-18:00') }],
  ['lon', 'mornings preferred', { working_hours: null, parts: ['morning'] }],
  // Hard days: "only" with a list, a range of days or the local working week.
  ['ny', 'only Tuesdays and Thursdays', { working_days: ['tue', 'thu'], working_hours: null, soft_days: ['tue', 'thu'] }],
  ['lon', 'Tuesdays and Thursdays only', { working_days: ['tue', 'thu'] }],
  ['jer', 'weekdays only', { working_days: ISRAELI_WEEK }],
  ['ny', 'weekdays only', { working_days: WEEK }],
  ['lon', 'only on weekdays', { working_days: WEEK }],
  ['ny', 'Mon\u2013Thu only', { working_days: days('mon tue wed thu') }],
  ['jer', 'only mon-wed', { working_days: days('mon tue wed') }],
  ['lon', 'only Monday to Friday, never on Fridays', { working_days: days('mon tue wed thu'), excluded: ['fri'] }],
  ['ny', 'only weekday mornings', { working_days: WEEK, working_hours: hours('08:00-12:00') }],
  ['lon', 'only tuesdays between 10 and 12', { working_days: ['tue'], working_hours: hours('10:00-12:00') }],
  ['jer', 'mornings, only tuesdays', { working_days: ['tue'], working_hours: null, parts: ['morning'] }],
  ['jer', 'only sundays or mondays, preferably afternoons', { working_days: ['mon', 'sun'], parts: ['afternoon'] }],
  ['ny', '9-5 weekdays only', { working_days: WEEK, working_hours: hours('09:00-17:00') }],
  ['jer', 'only afternoons on Tuesdays and Thursdays', { working_days: ['tue', 'thu'], working_hours: hours('12:00-17:00') }],
  ['ny', 'only tuesdays preferably mornings', { working_days: ['tue'], working_hours: null, parts: ['morning'] }],
  ['jer', 'stick to tuesdays', { working_days: ['tue'] }],
  ['lon', 'tuesdays only mornings only', { working_days: ['tue'], working_hours: hours('08:00-12:00') }],
  // Excluded days stay in excluded_days.
  ['ny', 'never on Fridays', { excluded: ['fri'], working_days: null }],
  ['jer', 'avoid Fridays', { excluded: ['fri'], working_days: null }],
  ['lon', "can't do Mondays", { excluded: ['mon'], soft_days: [] }],
  ['ny', 'not on weekends', { excluded: ['sat', 'sun'] }],
  ['jer', 'not on weekends', { excluded: ['fri', 'sat'] }],
  ['lon', 'fridays are out', { excluded: ['fri'], soft_days: [] }],
  ['ny', 'no meetings on mondays or fridays', { excluded: ['mon', 'fri'] }],
  ['jer', "mondays don't work", { excluded: ['mon'], soft_days: [] }],
  ['jer', "I'm busy on Fridays", { excluded: ['fri'], soft_days: [] }],
  ['ny', 'Fridays are a no-go', { excluded: ['fri'], soft_days: [] }],
  ['lon', 'weekends are out', { excluded: ['sat', 'sun'] }],
  // Issue 13 item 14: windows in business days and fortnights.
  ['jer', 'in the coming 5 business days', { window_end: '2026-03-31T23:59:59.999+03:00', soft_days: [] }],
  ['ny', 'in the coming 5 business days', { window_end: '2026-03-11T23:59:59.999-04:00', soft_days: [] }],
  ['lon', 'in the coming 5 business days', { window_end: '2026-10-26T23:59:59.999+00:00', soft_days: [] }],
  ['lon', '5 business days from now, avoid Fridays', { window_end: '2026-10-26T23:59:59.999+00:00', excluded: ['fri'] }],
  [
    'jer',
    'a fortnight from now, weekday mornings',
    { window_end: '2026-04-07T23:59:59.999+03:00', soft_days: ISRAELI_WEEK, parts: ['morning'], working_days: null, working_hours: null },
  ],
  ['ny', 'a fortnight from now, weekday mornings', { window_end: '2026-03-18T23:59:59.999-04:00', soft_days: WEEK, parts: ['morning'] }],
  // A count is not a clock time: "no later than 2 weeks from now" is the window.
  ['ny', 'no later than 2 weeks from now', { window_end: '2026-03-18T23:59:59.999-04:00', working_hours: null }],
  ['lon', 'next week, 9 to 11am, avoid Fridays', { ranges: hours('09:00-11:00'), excluded: ['fri'], working_hours: null }],
];

describe('hard and soft constraints in an instruction', () => {
  it('covers at least 40 phrasings in each of the three zones together', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map(([z]) => z)).size).toBe(3);
  });

  it.each(CASES)('%s: %s', (zone, text, e) => {
    const r = parse(zone, text);
    const h = r.hard_constraints;
    const s = r.soft_constraints;
    if (e.working_hours !== undefined) expect(h.working_hours).toEqual(e.working_hours);
    if (e.working_days !== undefined) expect(h.working_days).toEqual(e.working_days);
    expect(h.excluded_days).toEqual(e.excluded ?? []);
    if (e.soft_days) expect(s.days_of_week).toEqual(e.soft_days);
    if (e.parts) expect(s.time_of_day).toEqual(e.parts);
    // A range that was made hard is never also a preference, unless the case says which preferences remain.
    expect(s.time_ranges).toEqual(e.ranges ?? []);
    if (e.window_end) {
      expect(h.window_end).toBe(e.window_end);
      expect(r.default_window).toBe(false);
    }
    expect(r.unparsed).toEqual([]);
  });

  it('leaves both fields null when nothing hard was said about hours or days', () => {
    const r = parse('ny', 'next week, preferably Tuesday afternoons');
    expect(r.hard_constraints.working_hours).toBeNull();
    expect(r.hard_constraints.working_days).toBeNull();
  });

  it('reports a bound that contradicts the only hours instead of booking nothing', () => {
    const r = parse('lon', 'only 9 to 11, not before 2pm');
    expect(r.hard_constraints.working_hours).toEqual(hours('09:00-11:00'));
    expect(r.unparsed).toEqual(['not before 2 pm']);
  });

  it('reads a very long instruction the same as its one repeated clause', () => {
    const clause = 'only tuesdays and thursdays between 10 and 4, never on fridays, not before 9 or after 5, ';
    const one = parse('ny', clause);
    const many = parse('ny', clause.repeat(2000));
    expect(many.hard_constraints).toEqual(one.hard_constraints);
    expect(one.hard_constraints.working_hours).toEqual(hours('10:00-16:00'));
  });

  it('reads "or anything after 2" as hard only after a refusal', () => {
    const r = parse('jer', 'tuesday or anything after 2');
    expect(r.hard_constraints.working_hours).toBeNull();
    expect(r.soft_constraints.time_ranges).toEqual(hours('14:00-18:00'));
  });

  it('gives "only" no reach across a comma', () => {
    const r = parse('ny', 'only tuesdays, between 10 and 12');
    expect(r.hard_constraints.working_days).toEqual(['tue']);
    expect(r.hard_constraints.working_hours).toBeNull();
    expect(r.soft_constraints.time_ranges).toEqual(hours('10:00-12:00'));
  });
});

describe('labelled constraints corpus: hard hours and days', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/parsing/constraints.json', import.meta.url), 'utf8')) as Array<{
    id: string;
    text: string;
    timezone: string;
    now: string;
    expected: { working_hours: TimeRange[] | null; working_days: DayOfWeek[] | null };
  }>;
  it('labels hard hours or days on at least 15 cases', () => {
    expect(cases.filter((c) => c.expected.working_hours !== null || c.expected.working_days !== null).length).toBeGreaterThanOrEqual(15);
  });
  it.each(cases.map((c) => [`${c.id} ${c.text}`, c] as const))('%s', (_name, c) => {
    const r = parseConstraintsText(c);
    expect(r.hard_constraints.working_hours).toEqual(c.expected.working_hours);
    expect(r.hard_constraints.working_days).toEqual(c.expected.working_days);
  });
});
