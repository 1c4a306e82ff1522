// The notifications outbox: rows inserted in the booking change's transaction, and the reads
// of `booking show`, `notify` and cancellations. Claiming and recording: notification-claims.ts.
import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
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
