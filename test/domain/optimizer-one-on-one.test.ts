import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { NO_RULES } from '../../src/domain/booking/hard-constraints.js';
import { findOneOnOneBookings } from '../../src/domain/booking/one-on-one.js';
import type { OptimizerInput, OptimizerLead } from '../../src/domain/booking/slot-analysis.js';
import { coversSpan, mergeIntervals, resolveZone } from '../../src/domain/slots.js';
import { scoreSlot } from '../../src/domain/soft-score.js';

const ZONE = 'America/New_York';
const at = (local: string) => DateTime.fromISO(`2026-03-10T${local}`, { zone: ZONE }).toMillis();
const show = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('HH:mm');
const Q = 900_000;
const DAY_START = at('09:00');

function input(leads: OptimizerLead[], overrides: Partial<OptimizerInput> = {}): OptimizerInput {
  return {
    window_start: DAY_START,
    window_end: at('13:00'),
    timezone: ZONE,
    duration_minutes: 60,
    max_bookings: 5,
    grid_minutes: 15,
    excluded_days: [],
    soft: { days_of_week: [], time_of_day: [], time_ranges: [] },
    leads,
    runners_up: 2,
    rules: { ...NO_RULES, working_hours: [{ start: '09:00', end: '17:00' }] },
    ...overrides,
  };
}

const lead = (id: number, ...spans: [string, string][]): OptimizerLead => ({
  lead_id: id,
  name: `Lead ${id}`,
  timezone: ZONE,
  intervals: spans.map(([s, e]) => ({ start: at(s), end: at(e) })),
});

/** What a person would do by hand: each lead in response order takes the earliest free start. */
function firstComeGreedy(req: OptimizerInput): number {
  const d = req.duration_minutes * 60_000;
  const taken: number[] = [];
  for (const l of req.leads) {
    const merged = mergeIntervals(l.intervals);
    for (let s = req.window_start; s + d <= req.window_end; s += Q) {
      if (coversSpan(merged, s, s + d) && taken.every((t) => Math.abs(t - s) >= d)) {
        taken.push(s);
        break;
      }
    }
    if (taken.length === req.max_bookings) break;
  }
  return taken.length;
}

/** Every set of pairwise compatible starts, every assignment: (count, score, −sum of starts), best. */
function bruteForce(req: OptimizerInput): [number, number, number] {
  const zone = resolveZone(req.timezone);
  const d = req.duration_minutes * 60_000;
  const gap = d + (req.rules?.buffer_minutes ?? 0) * 60_000;
  const merged = req.leads.map((l) => mergeIntervals(l.intervals));
  const starts: { s: number; score: number; leads: number[] }[] = [];
  for (let s = req.window_start; s + d <= req.window_end; s += Q) {
    const leads = merged.flatMap((m, i) => (coversSpan(m, s, s + d) ? [i] : []));
    if (leads.length > 0) starts.push({ s, score: scoreSlot(s, s + d, zone, req.soft).score, leads });
  }
  let best: [number, number, number] = [0, 0, 0];
  const better = (x: [number, number, number]) =>
    x[0] > best[0] || (x[0] === best[0] && (x[1] > best[1] || (x[1] === best[1] && x[2] > best[2])));
  const assignable = (chosen: number[], k: number, used: Set<number>): boolean => {
    if (k === chosen.length) return true;
    for (const l of starts[chosen[k] as number]?.leads ?? []) {
      if (used.has(l)) continue;
      used.add(l);
      if (assignable(chosen, k + 1, used)) return true;
      used.delete(l);
    }
    return false;
  };
  const walk = (from: number, chosen: number[]) => {
    if (chosen.length > 0 && assignable(chosen, 0, new Set())) {
      const value: [number, number, number] = [
        chosen.length,
        chosen.reduce((sum, j) => sum + (starts[j]?.score ?? 0), 0),
        0 - chosen.reduce((sum, j) => sum + ((starts[j]?.s ?? 0) - DAY_START) / Q, 0),
      ];
      if (better(value)) best = value;
    }
    if (chosen.length === req.max_bookings) return;
    for (let j = from; j < starts.length; j++) {
      const last = chosen[chosen.length - 1];
      if (last !== undefined && (starts[j]?.s ?? 0) - (starts[last]?.s ?? 0) < gap) continue;
      walk(j + 1, [...chosen, j]);
    }
  };
  walk(0, []);
  return best;
}

describe('one-on-one bookings', () => {
  it('books two leads where a first-come greedy pick books one', () => {
    // Ana answered first and is free all morning; Ben only 09:30–10:30. Greedy gives Ana 09:00,
    // which leaves no room for Ben; the solver moves Ana to 10:30.
    const req = input([lead(1, ['09:00', '12:00']), lead(2, ['09:30', '10:30'])]);
    expect(firstComeGreedy(req)).toBe(1);
    const result = findOneOnOneBookings(req);
    expect(result.bookings.map((b) => [show(b.start), b.lead_id])).toEqual([
      ['09:30', 2],
      ['10:30', 1],
    ]);
    expect(result.exact).toBe(true);
    expect(result.reasons[0]).toBe(
      '2 separate meetings booked, one lead each; 2 of 2 leads can attend at least one allowed time; the cap is 5 bookings',
    );
    expect(result.reasons[1]).toBe('every lead who can attend an allowed time is booked');
    const explained = findOneOnOneBookings({ ...req, explain_start: at('09:00') }).explanation;
    expect(explained).toBe('Tue 10 Mar 09:00 EDT was not chosen: it overlaps the booking at Tue 10 Mar 09:30 EDT with Lead 2');
  });

  it('explains a start whose only lead is booked at another time', () => {
    const req = input([lead(1, ['09:00', '10:00'], ['11:00', '12:00'])], { explain_start: at('11:00') });
    const result = findOneOnOneBookings(req);
    expect(result.bookings.map((b) => show(b.start))).toEqual(['09:00']);
    expect(result.explanation).toBe('Tue 10 Mar 11:00 EDT was not chosen: the only lead free then, Lead 1, is booked at another time');
    expect(result.reasons).toContain('runner-up Tue 10 Mar 11:00 EDT: the only lead free then, Lead 1, is booked at another time');
  });

  it('keeps the buffer between meetings and says why a start was not chosen', () => {
    const req = input([lead(1, ['09:00', '13:00']), lead(2, ['09:00', '13:00'])], {
      rules: { ...NO_RULES, buffer_minutes: 15 },
      max_bookings: 2,
      explain_start: at('10:00'),
    });
    const result = findOneOnOneBookings(req);
    expect(result.bookings.map((b) => show(b.start))).toEqual(['09:00', '10:15']);
    expect(result.explanation).toBe(
      'Tue 10 Mar 10:00 EDT was not chosen: it is inside the 15 min buffer of the booking at Tue 10 Mar 09:00 EDT with Lead 1',
    );
    expect(result.reasons).toContain('meetings are at least 15 min apart (the buffer)');
  });

  it('prefers the preference score once the count is settled, then earlier times', () => {
    const soft = { days_of_week: [], time_of_day: [], time_ranges: [{ start: '11:00', end: '13:00' }] };
    const result = findOneOnOneBookings(input([lead(1, ['09:00', '13:00'])], { soft }));
    expect(result.bookings.map((b) => show(b.start))).toEqual(['11:00']);
    expect(result.bookings[0]?.soft_matches).toEqual(['preferred time 11:00–13:00']);
  });

  it('is exactly optimal against brute force on random small cases', () => {
    const span = fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 2, max: 10 }));
    const arbitrary = fc.record({
      leads: fc.array(fc.array(span, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
      duration: fc.constantFrom(30, 45, 60),
      buffer: fc.constantFrom(0, 15),
      max: fc.integer({ min: 1, max: 4 }),
      preferLate: fc.boolean(),
    });
    fc.assert(
      fc.property(arbitrary, (c) => {
        const leads = c.leads.map((spans, i) => ({
          lead_id: i + 1,
          name: `L${i + 1}`,
          timezone: ZONE,
          intervals: spans.map(([from, len]) => ({ start: DAY_START + from * Q, end: DAY_START + (from + len) * Q })),
        }));
        const req = input(leads, {
          duration_minutes: c.duration,
          max_bookings: c.max,
          rules: { ...NO_RULES, buffer_minutes: c.buffer },
          soft: { days_of_week: [], time_of_day: [], time_ranges: c.preferLate ? [{ start: '10:30', end: '13:00' }] : [] },
        });
        const result = findOneOnOneBookings(req);
        const d = c.duration * 60_000;
        // Valid: distinct leads who can attend, no two meetings closer than duration + buffer.
        const ids = result.bookings.map((b) => b.lead_id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const b of result.bookings) {
          expect(coversSpan(mergeIntervals(leads[b.lead_id - 1]?.intervals ?? []), b.start, b.end)).toBe(true);
        }
        for (let i = 1; i < result.bookings.length; i++) {
          expect((result.bookings[i]?.start ?? 0) - (result.bookings[i - 1]?.start ?? 0)).toBeGreaterThanOrEqual(d + c.buffer * 60_000);
        }
        const value: [number, number, number] = [
          result.bookings.length,
          result.bookings.reduce((sum, b) => sum + b.soft_score, 0),
          0 - result.bookings.reduce((sum, b) => sum + (b.start - DAY_START) / Q, 0),
        ];
        expect(result.exact).toBe(true);
        expect(value).toEqual(bruteForce(req));
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('reports an upper bound instead of claiming optimality when the search is cut short', () => {
    const leads = [lead(1, ['09:00', '10:00']), lead(2, ['09:00', '10:00']), lead(3, ['09:00', '13:00'])];
    const result = findOneOnOneBookings(input(leads), { nodeLimit: 0 });
    expect(result.exact).toBe(false);
    expect(result.upper_bound).toBeGreaterThanOrEqual(result.bookings.length);
    expect(result.reasons[1]).toMatch(/^the search stopped at its step limit: at most \d+ meetings are possible and \d+ were booked$/);
  });
});
