// The conditions the dialing queries share: which leads a filter covers, when a claim is stale
// and when a lead is due, as SQL fragments (the rules of src/domain/dialing-policy.ts).
import { type RawBuilder, sql } from 'kysely';

export interface DialingFilter {
  meetingIds: number[];
  /** ISO UTC instant. */
  now: string;
  /** Claims made before this instant are stale when their call never reached the provider. */
  leaseCutoff: string;
  maxAttempts: number;
  retryableStates: readonly string[];
}

export const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

export function staleSql(alias: string, f: DialingFilter): RawBuilder<boolean> {
  const t = sql.raw(alias);
  return sql<boolean>`(${t}.state = 'calling' and ${t}.claim_token is not null and ${t}.claimed_at < ${f.leaseCutoff}
    and not exists (select 1 from calls c where c.lead_id = ${t}.id and c.call_sid is not null and c.created_at >= ${t}.claimed_at))`;
}

export const dncSql = (alias: string) => sql<boolean>`exists (select 1 from do_not_call d where d.phone = ${sql.raw(alias)}.phone)`;

export interface ClaimScope {
  /** Zones where it is inside calling hours now. */
  zones: string[];
  limit: number;
  /** `callbook call`: one named lead, retry delay waived. */
  leadId?: number;
  ignoreRetryDelay?: boolean;
}

/** Due now: what evaluateLead checks, with calling hours reduced to the zones open now. */
export function dueSql(alias: string, f: DialingFilter, scope: ClaimScope): RawBuilder<boolean> {
  const t = sql.raw(alias);
  const zones = scope.zones.length > 0 ? scope.zones : [''];
  const retry = scope.ignoreRetryDelay ? sql`1 = 1` : sql`(${t}.next_attempt_at is null or ${t}.next_attempt_at <= ${f.now})`;
  const only = scope.leadId === undefined ? sql`1 = 1` : sql`${t}.id = ${scope.leadId}`;
  return sql<boolean>`(${t}.meeting_request_id in (${list(f.meetingIds)}) and ${only} and ${t}.state in (${list(f.retryableStates)})
    and ${t}.attempts < ${f.maxAttempts} and ${retry} and ${t}.timezone in (${list(zones)}) and not ${dncSql(alias)}
    and exists (select 1 from meeting_requests m where m.id = ${t}.meeting_request_id and m.status = 'open' and m.window_end > ${f.now}))`;
}
