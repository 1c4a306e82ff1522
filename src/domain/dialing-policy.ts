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
  lease: LeaseView;
  /** A number called for another meeting this recently is left alone; 0 turns the rule off. */
  minHoursBetweenCalls: number;
  /** Real calls need a consent record (integrations.md §4); the simulator does not. */
  requireConsent: boolean;
  /** `callbook call` may dial before the retry delay has passed; never outside hours or against DNC. */
  ignoreRetryDelay?: boolean;
}

/**
 * Leases are judged on the REAL clock, never on --now: two processes may run with different
 * --now values, but they share the machine's clock (SQLite in WAL mode needs one host).
 */
export interface LeaseView {
  /** ISO UTC, the real clock of the process that judges. */
  realNow: string;
  leaseMs: number;
}

export interface PolicyLead {
  state: string;
  attempts: number;
  next_attempt_at: string | null;
  timezone: string;
  claim_token: string | null;
  claimed_at: string | null;
  outcome_detail: string | null;
  lease_expires_at: string | null;
  lease_beat: number;
  lease_seen_beat: number | null;
  lease_seen_at: string | null;
  /** Set once the claim moved to "dialing": the provider may have the call. */
  dialing_call_id: number | null;
  consent_source: string | null;
  consent_at: string | null;
  on_do_not_call: boolean;
  /** The number was called for another meeting within minHoursBetweenCalls. */
  called_elsewhere: boolean;
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
  | 'recent_call'
  | 'no_consent'
  | 'outside_hours';

export type LeadDecision =
  | { eligible: true; checks: string[]; local_time: string }
  | { eligible: false; reason: string; category: SkipCategory };

export const DEFAULT_LEASE_MINUTES = 10;
export const DEFAULT_MIN_HOURS_BETWEEN_CALLS = 24;

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

/**
 * A claim is stale only when its owner has stopped renewing it. The owner bumps lease_beat and
 * pushes lease_expires_at (its real clock + the lease) while it works; every other tick records
 * the beat it sees and when, by its own real clock. Stale = the lease has expired AND the beat a
 * judge recorded is unchanged after a full lease of the judge's real time. So neither a later
 * --now nor a skewed or stepped clock can make a live claim stale: a live owner bumps the beat
 * within a renewal interval, which resets the judge's observation. Claims in "dialing" are
 * never stale in this sense (the provider may have the call): they are reconciled instead.
 */
export function ownerStopped(lead: PolicyLead, lease: LeaseView): boolean {
  if (lead.state !== 'calling' || lead.claim_token === null) return false;
  const seenCutoff = new Date(Date.parse(lease.realNow) - lease.leaseMs).toISOString();
  return (
    (lead.lease_expires_at ?? '') < lease.realNow &&
    lead.lease_seen_beat === lead.lease_beat &&
    lead.lease_seen_at !== null &&
    lead.lease_seen_at <= seenCutoff
  );
}

export function isStaleClaim(lead: PolicyLead, lease: LeaseView): boolean {
  return lead.dialing_call_id === null && ownerStopped(lead, lease);
}

export function hasConsent(lead: Pick<PolicyLead, 'consent_source' | 'consent_at'>): boolean {
  return Boolean(lead.consent_source) && Boolean(lead.consent_at);
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
  const stale = isStaleClaim(lead, rules.lease);
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
  if (lead.called_elsewhere) {
    return skip('recent_call', `called for another meeting within the last ${rules.minHoursBetweenCalls} hours`);
  }
  if (rules.requireConsent && !hasConsent(lead)) return skip('no_consent', 'no consent on record (consent_source, consent_at)');
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
  if (rules.minHoursBetweenCalls > 0) checks.push(`not called for another meeting in the last ${rules.minHoursBetweenCalls} hours`);
  if (rules.requireConsent) checks.push(`consent on record (${lead.consent_source}, ${lead.consent_at})`);
  if (stale) checks.push('previous claim abandoned (its tick stopped renewing it); released');
  return { eligible: true, checks, local_time: localTimeLabel(now, lead.timezone) };
}
