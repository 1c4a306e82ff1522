import { describe, expect, it } from 'vitest';
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
import { FIXTURES } from './loopback-server.js';

// node-ical builds all-day and floating dates in the host's zone. A server in Chatham (UTC+13:45)
// or Honolulu must read the same busy time as one in UTC. (Each vitest file runs in its own process.)
describe.each(['Pacific/Chatham', 'Pacific/Honolulu'])('on a host in %s', (hostZone) => {
  it('reads the same busy intervals', async () => {
    const saved = process.env.TZ;
    process.env.TZ = hostZone;
    try {
      expect(new Date(2027, 0, 1).getTimezoneOffset()).not.toBe(0); // the host zone really changed
      expect(shown(await readBusyTimes('google-export.ics', MARCH, { cwd: FIXTURES }))).toEqual(GOOGLE_MARCH);
      const lateMarch = range('2027-03-22T00:00:00Z', '2027-04-03T00:00:00Z');
      const outlook = await readBusyTimes('outlook-export.ics', lateMarch, { cwd: FIXTURES, zone: 'America/New_York' });
      expect(shown(outlook)).toEqual(OUTLOOK_LATE_MARCH);
      const floating = await readBusyTimes('floating.ics', MARCH, { cwd: FIXTURES, zone: 'America/Los_Angeles' });
      expect(shown(floating)).toEqual(FLOATING_IN_LOS_ANGELES);
      const odd = await readBusyTimes('outlook-odd-zones.ics', MARCH, { cwd: FIXTURES, zone: 'America/Chicago' });
      expect(shown(odd)).toEqual(ODD_ZONES_IN_CHICAGO);
      const apple = await readBusyTimes('apple-export.ics', range('2027-03-01T00:00:00Z', '2027-04-10T00:00:00Z'), { cwd: FIXTURES });
      expect(shown(apple)).toEqual(APPLE_SPRING);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
