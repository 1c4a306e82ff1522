// The slot times availability list prints come from zonedIso: it must write exactly what luxon writes.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zonedIso } from '../../src/domain/zoned-iso.js';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'UTC',
  'Etc/GMT+5',
];
const luxon = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISO() ?? iso;

describe('zonedIso', () => {
  it('writes what luxon writes, across DST changes and odd offsets', () => {
    const start = Date.UTC(1850, 0, 1);
    const end = Date.UTC(2040, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: start, max: end }), fc.constantFrom(...ZONES), fc.boolean(), (ms, zone, millis) => {
        const iso = new Date(millis ? ms : ms - (ms % 1000)).toISOString();
        expect(zonedIso(iso, zone)).toBe(luxon(iso, zone));
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes what luxon writes a minute either side of each 2026 change in New York and London', () => {
    for (const iso of [
      '2026-03-08T06:59:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-11-01T05:59:59.999Z',
      '2026-11-01T06:00:00.000Z',
      '2026-03-29T00:59:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ])
      for (const zone of ['America/New_York', 'Europe/London']) expect(zonedIso(iso, zone)).toBe(luxon(iso, zone));
  });

  it('leaves text that is not a stored UTC instant to luxon', () => {
    expect(zonedIso('2026-03-10T09:00:00', 'America/Chicago')).toBe(luxon('2026-03-10T09:00:00', 'America/Chicago'));
    expect(zonedIso('not a time', 'America/Chicago')).toBe('not a time');
  });
});
