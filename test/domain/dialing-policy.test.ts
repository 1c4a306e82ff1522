import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { evaluateLead, isInsideCallingHours, type PolicyLead } from '../../src/domain/dialing-policy.js';

const HOURS = { start: 9 * 60, end: 20 * 60 };
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

describe('isInsideCallingHours', () => {
  it.each([
    // America/New_York springs forward on 2026-03-08: 13:00 UTC is 08:00 EST the day before, 09:00 EDT that day.
    ['2026-03-07T13:59:00Z', 'America/New_York', false],
    ['2026-03-07T14:00:00Z', 'America/New_York', true],
    ['2026-03-08T12:59:00Z', 'America/New_York', false],
    ['2026-03-08T13:00:00Z', 'America/New_York', true],
    ['2026-03-08T23:59:00Z', 'America/New_York', true],
    ['2026-03-09T00:00:00Z', 'America/New_York', false],
    // Europe/London starts BST on 2026-03-29: 08:00 UTC is 08:00 GMT the day before, 09:00 BST that day.
    ['2026-03-28T08:00:00Z', 'Europe/London', false],
    ['2026-03-28T09:00:00Z', 'Europe/London', true],
    ['2026-03-29T07:59:00Z', 'Europe/London', false],
    ['2026-03-29T08:00:00Z', 'Europe/London', true],
    ['2026-03-29T18:59:00Z', 'Europe/London', true],
    ['2026-03-29T19:00:00Z', 'Europe/London', false],
    // Australia/Sydney leaves daylight time on 2026-04-05 (UTC+11 → UTC+10).
    ['2026-04-03T21:59:00Z', 'Australia/Sydney', false],
    ['2026-04-03T22:00:00Z', 'Australia/Sydney', true],
    ['2026-04-04T22:59:00Z', 'Australia/Sydney', false],
    ['2026-04-04T23:00:00Z', 'Australia/Sydney', true],
    ['2026-04-05T09:59:00Z', 'Australia/Sydney', true],
    ['2026-04-05T10:00:00Z', 'Australia/Sydney', false],
  ])('%s in %s → %s', (iso, zone, inside) => {
    expect(isInsideCallingHours(at(iso), zone, HOURS)).toBe(inside);
  });

  it('treats 09:00 and 19:59 as inside, 08:59 and 20:00 as outside (local minutes)', () => {
    const local = (hhmm: string) => DateTime.fromISO(`2026-03-10T${hhmm}`, { zone: 'America/Chicago' });
    expect(isInsideCallingHours(local('08:59'), 'America/Chicago', HOURS)).toBe(false);
    expect(isInsideCallingHours(local('09:00'), 'America/Chicago', HOURS)).toBe(true);
    expect(isInsideCallingHours(local('19:59'), 'America/Chicago', HOURS)).toBe(true);
    expect(isInsideCallingHours(local('20:00'), 'America/Chicago', HOURS)).toBe(false);
  });

  it('refuses an unknown zone rather than guessing', () => {
    expect(isInsideCallingHours(at('2026-03-10T15:00:00Z'), 'Mars/Olympus', HOURS)).toBe(false);
  });
});

describe('evaluateLead', () => {
  const now = at('2026-03-10T15:00:00Z'); // 11:00 in New York, 08:00 in Los Angeles
  const meeting = { status: 'open', window_end: '2026-03-20T04:00:00.000Z' };
  const REAL = '2026-12-01T09:00:00.000Z'; // leases are judged on the real clock, never on `now`
  const rules = {
    callingHours: HOURS,
    maxAttempts: 3,
    lease: { realNow: REAL, leaseMs: 10 * 60_000 },
    minHoursBetweenCalls: 24,
    requireConsent: true,
  };
  const lead = (patch: Partial<PolicyLead> = {}): PolicyLead => ({
    state: 'pending',
    attempts: 0,
    next_attempt_at: null,
    timezone: 'America/New_York',
    claim_token: null,
    claimed_at: null,
    outcome_detail: null,
    lease_expires_at: null,
    lease_beat: 0,
    lease_seen_beat: null,
    lease_seen_at: null,
    dialing_call_id: null,
    consent_source: 'web form',
    consent_at: '2026-02-01',
    on_do_not_call: false,
    called_elsewhere: false,
    ...patch,
  });
  const reason = (l: PolicyLead, m = meeting, r: typeof rules & { ignoreRetryDelay?: boolean } = rules) => {
    const d = evaluateLead(l, { now, meeting: m, rules: r });
    return d.eligible ? 'eligible' : d.reason;
  };

  it('passes a due lead with the checks it passed and its local time', () => {
    const d = evaluateLead(lead(), { now, meeting, rules });
    expect(d).toMatchObject({ eligible: true, local_time: '2026-03-10T11:00 America/New_York' });
    if (d.eligible) expect(d.checks).toContain('inside calling hours (11:00 in America/New_York, allowed 09:00-20:00)');
  });

  it('names why each other lead is skipped', () => {
    expect(reason(lead({ state: 'responded' }))).toBe('responded');
    expect(reason(lead({ state: 'opted_out' }))).toBe('opted out');
    expect(reason(lead({ on_do_not_call: true }))).toBe('on do-not-call list');
    expect(reason(lead({ timezone: 'America/Los_Angeles' }))).toBe('outside calling hours (it is 08:00 in America/Los_Angeles)');
    expect(reason(lead({ state: 'no_answer', attempts: 3 }))).toBe('attempts used up');
    expect(reason(lead({ state: 'no_answer', attempts: 1, next_attempt_at: '2026-03-10T16:30:00.000Z' }))).toBe(
      'retry at 2026-03-10T12:30 America/New_York',
    );
    expect(reason(lead(), { status: 'confirmed', window_end: meeting.window_end })).toBe('meeting confirmed');
    expect(reason(lead(), { status: 'open', window_end: '2026-03-10T14:00:00.000Z' })).toBe('meeting window has ended');
    expect(reason(lead({ state: 'calling', claim_token: 'abc:pending', claimed_at: '2026-03-10T14:58:00.000Z', attempts: 1 }))).toBe(
      'call in progress',
    );
  });

  it('lets a manual call skip the retry delay but never calling hours or the do-not-call list', () => {
    const manual = { ...rules, ignoreRetryDelay: true };
    expect(reason(lead({ state: 'no_answer', attempts: 1, next_attempt_at: '2026-03-10T16:30:00.000Z' }), meeting, manual)).toBe(
      'eligible',
    );
    expect(reason(lead({ timezone: 'America/Los_Angeles' }), meeting, manual)).toMatch(/^outside calling hours/);
    expect(reason(lead({ on_do_not_call: true }), meeting, manual)).toBe('on do-not-call list');
  });

  it('treats a claim as released only once its beat has not moved for a lease of real time, and never once dialing', () => {
    const claim = { state: 'calling', claim_token: 'abc:no_answer', claimed_at: '2026-03-10T14:40:00.000Z', attempts: 2, lease_beat: 4 };
    const stale = lead({
      ...claim,
      lease_expires_at: '2026-12-01T08:50:00.000Z',
      lease_seen_beat: 4,
      lease_seen_at: '2026-12-01T08:50:00.000Z',
    });
    const d = evaluateLead(stale, { now, meeting, rules });
    expect(d.eligible).toBe(true);
    if (d.eligible) expect(d.checks).toContain('attempt 2 of 3');
    // The owner renewed since it was seen, or it was seen too recently, or its lease is still running.
    expect(reason({ ...stale, lease_seen_beat: 3 })).toBe('call in progress');
    expect(reason({ ...stale, lease_seen_at: '2026-12-01T08:55:00.000Z' })).toBe('call in progress');
    expect(reason({ ...stale, lease_expires_at: '2026-12-01T09:01:00.000Z' })).toBe('call in progress');
    // Claimed long ago by --now makes no difference: only the real clock and the beat count.
    expect(reason({ ...stale, lease_seen_beat: null, claimed_at: '2020-01-01T00:00:00.000Z' })).toBe('call in progress');
    // The provider may have the call: reconciled, never released.
    expect(reason({ ...stale, dialing_call_id: 9 })).toBe('call in progress');
  });

  it('skips a number called for another meeting lately, and leads without consent on real calls', () => {
    expect(reason(lead({ called_elsewhere: true }))).toBe('called for another meeting within the last 24 hours');
    expect(reason(lead({ consent_source: null }))).toBe('no consent on record (consent_source, consent_at)');
    expect(reason(lead({ consent_at: '' }))).toBe('no consent on record (consent_source, consent_at)');
    expect(reason(lead({ consent_source: null }), meeting, { ...rules, requireConsent: false })).toBe('eligible');
    // Attempts and the retry delay still come first: a retry of the same lead keeps the retry policy.
    expect(reason(lead({ called_elsewhere: true, state: 'no_answer', attempts: 3 }))).toBe('attempts used up');
  });
});
