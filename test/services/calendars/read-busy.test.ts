import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBusyTimes } from '../../../src/services/calendars/index.js';
import {
  APPLE_SPRING,
  FLOATING_IN_LOS_ANGELES,
  GOOGLE_MARCH,
  MARCH,
  ODD_ZONES_IN_CHICAGO,
  OUTLOOK_LATE_MARCH,
  range,
  shown,
} from './expected-busy.js';
import { type CalendarServer, FIXTURES, SECRET_PATH, startCalendarServer } from './loopback-server.js';

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

  it('treats an invitation the owner declined as free; the owner is the Google account (X-WR-CALNAME) or ownerEmail', async () => {
    const thursday = range('2027-03-04T00:00:00Z', '2027-03-05T00:00:00Z');
    expect(shown(await readBusyTimes('google-export.ics', thursday, { cwd: FIXTURES }))).toEqual([]);
    const asSomeoneElse = await readBusyTimes('google-export.ics', thursday, { cwd: FIXTURES, ownerEmail: 'sam@acme.com' });
    expect(shown(asSomeoneElse)).toEqual([['2027-03-04T19:00:00.000Z', '2027-03-04T20:00:00.000Z', 'Vendor pitch']]);
  });

  it('places Outlook custom zones, display-label zones and DURATION; an unknown TZID is read in the owner zone', async () => {
    const busy = await readBusyTimes('outlook-odd-zones.ics', MARCH, { cwd: FIXTURES, zone: 'America/Chicago' });
    expect(shown(busy)).toEqual(ODD_ZONES_IN_CHICAGO);
  });

  it('reads an Apple Calendar export: RDATE, an override without its series, a yearly all-day event, a DATE EXDATE', async () => {
    const busy = await readBusyTimes('apple-export.ics', range('2027-03-01T00:00:00Z', '2027-04-10T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(busy)).toEqual(APPLE_SPRING);
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

  it('reads floating times as UTC when neither the owner nor the calendar names a zone', async () => {
    const busy = await readBusyTimes('floating.ics', range('2027-03-10T00:00:00Z', '2027-03-11T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(busy)).toEqual([
      ['2027-03-10T09:00:00.000Z', '2027-03-10T10:00:00.000Z', 'Dentist'],
      ['2027-03-10T16:00:00.000Z', '2027-03-10T17:00:00.000Z', 'School pick-up'],
    ]);
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
    // ...and its original Monday 10:00 is free.
    const monday = await readBusyTimes('google-export.ics', range('2027-03-22T00:00:00Z', '2027-03-23T00:00:00Z'), { cwd: FIXTURES });
    expect(shown(monday)).toEqual([]);
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
