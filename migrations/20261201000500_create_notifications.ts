// The notifications outbox (issue 10): one row per booking, sequence, recipient and channel,
// written in the same transaction as the booking change and sent afterwards by `notify`/`tick`.
// A sender claims a row under a token and a lease before it talks to SMTP or Twilio, so two
// senders never take the same row; message_id is fixed at insert so a retry after a crash
// carries the same Message-ID and receivers can drop the duplicate.
// Landed migrations are never edited: add a new file instead.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // NULL for 'unbooked' notices: they are about a meeting, not a booking.
    .addColumn('booking_id', 'integer', (c) => c.references('bookings.id'))
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'integer', (c) => c.references('leads.id'))
    .addColumn('recipient_name', 'text')
    .addColumn('recipient_timezone', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  // Never twice for the same sequence: a second enqueue of the same change inserts nothing.
  await db.schema
    .createIndex('notifications_once_unique')
    .on('notifications')
    .columns(['booking_id', 'sequence', 'recipient', 'channel'])
    .unique()
    .execute();
  // booking_id is NULL for 'unbooked' notices, and NULLs never collide in a unique index.
  await db.schema
    .createIndex('notifications_unbooked_unique')
    .on('notifications')
    .columns(['meeting_request_id', 'recipient', 'channel'])
    .unique()
    .where(sql.ref('kind'), '=', 'unbooked')
    .execute();
  // What a sender looks for: due pending rows and expired leases.
  await db.schema.createIndex('notifications_due_idx').on('notifications').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notifications_meeting_idx').on('notifications').column('meeting_request_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
