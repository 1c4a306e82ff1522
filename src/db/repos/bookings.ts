// Bookings as records: one row per meeting in the owner's diary, attendees apart.
// A lead has at most one live booking per meeting: the live-attendee unique index enforces
// it even when two confirms race, so a second insert fails instead of double-booking.
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../connection.js';
import type { BookingAttendeeTable, BookingTable } from '../schema.js';

export type BookingRow = Selectable<BookingTable>;
export type BookingAttendeeRow = Selectable<BookingAttendeeTable>;
export type BookingStatus = 'confirmed' | 'cancelled';

export interface BookedLead {
  lead_id: number;
  name: string;
  email: string | null;
  phone: string;
  timezone: string;
}

export interface BookingWithAttendees extends BookingRow {
  /** Lead ids, in the order they were booked. */
  lead_ids: number[];
  attendees: BookedLead[];
}

export interface NewBooking {
  meeting_request_id: number;
  owner_id: string;
  start_utc: string;
  end_utc: string;
  lead_ids: number[];
  now: string;
}

export const bookingUid = (id: number): string => `booking-${id}@callbook`;

/** Inserts a confirmed booking and its attendees; run it inside the caller's transaction. */
export async function insertBooking(trx: Db, input: NewBooking): Promise<BookingRow> {
  const inserted = await trx
    .insertInto('bookings')
    .values({
      meeting_request_id: input.meeting_request_id,
      owner_id: input.owner_id,
      start_utc: input.start_utc,
      end_utc: input.end_utc,
      status: 'confirmed',
      // The uid derives from the id, which exists only once the row does.
      uid: `pending-${randomUUID()}`,
      sequence: 0,
      cancel_reason: null,
      created_at: input.now,
      updated_at: input.now,
      cancelled_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const booking = await trx
    .updateTable('bookings')
    .set({ uid: bookingUid(inserted.id) })
    .where('id', '=', inserted.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const leadIds = [...new Set(input.lead_ids)];
  for (let i = 0; i < leadIds.length; i += 500)
    await trx
      .insertInto('booking_attendees')
      .values(
        leadIds.slice(i, i + 500).map((lead_id) => ({
          booking_id: booking.id,
          lead_id,
          meeting_request_id: input.meeting_request_id,
          created_at: input.now,
          cancelled_at: null,
        })),
      )
      .execute();
  return booking;
}

async function withAttendees(db: Db, rows: BookingRow[]): Promise<BookingWithAttendees[]> {
  if (rows.length === 0) return [];
  const byBooking = new Map<number, BookedLead[]>(rows.map((r) => [r.id, []]));
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const attendees = await db
      .selectFrom('booking_attendees')
      .innerJoin('leads', 'leads.id', 'booking_attendees.lead_id')
      .select(['booking_attendees.booking_id', 'booking_attendees.lead_id', 'leads.name', 'leads.email', 'leads.phone', 'leads.timezone'])
      .where('booking_attendees.booking_id', 'in', ids.slice(i, i + 500))
      .orderBy('booking_attendees.id')
      .execute();
    for (const { booking_id, ...lead } of attendees) byBooking.get(booking_id)?.push(lead);
  }
  return rows.map((r) => {
    const attendees = byBooking.get(r.id) ?? [];
    return { ...r, lead_ids: attendees.map((a) => a.lead_id), attendees };
  });
}

export async function getBooking(db: Db, id: number): Promise<BookingWithAttendees | undefined> {
  const row = await db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withAttendees(db, [row]))[0] : undefined;
}

export async function listBookingsOfMeeting(db: Db, meetingId: number, options: { live?: boolean } = {}): Promise<BookingWithAttendees[]> {
  let query = db.selectFrom('bookings').selectAll().where('meeting_request_id', '=', meetingId);
  if (options.live) query = query.where('status', '=', 'confirmed');
  return withAttendees(db, await query.orderBy('start_utc').orderBy('id').execute());
}

export interface BookingFilter {
  meeting_request_id?: number;
  owner_id?: string;
  status?: BookingStatus;
}

export async function listBookings(db: Db, filter: BookingFilter = {}): Promise<BookingWithAttendees[]> {
  let query = db.selectFrom('bookings').selectAll();
  if (filter.meeting_request_id !== undefined) query = query.where('meeting_request_id', '=', filter.meeting_request_id);
  if (filter.owner_id !== undefined) query = query.where('owner_id', '=', filter.owner_id);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return withAttendees(db, await query.orderBy('start_utc').orderBy('id').execute());
}

/**
 * The owner's busy time from callbook itself: live bookings that overlap [fromUtc, toUtc),
 * optionally leaving out one meeting's (the one being confirmed). Cancelled bookings free the time.
 */
export async function listLiveBookingsOfOwner(
  db: Db,
  ownerId: string,
  fromUtc: string,
  toUtc: string,
  exceptMeetingId?: number,
): Promise<BookingRow[]> {
  let query = db
    .selectFrom('bookings')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'confirmed')
    .where('start_utc', '<', toUtc)
    .where('end_utc', '>', fromUtc);
  if (exceptMeetingId !== undefined) query = query.where('meeting_request_id', '!=', exceptMeetingId);
  return query.orderBy('start_utc').execute();
}

/** Cancels a live booking (status, reason, sequence + 1) and frees its attendees; 0 when it was not live. */
export async function cancelBooking(trx: Db, id: number, reason: string | null, now: string): Promise<number> {
  const result = await trx
    .updateTable('bookings')
    .set((eb) => ({
      status: 'cancelled',
      cancel_reason: reason,
      cancelled_at: now,
      updated_at: now,
      sequence: eb('sequence', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  const changed = Number(result.numUpdatedRows);
  if (changed > 0) await trx.updateTable('booking_attendees').set({ cancelled_at: now }).where('booking_id', '=', id).execute();
  return changed;
}
