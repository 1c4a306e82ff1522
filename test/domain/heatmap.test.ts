import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computeHeatmap } from '../../src/domain/heatmap.js';

const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();
const span = (from: string, to: string, zone: string) => ({ start: at(from, zone), end: at(to, zone) });

describe('computeHeatmap', () => {
  const zone = 'Asia/Jerusalem';

  it('counts distinct leads per local hour, one row per local day of the window', () => {
    const heatmap = computeHeatmap({
      timezone: zone,
      window_start: at('2026-03-10T00:00', zone),
      window_end: at('2026-03-12T00:00', zone),
      leads: [
        { lead_id: 1, intervals: [span('2026-03-10T09:00', '2026-03-10T10:30', zone)] },
        { lead_id: 2, intervals: [span('2026-03-10T09:45', '2026-03-10T10:00', zone), span('2026-03-10T09:10', '2026-03-10T09:20', zone)] },
        // Same lead in a second row (another source): still one lead per cell.
        { lead_id: 2, intervals: [span('2026-03-10T09:30', '2026-03-10T09:40', zone)] },
        { lead_id: 3, intervals: [span('2026-03-11T23:00', '2026-03-12T02:00', zone)] },
      ],
    });
    expect(heatmap.days.map((d) => [d.date, d.weekday, d.hours_in_day])).toEqual([
      ['2026-03-10', 'tue', 24],
      ['2026-03-11', 'wed', 24],
    ]);
    const [tue, wed] = heatmap.days;
    expect(tue?.hours[9]).toBe(2);
    expect(tue?.hours[10]).toBe(1);
    expect(tue?.hours[11]).toBe(0);
    expect(tue?.hours[8]).toBe(0); // ending exactly at 10:00 does not touch the 10 o'clock hour for lead 2
    expect(wed?.hours[23]).toBe(1); // clipped at the window end: no Thursday row
    expect(heatmap.max).toBe(2);
  });

  it('uses the owner zone, not UTC, for days and hours', () => {
    const heatmap = computeHeatmap({
      timezone: 'Australia/Sydney',
      window_start: Date.parse('2026-03-09T13:00:00Z'), // Tue 00:00 AEDT
      window_end: Date.parse('2026-03-10T13:00:00Z'),
      leads: [{ lead_id: 1, intervals: [{ start: Date.parse('2026-03-09T22:00:00Z'), end: Date.parse('2026-03-09T23:00:00Z') }] }],
    });
    expect(heatmap.days).toHaveLength(1);
    expect(heatmap.days[0]?.weekday).toBe('tue');
    expect(heatmap.days[0]?.hours[9]).toBe(1);
  });

  it.each([
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Europe/London', '2026-03-29', 23],
    ['Europe/London', '2026-10-25', 25],
    ['Australia/Sydney', '2026-04-05', 25],
    ['Australia/Sydney', '2026-10-04', 23],
    ['Asia/Jerusalem', '2026-03-27', 23],
    ['Asia/Jerusalem', '2026-10-25', 25],
  ])('gives the DST day in %s on %s a row with %i clock hours', (tz, day, hours) => {
    const next = DateTime.fromISO(day, { zone: tz }).plus({ days: 1 }).toISODate() ?? '';
    const heatmap = computeHeatmap({
      timezone: tz,
      window_start: at(`${day}T00:00`, tz),
      window_end: at(`${next}T00:00`, tz),
      leads: [{ lead_id: 1, intervals: [span(`${day}T00:00`, `${next}T00:00`, tz)] }],
    });
    expect(heatmap.days).toHaveLength(1);
    expect(heatmap.days[0]?.hours_in_day).toBe(hours);
    // A lead free all day shows once in every hour label the day has, and 0 in a skipped hour.
    expect(heatmap.days[0]?.hours.filter((c) => c === 1)).toHaveLength(Math.min(hours, 24));
    expect(heatmap.max).toBe(1);
  });

  it('counts a lead once in the repeated hour of a fall-back day and leaves the skipped hour empty', () => {
    const ny = 'America/New_York';
    const fallBack = computeHeatmap({
      timezone: ny,
      window_start: at('2026-11-01T00:00', ny),
      window_end: at('2026-11-02T00:00', ny),
      leads: [
        // Free in both 01:00 hours, once as EDT and once as EST.
        {
          lead_id: 1,
          intervals: [
            { start: Date.parse('2026-11-01T05:10:00Z'), end: Date.parse('2026-11-01T05:20:00Z') },
            { start: Date.parse('2026-11-01T06:10:00Z'), end: Date.parse('2026-11-01T06:20:00Z') },
          ],
        },
        // Free only in the second 01:00 (EST).
        { lead_id: 2, intervals: [{ start: Date.parse('2026-11-01T06:30:00Z'), end: Date.parse('2026-11-01T06:45:00Z') }] },
      ],
    });
    expect(fallBack.days[0]?.hours[1]).toBe(2);

    const springForward = computeHeatmap({
      timezone: ny,
      window_start: at('2026-03-08T00:00', ny),
      window_end: at('2026-03-09T00:00', ny),
      leads: [{ lead_id: 1, intervals: [span('2026-03-08T01:30', '2026-03-08T03:30', ny)] }],
    });
    expect(springForward.days[0]?.hours.slice(0, 5)).toEqual([0, 1, 0, 1, 0]);
  });

  it('returns no days for an empty window', () => {
    const t = at('2026-03-10T00:00', zone);
    expect(computeHeatmap({ timezone: zone, window_start: t, window_end: t, leads: [] })).toEqual({ days: [], max: 0 });
  });
});
