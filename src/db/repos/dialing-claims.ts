// The claim and its releases. A tick claims due leads in one UPDATE, and gives back the claims of
// ticks that stopped renewing them (the leases are in dialing-leases.ts, the "dialing" phase in
// dialing-calls.ts) and the calls whose end never came.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../connection.js';
import { isPostgres, position } from '../dialect.js';
import type { LeadRow } from './dialing.js';
import { type ClaimScope, type DialingFilter, dueSql, staleSql } from './dialing-filter.js';
import { NO_LEASE } from './dialing-leases.js';

/** The state a claim was taken from (its token remembers it), for giving the claim back. */
export function stateBeforeClaim(db: Db): RawBuilder<string> {
  const at = position(db, sql`coalesce(claim_token, '')`, ':');
  return sql<string>`case when ${at} > 0 then substr(claim_token, ${at} + 1) else 'pending' end`;
}

/** The claim's attempt given back, never below 0 (no two-argument max() on PostgreSQL). */
export const REFUNDED_ATTEMPTS = sql<number>`case when attempts > 0 then attempts - 1 else 0 end`;

/**
 * Takes up to `limit` due leads in one UPDATE: SQLite runs it under the write lock, so two ticks
 * never get the same lead. On PostgreSQL the inner SELECT locks the rows it picks FOR UPDATE SKIP
 * LOCKED, so a second tick passes over the first one's rows instead of waiting for them, and the
 * outer condition re-checks each row as it stands once locked. Everyone gets a first call before
 * anyone gets a second.
 */
export async function claimLeads(db: Db, f: DialingFilter, scope: ClaimScope, random: string): Promise<LeadRow[]> {
  if (f.meetingIds.length === 0 || scope.zones.length === 0 || scope.limit <= 0) return [];
  const rows = await db
    .updateTable('leads')
    .set({
      ...NO_LEASE,
      state: 'calling',
      // SET expressions see the old row: the token remembers the state to return to.
      claim_token: sql<string>`${random} || ':' || state`,
      claimed_at: f.now,
      lease_expires_at: new Date(Date.parse(f.realNow) + f.leaseMs).toISOString(),
      lease_beat: 0,
      attempts: sql<number>`attempts + 1`,
      last_attempt_at: f.now,
      updated_at: f.now,
    })
    .where((eb) => {
      const picked = eb
        .selectFrom('leads as c')
        .select('c.id')
        .where(dueSql(db, 'c', f, scope))
        .orderBy('c.attempts')
        .orderBy('c.id')
        .limit(scope.limit);
      if (!isPostgres(db)) return eb('id', 'in', picked);
      // ARRAY(...) runs the pick once (an InitPlan): under `IN (subquery)` PostgreSQL may rescan
      // it, and each rescan skips different locked rows, so more than `limit` leads were taken.
      return sql<boolean>`id = any(array(${picked.forUpdate().skipLocked()}))`;
    })
    .where(dueSql(db, 'leads', f, scope))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.attempts - b.attempts || a.id - b.id);
}

/** Claims whose owner stopped renewing them before dialing: back to the previous state, attempt refunded. */
export async function releaseStaleClaims(db: Db, f: DialingFilter): Promise<number[]> {
  if (f.meetingIds.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const released = await trx
      .updateTable('leads')
      .set({
        state: stateBeforeClaim(trx),
        attempts: REFUNDED_ATTEMPTS,
        ...NO_LEASE,
        updated_at: f.now,
      })
      .where('meeting_request_id', 'in', f.meetingIds)
      .where(staleSql('leads', f))
      .returning('id')
      .execute();
    const ids = released.map((r) => r.id);
    // Rows of databases from before the "dialing" phase, when the call row came before the dial.
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
 * Old by both clocks: by --now (the call's created_at) and by the real one (the lease the tick
 * held when it dialed), so a later --now alone never closes a call that may still be ringing.
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
      .where('leads.claim_token', 'is', null)
      .where('calls.call_sid', 'is not', null)
      .where('calls.status', 'not in', ['completed', 'busy', 'failed', 'no-answer', 'canceled'])
      .where('calls.created_at', '<', cutoff)
      .where((eb) =>
        eb.or([
          eb('leads.lease_expires_at', 'is', null),
          eb('leads.lease_expires_at', '<', new Date(Date.parse(f.realNow) - LOST_CALL_HOURS * 3_600_000).toISOString()),
        ]),
      )
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
          ...NO_LEASE,
          updated_at: f.now,
        })
        .where('id', '=', row.lead_id)
        .where('state', '=', 'calling')
        .execute();
    }
    return lost.length;
  });
}
