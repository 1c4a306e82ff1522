import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { BLOCK, NO_RULES, type OwnerRules } from '../../../src/domain/booking/hard-constraints.js';
import { analyseSlots, type OptimizerInput } from '../../../src/domain/booking/slot-analysis.js';
import { DAYS_OF_WEEK } from '../../../src/domain/types.js';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];

function analyse(zone: string, from: string, to: string, rules: Partial<OwnerRules>, duration = 30) {
  const input: OptimizerInput = {
    window_start: at(from, zone),
    window_end: at(to, zone),
    timezone: zone,
    duration_minutes: duration,
    max_bookings: 1,
    grid_minutes: 15,
    excluded_days: [],
    soft: { days_of_week: [], time_of_day: [], time_ranges: [] },
    leads: [],
    runners_up: 0,
  };
  return analyseSlots({ ...input, rules: { ...NO_RULES, ...rules } });
}

/** Allowed starts as local "yyyy-MM-dd HH:mm". */
function allowedStarts(a: ReturnType<typeof analyse>): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.grid.size; i++) {
    if (a.allowed.blocks[i] === 0) out.push(DateTime.fromMillis(a.startOf(i), { zone: a.input.timezone }).toFormat('yyyy-MM-dd HH:mm'));
  }
  return out;
}

const quarterHours = (day: string, from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = DateTime.fromISO(`${day}T${from}`); t <= DateTime.fromISO(`${day}T${to}`); t = t.plus({ minutes: 15 })) {
    out.push(t.toFormat('yyyy-MM-dd HH:mm'));
  }
  return out;
};

describe('working hours on DST days, in the owner zone', () => {
  it.each([
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Europe/London', '2026-03-29'],
    ['Europe/London', '2026-10-25'],
    ['Asia/Jerusalem', '2026-03-27'],
    ['Asia/Jerusalem', '2026-10-25'],
  ])('%s on %s still offers 09:00, 09:15 … 16:30 for a 30-minute meeting', (zone, day) => {
    const next = DateTime.fromISO(day).plus({ days: 1 }).toISODate();
    const a = analyse(zone, `${day}T00:00`, `${next}T00:00`, { working_hours: NINE_TO_FIVE });
    expect(allowedStarts(a)).toEqual(quarterHours(day, '09:00', '16:30'));
  });

  it('keeps 31 starts (09:00–16:30) on each of the ten working days of a New York fortnight with the spring-forward change', () => {
    const a = analyse('America/New_York', '2026-03-02T00:00', '2026-03-16T00:00', {
      working_hours: NINE_TO_FIVE,
      working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    const starts = allowedStarts(a);
    expect(starts).toHaveLength(10 * 31);
    expect(starts.filter((s) => s.startsWith('2026-03-09'))).toEqual(quarterHours('2026-03-09', '09:00', '16:30'));
    expect(starts.some((s) => s.startsWith('2026-03-08') || s.startsWith('2026-03-07'))).toBe(false);
  });

  it('fits a meeting wholly inside one of several ranges', () => {
    const a = analyse(
      'Europe/London',
      '2026-03-10T00:00',
      '2026-03-11T00:00',
      {
        working_hours: [
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '17:00' },
        ],
      },
      60,
    );
    expect(allowedStarts(a)).toEqual([...quarterHours('2026-03-10', '09:00', '11:00'), ...quarterHours('2026-03-10', '13:00', '16:00')]);
  });

  it('reads a range across the spring-forward jump on the wall clock (01:00–03:00 New York)', () => {
    const a = analyse('America/New_York', '2026-03-08T00:00', '2026-03-08T06:00', { working_hours: [{ start: '01:00', end: '03:30' }] });
    // 02:xx does not exist that night; 01:45 EST + 30 min ends 03:15 EDT, still inside.
    expect(allowedStarts(a)).toEqual(['2026-03-08 01:00', '2026-03-08 01:15', '2026-03-08 01:30', '2026-03-08 01:45', '2026-03-08 03:00']);
  });

  it('lets a meeting run past midnight only when the hours are "any"', () => {
    const any = analyse('Asia/Jerusalem', '2026-03-10T23:00', '2026-03-11T01:00', {});
    expect(allowedStarts(any)).toContain('2026-03-10 23:45');
    const late = analyse('Asia/Jerusalem', '2026-03-10T23:00', '2026-03-11T01:00', { working_hours: [{ start: '18:00', end: '24:00' }] });
    expect(allowedStarts(late)).toEqual(['2026-03-10 23:00', '2026-03-10 23:15', '2026-03-10 23:30']);
  });
});

describe('notice, busy time and buffer', () => {
  const zone = 'America/New_York';
  const rules = (extra: Partial<OwnerRules>): Partial<OwnerRules> => ({ working_hours: NINE_TO_FIVE, ...extra });
  const blockAt = (a: ReturnType<typeof analyse>, local: string) => {
    const i = (at(`2026-03-10T${local}`, zone) - a.grid.first) / a.grid.stepMs;
    return { mask: a.allowed.blocks[i] ?? -1, busy: a.allowed.blockingBusy[i] ?? -2 };
  };

  it('removes starts before now + minimum notice', () => {
    const a = analyse(zone, '2026-03-10T00:00', '2026-03-11T00:00', rules({ now: at('2026-03-10T10:00', zone), min_notice_minutes: 120 }));
    expect(allowedStarts(a)[0]).toBe('2026-03-10 12:00');
    expect(blockAt(a, '11:45').mask).toBe(BLOCK.notice);
  });

  it('widens each busy interval by the buffer and tells busy from buffer', () => {
    const busy = [
      { start: at('2026-03-10T13:00', zone), end: at('2026-03-10T14:00', zone), source: 'work.ics', summary: 'Dentist' },
      { start: at('2026-03-10T15:00', zone), end: at('2026-03-10T15:30', zone), source: 'callbook', summary: null },
    ];
    const a = analyse(zone, '2026-03-10T00:00', '2026-03-11T00:00', rules({ busy, buffer_minutes: 15 }));
    expect(blockAt(a, '12:15').mask).toBe(0);
    expect(blockAt(a, '12:30')).toEqual({ mask: BLOCK.buffer, busy: 0 });
    expect(blockAt(a, '12:45')).toEqual({ mask: BLOCK.busy, busy: 0 });
    expect(blockAt(a, '13:30')).toEqual({ mask: BLOCK.busy, busy: 0 });
    expect(blockAt(a, '14:00')).toEqual({ mask: BLOCK.buffer, busy: 0 });
    expect(blockAt(a, '14:15').mask).toBe(0);
    expect(blockAt(a, '14:30')).toEqual({ mask: BLOCK.buffer, busy: 1 });
    expect(blockAt(a, '15:30')).toEqual({ mask: BLOCK.buffer, busy: 1 });
    expect(blockAt(a, '15:45').mask).toBe(0);
  });

  it('combines constraints in one mask', () => {
    const a = analyse(zone, '2026-03-14T00:00', '2026-03-15T00:00', {
      working_hours: NINE_TO_FIVE,
      working_days: DAYS_OF_WEEK.filter((d) => d !== 'sat'),
    });
    expect(allowedStarts(a)).toEqual([]);
    const i = (at('2026-03-14T08:00', zone) - a.grid.first) / a.grid.stepMs;
    expect(a.allowed.blocks[i]).toBe(BLOCK.notWorkingDay | BLOCK.outsideHours);
  });
});
