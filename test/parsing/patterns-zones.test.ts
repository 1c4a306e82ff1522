// Issue 13, family 12: numeric dates (month first in US zones, day first elsewhere), written dates, and a
// named zone that moves the time into the lead's own zone (DST on both sides counted by luxon).
import { describe, expect, it } from 'vitest';
import { parseIn, patternTable } from './patterns-helpers.js';

patternTable('dates', [
  ['ny', '3/12 at 10', ['03-12 10:00-11:00']],
  ['ny', 'the 9th of March at 2', ['03-09 14:00-15:00']],
  ['lon', '31/3 at 11', ['03-31 11:00-12:00']],
  ['lon', '2/4 in the morning', ['04-02 08:00-12:00']],
  ['syd', '8/4 at 3', ['04-08 15:00-16:00']],
  ['syd', 'April 9th at noon', ['04-09 12:00-13:00']],
  ['ny', '2026-03-10 at 3pm', ['03-10 15:00-16:00']],
  ['lon', 'monday 9h30', ['03-30 09:30-10:30']],
]);

patternTable('a named zone moves the time', [
  // New York is already on EDT (-4) on 26 March; London still on GMT: 14:00 EDT is 18:00 GMT.
  ['lon', 'thursday at 2pm eastern', ['03-26 18:00-19:00']],
  // 31 March: London on BST (+1), Los Angeles on PDT (-7): 9:00 PDT is 17:00 BST.
  ['lon', 'tuesday 9 am pacific', ['03-31 17:00-18:00']],
  // 9 March: New York just moved to EDT (-4); 15:00 GMT is 11:00 EDT.
  ['ny', 'monday 3pm gmt', ['03-09 11:00-12:00']],
  // 6 April: Sydney back on AEST (+10); 9:00 London BST (+1) is 18:00 Sydney.
  ['syd', 'monday at 9am uk time', ['04-06 18:00-19:00']],
  ['syd', 'friday 3 oclock am', ['04-03 03:00-04:00']],
]);

describe('"3pm your time" is the caller\'s zone', () => {
  it("with the caller's zone known (New York), Sydney's lead is booked at 06:00 the next day", () => {
    const r = parseIn('syd', 'thursday 3pm your time', { caller_timezone: 'America/New_York' });
    expect(r.slots).toEqual([{ start: '2026-04-03T06:00:00+11:00', end: '2026-04-03T07:00:00+11:00' }]);
    expect(r.ambiguities).toEqual([]);
  });
  it("without it, the time is read in the lead's zone and the read-back asks", () => {
    const r = parseIn('syd', 'thursday 3pm your time');
    expect(r.slots).toEqual([{ start: '2026-04-02T15:00:00+11:00', end: '2026-04-02T16:00:00+11:00' }]);
    expect(r.ambiguities).toHaveLength(1);
    expect(r.confidence).toBeLessThan(1);
  });
});

// "tuesday 10th march 2pm": the month after the ordinal, and the clock after the month.
patternTable('day first dates without "of"', [
  ['ny', 'tuesday 10th march 2pm', ['03-10 14:00-15:00']],
  ['lon', 'thursday 2nd april at 10am eastern', ['04-02 15:00-16:00']],
  ['syd', 'the 9th of april 3 p.m.', ['04-09 15:00-16:00']],
]);

// A zone said after the date still moves the clock said before the date.
patternTable('a zone named after the date', [
  ['ny', '2:30pm on 3/12 central time', ['03-12 15:30-16:30']],
  ['lon', '2pm on the 31st eastern', ['03-31 19:00-20:00']],
  ['syd', '9am on the 7th sydney time', ['04-07 09:00-10:00']],
]);
