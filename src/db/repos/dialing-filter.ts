// The conditions the dialing queries share: which leads a filter covers, when a claim is stale
// and when a lead is due, as SQL fragments (the rules of src/domain/dialing-policy.ts).
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../connection.js';
import { inTextList } from '../dialect.js';

export interface DialingFilter {
  meetingIds: number[];
  /** ISO UTC instant: the reference clock (--now or the real one), for every rule but the lease. */
  now: string;
  /** ISO UTC, the REAL clock: leases are judged on it only (see ownerStopped in dialing-policy.ts). */
  realNow: string;
  /** realNow minus the lease: a beat first seen before this and still unchanged means the owner stopped. */
  leaseSeenCutoff: string;
  leaseMs: number;
  maxAttempts: number;
  retryableStates: readonly string[];
  /** Per meeting, the numbers called for ANOTHER meeting within CALLBOOK_MIN_HOURS_BETWEEN_CALLS. */
  calledElsewhere: Map<number, string[]>;
  /** Calls since this instant count for that rule; null when CALLBOOK_MIN_HOURS_BETWEEN_CALLS is 0. */
  recentSince: string | null;
  requireConsent: boolean;
}

export const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

/** The owner stopped renewing the claim (ownerStopped in dialing-policy.ts). */
export function ownerStoppedSql(alias: string, f: DialingFilter): RawBuilder<boolean> {
  const t = sql.raw(alias);
  return sql<boolean>`(${t}.state = 'calling' and ${t}.claim_token is not null and coalesce(${t}.lease_expires_at, '') < ${f.realNow}
    and ${t}.lease_seen_beat = ${t}.lease_beat and ${t}.lease_seen_at <= ${f.leaseSeenCutoff})`;
}

export function staleSql(alias: string, f: DialingFilter): RawBuilder<boolean> {
  return sql<boolean>`(${sql.raw(alias)}.dialing_call_id is null and ${ownerStoppedSql(alias, f)})`;
}

export const dncSql = (alias: string) => sql<boolean>`exists (select 1 from do_not_call d where d.phone = ${sql.raw(alias)}.phone)`;

/** One parameter per meeting, however many numbers (a JSON list on SQLite, an array on PostgreSQL). */
export function calledElsewhereSql(db: Db, alias: string, f: DialingFilter): RawBuilder<boolean> {
  const t = sql.raw(alias);
  const cases = [...f.calledElsewhere].filter(([, phones]) => phones.length > 0);
  if (cases.length === 0) return sql<boolean>`(1 = 0)`;
  const whens = cases.map(([meetingId, phones]) => sql`when ${meetingId} then ${inTextList(db, sql`${t}.phone`, phones)}`);
  // `1 = 0`, not 0: PostgreSQL's CASE wants one type, and the branches are conditions.
  return sql<boolean>`(case ${t}.meeting_request_id ${sql.join(whens, sql` `)} else 1 = 0 end)`;
}

export const noConsentSql = (alias: string) => {
  const t = sql.raw(alias);
  return sql<boolean>`(coalesce(${t}.consent_source, '') = '' or coalesce(${t}.consent_at, '') = '')`;
};

export interface ClaimScope {
  /** Zones where it is inside calling hours now. */
  zones: string[];
  limit: number;
  /** `callbook call`: one named lead, retry delay waived. */
  leadId?: number;
  ignoreRetryDelay?: boolean;
}

/** Due now: what evaluateLead checks, with calling hours reduced to the zones open now. */
export function dueSql(db: Db, alias: string, f: DialingFilter, scope: ClaimScope): RawBuilder<boolean> {
  const t = sql.raw(alias);
  const zones = scope.zones.length > 0 ? scope.zones : [''];
  const retry = scope.ignoreRetryDelay ? sql`1 = 1` : sql`(${t}.next_attempt_at is null or ${t}.next_attempt_at <= ${f.now})`;
  const only = scope.leadId === undefined ? sql`1 = 1` : sql`${t}.id = ${scope.leadId}`;
  const consent = f.requireConsent ? sql`not ${noConsentSql(alias)}` : sql`1 = 1`;
  return sql<boolean>`(${t}.meeting_request_id in (${list(f.meetingIds)}) and ${only} and ${t}.state in (${list(f.retryableStates)})
    and ${t}.attempts < ${f.maxAttempts} and ${retry} and ${t}.timezone in (${list(zones)}) and not ${dncSql(alias)}
    and not ${calledElsewhereSql(db, alias, f)} and ${consent}
    and exists (select 1 from meeting_requests m where m.id = ${t}.meeting_request_id and m.status = 'open' and m.window_end > ${f.now}))`;
}
