// Owners with working hours, calendars, buffer and notice; meetings that override them and
// choose a mode; bookings as records (one row per booked meeting, its attendees apart, a
// status, a stable uid and a sequence for calendar invitations). The old bookings table
// (one row per attendee) is folded into the new shape: one booking per meeting and slot.
// Landed migrations are never edited: add a new file instead.
import { type Kysely, sql } from 'kysely';

const DEFAULT_HOURS = JSON.stringify([{ start: '09:00', end: '17:00' }]);
const DEFAULT_DAYS = JSON.stringify(['mon', 'tue', 'wed', 'thu', 'fri']);

async function createOwners(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('owners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('timezone', 'text')
    .addColumn('working_hours', 'text', (c) => c.notNull())
    .addColumn('working_days', 'text', (c) => c.notNull())
    .addColumn('calendars', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_notice_minutes', 'integer', (c) => c.notNull().defaultTo(120))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Every owner a meeting already names gets a profile with the defaults, in that meeting's zone.
  const meetings = await db.selectFrom('meeting_requests').select(['owner_id', 'timezone', 'created_at']).orderBy('id').execute();
  const seen = new Set<string>();
  for (const m of meetings) {
    if (seen.has(m.owner_id)) continue;
    seen.add(m.owner_id);
    await db
      .insertInto('owners')
      .values({
        id: m.owner_id,
        timezone: m.timezone,
        working_hours: DEFAULT_HOURS,
        working_days: DEFAULT_DAYS,
        created_at: m.created_at,
        updated_at: m.created_at,
      })
      .execute();
  }
}

async function addMeetingColumns(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meeting_requests')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('group'))
    .execute();
  // NULL = inherit the owner's value.
  for (const [name, type] of [
    ['working_hours', 'text'],
    ['working_days', 'text'],
    ['calendars', 'text'],
    ['buffer_minutes', 'integer'],
    ['min_notice_minutes', 'integer'],
  ] as const) {
    await db.schema.alterTable('meeting_requests').addColumn(name, type).execute();
  }
}

async function createBookingTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bookings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('start_utc', 'text', (c) => c.notNull())
    .addColumn('end_utc', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('confirmed'))
    .addColumn('uid', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('bookings_meeting_idx').on('bookings').column('meeting_request_id').execute();
  // The owner's busy time: live bookings of one owner in a range.
  await db.schema.createIndex('bookings_owner_time_idx').on('bookings').columns(['owner_id', 'status', 'start_utc']).execute();

  await db.schema
    .createTable('booking_attendees')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('booking_id', 'integer', (c) => c.notNull().references('bookings.id'))
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id'))
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Copied from the booking when it is cancelled: NULL while the booking is live.
    .addColumn('cancelled_at', 'text')
    .addUniqueConstraint('booking_attendees_booking_lead_unique', ['booking_id', 'lead_id'])
    .execute();
  // A lead has at most one live booking per meeting, whatever the code above does.
  await db.schema
    .createIndex('booking_attendees_live_unique')
    .on('booking_attendees')
    .columns(['meeting_request_id', 'lead_id'])
    .unique()
    .where(sql.ref('cancelled_at'), 'is', null)
    .execute();
  await db.schema.createIndex('booking_attendees_lead_idx').on('booking_attendees').column('lead_id').execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await createOwners(db);
  await addMeetingColumns(db);
  await db.schema.alterTable('bookings').renameTo('bookings_v1').execute();
  await createBookingTables(db);

  const old = await db
    .selectFrom('bookings_v1')
    .innerJoin('meeting_requests', 'meeting_requests.id', 'bookings_v1.meeting_request_id')
    .select([
      'bookings_v1.meeting_request_id',
      'bookings_v1.lead_id',
      'bookings_v1.start_utc',
      'bookings_v1.end_utc',
      'bookings_v1.created_at',
      'meeting_requests.owner_id',
    ])
    .orderBy('bookings_v1.id')
    .execute();
  const groups = new Map<string, typeof old>();
  for (const row of old) {
    const key = `${row.meeting_request_id}|${row.start_utc}|${row.end_utc}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, rows] of groups) {
    const first = rows[0];
    if (!first) continue;
    const booking = await db
      .insertInto('bookings')
      .values({
        meeting_request_id: first.meeting_request_id,
        owner_id: first.owner_id,
        start_utc: first.start_utc,
        end_utc: first.end_utc,
        status: 'confirmed',
        uid: `migrating:${key}`,
        sequence: 0,
        created_at: first.created_at,
        updated_at: first.created_at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .updateTable('bookings')
      .set({ uid: `booking-${booking.id}@callbook` })
      .where('id', '=', booking.id)
      .execute();
    await db
      .insertInto('booking_attendees')
      .values(
        rows.map((r) => ({
          booking_id: booking.id,
          lead_id: r.lead_id,
          meeting_request_id: r.meeting_request_id,
          created_at: r.created_at,
        })),
      )
      .execute();
  }
  await db.schema.dropTable('bookings_v1').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bookings_v1')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id'))
    .addColumn('start_utc', 'text', (c) => c.notNull())
    .addColumn('end_utc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bookings_meeting_lead_unique', ['meeting_request_id', 'lead_id'])
    .execute();
  // Only live bookings survive the way back: the old shape had no status.
  const live = await db
    .selectFrom('booking_attendees')
    .innerJoin('bookings', 'bookings.id', 'booking_attendees.booking_id')
    .select(['bookings.meeting_request_id', 'booking_attendees.lead_id', 'bookings.start_utc', 'bookings.end_utc', 'bookings.created_at'])
    .where('bookings.status', '=', 'confirmed')
    .orderBy('booking_attendees.id')
    .execute();
  for (let i = 0; i < live.length; i += 500)
    await db
      .insertInto('bookings_v1')
      .values(live.slice(i, i + 500))
      .execute();
  await db.schema.dropTable('booking_attendees').execute();
  await db.schema.dropTable('bookings').execute();
  await db.schema.alterTable('bookings_v1').renameTo('bookings').execute();
  for (const name of ['min_notice_minutes', 'buffer_minutes', 'calendars', 'working_days', 'working_hours', 'mode']) {
    await db.schema.alterTable('meeting_requests').dropColumn(name).execute();
  }
  await db.schema.dropTable('owners').execute();
}
