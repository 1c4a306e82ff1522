// The read-only dialing queries: campaign-wide summaries and lead lists (the atomic claim is in
// dialing-claims.ts, the conditions they share in dialing-filter.ts). These apply the rules of
// src/domain/dialing-policy.ts in SQL so a tick over 100,000 leads never loads them into memory;
// calling hours depend on the zone only, so the caller decides them per zone and passes the
// zones that are open now.
import { type RawBuilder, type Selectable, sql } from 'kysely';
import type { SkipCategory } from '../../domain/dialing-policy.js';
import type { Db } from '../connection.js';
import { orderedJoin } from '../dialect.js';
import type { LeadTable } from '../schema.js';
import { type ClaimScope, calledElsewhereSql, type DialingFilter, dncSql, dueSql, list, noConsentSql, staleSql } from './dialing-filter.js';

export type LeadRow = Selectable<LeadTable>;

export interface LeadGroup {
  category: SkipCategory | 'due';
  timezone: string;
  count: number;
  min_id: number;
  max_id: number;
}

export interface PolicyLeadRow extends LeadRow {
  on_do_not_call: boolean;
  called_elsewhere: boolean;
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
  /** In the side queries: of the due leads counted, those without consent. */
  no_consent?: number;
}

/** How many rows of the group meet `condition` (PostgreSQL has no sum() over booleans). */
const countWhere = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

const TERMINAL = new Set(['responded', 'opted_out', 'not_interested', 'failed', 'exhausted']);

/**
 * Every lead of the meetings grouped by why it is (not) due, per zone, with example ids. Walks
 * leads_dialing_idx once in (state, zone) order, and the short do-not-call list once; leads in
 * 'calling' are counted as in_call (the caller re-evaluates the few stale claims). The due leads
 * called for another meeting lately, and those without consent, come from side queries.
 */
export async function summariseLeads(db: Db, f: DialingFilter): Promise<LeadGroup[]> {
  if (f.meetingIds.length === 0) return [];
  const exhausted = sql`attempts >= ${f.maxAttempts}`;
  const retry = sql`(attempts < ${f.maxAttempts} and next_attempt_at > ${f.now})`;
  const due = sql`(attempts < ${f.maxAttempts} and (next_attempt_at is null or next_attempt_at <= ${f.now}))`;
  const { rows } = await sql<StateZoneRow>`
    select state, timezone, count(*) as n, ${countWhere(exhausted)} as exhausted, ${countWhere(retry)} as retry, min(id) as min_id, max(id) as max_id,
      min(case when ${exhausted} then id end) as min_exhausted, min(case when ${retry} then id end) as min_retry,
      min(case when ${due} then id end) as min_due, max(case when ${due} then id end) as max_due
    from leads where meeting_request_id in (${list(f.meetingIds)}) group by state, timezone`.execute(db);
  // CROSS JOIN fixes the order SQLite would not pick without ANALYZE: walk the list, look up each number
  // (orderedJoin: PostgreSQL plans it from its statistics).
  const dnc = await sql<StateZoneRow>`
    select l.state, l.timezone, count(*) as n, ${countWhere(exhausted)} as exhausted, ${countWhere(retry)} as retry, min(l.id) as min_id, max(l.id) as max_id,
      ${countWhere(sql`${due} and ${noConsentSql('l')}`)} as no_consent
    from do_not_call d ${orderedJoin(db)} leads l on l.phone = d.phone
    where l.meeting_request_id in (${list(f.meetingIds)}) and l.state in (${list(f.retryableStates)}) group by l.state, l.timezone`.execute(
    db,
  );
  const listed = new Map(dnc.rows.map((r) => [`${r.state}\u0000${r.timezone}`, r]));
  const anyCalled = [...f.calledElsewhere.values()].some((phones) => phones.length > 0);
  const recent = anyCalled
    ? await sideCounts(db, f, calledElsewhereSql(db, 'l', f), sql`not ${dncSql('l')}`, f.requireConsent)
    : new Map<string, StateZoneRow>();
  const unconsented = f.requireConsent ? await sideCounts(db, f, noConsentSql('l'), sql`1 = 1`, false) : new Map<string, StateZoneRow>();
  const groups: LeadGroup[] = [];
  const add = (category: LeadGroup['category'], r: StateZoneRow, count: number, min: number | null, max: number | null) => {
    if (count > 0) groups.push({ category, timezone: r.timezone, count, min_id: min ?? r.min_id, max_id: max ?? min ?? r.max_id });
  };
  for (const r of rows) {
    if (r.state === 'calling') add('in_call', r, r.n, r.min_id, r.max_id);
    else if (TERMINAL.has(r.state)) add(r.state as SkipCategory, r, r.n, r.min_id, r.max_id);
    else if (!f.retryableStates.includes(r.state)) add('other_state', r, r.n, r.min_id, r.max_id);
    else {
      // In evaluateLead's order: the do-not-call list, attempts, the retry delay, a recent call for
      // another meeting, consent. Each side count is taken out of the counts after it.
      const key = `${r.state}\u0000${r.timezone}`;
      const d = listed.get(key);
      const rc = recent.get(key);
      const nc = unconsented.get(key);
      const exh = r.exhausted - (d?.exhausted ?? 0);
      const later = r.retry - (d?.retry ?? 0);
      const noConsent = f.requireConsent ? (nc?.n ?? 0) - (d?.no_consent ?? 0) - (rc?.no_consent ?? 0) : 0;
      if (d) add('dnc', r, d.n, d.min_id, d.max_id);
      add('exhausted', r, exh, r.min_exhausted, null);
      add('retry_later', r, later, r.min_retry, null);
      if (rc) add('recent_call', r, rc.n, rc.min_id, rc.max_id);
      if (nc) add('no_consent', r, noConsent, nc.min_id, nc.max_id);
      add('due', r, r.n - (d?.n ?? 0) - exh - later - (rc?.n ?? 0) - noConsent, r.min_due, r.max_due);
    }
  }
  return groups;
}

/**
 * Due leads (attempts left, retry delay passed) in retryable states that also match `condition`,
 * per state and zone, with how many of them lack consent.
 */
async function sideCounts(db: Db, f: DialingFilter, condition: RawBuilder<boolean>, extra: RawBuilder<unknown>, withConsent: boolean) {
  // Without the consent sum, a partial index over the leads that lack consent can answer the consent query alone.
  const consent = withConsent ? countWhere(noConsentSql('l')) : sql`0`;
  const { rows } = await sql<StateZoneRow>`
    select l.state, l.timezone, count(*) as n, min(l.id) as min_id, max(l.id) as max_id, ${consent} as no_consent
    from leads l where l.meeting_request_id in (${list(f.meetingIds)}) and l.state in (${list(f.retryableStates)})
      and l.attempts < ${f.maxAttempts} and (l.next_attempt_at is null or l.next_attempt_at <= ${f.now}) and ${condition} and ${extra}
    group by l.state, l.timezone`.execute(db);
  return new Map(rows.map((r) => [`${r.state}\u0000${r.timezone}`, r]));
}

/** Numbers callbook called since `since` (calls the provider has or may have), with the meeting each was for. */
export async function phonesCalledFor(db: Db, since: string): Promise<{ phone: string; meeting_request_id: number }[]> {
  return db
    .selectFrom('calls as c')
    .innerJoin('leads as o', 'o.id', 'c.lead_id')
    .select(['o.phone', 'c.meeting_request_id'])
    .where('c.created_at', '>=', since)
    .where((eb) => eb.or([eb('c.call_sid', 'is not', null), eb('c.status', 'in', ['dialing', 'unknown'])]))
    .groupBy(['o.phone', 'c.meeting_request_id'])
    .execute();
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
export async function findPolicyLeads(db: Db, f: DialingFilter, ids: number[]): Promise<PolicyLeadRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LeadRow & { on_do_not_call: number; called_elsewhere: number }>`
    select l.*, ${dncSql('l')} as on_do_not_call, ${calledElsewhereSql(db, 'l', f)} as called_elsewhere
    from leads l where l.id in (${list(ids)}) order by l.id`.execute(db);
  return rows.map((r) => ({ ...r, on_do_not_call: Boolean(r.on_do_not_call), called_elsewhere: Boolean(r.called_elsewhere) }));
}

/** The leads a claim would take, in claim order, without taking them (dry run). */
export async function listDueLeads(db: Db, f: DialingFilter, scope: ClaimScope): Promise<LeadRow[]> {
  if (f.meetingIds.length === 0 || scope.zones.length === 0 || scope.limit <= 0) return [];
  // Ids first, from the covering index alone; consent needs the row, so it is checked on a page
  // of candidates at a time rather than on every due lead of the campaign.
  const candidates = f.requireConsent ? { ...f, requireConsent: false } : f;
  const page = f.requireConsent ? scope.limit * 2 + 20 : scope.limit;
  const out: LeadRow[] = [];
  for (let offset = 0; out.length < scope.limit; offset += page) {
    const ids = await db
      .selectFrom('leads as l')
      .select('l.id')
      .where(dueSql(db, 'l', candidates, scope))
      .orderBy('l.attempts')
      .orderBy('l.id')
      .limit(page)
      .offset(offset)
      .execute();
    if (ids.length === 0) break;
    const rows = await db
      .selectFrom('leads as l')
      .selectAll()
      .where(
        'l.id',
        'in',
        ids.map((r) => r.id),
      )
      .where(f.requireConsent ? sql<boolean>`not ${noConsentSql('l')}` : sql<boolean>`1 = 1`)
      .orderBy('l.attempts')
      .orderBy('l.id')
      .execute();
    out.push(...rows.slice(0, scope.limit - out.length));
    if (ids.length < page) break;
  }
  return out;
}
