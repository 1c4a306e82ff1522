import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unfoldLines } from '../../../src/services/calendars/ics-text.js';
import { readBusyTimes } from '../../../src/services/calendars/index.js';
import { dropEventsOutside } from '../../../src/services/calendars/prefilter.js';
import { range, shown } from './expected-busy.js';
import { FIXTURES } from './loopback-server.js';

// Mar 1 2027, 10:00-20:00 UTC: the edges of the day in the zones furthest from UTC.
const MONDAY = range('2027-03-01T10:00:00Z', '2027-03-01T20:00:00Z');
const uids = (lines: string[]) => lines.filter((l) => l.startsWith('UID:')).map((l) => l.slice(4));

describe('dropping events outside the range before parsing', () => {
  it('keeps every event that overlaps the range, whatever its zone or length', async () => {
    const busy = await readBusyTimes('travel-history.ics', MONDAY, { cwd: FIXTURES });
    expect(shown(busy)).toEqual([
      ['2027-02-01T00:00:00.000Z', '2027-03-02T00:00:00.000Z', 'Parental leave'], // began four weeks before
      ['2027-03-01T07:00:00.000Z', '2027-03-01T11:00:00.000Z', 'Workshop in Samoa (still Feb 28 there)'],
      ['2027-03-01T18:00:00.000Z', '2027-03-01T19:00:00.000Z', 'Call with Kiribati (already Mar 2 there)'],
    ]);
  });

  it('drops single events far outside the range, keeps a UID that appears twice (the newer copy wins)', () => {
    const lines = unfoldLines(readFileSync(join(FIXTURES, 'travel-history.ics'), 'utf8'));
    expect(uids(dropEventsOutside(lines, MONDAY))).toEqual([
      'leave@example.com',
      'kiritimati@example.com',
      'pago@example.com',
      'twice@example.com',
      'twice@example.com',
    ]);
  });

  it('keeps recurring series and their overrides, whatever their first date', () => {
    const lines = unfoldLines(readFileSync(join(FIXTURES, 'google-export.ics'), 'utf8'));
    const kept = uids(dropEventsOutside(lines, range('2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z')));
    expect(kept).toEqual(Array(3).fill('5q1ubm0g8h7c3n2kcl3ruvfa8p@google.com'));
  });
});
