// Busy lists said with commas, a busy spell ending at a part of day then a clock, two bounds joined by
// "and", named holidays, "in a few days" and "busy until 3" with no day, in three zones with a clock change.
import { describe, expect, it } from 'vitest';
import { holidayDays } from '../../src/parsing/heuristic/holidays.js';
import { parseAvailabilityText } from '../../src/parsing/heuristic/index.js';
import { dateOfDay, dayFromDate } from '../../src/parsing/heuristic/local-days.js';
import { parseIn, patternTable } from './patterns-helpers.js';

const whole = (...days: string[]) => days.map((d) => `${d} 09:00-17:00`);

patternTable('a list of busy days with commas is one busy statement', [
  ['ny', 'swamped today, tomorrow and friday, next week is fine', whole('03-09', '03-10', '03-11', '03-12', '03-13')],
  ['lon', 'busy today, tomorrow and friday, next week works', whole('03-30', '03-31', '04-01', '04-02', '04-03')],
  ['syd', 'tied up today, tomorrow, and friday but next week is wide open', whole('04-06', '04-07', '04-08', '04-09', '04-10')],
  ['ny', "can't do today, tomorrow or friday, monday works", whole('03-09')],
  ['lon', 'busy monday, tuesday and wednesday, thursday works', whole('03-26')],
]);

patternTable('a busy spell to a part of day, then a clock: that clock on that day, the days after whole', [
  ['ny', 'tied up until tuesday afternoon, free from 3', ['03-10 15:00-18:00', ...whole('03-11', '03-12', '03-13')]],
  ['lon', 'busy until monday morning, free after 10:30', ['03-30 10:30-18:00', ...whole('03-31', '04-01', '04-02', '04-03')]],
  [
    'syd',
    'in court until thursday afternoon, free from 2',
    ['04-02 14:00-18:00', ...whole('04-03', '04-06', '04-07', '04-08', '04-09', '04-10')],
  ],
]);

patternTable('two bounds joined by "and" are the days between, the second after the first', [
  ['ny', 'after monday and before friday', whole('03-10', '03-11', '03-12')],
  ['lon', 'free after monday and before friday', whole('03-31', '04-01', '04-02')],
  ['syd', 'after tuesday and before friday', whole('04-08', '04-09')],
  ['ny', 'sometime after tuesday but before friday', whole('03-11', '03-12')],
  ['lon', 'after tuesday but before friday', whole('04-01', '04-02')],
  ['syd', 'any day after monday but before thursday', whole('04-07', '04-08')],
]);

patternTable('named holidays on their computed dates; beyond the window nothing is offered', [
  ['syd', 'back after easter', whole('04-07', '04-08', '04-09', '04-10')],
  ['syd', 'off until after the easter long weekend', whole('04-07', '04-08', '04-09', '04-10')],
  ['syd', 'free on good friday', whole('04-03')],
  ['ny', 'back after easter', []],
  ['ny', 'not around until after thanksgiving', []],
  ['lon', 'off until after easter monday', []],
  ['lon', 'back after christmas', []],
]);

patternTable('"in a few days" is the working days two to four days on', [
  ['ny', 'in a few days', whole('03-06')],
  ['lon', 'free in a few days, in the afternoon', ['03-27 12:00-17:00']],
  ['syd', 'in a few days time', whole('04-03')],
]);

describe('a holiday outside the window, or a spell ending at one, is asked about', () => {
  it.each([
    ['ny', 'back after easter', 'Easter is outside the dates I have. Which other days would work for you?'],
    ['lon', 'back after christmas', 'Christmas is outside the dates I have. Which other days would work for you?'],
    ['syd', 'away until easter', 'Are you free over Easter itself, or only after Easter?'],
  ] as const)('%s: "%s"', (zone, text, question) => {
    const r = parseIn(zone, text);
    expect(r.questions).toContain(question);
    expect(r.questions).toHaveLength(r.ambiguities.length);
  });
});

describe('holiday dates', () => {
  const on = (name: Parameters<typeof holidayDays>[0], y: number, m: number, d: number, zone = 'America/New_York') =>
    holidayDays(name, dayFromDate(y, m, d), zone).map((x) => {
      const t = dateOfDay(x);
      return `${t.year}-${t.month}-${t.day}`;
    });
  it('Easter, Thanksgiving, Labor Day, Memorial Day and UK bank holidays by year', () => {
    expect(on('easter', 2026, 3, 1)).toEqual(['2026-4-5']);
    expect(on('easter', 2026, 3, 1, 'Europe/London')).toEqual(['2026-4-3', '2026-4-4', '2026-4-5', '2026-4-6']);
    expect(on('easter', 2026, 5, 1)).toEqual(['2027-3-28']);
    expect(on('thanksgiving', 2026, 10, 1)).toEqual(['2026-11-26']);
    expect(on('thanksgiving', 2026, 9, 1, 'America/Toronto')).toEqual(['2026-10-12']);
    expect(on('labor_day', 2026, 6, 1)).toEqual(['2026-9-7']);
    expect(on('memorial_day', 2026, 5, 1)).toEqual(['2026-5-25']);
    expect(on('new_year', 2026, 12, 20)).toEqual(['2027-1-1']);
    expect(on('bank_holiday', 2026, 4, 20, 'Europe/London')).toEqual(['2026-5-4']);
    expect(on('bank_holiday', 2026, 5, 5, 'Europe/London')).toEqual(['2026-5-25']);
    expect(on('bank_holiday_weekend', 2026, 8, 1, 'Europe/London')).toEqual(['2026-8-29', '2026-8-30', '2026-8-31']);
  });
});

describe('"busy until 3" with no day', () => {
  const at = (now: string, windowStart: string, text: string) =>
    parseAvailabilityText({
      text,
      timezone: 'America/New_York',
      now,
      window_start: windowStart,
      window_end: '2026-03-13T23:59:59-04:00',
      duration_minutes: 30,
    });
  it('said in the morning is today from 3, with no question', () => {
    const r = at('2026-03-04T10:00:00-05:00', '2026-03-04T10:00:00-05:00', 'busy until 3');
    expect(r.slots).toEqual([{ start: '2026-03-04T15:00:00-05:00', end: '2026-03-04T17:00:00-05:00' }]);
    expect(r.ambiguities).toEqual([]);
  });
  it('said after 3 offers the rest of today and asks whether tomorrow was meant', () => {
    const r = at('2026-03-04T16:00:00-05:00', '2026-03-04T16:00:00-05:00', 'busy until 3');
    expect(r.slots).toEqual([{ start: '2026-03-04T16:00:00-05:00', end: '2026-03-04T17:00:00-05:00' }]);
    expect(r.questions).toEqual(["It's already past 3 pm. Did you mean you're free from 3 pm tomorrow, or for the rest of today?"]);
  });
  it('when today is not among the days asked about offers nothing and asks which day', () => {
    const r = at('2026-03-04T10:00:00-05:00', '2026-03-05T00:00:00-05:00', 'in meetings until 3 then free');
    expect(r.slots).toEqual([]);
    expect(r.questions).toEqual(['Which day are you busy until 3 pm, and when are you free after that?']);
  });
});
