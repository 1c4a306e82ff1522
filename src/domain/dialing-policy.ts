// Who may be dialed now, and why not. Pure: the caller passes the lead, the meeting and `now`.
// src/db/repos/dialing-filter.ts and dialing.ts apply the same rules in SQL for whole campaigns; keep the two in step
// (test/services/tick.test.ts compares them lead by lead).
import { DateTime } from 'luxon';
import { RETRYABLE_LEAD_STATES } from './types.js';

/** Minutes after local midnight, [start, end). */
export interface CallingHours {
  start: number;
  end: number;
}

export interface DialingRules {
  callingHours: CallingHours;
  maxAttempts: number;
  /** A claim older than this whose call never reached the provider belongs to a tick that died. */
  leaseMinutes: number;
  /** `callbook call` may dial before the retry delay has passed; never outside hours or against DNC. */
  ignoreRetryDelay?: boolean;
}

export interface PolicyLead {
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  timezone: string;
  claim_token: string | null;
  claimed_at: string | null;
  outcome_detail: string | null;
  on_do_not_call: boolean;
  /** A call of the current claim already got a CallSid (the provider has it). */
  claim_reached_provider: boolean;
}

export interface PolicyMeeting {
  status: string;
  window_end: string;
}

export type SkipCategory =
  | 'meeting_closed'
  | 'in_call'
  | 'responded'
  | 'opted_out'
  | 'not_interested'
  | 'failed'
  | 'exhausted'
  | 'other_state'
  | 'dnc'
  | 'retry_later'
  | 'outside_hours';

export type LeadDecision =
  | { eligible: true; checks: string[]; local_time: string }
  | { eligible: false; reason: string; category: SkipCategory };

export const DEFAULT_LEASE_MINUTES = 10;

/** Claim tokens carry the state the lead was claimed from, so a released lead goes back to it. */
export function makeClaimToken(random: string, previousState: string): string {
  return `${random}:${previousState}`;
}

export function previousStateOfClaim(token: string | null): string {
  const at = token?.indexOf(':') ?? -1;
  return token && at >= 0 ? token.slice(at + 1) : 'pending';
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function isInsideCallingHours(now: DateTime, zone: string, hours: CallingHours): boolean {
  const local = now.setZone(zone);
  if (!local.isValid) return false;
  const minutes = local.hour * 60 + local.minute;
  return minutes >= hours.start && minutes < hours.end;
}

/** e.g. "2026-03-10T10:15 America/New_York": what the lead's wall clock showed. */
export function localTimeLabel(now: DateTime, zone: string): string {
  return `${now.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm")} ${zone}`;
}

export function isStaleClaim(lead: PolicyLead, now: DateTime, leaseMinutes: number): boolean {
  if (lead.state !== 'calling' || lead.claim_token === null || lead.claimed_at === null) return false;
  return !lead.claim_reached_provider && lead.claimed_at < (now.minus({ minutes: leaseMinutes }).toUTC().toISO() ?? '');
}

const STATE_REASONS: Record<string, [SkipCategory, string]> = {
  responded: ['responded', 'responded'],
  opted_out: ['opted_out', 'opted out'],
  not_interested: ['not_interested', 'not interested'],
  failed: ['failed', 'number failed'],
  exhausted: ['exhausted', 'attempts used up'],
};

function skip(category: SkipCategory, reason: string): LeadDecision {
  return { eligible: false, reason, category };
}

export function evaluateLead(lead: PolicyLead, ctx: { now: DateTime; meeting: PolicyMeeting; rules: DialingRules }): LeadDecision {
  const { now, meeting, rules } = ctx;
  const nowIso = now.toUTC().toISO() ?? '';
  if (meeting.status !== 'open') return skip('meeting_closed', `meeting ${meeting.status}`);
  if (meeting.window_end <= nowIso) return skip('meeting_closed', 'meeting window has ended');
  const stale = isStaleClaim(lead, now, rules.leaseMinutes);
  const state = stale ? previousStateOfClaim(lead.claim_token) : lead.state;
  const attempts = stale ? lead.attempts - 1 : lead.attempts;
  if (state === 'calling') return skip('in_call', 'call in progress');
  const known = STATE_REASONS[state];
  if (known) return skip(known[0], state === 'failed' && lead.outcome_detail ? `number failed: ${lead.outcome_detail}` : known[1]);
  if (!(RETRYABLE_LEAD_STATES as readonly string[]).includes(state)) return skip('other_state', `state ${state}`);
  if (lead.on_do_not_call) return skip('dnc', 'on do-not-call list');
  if (attempts >= rules.maxAttempts) return skip('exhausted', 'attempts used up');
  const retryDue = lead.next_attempt_at === null || lead.next_attempt_at <= nowIso;
  if (!retryDue && !rules.ignoreRetryDelay) {
    const at = DateTime.fromISO(lead.next_attempt_at ?? '', { zone: 'utc' }).setZone(lead.timezone);
    return skip('retry_later', `retry at ${at.toFormat("yyyy-MM-dd'T'HH:mm")} ${lead.timezone}`);
  }
  const local = now.setZone(lead.timezone);
  if (!local.isValid) return skip('outside_hours', `unknown timezone ${lead.timezone}`);
  const hours = `${formatClock(rules.callingHours.start)}-${formatClock(rules.callingHours.end)}`;
  if (!isInsideCallingHours(now, lead.timezone, rules.callingHours)) {
    return skip('outside_hours', `outside calling hours (it is ${local.toFormat('HH:mm')} in ${lead.timezone})`);
  }
  const checks = [
    `meeting open until ${meeting.window_end}`,
    `not yet responded (state ${state})`,
    'not on do-not-call list',
    `attempt ${attempts + 1} of ${rules.maxAttempts}`,
    retryDue ? (lead.next_attempt_at === null ? 'no retry delay pending' : 'retry delay passed') : 'retry delay bypassed (manual call)',
    `inside calling hours (${local.toFormat('HH:mm')} in ${lead.timezone}, allowed ${hours})`,
  ];
  if (stale) checks.push('previous claim expired (an interrupted tick); released');
  return { eligible: true, checks, local_time: localTimeLabel(now, lead.timezone) };
}
