// Issue 13, families 11 and 13: intent when negations are around ("don't call before ten" limits the time,
// "stop calling me" opts out), and numbers that are not times (addresses, suites, phone numbers).
import { describe, expect, it } from 'vitest';
import { parseIn, patternTable } from './patterns-helpers.js';

patternTable('negations that still give availability', [
  ['ny', "don't call before eleven, but friday works", ['03-06 11:00-17:00']],
  ['ny', 'not today, try me monday', ['03-09 09:00-17:00']],
  ['lon', 'not tomorrow, try me friday afternoon', ['03-27 12:00-17:00']],
  ['syd', "please don't call me before 10, tuesday is fine", ['04-07 10:00-17:00']],
  [
    'syd',
    'not today, try me next week',
    ['04-06 09:00-17:00', '04-07 09:00-17:00', '04-08 09:00-17:00', '04-09 09:00-17:00', '04-10 09:00-17:00'],
  ],
]);

describe('opt-outs and call-backs', () => {
  it.each([
    ['ny', 'stop calling me', 'opt_out'],
    ['ny', "please don't call me again", 'opt_out'],
    ['lon', 'take me off your list', 'opt_out'],
    ['lon', "i'm in a meeting, call me later", 'call_back_later'],
    ['syd', 'remove my number', 'opt_out'],
    ['syd', 'i want to be taken off your list', 'opt_out'],
    ['ny', 'try me later', 'call_back_later'],
    ['syd', "i'm driving, can you call me back", 'call_back_later'],
  ] as const)('%s: "%s" is %s', (zone, text, intent) => {
    const r = parseIn(zone, text);
    expect(r.intent).toBe(intent);
    expect(r.slots).toEqual([]);
  });
});

patternTable('numbers that are not times', [
  ['ny', "i'm at 12 Elm Street", []],
  ['ny', 'we moved to suite 400', []],
  ['lon', 'my number is 020 7946 0958', []],
  ['lon', 'unit 7, 22 station road', []],
  ['syd', 'flat 3, 15 george street, tuesday at 10', ['04-07 10:00-11:00']],
  ['syd', 'my mobile is 0412 345 678, monday at 2', ['04-06 14:00-15:00']],
  ['ny', "we're at 100 Main St, come by friday at 10", ['03-06 10:00-11:00']],
]);

patternTable('recogniser homophones after a word that places a time', [
  ['ny', 'tuesday at for', ['03-10 16:00-17:00']],
  ['lon', 'monday at to thirty', ['03-30 14:30-15:30']],
  ['syd', 'friday around ate in the morning', ['04-03 07:30-08:30']],
]);

// "no problem" agrees, "not not interested" is not a refusal, "dont bother calling again" opts out.
patternTable('agreeing "no" words and a doubled "not"', [
  ['ny', 'no problem, wednesday next week works', ['03-11 09:00-17:00']],
  [
    'lon',
    'no worries, any afternoon next week',
    ['03-30 12:00-17:00', '03-31 12:00-17:00', '04-01 12:00-17:00', '04-02 12:00-17:00', '04-03 12:00-17:00'],
  ],
  ['syd', 'im not not keen, friday morning', ['04-03 08:00-12:00']],
  ['ny', "i'm not not interested", []],
  ['lon', 'dont bother calling again', []],
]);

// Numbers before a count noun, and a seven-digit local phone number, give no slot.
patternTable('numbers that count something are not times', [
  ['ny', 'about 15 people on monday at 11', ['03-09 11:00-12:00']],
  ['lon', 'give me 2 minutes', []],
  ['syd', 'call me back on 555 0199', []],
  ['ny', 'room 12 on tuesday at 4', ['03-10 16:00-17:00']],
]);

patternTable('negations that agree', [
  ['lon', 'im not opposed to thursday morning', ['03-26 08:00-12:00']],
  ['ny', "i'm not busy on friday", ['03-06 09:00-17:00']],
  ['syd', 'no, not at all, monday works', ['04-06 09:00-17:00']],
]);

// "right now" is the hour of the call; what is free later that day is offered. "call me after" asks for a call.
patternTable('busy right now, free later today', [
  ['ny', 'busy right now, free after 4', ['03-04 16:00-18:00']],
  ['lon', 'on another call right now, try me after 3', ['03-25 15:00-18:00']],
  ['syd', 'with a client at the moment, free after 2', ['04-01 14:00-18:00']],
  ['ny', "i'm in a meeting until 3, call me after", []],
  ['lon', 'tied up today, try tomorrow', ['03-26 09:00-17:00']],
]);
