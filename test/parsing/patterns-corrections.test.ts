// Issue 13, families 1 and 2: a self-correction replaces the day, the time or both; "X's good" is that one
// X and "X is out / crazy / no good / a write-off" rules it out.
import { describe, expect, it } from 'vitest';
import { parseIn, patternTable } from './patterns-helpers.js';

patternTable('self-corrections replace what they correct', [
  ['ny', 'wednesday no thursday at ten', ['03-05 10:00-11:00']],
  ['ny', 'monday at nine, actually make it eleven', ['03-09 11:00-12:00']],
  ['ny', 'friday at two sorry i mean monday at four', ['03-09 16:00-17:00']],
  ['ny', 'two no three oclock on tuesday', ['03-10 15:00-16:00']],
  ['lon', 'tuesday uh no wednesday next week at half ten', ['04-01 10:30-11:30']],
  ['lon', 'monday morning, actually make that afternoon', ['03-30 12:00-17:00']],
  ['lon', 'thursday at 3 no wait 4', ['03-26 16:00-17:00']],
  ['syd', 'monday at ten, i mean tuesday', ['04-07 10:00-11:00']],
  ['syd', 'friday no monday after lunch', ['04-06 13:00-17:00']],
  ['syd', 'thursday at 2 or rather 2:30', ['04-02 14:30-15:30']],
  ['ny', 'wednesday, no sorry, thursday', ['03-05 09:00-17:00']],
  ['lon', 'can we do monday, wait no, tuesday', ['03-31 09:00-17:00']],
  ['syd', 'tuesday at 2 um no wednesday at 4', ['04-01 16:00-17:00']],
]);

patternTable('"X\'s good" is one X; "X is out" rules X out', [
  ['ny', "monday's good", ['03-09 09:00-17:00']],
  ['ny', "thursday's crazy but friday after two works", ['03-06 14:00-18:00']],
  ['ny', 'friday is out, monday morning is good', ['03-09 08:00-12:00']],
  ['lon', "tuesday's a write-off but wednesday next week works", ['04-01 09:00-17:00']],
  [
    'lon',
    "friday's no good, any afternoon next week",
    ['03-30 12:00-17:00', '03-31 12:00-17:00', '04-01 12:00-17:00', '04-02 12:00-17:00', '04-03 12:00-17:00'],
  ],
  ['syd', "monday's good", ['04-06 09:00-17:00']],
  ['syd', 'thursday is crazy, friday at ten', ['04-03 10:00-11:00']],
]);

describe('a correction the grammar cannot settle is reported', () => {
  it('London: "tuesday at ten, actually, hmm" keeps Tuesday at ten and asks about the correction', () => {
    const r = parseIn('lon', 'tuesday at ten, actually, hmm');
    expect(r.slots).toEqual([{ start: '2026-03-31T10:00:00+01:00', end: '2026-03-31T11:00:00+01:00' }]);
    expect(r.ambiguities).toEqual(['"actually" with nothing after it']);
    expect(r.confidence).toBeLessThan(1);
  });
  it('a settled correction leaves nothing to ask (confidence 1)', () => {
    const r = parseIn('ny', 'monday uh no tuesday at three');
    expect(r.ambiguities).toEqual([]);
    expect(r.confidence).toBe(1);
  });
});

// A correction word followed by a bare number gives a time; one that opens a sentence corrects the sentence before it.
patternTable('corrections with a bare number or across a sentence break', [
  ['ny', 'monday at 10 hold on 10 30', ['03-09 10:30-11:30']],
  ['ny', 'thursday. actually, friday at 2', ['03-06 14:00-15:00']],
  ['lon', 'half nine no ten on tuesday', ['03-31 10:00-11:00']],
  ['lon', 'tuesday, wait i mean 3', ['03-31 15:00-16:00']],
  ['syd', 'monday at 2 scratch that 4', ['04-06 16:00-17:00']],
  ['syd', 'ten fifteen no ten forty five thursday', ['04-02 10:45-11:45']],
]);

patternTable('a correction that takes the rejected day with it', [
  ['ny', 'not tuesday, i said wednesday at 10', ['03-04 10:00-11:00']],
  ['lon', 'monday at 2 or no make that 3', ['03-30 15:00-16:00']],
  ['syd', 'i couldnt do today, thursday at 10', ['04-02 10:00-11:00']],
]);
