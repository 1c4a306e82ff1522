import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { NO_RULES, type OwnerRules } from '../../../src/domain/booking/hard-constraints.js';
import type { OptimizerInput, OptimizerLead } from '../../../src/domain/booking/slot-analysis.js';
import { findBestSlot } from '../../../src/domain/optimizer.js';

const ZONE = 'America/New_York';
const at = (local: string) => DateTime.fromISO(`2026-03-${local}`, { zone: ZONE }).toMillis();
const HOURS: OwnerRules = {
  ...NO_RULES,
  working_hours: [{ start: '09:00', end: '17:00' }],
  working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
};

let nextId = 1;
const free = (...spans: [string, string][]): OptimizerLead => {
  const id = nextId++;
  return { lead_id: id, name: `Lead ${id}`, timezone: ZONE, intervals: spans.map(([s, e]) => ({ start: at(s), end: at(e) })) };
};
const many = (n: number, ...spans: [string, string][]) => Array.from({ length: n }, () => free(...spans));

function input(leads: OptimizerLead[], overrides: Partial<OptimizerInput> = {}): OptimizerInput {
  return {
    window_start: at('09T00:00'),
    window_end: at('14T00:00'),
    timezone: ZONE,
    duration_minutes: 30,
    max_bookings: 9,
    grid_minutes: 15,
    excluded_days: [],
    soft: { days_of_week: [], time_of_day: [], time_ranges: [] },
    leads,
    runners_up: 2,
    rules: HOURS,
    ...overrides,
  };
}

describe('group reasons are checkable facts', () => {
  it('states the count with its cap: "31 of 163 leads can attend; the cap is 9 bookings"', () => {
    const leads = [...many(31, ['10T10:00', '10T10:30']), ...many(132, ['11T14:00', '11T14:30'])].slice(0, 163);
    // 132 are free Wed 14:00 too, but under the cap both slots book 9, so the earlier wins.
    const fewer = findBestSlot(input(leads));
    expect(fewer.reasons[0]).toBe(
      '31 of 163 leads can attend; the cap is 9 bookings, so the first 9 to respond are booked (132 can attend another slot, no better under the cap)',
    );
    const wed = findBestSlot(input(leads, { soft: { days_of_week: ['wed'], time_of_day: [], time_ranges: [] } }));
    expect(wed.reasons[0]).toBe(
      '132 of 163 leads can attend (the most of any slot); the cap is 9 bookings, so the first 9 to respond are booked',
    );
    expect(fewer.best?.attendee_ids).toEqual(leads.slice(0, 9).map((l) => l.lead_id));
  });

  it('never says "the most" when another slot has more leads free, and says the cap made them equal', () => {
    const leads = [...many(9, ['10T10:00', '10T10:30'], ['11T14:00', '11T14:30']), ...many(22, ['11T14:00', '11T14:30'])];
    const r = findBestSlot(input(leads, { soft: { days_of_week: ['tue'], time_of_day: [], time_ranges: [] } }));
    expect(r.reasons[0]).toBe('9 of 31 leads can attend, which fills the cap of 9 bookings (up to 31 can attend another slot)');
    expect(r.reasons.join('\n')).not.toContain('the most');
  });

  it('gets singular and plural right', () => {
    const r = findBestSlot(input([free(['10T10:00', '10T10:30'])], { max_bookings: 1 }));
    expect(r.reasons[0]).toBe('1 of 1 lead can attend (the most of any slot)');
    const two = findBestSlot(input(many(2, ['10T10:00', '10T10:30']), { max_bookings: 1 }));
    expect(two.reasons[0]).toBe(
      '2 of 2 leads can attend (the most of any slot); the cap is 1 booking, so only the first to respond is booked',
    );
  });

  it('names the runner-up and why it lost', () => {
    const leads = [...many(2, ['10T10:00', '10T11:00']), free(['10T10:00', '10T10:30'])];
    const r = findBestSlot(input(leads));
    expect(r.reasons).toContain('runner-up Tue 10 Mar 10:30: fewer can attend (2 vs 3)');
  });

  it('names the constraint behind a better-attended time that was removed', () => {
    const dentist = { start: at('10T14:00'), end: at('10T15:00'), source: 'work.ics', summary: 'Dentist' };
    const leads = [...many(4, ['10T14:00', '10T14:30']), free(['10T10:00', '10T10:30'])];
    const r = findBestSlot(input(leads, { rules: { ...HOURS, busy: [dentist] } }));
    expect(r.reasons).toContain('4 leads are free Tue 10 Mar 14:00 EDT, but it is busy "Dentist"');
    const late = findBestSlot(input([...many(3, ['10T23:00', '10T23:30']), free(['10T10:00', '10T10:30'])]));
    expect(late.reasons).toContain('3 leads are free Tue 10 Mar 23:00 EDT, but it is outside working hours 09:00–17:00');
  });

  it('when nothing fits, says what would, naming notice, excluded days and buffers', () => {
    const evening = findBestSlot(input(many(2, ['11T18:00', '11T19:00'])));
    expect(evening.best).toBeNull();
    expect(evening.reasons).toEqual(['2 leads are free Wed 11 Mar 18:00 EDT, outside working hours 09:00–17:00']);

    const soon = findBestSlot(
      input([free(['09T12:00', '09T12:30'])], { rules: { ...HOURS, now: at('09T11:00'), min_notice_minutes: 120 } }),
    );
    expect(soon.reasons).toEqual([
      '1 lead is free Mon 9 Mar 12:00 EDT, less than the minimum notice of 2 h (earliest start Mon 9 Mar 13:00 EDT)',
    ]);

    const excluded = findBestSlot(input([free(['13T10:00', '13T10:30'])], { excluded_days: ['fri'] }));
    expect(excluded.reasons).toEqual(['1 lead is free Fri 13 Mar 10:00 EDT, on an excluded day (fri; excluded: fri)']);

    const call = { start: at('10T10:00'), end: at('10T10:30'), source: 'callbook', summary: 'Demo (booking 4)' };
    const buffered = findBestSlot(input([free(['10T10:30', '10T11:00'])], { rules: { ...HOURS, busy: [call], buffer_minutes: 10 } }));
    expect(buffered.reasons).toEqual(['1 lead is free Tue 10 Mar 10:30 EDT, inside the 10 min buffer around busy "Demo (booking 4)"']);
  });
});

describe('--explain in group mode', () => {
  const leads = [...many(3, ['10T10:00', '10T11:00']), free(['10T10:30', '10T11:00']), ...many(5, ['10T20:00', '10T21:00'])];
  const explain = (local: string) => findBestSlot(input(leads, { explain_start: at(local) })).explanation;

  it('names the hard constraint, or compares with the chosen slot', () => {
    expect(explain('10T20:00')).toBe('Tue 10 Mar 20:00 EDT is not possible: outside working hours 09:00–17:00 (5 leads are free then)');
    expect(explain('10T10:00')).toBe('Tue 10 Mar 10:00 EDT was not chosen: 3 can attend versus 4 at the chosen Tue 10 Mar 10:30 EDT');
    expect(explain('10T10:30')).toBe('Tue 10 Mar 10:30 EDT is the chosen slot (4 leads are free)');
    expect(explain('10T12:00')).toBe('Tue 10 Mar 12:00 EDT is allowed, but none of the 9 leads is free for all 30 minutes');
    expect(explain('10T10:07')).toBe('Tue 10 Mar 10:07 EDT is not on the 15-minute grid of start times');
    expect(explain('20T10:00')).toMatch(/^Fri 20 Mar 10:00 EDT is outside the meeting's window/);
  });
});
