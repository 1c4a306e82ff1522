import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  alignToGrid,
  clipIntervals,
  coversSpan,
  formatInstant,
  getLocalDayOfWeek,
  getLocalHour,
  getLocalMinuteOfDay,
  mergeIntervals,
  parseInstant,
  resolveZone,
} from '../../src/domain/slots.js';

const utc = (iso: string): number => Date.parse(iso);
const local = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();

describe('mergeIntervals', () => {
  it('sorts, joins overlapping and touching intervals, and drops empty ones', () => {
    expect(
      mergeIntervals([
        { start: 50, end: 60 },
        { start: 10, end: 20 },
        { start: 20, end: 30 },
        { start: 15, end: 18 },
        { start: 40, end: 40 },
      ]),
    ).toEqual([
      { start: 10, end: 30 },
      { start: 50, end: 60 },
    ]);
  });

  it('gives the merge of the intervals sorted by start then end, for a handful or many', () => {
    const reference = (list: { start: number; end: number }[]) => {
      const out: { start: number; end: number }[] = [];
      for (const { start, end } of list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end)) {
        const last = out[out.length - 1];
        if (last && start <= last.end) last.end = Math.max(last.end, end);
        else out.push({ start, end });
      }
      return out;
    };
    const interval = fc.record({ start: fc.integer({ min: 0, max: 40 }), end: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.oneof(fc.array(interval, { maxLength: 16 }), fc.array(interval, { minLength: 17, maxLength: 60 })), (list) => {
        expect(mergeIntervals(list)).toEqual(reference(list.map((i) => ({ ...i }))));
      }),
      { numRuns: 2000 },
    );
  });

  it('does not mutate its input', () => {
    const input = [
      { start: 0, end: 10 },
      { start: 5, end: 20 },
    ];
    mergeIntervals(input);
    expect(input).toEqual([
      { start: 0, end: 10 },
      { start: 5, end: 20 },
    ]);
  });
});

describe('clipIntervals and coversSpan', () => {
  it('cuts intervals to the window and drops those outside it', () => {
    expect(
      clipIntervals(
        [
          { start: 0, end: 15 },
          { start: 20, end: 30 },
          { start: 90, end: 120 },
          { start: 200, end: 300 },
        ],
        { start: 10, end: 100 },
      ),
    ).toEqual([
      { start: 10, end: 15 },
      { start: 20, end: 30 },
      { start: 90, end: 100 },
    ]);
  });

  it('needs one interval to hold the whole span, ends included', () => {
    const merged = [
      { start: 0, end: 30 },
      { start: 40, end: 60 },
    ];
    expect(coversSpan(merged, 0, 30)).toBe(true);
    expect(coversSpan(merged, 40, 60)).toBe(true);
    expect(coversSpan(merged, 20, 45)).toBe(false);
    expect(coversSpan(merged, 45, 61)).toBe(false);
  });
});

describe('ISO conversion and zones', () => {
  it('round-trips instants with the zone offset', () => {
    const ms = parseInstant('2026-03-10T09:00:00+02:00');
    expect(ms).toBe(utc('2026-03-10T07:00:00Z'));
    expect(formatInstant(ms, 'Asia/Jerusalem')).toBe('2026-03-10T09:00:00.000+02:00');
    expect(formatInstant(ms, 'America/New_York')).toBe('2026-03-10T03:00:00.000-04:00');
  });

  it('rejects bad instants and unknown zones with the offending value', () => {
    expect(() => parseInstant('next tuesday')).toThrow(/next tuesday/);
    expect(() => resolveZone('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });

  it('reads the local day and hour in the zone, not in UTC', () => {
    const sydney = resolveZone('Australia/Sydney');
    const t = utc('2026-04-04T20:00:00Z'); // Saturday in UTC, Sunday 06:00 AEST after DST ended
    expect(getLocalDayOfWeek(t, sydney)).toBe('sun');
    expect(getLocalHour(t, sydney)).toBe(6);
    expect(getLocalDayOfWeek(t, resolveZone('UTC'))).toBe('sat');
  });

  it('reads the wall clock on both sides of a spring-forward jump', () => {
    const ny = resolveZone('America/New_York');
    expect(getLocalMinuteOfDay(utc('2026-03-08T06:59:00Z'), ny)).toBe(1 * 60 + 59);
    expect(getLocalMinuteOfDay(utc('2026-03-08T07:00:00Z'), ny)).toBe(3 * 60);
  });
});

describe('alignToGrid', () => {
  it('keeps an instant already on the grid and moves others to the next boundary', () => {
    const london = resolveZone('Europe/London');
    expect(alignToGrid(local('2026-03-10T09:00', 'Europe/London'), london, 15)).toBe(local('2026-03-10T09:00', 'Europe/London'));
    expect(alignToGrid(local('2026-03-10T09:00:01', 'Europe/London'), london, 15)).toBe(local('2026-03-10T09:15', 'Europe/London'));
  });

  it('aligns to the local clock in zones with half- and three-quarter-hour offsets', () => {
    for (const zone of ['Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Eucla']) {
      const aligned = alignToGrid(local('2026-03-10T09:07', zone), resolveZone(zone), 15);
      expect(DateTime.fromMillis(aligned, { zone }).toFormat('HH:mm')).toBe('09:15');
      const hourly = alignToGrid(local('2026-03-10T09:07', zone), resolveZone(zone), 60);
      expect(DateTime.fromMillis(hourly, { zone }).toFormat('HH:mm')).toBe('10:00');
    }
  });

  it('lands on 03:00 when the next boundary falls in a skipped hour', () => {
    const ny = resolveZone('America/New_York');
    const aligned = alignToGrid(utc('2026-03-08T06:50:00Z'), ny, 15);
    expect(DateTime.fromMillis(aligned, { zone: 'America/New_York' }).toISO()).toBe('2026-03-08T03:00:00.000-04:00');
  });

  it.each([
    ['America/New_York', '2026-03-07T12:00:00Z'],
    ['America/New_York', '2026-10-31T12:00:00Z'],
    ['Europe/London', '2026-03-28T12:00:00Z'],
    ['Europe/London', '2026-10-24T12:00:00Z'],
    ['Australia/Sydney', '2026-04-04T00:00:00Z'],
    ['Australia/Sydney', '2026-10-03T00:00:00Z'],
    ['Asia/Jerusalem', '2026-03-26T12:00:00Z'],
    ['Asia/Jerusalem', '2026-10-24T12:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'],
  ])('stepping 15 minutes in UTC stays on the local quarter hours across DST in %s', (zone, from) => {
    const z = resolveZone(zone);
    let t = alignToGrid(utc(from) + 7 * 60_000, z, 15);
    const offsets = new Set<number>();
    for (let i = 0; i < 4 * 48; i++, t += 15 * 60_000) {
      expect(getLocalMinuteOfDay(t, z) % 15).toBe(0);
      offsets.add(z.offset(t));
    }
    expect(offsets.size).toBe(2); // the window really crossed a DST change
  });
});
