// The sending side of the outbox: a sender claims due rows in one UPDATE (SQLite runs it under
// the write lock, so two senders never get the same row), marks each 'sending' just before the
// provider is asked, then records the outcome under its claim token.

import type { NotificationOutcome } from '../../domain/notify/retry.js';
import type { Db } from '../connection.js';
import type { NotificationRow } from './notifications.js';

export async function listDueNotifications(db: Db, realNow: string, limit: number): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', realNow)]))
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Rows whose sender stopped between claiming and recording (killed, crashed): the lease ran out. */
export async function listExpiredClaims(db: Db, realNow: string): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('status', '=', 'sending')
    .where('lease_expires_at', '<', realNow)
    .orderBy('id')
    .execute();
}

/** Takes up to `limit` due rows under `token` in one UPDATE; they stay 'pending' until each is sent (markSending). */
export async function claimNotifications(
  db: Db,
  claim: { token: string; realNow: string; leaseUntil: string; limit: number; channels: string[] },
): Promise<NotificationRow[]> {
  const { token, realNow, leaseUntil, limit } = claim;
  if (claim.channels.length === 0 || limit <= 0) return [];
  const due = (eb: any, table: string) =>
    eb.and([
      eb(`${table}.status`, '=', 'pending'),
      eb(`${table}.channel`, 'in', claim.channels),
      eb.or([eb(`${table}.next_attempt_at`, 'is', null), eb(`${table}.next_attempt_at`, '<=', realNow)]),
      // A pending row another sender holds is taken only once its lease has run out: it never started sending it.
      eb.or([eb(`${table}.claim_token`, 'is', null), eb(`${table}.lease_expires_at`, '<', realNow)]),
    ]);
  const rows = await db
    .updateTable('notifications')
    .set({ claim_token: token, lease_expires_at: leaseUntil, updated_at: realNow })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notifications as n')
        .select('n.id')
        .where((w) => due(w, 'n'))
        .orderBy('n.id')
        .limit(limit),
    )
    .where((eb) => due(eb, 'notifications'))
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Just before the provider is asked: 'sending', and the attempt counts. Only a row in this state
 * can have left without being recorded; a claimed row a dead sender never reached is still
 * 'pending' and is simply claimed again. 0 when the claim is no longer this sender's.
 */
export async function markSending(db: Db, id: number, token: string, now: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records the outcome under the claim token; 0 when the row is no longer this sender's. */
export async function recordNotification(db: Db, id: number, token: string, outcome: NotificationOutcome, now: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({
      status: outcome.status,
      claim_token: null,
      lease_expires_at: null,
      updated_at: now,
      // A sent row keeps its last error: how it got there (a retry, a resend after a crash) stays readable.
      ...(outcome.status === 'sent' ? { provider_id: outcome.provider_id, sent_at: now } : { last_error: outcome.last_error }),
      ...(outcome.status === 'pending' ? { next_attempt_at: outcome.next_attempt_at } : {}),
    })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Gives an expired claim back (pending, retried at once) or closes it (failed), whoever held it. */
export async function settleExpiredClaim(db: Db, row: NotificationRow, outcome: NotificationOutcome, now: string): Promise<number> {
  if (row.claim_token === null) return 0;
  return recordNotification(db, row.id, row.claim_token, outcome, now);
}

/** Twilio says a text we recorded as sent was not delivered: the row becomes failed with why. */
export async function failSentSms(db: Db, sid: string, reason: string, now: string): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notifications')
    .set({ status: 'failed', last_error: reason, updated_at: now })
    .where('channel', '=', 'sms')
    .where('provider_id', '=', sid)
    .where('status', '=', 'sent')
    .returningAll()
    .executeTakeFirst();
}
