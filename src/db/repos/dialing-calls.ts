// The "dialing" phase of a claim: the conditional move into it just before the provider is asked,
// and the reconciliation of calls that never got an id from the provider.
import type { Insertable } from 'kysely';
import type { Db } from '../connection.js';
import type { CallTable } from '../schema.js';
import type { CallRow } from './calls.js';
import type { LeadRow } from './dialing.js';
import { type DialingFilter, ownerStoppedSql } from './dialing-filter.js';
import { DIALED, NO_LEASE } from './dialing-leases.js';

/** Call statuses of a row that never got an id from the provider. */
export const UNCONFIRMED_CALL_STATUSES = ['dialing', 'unknown'] as const;

export type StartDialing = { ok: true; call: CallRow } | { ok: false; why: 'claim_lost' | 'recent_call' };

class NotOurs extends Error {
  constructor(readonly why: 'claim_lost' | 'recent_call') {
    super(why);
  }
}

/**
 * Inserts the call row as 'dialing' and marks the claim as dialing, in one transaction, only
 * while the claim token is still ours and no call for another meeting reached this number
 * meanwhile. When it fails, nothing is written and the caller must not dial.
 */
export async function startDialing(
  db: Db,
  f: DialingFilter,
  lead: LeadRow,
  token: string,
  row: Insertable<CallTable>,
): Promise<StartDialing> {
  try {
    return await db.transaction().execute(async (trx) => {
      const call = await trx
        .insertInto('calls')
        .values({ ...row, status: 'dialing' })
        .returningAll()
        .executeTakeFirstOrThrow();
      const marked = await trx
        .updateTable('leads')
        .set({ dialing_call_id: call.id, updated_at: row.updated_at })
        .where('id', '=', lead.id)
        .where('claim_token', '=', token)
        .where('dialing_call_id', 'is', null)
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) throw new NotOurs('claim_lost');
      // Re-checked under the write lock: another tick may have just dialed this number for another meeting.
      const elsewhere =
        f.recentSince !== null &&
        (await trx
          .selectFrom('calls as c')
          .innerJoin('leads as o', 'o.id', 'c.lead_id')
          .select('c.id')
          .where('o.phone', '=', lead.phone)
          .where('c.meeting_request_id', '!=', lead.meeting_request_id)
          .where('c.created_at', '>=', f.recentSince)
          .where((eb) => eb.or([eb('c.call_sid', 'is not', null), eb('c.status', 'in', [...UNCONFIRMED_CALL_STATUSES])]))
          .executeTakeFirst());
      if (elsewhere) throw new NotOurs('recent_call');
      return { ok: true as const, call };
    });
  } catch (error) {
    if (error instanceof NotOurs) return { ok: false, why: error.why };
    throw error;
  }
}

export interface OrphanDialing {
  lead: LeadRow;
  call: CallRow | undefined;
}

/** Claims in "dialing" whose owner stopped renewing them: the tick died around the provider request. */
export async function listOrphanDialing(db: Db, f: DialingFilter): Promise<OrphanDialing[]> {
  if (f.meetingIds.length === 0) return [];
  const leads = await db
    .selectFrom('leads')
    .selectAll()
    .where('meeting_request_id', 'in', f.meetingIds)
    .where('dialing_call_id', 'is not', null)
    .where(ownerStoppedSql('leads', f))
    .execute();
  const ids = leads.map((l) => l.dialing_call_id ?? 0);
  const calls = ids.length === 0 ? [] : await db.selectFrom('calls').selectAll().where('id', 'in', ids).execute();
  return leads.map((lead) => ({ lead, call: calls.find((c) => c.id === lead.dialing_call_id) }));
}

/** The provider has the call: keep the lead 'calling' for the webhooks (or the lost-call sweep) to settle. */
export async function confirmDialed(db: Db, o: OrphanDialing, sid: string | null, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (o.call && sid && o.call.call_sid === null) {
      await trx.updateTable('calls').set({ call_sid: sid, status: 'queued', updated_at: now }).where('id', '=', o.call.id).execute();
    }
    await trx
      .updateTable('leads')
      .set({ ...DIALED, updated_at: now })
      .where('id', '=', o.lead.id)
      .where('claim_token', '=', o.lead.claim_token ?? '')
      .execute();
  });
}

/** Closes an unconfirmed call and settles its lead, only while the orphaned claim is still in place. */
export async function closeUnconfirmed(
  db: Db,
  o: OrphanDialing,
  call: { status: string; outcome: string; error_message: string },
  lead: Partial<Omit<LeadRow, 'id'>>,
  now: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('leads')
      .set({ ...lead, ...NO_LEASE, updated_at: now })
      .where('id', '=', o.lead.id)
      .where('claim_token', '=', o.lead.claim_token ?? '')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 0 || !o.call) return;
    await trx
      .updateTable('calls')
      .set({ ...call, ended_at: now, updated_at: now })
      .where('id', '=', o.call.id)
      .where('status', 'in', [...UNCONFIRMED_CALL_STATUSES])
      .execute();
  });
}

/** Marks a call the provider may or may not have as 'unknown' (held, never re-dialed blindly). */
export async function markUnknown(db: Db, callId: number, message: string, now: string): Promise<void> {
  await db
    .updateTable('calls')
    .set({ status: 'unknown', error_message: message, updated_at: now })
    .where('id', '=', callId)
    .where('status', '=', 'dialing')
    .execute();
}

/** The provider ids of every call to this number on record, across meetings (for CallLookup.knownSids). */
export async function knownCallSidsTo(db: Db, phone: string): Promise<string[]> {
  const rows = await db
    .selectFrom('calls')
    .innerJoin('leads', 'leads.id', 'calls.lead_id')
    .select('calls.call_sid')
    .where('leads.phone', '=', phone)
    .where('calls.call_sid', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.call_sid === null ? [] : [r.call_sid]));
}
