import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusyInterval, readBusyTimes } from '../../../src/services/calendars/index.js';
import { type CalendarServer, FIXTURES, SECRET_PATH, startCalendarServer } from './loopback-server.js';

const range = (start: string, end: string) => ({ start: Date.parse(start), end: Date.parse(end) });
const shown = (busy: BusyInterval[]) => busy.map((b) => [new Date(b.start).toISOString(), new Date(b.end).toISOString(), b.summary]);

const MARCH = range('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z');

// What Dana sees in Google Calendar (New York) for March 2027, in UTC.
const GOOGLE_MARCH = [
  ['2027-03-01T15:00:00.000Z', '2027-03-01T16:00:00.000Z', 'Weekly pipeline review'], // 10:00 EST
  ['2027-03-02T17:00:00.000Z', '2027-03-02T18:00:00.000Z', 'Lunch with Acme procurement'],
  ['2027-03-05T05:00:00.000Z', '2027-03-06T05:00:00.000Z', 'Team offsite'], // all of Mar 5 in New York
  // Mar 8: EXDATE. Mar 14: DST starts, the series stays at 10:00 local.
  ['2027-03-15T14:00:00.000Z', '2027-03-15T15:00:00.000Z', 'Weekly pipeline review'], // 10:00 EDT
  ['2027-03-17T04:00:00.000Z', '2027-03-19T04:00:00.000Z', 'SaaStr Annual (Mar 17-18)'],
  // Mar 22 moved to Tue Mar 23 14:00; Mar 29 cancelled.
  ['2027-03-23T18:00:00.000Z', '2027-03-23T19:00:00.000Z', 'Weekly pipeline review (moved to Tuesday)'],
];

const OUTLOOK_LATE_MARCH = [
  ['2027-03-22T08:30:00.000Z', '2027-03-22T08:45:00.000Z', 'EMEA stand-up'], // 09:30 CET
  ['2027-03-23T08:30:00.000Z', '2027-03-23T08:45:00.000Z', 'EMEA stand-up'],
  // Mar 24 stand-up excluded (EXDATE)
  ['2027-03-24T17:00:00.000Z', '2027-03-24T18:30:00.000Z', 'Quarterly business review - Initech'], // 13:00 EDT
  ['2027-03-25T08:30:00.000Z', '2027-03-25T08:45:00.000Z', 'EMEA stand-up'],
  ['2027-03-25T20:00:00.000Z', '2027-03-25T20:30:00.000Z', 'Tentative: partner call'], // tentative still holds the time
  ['2027-03-26T08:30:00.000Z', '2027-03-26T08:45:00.000Z', 'EMEA stand-up'],
  // Mar 28: Europe's DST starts, the stand-up stays at 09:30 Berlin time.
  ['2027-03-29T07:30:00.000Z', '2027-03-29T07:45:00.000Z', 'EMEA stand-up'], // 09:30 CEST
  ['2027-03-30T07:30:00.000Z', '2027-03-30T07:45:00.000Z', 'EMEA stand-up'],
  ['2027-03-31T04:00:00.000Z', '2027-04-01T04:00:00.000Z', 'Out of office'], // floating all-day, owner in New York
  ['2027-03-31T07:30:00.000Z', '2027-03-31T07:45:00.000Z', 'EMEA stand-up'],
  ['2027-04-01T09:00:00.000Z', '2027-04-01T09:15:00.000Z', 'EMEA stand-up (late start)'], // override listed before its series
  ['2027-04-02T07:30:00.000Z', '2027-04-02T07:45:00.000Z', 'EMEA stand-up'], // last one (UNTIL)
];

const FLOATING_IN_LOS_ANGELES = [
  ['2027-03-10T17:00:00.000Z', '2027-03-10T18:00:00.000Z', 'Dentist'], // 09:00 PST
  ['2027-03-11T00:00:00.000Z', '2027-03-11T01:00:00.000Z', 'School pick-up'], // Wed 16:00 PST
  ['2027-03-11T15:00:00.000Z', '2027-03-11T15:30:00.000Z', 'Call with the London office'], // its own TZID wins
  ['2027-03-12T08:00:00.000Z', '2027-03-13T08:00:00.000Z', 'Day off'], // all day in Los Angeles
  // Mar 17 excluded by a floating EXDATE; Mar 24 after DST: still 16:00 local.
  ['2027-03-24T23:00:00.000Z', '2027-03-25T00:00:00.000Z', 'School pick-up'],
];

describe('readBusyTimes on files', () => {
  it('reads a Google Calendar export: VTIMEZONE, weekly series across DST with EXDATE, a moved and a cancelled instance, all-day, free and cancelled events', async () => {
    const busy = await readBusyTimes('google-export.ics', MARCH, { cwd: FIXTURES });
    expect(shown(busy)).toEqual(GOOGLE_MARCH);
    expect(new Set(busy.map((b) => b.source))).toEqual(new Set(['google-export.ics']));
  });

  it('reads an Outlook export with Windows zone names ("W. Europe Standard Time", "Eastern Standard Time")', async () => {
    const busy = await readBusyTimes(join(FIXTURES, 'outlook-export.ics'), range('2027-03-22T00:00:00Z', '2027-04-03T00:00:00Z'), {
      zone: 'America/New_York',
    });
    expect(shown(busy)).toEqual(OUTLOOK_LATE_MARCH);
  });

  it('reads floating times and floating all-day dates in the owner zone, across DST', async () => {
    const busy = await readBusyTimes('floating.ics', MARCH, { cwd: FIXTURES, zone: 'America/Los_Angeles' });
    expect(shown(busy)).toEqual(FLOATING_IN_LOS_ANGELES);
  });

  it('without an owner zone, floating all-day dates fall back to the calendar zone (X-WR-TIMEZONE), else UTC', async () => {
    const outlook = await readBusyTimes('outlook-export.ics', range('2027-03-31T00:00:00Z', '2027-04-01T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(outlook).find((b) => b[2] === 'Out of office')).toEqual([
      '2027-03-31T00:00:00.000Z',
      '2027-04-01T00:00:00.000Z',
      'Out of office',
    ]);
    const google = await readBusyTimes('google-export.ics', range('2027-03-05T00:00:00Z', '2027-03-06T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(google)).toEqual([['2027-03-05T05:00:00.000Z', '2027-03-06T05:00:00.000Z', 'Team offsite']]);
  });

  it('returns whole events that overlap the range, unclipped, and nothing outside it', async () => {
    // 15:30Z falls inside the Mar 1 review (15:00-16:00Z); 16:00Z is where it ends.
    const inside = await readBusyTimes('google-export.ics', range('2027-03-01T15:30:00Z', '2027-03-01T15:45:00Z'), { cwd: FIXTURES });
    expect(shown(inside)).toEqual([GOOGLE_MARCH[0]]);
    const after = await readBusyTimes('google-export.ics', range('2027-03-01T16:00:00Z', '2027-03-02T17:00:00Z'), { cwd: FIXTURES });
    expect(shown(after)).toEqual([]);
    // A moved instance counts where it moved to, even when its original date is outside the range.
    const tuesday = await readBusyTimes('google-export.ics', range('2027-03-23T00:00:00Z', '2027-03-24T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(tuesday)).toEqual([GOOGLE_MARCH[5]]);
  });

  it('keeps an open-ended weekly series going (no COUNT or UNTIL)', async () => {
    const busy = await readBusyTimes('google-export.ics', range('2027-11-01T00:00:00Z', '2027-11-16T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(busy)).toEqual([
      ['2027-11-01T14:00:00.000Z', '2027-11-01T15:00:00.000Z', 'Weekly pipeline review'], // 10:00 EDT; DST ends Sun Nov 7
      ['2027-11-08T15:00:00.000Z', '2027-11-08T16:00:00.000Z', 'Weekly pipeline review'], // EST
      ['2027-11-15T15:00:00.000Z', '2027-11-15T16:00:00.000Z', 'Weekly pipeline review'],
    ]);
  });
});

describe('readBusyTimes over HTTP (loopback)', () => {
  let server: CalendarServer;
  beforeAll(async () => {
    server = await startCalendarServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('reads the Google export from its secret iCal address, and names it without the secret', async () => {
    const busy = await readBusyTimes(`${server.base}${SECRET_PATH}`, MARCH);
    expect(shown(busy)).toEqual(GOOGLE_MARCH);
    expect(busy[0]?.source).toBe(`${server.base}/…/basic.ics`);
    expect(JSON.stringify(busy)).not.toContain('private-3f9a8c7d');
  });

  it('reads the Outlook export and the floating calendar the same as from files', async () => {
    const outlook = await readBusyTimes(`${server.base}/outlook/calendar.ics`, range('2027-03-22T00:00:00Z', '2027-04-03T00:00:00Z'), {
      zone: 'America/New_York',
    });
    expect(shown(outlook)).toEqual(OUTLOOK_LATE_MARCH);
    const floating = await readBusyTimes(`${server.base}/floating.ics`, MARCH, { zone: 'America/Los_Angeles' });
    expect(shown(floating)).toEqual(FLOATING_IN_LOS_ANGELES);
  });

  it('follows redirects', async () => {
    const busy = await readBusyTimes(`${server.base}/moved.ics`, MARCH);
    expect(shown(busy)).toEqual(GOOGLE_MARCH);
  });

  it('reads the calendar fresh on every call', async () => {
    const before = server.hits.filter((hit) => hit === '/google.ics').length;
    await readBusyTimes(`${server.base}/google.ics`, MARCH);
    await readBusyTimes(`${server.base}/google.ics`, MARCH);
    expect(server.hits.filter((hit) => hit === '/google.ics').length).toBe(before + 2);
  });
});
