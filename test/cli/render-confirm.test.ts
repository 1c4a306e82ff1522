import { beforeEach, describe, expect, it } from 'vitest';
import type { ConfirmationView } from '../../src/cli/render/confirm.js';
import { formatSlotInZone, renderConfirmation } from '../../src/cli/render/confirm.js';
import { renderConfirmResult } from '../../src/cli/render/confirm-result.js';
import { setDateDisplay } from '../../src/cli/render/dates.js';
import type { ConfirmResult } from '../../src/services/confirm.js';

const start = Date.parse('2026-03-10T07:00:00Z');
const hour = 3_600_000;

// The year is shown only when it is not the current one: the tests fix "now" in 2026.
beforeEach(() => setDateDisplay({ now: '2026-03-05T12:00:00Z', zone: null }));

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
    expect(out).toContain('Slot: Tue 10 Mar, 09:00–09:30 GMT+2');
    expect(out).toContain('Ann Lee  Tue 10 Mar, 03:00–03:30 EDT');
    expect(out).toContain('Bo Chen  Tue 10 Mar, 18:00–18:30 GMT+11');
    expect(out.indexOf('Bo Chen')).toBeLessThan(out.indexOf('Ann Lee')); // booking order
    expect(out).toContain('Attendees (2 booked, 3 could attend)');
  });

  it('lists reasons and runners-up', () => {
    const out = renderConfirmation(view());
    expect(out).toContain('  - 3 of 4 leads can attend (the most of any slot)');
    expect(out).toContain('Tue 10 Mar, 10:00–10:30 GMT+2 · 1 can attend · morning');
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
    expect(formatSlotInZone(s, s + hour, 'America/New_York')).toBe('Sun 8 Mar, 01:30 EST–03:30 EDT');
  });

  it('dates the end when it falls on the next local day, and prints half-hour offsets', () => {
    const s = Date.parse('2026-03-10T18:00:00Z');
    expect(formatSlotInZone(s, s + hour, 'Asia/Kolkata')).toBe('Tue 10 Mar, 23:30–Wed 11 Mar, 00:30 GMT+5:30');
    expect(formatSlotInZone(s, s + hour, 'Europe/London')).toBe('Tue 10 Mar, 18:00–19:00 GMT');
  });
});

describe('renderConfirmResult', () => {
  const slot = (start: string, end: string) => ({ start, end });
  const attendee = (lead_id: number, name: string, timezone: string, s: string, e: string) => ({
    lead_id,
    name,
    email: null,
    phone: `+1555000000${lead_id}`,
    timezone,
    local_slot: slot(s, e),
  });
  const result = (overrides: Partial<ConfirmResult> = {}): ConfirmResult => ({
    meeting_request_id: 4,
    title: 'Intro call',
    timezone: 'America/New_York',
    duration_minutes: 30,
    mode: 'one_on_one',
    status: 'confirmed',
    slot: null,
    attendees: [],
    bookings: [
      {
        id: 7,
        uid: 'booking-7@callbook',
        slot: slot('2026-03-10T09:00:00.000-04:00', '2026-03-10T09:30:00.000-04:00'),
        attendees: [attendee(1, 'Ann', 'Europe/London', '2026-03-10T13:00:00.000+00:00', '2026-03-10T13:30:00.000+00:00')],
      },
      {
        id: 8,
        uid: 'booking-8@callbook',
        slot: slot('2026-03-10T10:00:00.000-04:00', '2026-03-10T10:30:00.000-04:00'),
        attendees: [attendee(2, 'Bo', 'Asia/Jerusalem', '2026-03-10T16:00:00.000+02:00', '2026-03-10T16:30:00.000+02:00')],
      },
    ],
    runners_up: [],
    reasons: ['2 separate meetings booked, one lead each', 'runner-up Tue 10 Mar 11:00 EDT: it overlaps the booking at 10:00'],
    soft_matches: [],
    unreached_leads: { count: 1, leads: [{ lead_id: 3, name: 'Cy', state: 'pending' }] },
    warnings: [],
    explanation: null,
    dry_run: false,
    already_confirmed: false,
    ...overrides,
  });

  it("shows each booking in the owner's zone and each attendee's own", () => {
    const out = renderConfirmResult(result());
    expect(out).toContain('Confirmed meeting 4 "Intro call" (one-on-one, 30 min): 2 bookings');
    expect(out).toContain('  booking 7: Tue 10 Mar, 09:00–09:30 EDT');
    expect(out).toContain('    - Ann (+15550000001): Tue 10 Mar, 13:00–13:30 GMT');
    expect(out).toContain('    - Bo (+15550000002): Tue 10 Mar, 16:00–16:30 GMT+2');
  });

  it('warns about unreached leads and prints each runner-up once', () => {
    const out = renderConfirmResult(result());
    expect(out).toContain('warning: 1 lead has not been reached yet: Cy (pending)');
    expect(out.split('Tue 10 Mar 11:00 EDT')).toHaveLength(2);
    expect(out).toContain('  runners-up:\n    - Tue 10 Mar 11:00 EDT: it overlaps the booking at 10:00');
    expect(renderConfirmResult(result({ unreached_leads: { count: 0, leads: [] } }))).not.toContain('warning');
  });
});
