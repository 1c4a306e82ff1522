// Issue 13, families 8 and 9: the scope of "or", "and", "only" and "but"; a date and a time said together
// (the date wins over a weekday that disagrees, and the read-back asks).
import { describe, expect, it } from 'vitest';
import { parseIn, patternTable } from './patterns-helpers.js';

patternTable('the scope of or, and, only and but', [
  ['ny', 'tuesday at two or three', ['03-10 14:00-16:00']],
  ['ny', 'monday and tuesday from one to three', ['03-09 13:00-15:00', '03-10 13:00-15:00']],
  ['ny', 'monday or friday but only afternoons', ['03-06 12:00-17:00', '03-09 12:00-17:00']],
  ['lon', 'not thursday or friday, monday works', ['03-30 09:00-17:00']],
  ['lon', 'at two on monday or tuesday', ['03-30 14:00-15:00', '03-31 14:00-15:00']],
  ['syd', 'monday or tuesday but only mornings', ['04-06 08:00-12:00', '04-07 08:00-12:00']],
  ['syd', 'noon or one on friday', ['04-03 12:00-14:00']],
  ['lon', "i can't do thursday or friday, monday at ten is good though", ['03-30 10:00-11:00']],
  ['lon', 'next monday at eleven, or if not tuesday at two', ['03-30 11:00-12:00', '03-31 14:00-15:00']],
  ['ny', 'threeish on thursday', ['03-05 14:30-15:30']],
  ['ny', 'neither monday nor tuesday, wednesday next week is fine', ['03-11 09:00-17:00']],
  ['lon', 'not monday and not tuesday, thursday', ['03-26 09:00-17:00']],
  ['lon', 'not before 10 and not after 4 on thursday', ['03-26 10:00-16:00']],
  ['syd', 'before 10 or after 4 on thursday', ['04-02 08:00-10:00', '04-02 16:00-18:00']],
  ['syd', 'thursday from 9 but i have a meeting at 11', ['04-02 09:00-11:00', '04-02 12:00-18:00']],
  [
    'ny',
    'mondays are out, any other day next week works',
    ['03-10 09:00-17:00', '03-11 09:00-17:00', '03-12 09:00-17:00', '03-13 09:00-17:00'],
  ],
]);

patternTable('a date and a time bound together', [
  ['ny', 'eleven thirty on monday the 9th', ['03-09 11:30-12:30']],
  ['ny', 'two on friday the 12th', ['03-12 14:00-15:00']],
  ['lon', 'ten fifteen on tuesday the 31st', ['03-31 10:15-11:15']],
  ['syd', 'nine thirty on wednesday the 8th', ['04-08 09:30-10:30']],
  ['lon', 'the 31st, tuesday, at 10:15', ['03-31 10:15-11:15']],
  ['syd', 'tuesday or the following day', ['04-07 09:00-17:00', '04-08 09:00-17:00']],
]);

describe('a weekday that disagrees with its date', () => {
  it('New York: "two on friday the 12th" books Thursday the 12th and asks about Friday', () => {
    const r = parseIn('ny', 'two on friday the 12th');
    expect(r.slots[0]?.start).toBe('2026-03-12T14:00:00-04:00');
    expect(r.ambiguities).toEqual(['"friday the 12th": the 12th is a thursday; read as the date']);
    expect(r.confidence).toBeCloseTo(0.6);
  });
  it('a weekday that agrees raises nothing', () => {
    expect(parseIn('syd', 'nine thirty on wednesday the 8th').ambiguities).toEqual([]);
  });
});

describe('a day left out with an open time after it', () => {
  it('New York: "any day but friday after 3" leaves out Friday after 3 only, and asks', () => {
    const r = parseIn('ny', 'any day but friday after 3');
    const friday = r.slots.filter((s) => s.start.startsWith('2026-03-06'));
    expect(friday).toEqual([{ start: '2026-03-06T09:00:00-05:00', end: '2026-03-06T15:00:00-05:00' }]);
    expect(r.ambiguities).toHaveLength(1);
    expect(r.confidence).toBeLessThan(1);
  });
});

patternTable('"but" after a week, and a day offered again with "only"', [
  ['ny', 'any afternoon next week but friday', ['03-09 12:00-17:00', '03-10 12:00-17:00', '03-11 12:00-17:00', '03-12 12:00-17:00']],
  ['lon', 'tuesday or thursday but thursday only after 3', ['03-26 15:00-17:00', '03-31 09:00-17:00']],
  ['syd', 'monday or wednesday but wednesday only in the morning', ['04-01 09:00-12:00', '04-06 09:00-17:00']],
]);

// A time said alone after a day whose time was ruled out is another time on that day.
patternTable('another time on the day just ruled out', [
  ['ny', 'busy tuesday at 10 but 11 works', ['03-10 11:00-12:00']],
  ['lon', 'cant do friday at 2, 4 would work', ['03-27 16:00-17:00']],
  ['syd', 'busy this morning, free this afternoon', ['04-01 12:00-17:00']],
]);
