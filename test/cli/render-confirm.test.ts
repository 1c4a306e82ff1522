import { describe, expect, it } from 'vitest';
import type { ConfirmationView } from '../../src/cli/render/confirm.js';
import { formatSlotInZone, renderConfirmation } from '../../src/cli/render/confirm.js';

const start = Date.parse('2026-03-10T07:00:00Z');
const hour = 3_600_000;

function view(overrides: Partial<ConfirmationView> = {}): ConfirmationView {
  return {
    title: 'Quarterly review',
    owner_timezone: 'Asia/Jerusalem',
    duration_minutes: 30,
    best: { start, end: start + hour / 2, attendee_ids: [2, 1], available_count: 3, soft_score: 1, soft_matches: ['morning'] },
    runners_up: [
      { start: start + hour, end: start + 1.5 * hour, attendee_ids: [1], available_count: 1, soft_score: 1, soft_matches: ['morning'] },
    ],
    reasons: ['3 of 4 leads can attend (the most of any slot)', 'matches morning'],
    attendees: [
      { lead_id: 1, name: 'Ann Lee', timezone: 'America/New_York' },
      { lead_id: 2, name: 'Bo Chen', timezone: 'Australia/Sydney' },
    ],
    dry_run: false,
    ...overrides,
  };
}

describe('renderConfirmation', () => {
  it('shows the slot in the owner zone and in each attendee zone', () => {
    const out = renderConfirmation(view());
    expect(out).toContain('Confirmed "Quarterly review" (30 min).');
    expect(out).toContain('Slot: Tue 10 Mar 2026, 09:00–09:30 GMT+2 (Asia/Jerusalem)');
    expect(out).toContain('Ann Lee  Tue 10 Mar 2026, 03:00–03:30 GMT-4 (America/New_York)');
    expect(out).toContain('Bo Chen  Tue 10 Mar 2026, 18:00–18:30 GMT+11 (Australia/Sydney)');
    expect(out.indexOf('Bo Chen')).toBeLessThan(out.indexOf('Ann Lee')); // booking order
    expect(out).toContain('Attendees (2 booked, 3 could attend)');
  });

  it('lists reasons and runners-up', () => {
    const out = renderConfirmation(view());
    expect(out).toContain('  - 3 of 4 leads can attend (the most of any slot)');
    expect(out).toContain('Tue 10 Mar 2026, 10:00–10:30 GMT+2 (Asia/Jerusalem) · 1 can attend · morning');
  });

  it('says a dry run booked nothing', () => {
    expect(renderConfirmation(view({ dry_run: true }))).toMatch(/^Dry run for "Quarterly review" \(30 min\): nothing was booked\./);
  });

  it('explains when there is no slot', () => {
    const out = renderConfirmation(view({ best: null, runners_up: [], reasons: ['none of the 4 leads is free for 30 minutes'] }));
    expect(out).toBe('No slot found for "Quarterly review" (30 min).\n  - none of the 4 leads is free for 30 minutes');
  });
});

describe('formatSlotInZone', () => {
  it('shows both offsets when DST changes during the meeting', () => {
    const s = Date.parse('2026-03-08T06:30:00Z');
    expect(formatSlotInZone(s, s + hour, 'America/New_York')).toBe('Sun 8 Mar 2026, 01:30 GMT-5–03:30 GMT-4 (America/New_York)');
  });

  it('dates the end when it falls on the next local day, and prints half-hour offsets', () => {
    const s = Date.parse('2026-03-10T18:00:00Z');
    expect(formatSlotInZone(s, s + hour, 'Asia/Kolkata')).toBe('Tue 10 Mar 2026, 23:30–Wed 11 Mar 00:30 GMT+5:30 (Asia/Kolkata)');
    expect(formatSlotInZone(s, s + hour, 'Europe/London')).toBe('Tue 10 Mar 2026, 18:00–19:00 GMT (Europe/London)');
  });
});
