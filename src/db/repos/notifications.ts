// The notifications outbox. Rows are inserted in the booking change's transaction; a sender
// claims due rows in one UPDATE (SQLite runs it under the write lock, so two senders never get
// the same row), sends, then records the outcome under its claim token.
import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import type { NotificationOutcome } from '../../domain/notify/retry.js';
import type { Db } from '../connection.js';
import type { NotificationTable } from '../schema.js';

export type NotificationRow = Selectable<NotificationTable>;
export type NotificationInsert = Omit<Insertable<NotificationTable>, 'message_id' | 'id'>;

/** A Message-ID fixed for the row's life: a resend after a crash carries the same one. */
export const newMessageId = (): string => `<${randomUUID()}@callbook>`;

/** Inserts what is new; a row for the same booking, sequence, recipient and channel is kept as it was. */
export async function insertNotifications(trx: Db, rows: NotificationInsert[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const result = await trx
      .insertInto('notifications')
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, message_id: newMessageId() })))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function listNotificationsOfBookings(db: Db, bookingIds: number[]): Promise<NotificationRow[]> {
  if (bookingIds.length === 0) return [];
  return db.selectFrom('notifications').selectAll().where('booking_id', 'in', bookingIds).orderBy('id').execute();
}

export async function listNotifications(db: Db, filter: { ids?: number[]; meeting_request_id?: number } = {}): Promise<NotificationRow[]> {
  let query = db.selectFrom('notifications').selectAll();
  if (filter.ids) query = query.where('id', 'in', filter.ids.length > 0 ? filter.ids : [-1]);
  if (filter.meeting_request_id !== undefined) query = query.where('meeting_request_id', '=', filter.meeting_request_id);
  return query.orderBy('id').execute();
}

/** Who an invitation of this booking may have reached: they are the ones a cancellation goes to. */
export async function listInvitedOfBooking(trx: Db, bookingId: number): Promise<NotificationRow[]> {
  return trx
    .selectFrom('notifications')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('kind', '=', 'invite')
    .where((eb) => eb.or([eb('status', 'in', ['sent', 'sending']), eb.and([eb('status', '=', 'failed'), eb('attempts', '>', 0)])]))
    .orderBy('id')
    .execute();
}

/** Invitations not sent yet when the booking is cancelled: nobody needs them any more. */
export async function supersedePendingInvites(trx: Db, bookingId: number, now: string): Promise<number> {
  const result = await trx
    .updateTable('notifications')
    .set({ status: 'skipped', last_error: 'the booking was cancelled before this invitation was sent', updated_at: now })
    .where('booking_id', '=', bookingId)
    .where('kind', '=', 'invite')
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

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

/** Leads who answered and gave their times (state 'responded') but are in none of the meeting's live bookings. */
export async function listRespondedUnbooked(trx: Db, meetingId: number) {
  return trx
    .selectFrom('leads')
    .select(['id as lead_id', 'name', 'email', 'phone', 'timezone'])
    .where('meeting_request_id', '=', meetingId)
    .where('state', '=', 'responded')
    .where('id', 'not in', (eb) =>
      eb.selectFrom('booking_attendees').select('lead_id').where('meeting_request_id', '=', meetingId).where('cancelled_at', 'is', null),
    )
    .orderBy('id')
    .execute();
}

export async function countPendingOfChannel(db: Db, channel: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .where('channel', '=', channel)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many rows are in each status: the whole outbox at a glance. */
export async function countNotificationsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
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
