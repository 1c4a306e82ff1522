// The dialing queries: campaign-wide summaries and the atomic claim. These apply the rules of
// src/domain/dialing-policy.ts in SQL so a tick over 100,000 leads never loads them into memory;
// calling hours depend on the zone only, so the caller decides them per zone and passes the
// zones that are open now.
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { SkipCategory } from '../../domain/dialing-policy.js';
import type { Db } from '../connection.js';
import type { LeadTable } from '../schema.js';

export type LeadRow = Selectable<LeadTable>;

export interface DialingFilter {
  meetingIds: number[];
  /** ISO UTC instant. */
  now: string;
  /** Claims made before this instant are stale when their call never reached the provider. */
  leaseCutoff: string;
  maxAttempts: number;
  retryableStates: readonly string[];
}

export interface LeadGroup {
  category: SkipCategory | 'due';
  timezone: string;
  count: number;
  min_id: number;
  max_id: number;
}

export interface PolicyLeadRow extends LeadRow {
  on_do_not_call: boolean;
  claim_reached_provider: boolean;
}

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`));

function staleSql(alias: string, f: DialingFilter): RawBuilder<boolean> {
  const t = sql.raw(alias);
  return sql<boolean>`(${t}.state = 'calling' and ${t}.claim_token is not null and ${t}.claimed_at < ${f.leaseCutoff}
    and not exists (select 1 from calls c where c.lead_id = ${t}.id and c.call_sid is not null and c.created_at >= ${t}.claimed_at))`;
}

const dncSql = (alias: string) => sql<boolean>`exists (select 1 from do_not_call d where d.phone = ${sql.raw(alias)}.phone)`;

export interface ClaimScope {
  /** Zones where it is inside calling hours now. */
  zones: string[];
  limit: number;
  /** `callbook call`: one named lead, retry delay waived. */
  leadId?: number;
  ignoreRetryDelay?: boolean;
}

/** Due now: what evaluateLead checks, with calling hours reduced to the zones open now. */
function dueSql(alias: string, f: DialingFilter, scope: ClaimScope): RawBuilder<boolean> {
  const t = sql.raw(alias);
  const zones = scope.zones.length > 0 ? scope.zones : [''];
  const retry = scope.ignoreRetryDelay ? sql`1 = 1` : sql`(${t}.next_attempt_at is null or ${t}.next_attempt_at <= ${f.now})`;
  const only = scope.leadId === undefined ? sql`1 = 1` : sql`${t}.id = ${scope.leadId}`;
  return sql<boolean>`(${t}.meeting_request_id in (${list(f.meetingIds)}) and ${only} and ${t}.state in (${list(f.retryableStates)})
    and ${t}.attempts < ${f.maxAttempts} and ${retry} and ${t}.timezone in (${list(zones)}) and not ${dncSql(alias)}
    and exists (select 1 from meeting_requests m where m.id = ${t}.meeting_request_id and m.status = 'open' and m.window_end > ${f.now}))`;
}

interface StateZoneRow {
  state: string;
  timezone: string;
  n: number;
  exhausted: number;
  retry: number;
  min_id: number;
  max_id: number;
  min_exhausted: number | null;
  min_retry: number | null;
  min_due: number | null;
  max_due: number | null;
}

const TERMINAL = new Set(['responded', 'opted_out', 'not_interested', 'failed', 'exhausted']);

/**
 * Every lead of the meetings grouped by why it is (not) due, per zone, with example ids. Walks
 * leads_dialing_idx once in (state, zone) order, and the short do-not-call list once; leads in
 * 'calling' are counted as in_call (the caller re-evaluates the few stale claims).
 */
export async function summariseLeads(db: Db, f: DialingFilter): Promise<LeadGroup[]> {
  if (f.meetingIds.length === 0) return [];
  const exhausted = sql`attempts >= ${f.maxAttempts}`;
  const retry = sql`(attempts < ${f.maxAttempts} and next_attempt_at > ${f.now})`;
  const due = sql`(attempts < ${f.maxAttempts} and (next_attempt_at is null or next_attempt_at <= ${f.now}))`;
  const { rows } = await sql<StateZoneRow>`
    select state, timezone, count(*) as n, sum(${exhausted}) as exhausted, sum(${retry}) as retry, min(id) as min_id, max(id) as max_id,
      min(case when ${exhausted} then id end) as min_exhausted, min(case when ${retry} then id end) as min_retry,
      min(case when ${due} then id end) as min_due, max(case when ${due} then id end) as max_due
    from leads where meeting_request_id in (${list(f.meetingIds)}) group by state, timezone`.execute(db);
  // CROSS JOIN fixes the order SQLite would not pick without ANALYZE: walk the list, look up each number.
  const dnc = await sql<StateZoneRow>`
    select l.state, l.timezone, count(*) as n, sum(${exhausted}) as exhausted, sum(${retry}) as retry, min(l.id) as min_id, max(l.id) as max_id
    from do_not_call d cross join leads l on l.phone = d.phone
    where l.meeting_request_id in (${list(f.meetingIds)}) and l.state in (${list(f.retryableStates)}) group by l.state, l.timezone`.execute(
    db,
  );
  const listed = new Map(dnc.rows.map((r) => [`${r.state}\u0000${r.timezone}`, r]));
  const groups: LeadGroup[] = [];
  const add = (category: LeadGroup['category'], r: StateZoneRow, count: number, min: number | null, max: number | null) => {
    if (count > 0) groups.push({ category, timezone: r.timezone, count, min_id: min ?? r.min_id, max_id: max ?? min ?? r.max_id });
  };
  for (const r of rows) {
    if (r.state === 'calling') add('in_call', r, r.n, r.min_id, r.max_id);
    else if (TERMINAL.has(r.state)) add(r.state as SkipCategory, r, r.n, r.min_id, r.max_id);
    else if (!f.retryableStates.includes(r.state)) add('other_state', r, r.n, r.min_id, r.max_id);
    else {
      // The do-not-call list comes first, as in evaluateLead: take listed leads out of the other counts.
      const d = listed.get(`${r.state}\u0000${r.timezone}`);
      const exh = r.exhausted - (d?.exhausted ?? 0);
      const later = r.retry - (d?.retry ?? 0);
      if (d) add('dnc', r, d.n, d.min_id, d.max_id);
      add('exhausted', r, exh, r.min_exhausted, null);
      add('retry_later', r, later, r.min_retry, null);
      add('due', r, r.n - (d?.n ?? 0) - exh - later, r.min_due, r.max_due);
    }
  }
  return groups;
}

/** Claims of ticks that died (see releaseStaleClaims); few, so the caller judges them one by one. */
export async function listStaleClaimIds(db: Db, f: DialingFilter): Promise<number[]> {
  if (f.meetingIds.length === 0) return [];
  const rows = await db
    .selectFrom('leads')
    .select('id')
    .where('meeting_request_id', 'in', f.meetingIds)
    .where(staleSql('leads', f))
    .execute();
  return rows.map((r) => r.id);
}

export async function countLeadsOfMeeting(db: Db, meetingId: number): Promise<{ count: number; ids: number[] }> {
  const rows = await db.selectFrom('leads').select('id').where('meeting_request_id', '=', meetingId).orderBy('id').limit(3).execute();
  const total = await db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('meeting_request_id', '=', meetingId)
    .executeTakeFirst();
  return { count: Number(total?.n ?? 0), ids: rows.map((r) => r.id) };
}

export async function listLeadIds(db: Db, meetingIds: number[]): Promise<number[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db.selectFrom('leads').select('id').where('meeting_request_id', 'in', meetingIds).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Leads with what the policy needs to know about them besides their row. */
export async function findPolicyLeads(db: Db, ids: number[]): Promise<PolicyLeadRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LeadRow & { on_do_not_call: number; claim_reached_provider: number }>`
    select l.*, ${dncSql('l')} as on_do_not_call,
      exists (select 1 from calls c where c.lead_id = l.id and c.call_sid is not null and c.created_at >= l.claimed_at) as claim_reached_provider
    from leads l where l.id in (${list(ids)}) order by l.id`.execute(db);
  return rows.map((r) => ({ ...r, on_do_not_call: Boolean(r.on_do_not_call), claim_reached_provider: Boolean(r.claim_reached_provider) }));
}

/** The leads a claim would take, in claim order, without taking them (dry run). */
export async function listDueLeads(db: Db, f: DialingFilter, scope: ClaimScope): Promise<LeadRow[]> {
  if (f.meetingIds.length === 0 || scope.zones.length === 0 || scope.limit <= 0) return [];
  return db
    .selectFrom('leads as l')
    .selectAll()
    .where(dueSql('l', f, scope))
    .orderBy('l.attempts')
    .orderBy('l.id')
    .limit(scope.limit)
    .execute();
}

/**
 * Takes up to `limit` due leads in one UPDATE: SQLite runs it under the write lock, so two ticks
 * never get the same lead; the outer condition repeats the test for engines that re-check rows
 * after waiting on a lock. Everyone gets a first call before anyone gets a second.
 */
export async function claimLeads(db: Db, f: DialingFilter, scope: ClaimScope, random: string): Promise<LeadRow[]> {
  if (f.meetingIds.length === 0 || scope.zones.length === 0 || scope.limit <= 0) return [];
  const rows = await db
    .updateTable('leads')
    .set({
      state: 'calling',
      // SET expressions see the old row: the token remembers the state to return to.
      claim_token: sql<string>`${random} || ':' || state`,
      claimed_at: f.now,
      attempts: sql<number>`attempts + 1`,
      last_attempt_at: f.now,
      updated_at: f.now,
    })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('leads as c')
        .select('c.id')
        .where(dueSql('c', f, scope))
        .orderBy('c.attempts')
        .orderBy('c.id')
        .limit(scope.limit),
    )
    .where(dueSql('leads', f, scope))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.attempts - b.attempts || a.id - b.id);
}

/** Claims of ticks that died before their call reached the provider: back to the previous state, attempt refunded, orphan call rows closed. */
export async function releaseStaleClaims(db: Db, f: DialingFilter): Promise<number[]> {
  if (f.meetingIds.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('leads')
      .set({
        state: sql<string>`case when instr(claim_token, ':') > 0 then substr(claim_token, instr(claim_token, ':') + 1) else 'pending' end`,
        attempts: sql<number>`max(attempts - 1, 0)`,
        claim_token: null,
        claimed_at: null,
        updated_at: f.now,
      })
      .where('meeting_request_id', 'in', f.meetingIds)
      .where(staleSql('leads', f))
      .returning('id')
      .execute();
    const ids = released.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      await trx
        .updateTable('calls')
        .set({ status: 'canceled', outcome: 'abandoned', ended_at: f.now, updated_at: f.now })
        .where('lead_id', 'in', ids.slice(i, i + 500))
        .where('call_sid', 'is', null)
        .where('status', '=', 'queued')
        .execute();
    }
    return ids;
  });
}

/** Leads still waiting for a call that have used every attempt (e.g. after CALLBOOK_MAX_ATTEMPTS was lowered). */
export async function markExhausted(db: Db, f: DialingFilter): Promise<number> {
  if (f.meetingIds.length === 0) return 0;
  const result = await db
    .updateTable('leads')
    .set({
      state: 'exhausted',
      outcome_detail: sql<string>`'all ' || attempts || ' attempts used'`,
      next_attempt_at: null,
      updated_at: f.now,
    })
    .where('meeting_request_id', 'in', f.meetingIds)
    .where('state', 'in', f.retryableStates)
    .where('attempts', '>=', f.maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Updates a claimed lead only while this tick still owns it (a webhook may have settled it already). */
export async function updateClaimedLead(db: Db, leadId: number, token: string, patch: Partial<Omit<LeadRow, 'id'>>): Promise<boolean> {
  const result = await db.updateTable('leads').set(patch).where('id', '=', leadId).where('claim_token', '=', token).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Twilio ends every call within four hours; a call still open twice that long lost its final status callback. */
export const LOST_CALL_HOURS = 8;

/**
 * Calls that reached the provider but never reported an end (the final status callback was
 * lost): closed as 'canceled'/'lost', and their leads may be dialed again after the usual checks.
 */
export async function releaseLostCalls(db: Db, f: DialingFilter, cutoff: string): Promise<number> {
  if (f.meetingIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const lost = await trx
      .selectFrom('calls')
      .innerJoin('leads', 'leads.id', 'calls.lead_id')
      .select(['calls.id as call_id', 'leads.id as lead_id', 'leads.attempts'])
      .where('leads.meeting_request_id', 'in', f.meetingIds)
      .where('leads.state', '=', 'calling')
      .where('calls.call_sid', 'is not', null)
      .where('calls.status', 'not in', ['completed', 'busy', 'failed', 'no-answer', 'canceled'])
      .where('calls.created_at', '<', cutoff)
      .execute();
    for (const row of lost) {
      await trx
        .updateTable('calls')
        .set({ status: 'canceled', outcome: 'lost', ended_at: f.now, updated_at: f.now })
        .where('id', '=', row.call_id)
        .execute();
      const exhausted = row.attempts >= f.maxAttempts;
      await trx
        .updateTable('leads')
        .set({
          state: exhausted ? 'exhausted' : 'no_answer',
          outcome_detail: 'the provider never reported how the call ended',
          next_attempt_at: exhausted ? null : f.now,
          claim_token: null,
          claimed_at: null,
          updated_at: f.now,
        })
        .where('id', '=', row.lead_id)
        .where('state', '=', 'calling')
        .execute();
    }
    return lost.length;
  });
}
