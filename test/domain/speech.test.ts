import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeDuration, describeSlotsForSpeech, describeWindowForSpeech, firstName } from '../../src/domain/speech.js';
import { ordinal } from '../../src/domain/speech-words.js';

const NY = 'America/New_York';
// Thursday 5 March 2026, 10:00 in New York; US clocks go forward on Sunday 8 March.
const NOW_NY = '2026-03-05T10:00:00-05:00';

describe('describeWindowForSpeech', () => {
  it('names near days relatively and far days by date, across the DST change', () => {
    expect(describeWindowForSpeech('2026-03-06T00:00:00-05:00', '2026-03-21T00:00:00-04:00', NY, NOW_NY)).toBe(
      'between tomorrow and Friday, March 20th',
    );
  });

  it('says "next week" for the whole of next week, even the week clocks change', () => {
    expect(describeWindowForSpeech('2026-03-09T00:00:00-04:00', '2026-03-14T00:00:00-04:00', NY, NOW_NY)).toBe('any time next week');
    expect(describeWindowForSpeech('2026-03-09T04:00:00Z', '2026-03-16T04:00:00Z', NY, NOW_NY)).toBe('any time next week');
  });

  it('starts from today when the window is already open', () => {
    expect(describeWindowForSpeech('2026-03-02T00:00:00-05:00', '2026-03-08T00:00:00-05:00', NY, NOW_NY)).toBe(
      'between today and Saturday',
    );
  });

  it('describes a single day with hours', () => {
    expect(describeWindowForSpeech('2026-03-06T09:00:00-05:00', '2026-03-06T17:00:00-05:00', NY, NOW_NY)).toBe(
      'tomorrow between 9 a.m. and 5 p.m.',
    );
    expect(describeWindowForSpeech('2026-03-06T05:00:00Z', '2026-03-07T05:00:00Z', NY, NOW_NY)).toBe('any time tomorrow');
    expect(describeWindowForSpeech('2026-03-05T09:00:00-05:00', '2026-03-05T17:00:00-05:00', NY, '2026-03-05T14:07:00-05:00')).toBe(
      'today between 2:15 p.m. and 5 p.m.',
    );
  });

  it("reads the window in the lead's zone, not the owner's", () => {
    // Same UTC window, a lead in Tokyo: it is already Friday 6 March there.
    expect(describeWindowForSpeech('2026-03-09T00:00:00Z', '2026-03-13T00:00:00Z', 'Asia/Tokyo', '2026-03-05T15:00:00Z')).toBe(
      'between Monday and Friday, March 13th',
    );
  });

  it('accepts a luxon DateTime or a Date for now', () => {
    const start = '2026-03-06T00:00:00-05:00';
    const end = '2026-03-21T00:00:00-04:00';
    const expected = 'between tomorrow and Friday, March 20th';
    expect(describeWindowForSpeech(start, end, NY, DateTime.fromISO(NOW_NY))).toBe(expected);
    expect(describeWindowForSpeech(start, end, NY, new Date(NOW_NY))).toBe(expected);
  });
});

describe('describeSlotsForSpeech', () => {
  it('matches the script example (slots given in UTC, after the DST change)', () => {
    const slots = [
      { start: '2026-03-10T13:00:00Z', end: '2026-03-10T15:00:00Z' },
      { start: '2026-03-12T18:00:00Z', end: '2026-03-12T21:00:00Z' },
    ];
    expect(describeSlotsForSpeech(slots, NY, NOW_NY)).toBe(
      'Tuesday the 10th from 9 to 11 in the morning, and Thursday the 12th after 2 p.m.',
    );
  });

  it('merges touching slots per day and keeps separate ranges apart', () => {
    const slots = [
      { start: '2026-03-10T14:00:00-04:00', end: '2026-03-10T15:30:00-04:00' },
      { start: '2026-03-10T09:00:00-04:00', end: '2026-03-10T10:00:00-04:00' },
      { start: '2026-03-10T10:00:00-04:00', end: '2026-03-10T11:00:00-04:00' },
    ];
    expect(describeSlotsForSpeech(slots, NY, NOW_NY)).toBe(
      'Tuesday the 10th from 9 to 11 in the morning and from 2 to 3:30 in the afternoon',
    );
  });

  it('uses parts of day, before/after, noon and mixed a.m./p.m.', () => {
    const day = (s: string, e: string) => ({ start: `2026-03-06T${s}:00-05:00`, end: `2026-03-06T${e}:00-05:00` });
    const say = (s: string, e: string) => describeSlotsForSpeech([day(s, e)], NY, NOW_NY);
    expect(say('08:00', '12:00')).toBe('tomorrow in the morning');
    expect(say('12:00', '17:00')).toBe('tomorrow in the afternoon');
    expect(say('17:00', '21:00')).toBe('tomorrow in the evening');
    expect(say('08:00', '17:00')).toBe('tomorrow all day');
    expect(say('08:00', '11:00')).toBe('tomorrow before 11 a.m.');
    expect(say('10:00', '14:00')).toBe('tomorrow from 10 a.m. to 2 p.m.');
    expect(say('10:00', '12:00')).toBe('tomorrow from 10 a.m. to noon');
    expect(say('18:00', '20:00')).toBe('tomorrow from 6 to 8 in the evening');
    expect(say('12:00', '21:00')).toBe('tomorrow after noon');
  });

  it('says "today" and stops after four days', () => {
    const slots = [5, 6, 9, 10, 11, 12].map((d) => ({
      start: `2026-03-${String(d).padStart(2, '0')}T14:00:00${d < 8 ? '-05:00' : '-04:00'}`,
      end: `2026-03-${String(d).padStart(2, '0')}T17:00:00${d < 8 ? '-05:00' : '-04:00'}`,
    }));
    expect(describeSlotsForSpeech(slots, NY, NOW_NY)).toBe(
      'today after 2 p.m., tomorrow after 2 p.m., Monday the 9th after 2 p.m., Tuesday the 10th after 2 p.m., and a few other times',
    );
  });

  it('handles the London DST week and far dates', () => {
    // UK clocks go forward on Sunday 29 March 2026.
    const slots = [
      { start: '2026-03-30T07:00:00Z', end: '2026-03-30T11:00:00Z' },
      { start: '2026-04-20T13:00:00Z', end: '2026-04-20T15:00:00Z' },
    ];
    expect(describeSlotsForSpeech(slots, 'Europe/London', '2026-03-26T12:00:00Z')).toBe(
      'Monday the 30th in the morning, and Monday, April 20th from 2 to 4 in the afternoon',
    );
  });

  it('splits a slot that crosses midnight in the lead zone', () => {
    const slots = [{ start: '2026-03-10T13:00:00Z', end: '2026-03-10T16:00:00Z' }];
    expect(describeSlotsForSpeech(slots, 'Asia/Tokyo', '2026-03-05T15:00:00Z')).toBe(
      'Tuesday the 10th after 10 p.m., and Wednesday the 11th before 1 a.m.',
    );
  });

  it('returns an empty string when there is nothing to say', () => {
    expect(describeSlotsForSpeech([], NY, NOW_NY)).toBe('');
  });
});

describe('firstName', () => {
  it.each([
    ['Ana María López', 'Ana'],
    ['  Dr. Jane Smith ', 'Jane'],
    ['López, Ana', 'Ana'],
    ['JOHN DOE', 'John'],
    ['deShawn', 'deShawn'],
    ['tom & <jerry>', 'Tom'],
    ['', null],
    ['Mr.', null],
  ])('%s → %s', (input, expected) => {
    expect(firstName(input)).toBe(expected);
  });
});

describe('describeDuration and ordinal', () => {
  it('formats durations as adjectives', () => {
    expect([15, 30, 45, 60, 90, 120].map(describeDuration)).toEqual([
      '15-minute',
      '30-minute',
      '45-minute',
      '1-hour',
      '90-minute',
      '2-hour',
    ]);
  });

  it('formats ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
    ]);
  });
});
