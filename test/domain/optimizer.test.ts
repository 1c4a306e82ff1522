import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { OptimizerInput, OptimizerLead } from '../../src/domain/optimizer.js';
import { findBestSlot } from '../../src/domain/optimizer.js';
import { coversSpan, getLocalDayOfWeek, mergeIntervals, resolveZone } from '../../src/domain/slots.js';
import { scoreSlot } from '../../src/domain/soft-score.js';

const LONDON = 'Europe/London';
const at = (iso: string, zone = LONDON): number => DateTime.fromISO(iso, { zone }).toMillis();
const show = (ms: number | undefined, zone = LONDON): string =>
  ms === undefined ? 'none' : DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");

let nextId = 1;
function lead(...spans: [string, string][]): OptimizerLead;
function lead(...spans: [string, string][]): OptimizerLead {
  const id = nextId++;
  return { lead_id: id, name: `Lead ${id}`, timezone: LONDON, intervals: spans.map(([s, e]) => ({ start: at(s), end: at(e) })) };
}

// Week of Mon 9 Mar – Sun 15 Mar 2026 in London (GMT, no DST change inside).
function input(leads: OptimizerLead[], overrides: Partial<OptimizerInput> = {}): OptimizerInput {
  return {
    window_start: at('2026-03-09T00:00'),
    window_end: at('2026-03-16T00:00'),
    timezone: LONDON,
    duration_minutes: 30,
    max_bookings: 10,
    grid_minutes: 15,
    excluded_days: [],
    soft: { days_of_week: [], time_of_day: [], time_ranges: [] },
    leads,
    runners_up: 3,
    ...overrides,
  };
}

const tueMorning = { days_of_week: ['tue' as const], time_of_day: ['morning' as const], time_ranges: [] };

describe('findBestSlot ranking', () => {
  it('prefers more attendees over a better preference match', () => {
    const monAfternoon: [string, string] = ['2026-03-09T14:00', '2026-03-09T14:30'];
    const tueMorningSpan: [string, string] = ['2026-03-10T09:00', '2026-03-10T10:00'];
    const leads = [lead(monAfternoon), lead(monAfternoon, tueMorningSpan), lead(monAfternoon, tueMorningSpan)];
    const result = findBestSlot(input(leads, { soft: tueMorning }));
    expect(show(result.best?.start)).toBe('Mon 2026-03-09T14:00');
    expect(result.best?.attendee_ids).toHaveLength(3);
    expect(result.reasons[0]).toBe('3 of 3 leads can attend (the most of any slot)');
    expect(result.reasons).toContain('slots matching more preferences exist, but fewer leads can attend them');
  });

  it('treats slots at or above max_bookings as equal, so preferences decide between them', () => {
    const mon: [string, string] = ['2026-03-09T14:00', '2026-03-09T15:00'];
    const tue: [string, string] = ['2026-03-10T09:00', '2026-03-10T10:00'];
    const leads = [lead(mon), lead(mon), lead(mon, tue), lead(mon, tue), lead(mon, tue)];

    const capped = findBestSlot(input(leads, { soft: tueMorning, max_bookings: 3 }));
    expect(show(capped.best?.start)).toBe('Tue 2026-03-10T09:00');
    expect(capped.best?.soft_matches).toEqual(['preferred day (tue)', 'morning']);
    expect(capped.reasons[1]).toMatch(/^matches preferred day \(tue\) and morning, better than \d+ other slots/);

    const uncapped = findBestSlot(input(leads, { soft: tueMorning, max_bookings: 5 }));
    expect(show(uncapped.best?.start)).toBe('Mon 2026-03-09T14:00');
  });

  it('books the first max_bookings leads in the order given and reports how many could come', () => {
    const span: [string, string] = ['2026-03-11T10:00', '2026-03-11T11:00'];
    const leads = [lead(span), lead(span), lead(span), lead(span), lead(span)];
    const reversed = [...leads].reverse();
    const result = findBestSlot(input(reversed, { max_bookings: 2 }));
    expect(result.best?.available_count).toBe(5);
    expect(result.best?.attendee_ids).toEqual(reversed.slice(0, 2).map((l) => l.lead_id));
    expect(result.reasons[0]).toContain(
      '5 of 5 leads can attend (the most of any slot, shared with 2 other slots); the cap is 2 bookings, so the first 2 to respond are booked',
    );
  });

  it('prefers a later slot that matches preferences over an earlier one that does not', () => {
    const leads = [lead(['2026-03-09T09:00', '2026-03-09T09:30'], ['2026-03-10T10:00', '2026-03-10T10:30'])];
    const result = findBestSlot(input(leads, { soft: tueMorning }));
    expect(show(result.best?.start)).toBe('Tue 2026-03-10T10:00');
    expect(result.best?.soft_score).toBe(2);
  });

  it('breaks full ties by the earliest start and says so', () => {
    const leads = [lead(['2026-03-12T13:00', '2026-03-12T14:00']), lead(['2026-03-12T13:00', '2026-03-12T14:00'])];
    const result = findBestSlot(input(leads));
    expect(show(result.best?.start)).toBe('Thu 2026-03-12T13:00');
    expect(result.reasons).toContain('earliest of 3 equally good slots');
  });

  it('counts a time range preference only when the whole slot is inside it', () => {
    const leads = [lead(['2026-03-10T08:00', '2026-03-10T12:00'])];
    const soft = { days_of_week: [], time_of_day: [], time_ranges: [{ start: '10:30', end: '11:30' }] };
    const result = findBestSlot(input(leads, { soft, duration_minutes: 60 }));
    expect(show(result.best?.start)).toBe('Tue 2026-03-10T10:30');
    expect(result.best?.soft_matches).toEqual(['preferred time 10:30–11:30']);
  });
});

describe('findBestSlot feasibility', () => {
  it('never picks a slot on an excluded day, judged in the owner zone', () => {
    const leads = [lead(['2026-03-09T09:00', '2026-03-09T17:00'], ['2026-03-13T16:00', '2026-03-13T16:30'])];
    const result = findBestSlot(input(leads, { excluded_days: ['mon'] }));
    expect(show(result.best?.start)).toBe('Fri 2026-03-13T16:00');
    // 96 quarter-hour starts a day, Monday's skipped, and Sunday's 23:45 start would end after the window.
    expect(result.considered).toBe(6 * 96 - 1);
  });

  it('returns no slot, with a reason, when nobody is free long enough', () => {
    const leads = [lead(['2026-03-10T09:10', '2026-03-10T09:40']), lead(['2026-03-10T10:00', '2026-03-10T10:20'])];
    const result = findBestSlot(input(leads));
    expect(result.best).toBeNull();
    expect(result.runners_up).toEqual([]);
    expect(result.reasons[0]).toMatch(/none of the 2 leads is free for 30 minutes/);
    expect(findBestSlot(input([])).best).toBeNull();
  });

  it('fits the meeting exactly at interval ends and inside the window', () => {
    const exact = findBestSlot(input([lead(['2026-03-10T09:00', '2026-03-10T09:30'])]));
    expect(show(exact.best?.start)).toBe('Tue 2026-03-10T09:00');
    expect(exact.runners_up).toEqual([]);

    const late = findBestSlot(input([lead(['2026-03-15T23:00', '2026-03-16T02:00'])]));
    expect(show(late.best?.start)).toBe('Sun 2026-03-15T23:00');
    expect(late.runners_up.map((c) => show(c.start))).toEqual(['Sun 2026-03-15T23:30']); // 23:30–00:00 is the last fit
  });

  it('starts on the owner grid even when availability starts off it', () => {
    const result = findBestSlot(input([lead(['2026-03-10T09:10', '2026-03-10T10:00'])]));
    expect(show(result.best?.start)).toBe('Tue 2026-03-10T09:15');
    expect(result.runners_up).toEqual([]); // 09:30–10:00 overlaps the winner
  });

  it('joins overlapping and unsorted intervals of one lead before fitting', () => {
    const result = findBestSlot(
      input([lead(['2026-03-10T10:00', '2026-03-10T10:45'], ['2026-03-10T09:45', '2026-03-10T10:15'])], { duration_minutes: 60 }),
    );
    expect(show(result.best?.start)).toBe('Tue 2026-03-10T09:45');
  });

  it('picks runners-up that overlap neither the winner nor each other', () => {
    const span: [string, string] = ['2026-03-10T09:00', '2026-03-10T12:00'];
    const result = findBestSlot(input([lead(span), lead(span)], { duration_minutes: 60 }));
    const chosen = [result.best, ...result.runners_up].map((c) => show(c?.start));
    expect(chosen).toEqual(['Tue 2026-03-10T09:00', 'Tue 2026-03-10T10:00', 'Tue 2026-03-10T11:00']);
    expect(result.reasons.filter((r) => r.startsWith('runner-up'))).toEqual([
      'runner-up Tue 10 Mar 10:00: equally good but later',
      'runner-up Tue 10 Mar 11:00: equally good but later',
    ]);
  });

  it('rejects impossible input with the field names', () => {
    expect(() => findBestSlot(input([], { duration_minutes: 0 }))).toThrow(/duration_minutes/);
    expect(() => findBestSlot(input([], { window_end: at('2026-03-01T00:00') }))).toThrow(/window_end/);
    expect(() => findBestSlot(input([], { timezone: 'Nowhere/Land' }))).toThrow(/Nowhere\/Land/);
  });
});

describe('findBestSlot across DST changes', () => {
  const ny = 'America/New_York';
  const nyLead = (from: string, to: string): OptimizerLead => ({
    lead_id: 1,
    name: 'Ny',
    timezone: ny,
    intervals: [{ start: at(from, ny), end: at(to, ny) }],
  });
  const nyInput = (leads: OptimizerLead[], duration: number, day: string): OptimizerInput =>
    input(leads, { timezone: ny, window_start: at(`${day}T00:00`, ny), window_end: at(`${day}T12:00`, ny), duration_minutes: duration });

  it('measures a meeting across spring-forward in real minutes (New York, 8 Mar 2026)', () => {
    // 01:00 EST to 03:30 EDT is 90 minutes, not 150.
    const leads = [nyLead('2026-03-08T01:00', '2026-03-08T03:30')];
    const fits = findBestSlot(nyInput(leads, 90, '2026-03-08'));
    expect(DateTime.fromMillis(fits.best?.start ?? 0, { zone: ny }).toISO()).toBe('2026-03-08T01:00:00.000-05:00');
    expect(DateTime.fromMillis(fits.best?.end ?? 0, { zone: ny }).toISO()).toBe('2026-03-08T03:30:00.000-04:00');
    expect(findBestSlot(nyInput(leads, 120, '2026-03-08')).best).toBeNull();
  });

  it('judges preferred hours by the wall clock at both ends of a meeting across the change', () => {
    // 01:45 EST + 50 minutes ends at 03:35 EDT: outside 01:30–03:00 although only 50 minutes pass.
    const leads = [nyLead('2026-03-08T01:45', '2026-03-08T03:35')];
    const soft = { days_of_week: [], time_of_day: [], time_ranges: [{ start: '01:30', end: '03:00' }] };
    const result = findBestSlot({ ...nyInput(leads, 50, '2026-03-08'), soft });
    expect(DateTime.fromMillis(result.best?.start ?? 0, { zone: ny }).toISO()).toBe('2026-03-08T01:45:00.000-05:00');
    expect(result.best?.soft_matches).toEqual([]);
    const wider = findBestSlot({ ...nyInput(leads, 50, '2026-03-08'), soft: { ...soft, time_ranges: [{ start: '01:30', end: '03:35' }] } });
    expect(wider.best?.soft_matches).toEqual(['preferred time 01:30–03:35']);
  });

  it('keeps slots on local quarter hours after fall-back (New York, 1 Nov 2026)', () => {
    const leads = [nyLead('2026-11-01T01:40-04:00', '2026-11-01T03:00')];
    const result = findBestSlot(nyInput(leads, 60, '2026-11-01'));
    const starts = [result.best, ...result.runners_up].map((c) => DateTime.fromMillis(c?.start ?? 0, { zone: ny }).toISO());
    expect(starts).toEqual(['2026-11-01T01:45:00.000-04:00', '2026-11-01T01:45:00.000-05:00']);
  });

  it.each([
    ['Europe/London', '2026-03-29', '2026-03-29T06:00:00Z', '2026-03-29T07:00:00Z'],
    ['Europe/London', '2026-10-25', '2026-10-25T06:00:00Z', '2026-10-25T08:00:00Z'],
    ['Australia/Sydney', '2026-04-05', '2026-04-04T20:00:00Z', '2026-04-04T22:00:00Z'],
    ['Australia/Sydney', '2026-10-04', '2026-10-03T20:00:00Z', '2026-10-03T21:00:00Z'],
    ['Asia/Jerusalem', '2026-03-27', '2026-03-27T04:00:00Z', '2026-03-27T05:00:00Z'],
    ['Asia/Jerusalem', '2026-10-25', '2026-10-25T05:00:00Z', '2026-10-25T06:00:00Z'],
  ])('reads "morning" on the post-change clock in %s on %s', (zone, day, freeFrom, expected) => {
    const leads: OptimizerLead[] = [
      { lead_id: 7, name: 'A', timezone: zone, intervals: [{ start: Date.parse(freeFrom), end: Date.parse(freeFrom) + 4 * 3_600_000 }] },
    ];
    const result = findBestSlot(
      input(leads, {
        timezone: zone,
        window_start: at(`${day}T00:00`, zone),
        window_end: at(`${day}T23:00`, zone),
        duration_minutes: 60,
        soft: { days_of_week: [], time_of_day: ['morning'], time_ranges: [] },
      }),
    );
    expect(new Date(result.best?.start ?? 0).toISOString()).toBe(new Date(expected).toISOString());
    expect(DateTime.fromMillis(result.best?.start ?? 0, { zone }).hour).toBe(8);
  });

  it('excludes a Sunday in Sydney that is still Saturday in UTC', () => {
    const sydney = 'Australia/Sydney';
    const leads: OptimizerLead[] = [
      {
        lead_id: 1,
        name: 'A',
        timezone: sydney,
        intervals: [{ start: Date.parse('2026-04-04T20:00:00Z'), end: Date.parse('2026-04-04T21:00:00Z') }],
      },
    ];
    const base = input(leads, {
      timezone: sydney,
      window_start: at('2026-04-04T00:00', sydney),
      window_end: at('2026-04-06T00:00', sydney),
    });
    expect(findBestSlot(base).best).not.toBeNull();
    expect(findBestSlot({ ...base, excluded_days: ['sun'] }).best).toBeNull();
    expect(findBestSlot({ ...base, excluded_days: ['sat'] }).best).not.toBeNull();
  });
});

describe('findBestSlot agrees with a slot-by-slot check', () => {
  it('on random data over a window with a DST change', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const zone = 'America/New_York';
    const windowStart = at('2026-03-02T00:00', zone);
    const windowEnd = at('2026-03-16T00:00', zone);
    for (let round = 0; round < 12; round++) {
      const leads: OptimizerLead[] = Array.from({ length: 30 }, (_, i) => ({
        lead_id: i,
        name: `L${i}`,
        timezone: zone,
        intervals: Array.from({ length: 4 }, () => {
          const start = windowStart + Math.floor(random() * 14 * 96) * 900_000 + Math.floor(random() * 900_000);
          return { start, end: start + Math.floor(1 + random() * 16) * 900_000 };
        }),
      }));
      const soft = { days_of_week: ['tue' as const, 'thu' as const], time_of_day: ['afternoon' as const], time_ranges: [] };
      const req = input(leads, {
        timezone: zone,
        window_start: windowStart,
        window_end: windowEnd,
        duration_minutes: 45,
        max_bookings: 4,
        excluded_days: ['sat'],
        soft,
      });
      const fast = findBestSlot(req);

      const z = resolveZone(zone);
      const merged = leads.map((l) => mergeIntervals(l.intervals));
      let best: { start: number; booked: number; score: number } | null = null;
      for (let s = windowStart; s + 45 * 60_000 <= windowEnd; s += 900_000) {
        if (getLocalDayOfWeek(s, z) === 'sat') continue;
        const count = merged.filter((m) => coversSpan(m, s, s + 45 * 60_000)).length;
        if (count === 0) continue;
        const booked = Math.min(count, 4);
        const score = scoreSlot(s, s + 45 * 60_000, z, soft).score;
        if (!best || booked > best.booked || (booked === best.booked && score > best.score)) best = { start: s, booked, score };
      }
      expect(fast.best?.start).toBe(best?.start);
    }
  });
});
