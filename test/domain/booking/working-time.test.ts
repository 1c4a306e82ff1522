import { describe, expect, it } from 'vitest';
import {
  formatWorkingDays,
  formatWorkingHours,
  intersectWorkingHours,
  parseDurationMinutes,
  parseWorkingDays,
  parseWorkingHours,
} from '../../../src/domain/booking/working-time.js';

describe('parseWorkingHours', () => {
  it.each([
    ['09:00-17:00', [{ start: '09:00', end: '17:00' }]],
    ['9-17', [{ start: '09:00', end: '17:00' }]],
    [
      '13:00-17:00, 09:00-12:00',
      [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    ],
    ['0930-1630', [{ start: '09:30', end: '16:30' }]],
    ['18:00-24:00', [{ start: '18:00', end: '24:00' }]],
    ['any', [{ start: '00:00', end: '24:00' }]],
  ])('%s', (text, ranges) => {
    expect(parseWorkingHours(text)).toEqual(ranges);
  });

  it.each([
    ['17:00-09:00', /end after it starts/],
    ['09:00-09:00', /end after it starts/],
    ['9am to 5pm', /expected ranges like 09:00-12:00/],
    ['25:00-26:00', /expected ranges like/],
    ['09:61-10:00', /expected ranges like/],
    ['', /expected ranges like/],
    ['09:00-12:00,', /expected ranges like/],
    ['09:00-13:00,12:00-17:00', /do not overlap/],
  ])('rejects %s', (text, message) => {
    expect(() => parseWorkingHours(text)).toThrow(message);
  });

  it('formats back, "any" for the whole day', () => {
    expect(formatWorkingHours(parseWorkingHours('9-12,13-17'))).toBe('09:00-12:00,13:00-17:00');
    expect(formatWorkingHours(parseWorkingHours('any'))).toBe('any');
  });
});

describe('parseWorkingDays', () => {
  it.each([
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['fri,mon,wed', ['mon', 'wed', 'fri']],
    ['Monday, Thurs', ['mon', 'thu']],
    ['fri-mon', ['mon', 'fri', 'sat', 'sun']],
    ['any', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
  ])('%s', (text, days) => {
    expect(parseWorkingDays(text)).toEqual(days);
  });

  it.each(['funday', 'mo', 'mon-', 'mon-fri-sat', ''])('rejects "%s" and lists the day names', (text) => {
    expect(() => parseWorkingDays(text)).toThrow(/expected days like mon-fri.*mon, tue, wed, thu, fri, sat, sun/);
  });

  it('formats a run as a range and anything else as a list', () => {
    expect(formatWorkingDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('mon-fri');
    expect(formatWorkingDays(['mon', 'wed'])).toBe('mon,wed');
  });
});

describe('parseDurationMinutes', () => {
  it.each([
    ['0', 0],
    ['15', 15],
    ['90m', 90],
    ['2h', 120],
    ['1h30m', 90],
    ['1.5h', 90],
    ['1d', 1440],
  ])('%s → %d', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it.each(['two hours', '-5', '2x', '', 'h'])('rejects "%s"', (text) => {
    expect(() => parseDurationMinutes(text)).toThrow(/expected a duration like 90m, 2h, 1d/);
  });
});

describe('intersectWorkingHours', () => {
  it('keeps what lies inside both lists', () => {
    const owner = parseWorkingHours('09:00-12:00,13:00-17:00');
    expect(intersectWorkingHours(owner, [{ start: '10:00', end: '24:00' }])).toEqual([
      { start: '10:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(intersectWorkingHours(owner, [{ start: '00:00', end: '12:30' }])).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(intersectWorkingHours(owner, [{ start: '18:00', end: '20:00' }])).toEqual([]);
  });
});
