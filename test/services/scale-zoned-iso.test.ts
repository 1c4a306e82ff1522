// The slot times availability list prints come from zonedIso: it must write exactly what luxon writes.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseUtcMs, storedUtcMs, zonedIso } from '../../src/domain/zoned-iso.js';

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
        // availability list quotes this text for JSON without escaping it.
        expect(zonedIso(iso, zone)).toMatch(/^[-+0-9:.TZ]+$/);
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

describe('parseUtcMs and storedUtcMs', () => {
  // Stored instants, and the same text with one character changed (a digit, a separator, a day past the 28th).
  const stored = fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms).toISOString());
  const mangled = fc
    .tuple(stored, fc.nat(23), fc.constantFrom(...'0123456789-:.TZ x+/'))
    .map(([iso, i, c]) => `${iso.slice(0, i)}${c}${iso.slice(i + 1)}`);

  it('read what Date.parse reads, stored instants or not', () => {
    fc.assert(
      fc.property(fc.oneof(stored, mangled, fc.string()), (text) => {
        expect(parseUtcMs(text)).toBe(Date.parse(text));
        const regexStored = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/.test(text);
        expect(storedUtcMs(text)).toBe(regexStored ? Date.parse(text) : Number.NaN);
      }),
      { numRuns: 50_000 },
    );
  });

  it('read the month ends, leap days and impossible dates as Date.parse does', () => {
    for (const text of [
      '2026-02-28T23:59:59.999Z',
      '2026-02-29T00:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-12-31T23:59:59.999Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-03-00T00:00:00.000Z',
      '2026-03-10T24:00:00.000Z',
      '2026-03-10T23:60:00.000Z',
      '2026-03-10T23:59:60.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2026-03-10T09:00:00Z',
      '2026-03-10T09:00:00.000+02:00',
    ])
      expect([text, parseUtcMs(text)]).toEqual([text, Date.parse(text)]);
  });
});
