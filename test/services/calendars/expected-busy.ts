import type { BusyInterval } from '../../../src/services/calendars/index.js';

// The busy time a user sees in their calendar app for the fixtures, as UTC ISO strings.

export const range = (start: string, end: string) => ({ start: Date.parse(start), end: Date.parse(end) });
export const shown = (busy: BusyInterval[]) => busy.map((b) => [new Date(b.start).toISOString(), new Date(b.end).toISOString(), b.summary]);

export const MARCH = range('2027-03-01T00:00:00Z', '2027-04-01T00:00:00Z');

// What Dana sees in Google Calendar (New York) for March 2027, in UTC.
export const GOOGLE_MARCH = [
  ['2027-03-01T15:00:00.000Z', '2027-03-01T16:00:00.000Z', 'Weekly pipeline review'], // 10:00 EST
  ['2027-03-02T17:00:00.000Z', '2027-03-02T18:00:00.000Z', 'Lunch with Acme procurement'],
  ['2027-03-05T05:00:00.000Z', '2027-03-06T05:00:00.000Z', 'Team offsite'], // all of Mar 5 in New York
  // Mar 8: EXDATE. Mar 14: DST starts, the series stays at 10:00 local.
  ['2027-03-15T14:00:00.000Z', '2027-03-15T15:00:00.000Z', 'Weekly pipeline review'], // 10:00 EDT
  ['2027-03-17T04:00:00.000Z', '2027-03-19T04:00:00.000Z', 'SaaStr Annual (Mar 17-18)'],
  // Mar 22 moved to Tue Mar 23 14:00; Mar 29 cancelled.
  ['2027-03-23T18:00:00.000Z', '2027-03-23T19:00:00.000Z', 'Weekly pipeline review (moved to Tuesday)'],
];

export const OUTLOOK_LATE_MARCH = [
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

export const FLOATING_IN_LOS_ANGELES = [
  ['2027-03-04T08:00:00.000Z', '2027-03-05T08:00:00.000Z', 'Working from the cabin'], // weekly all-day, PST
  ['2027-03-10T17:00:00.000Z', '2027-03-10T18:00:00.000Z', 'Dentist'], // 09:00 PST
  ['2027-03-11T00:00:00.000Z', '2027-03-11T01:00:00.000Z', 'School pick-up'], // Wed 16:00 PST
  ['2027-03-11T08:00:00.000Z', '2027-03-12T08:00:00.000Z', 'Working from the cabin'],
  ['2027-03-11T15:00:00.000Z', '2027-03-11T15:30:00.000Z', 'Call with the London office'], // its own TZID wins
  ['2027-03-12T08:00:00.000Z', '2027-03-13T08:00:00.000Z', 'Day off'], // all day in Los Angeles
  // Mar 17 excluded by a floating EXDATE, Mar 18 by a DATE EXDATE; after DST, still 16:00 and midnight local.
  ['2027-03-24T07:00:00.000Z', '2027-03-25T07:00:00.000Z', 'Working from the cabin (Wednesday this week)'], // moved from Mar 25
  ['2027-03-24T23:00:00.000Z', '2027-03-25T00:00:00.000Z', 'School pick-up'],
];

// Owner in Chicago. Outlook's "Customized Time Zone" block has US Eastern rules.
export const ODD_ZONES_IN_CHICAGO = [
  ['2027-03-09T14:00:00.000Z', '2027-03-09T15:00:00.000Z', 'Forecast call'], // 09:00 EST
  ['2027-03-10T19:00:00.000Z', '2027-03-10T19:30:00.000Z', 'Customer onboarding'], // 11:00 PST, DURATION:PT30M
  ['2027-03-11T14:00:00.000Z', '2027-03-11T15:00:00.000Z', 'Imported from Lotus Notes'], // unknown TZID: 08:00 Chicago (CST)
  ['2027-03-16T13:00:00.000Z', '2027-03-16T14:00:00.000Z', 'Forecast call'], // 09:00 EDT
];

// Apple Calendar in London: RDATE series across BST, an instance invited to without its series,
// a yearly all-day event, a DATE EXDATE on a timed series.
export const APPLE_SPRING = [
  ['2027-03-02T18:00:00.000Z', '2027-03-02T19:00:00.000Z', 'Piano lesson'],
  ['2027-03-09T18:00:00.000Z', '2027-03-09T19:00:00.000Z', 'Piano lesson'], // RDATE
  ['2027-03-16T09:00:00.000Z', '2027-03-16T09:30:00.000Z', 'Board prep'], // override, series not in the file
  ['2027-03-18T00:00:00.000Z', '2027-03-19T00:00:00.000Z', 'Company anniversary'], // yearly since 2020
  ['2027-03-23T18:00:00.000Z', '2027-03-23T19:00:00.000Z', 'Piano lesson'], // RDATE
  ['2027-03-29T06:00:00.000Z', '2027-03-29T07:00:00.000Z', 'Gym'], // 07:00 BST; Mar 30 excluded
  ['2027-03-31T06:00:00.000Z', '2027-03-31T07:00:00.000Z', 'Gym'],
  ['2027-04-06T17:00:00.000Z', '2027-04-06T18:00:00.000Z', 'Piano lesson'], // RDATE, 18:00 BST
];
