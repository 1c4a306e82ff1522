// Leases a tick renews while it works (issue 9, item 1), the claim's "dialing" phase, and the
// index the cross-meeting rule of the same issue needs (recent calls, whatever the meeting).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Written by the owning tick from the REAL clock (never --now): expiry, and a counter it bumps at each renewal.
  await db.schema.alterTable('leads').addColumn('lease_expires_at', 'text').execute();
  await db.schema
    .alterTable('leads')
    .addColumn('lease_beat', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Written by OTHER ticks: the beat they last saw, and when (their real clock).
  await db.schema.alterTable('leads').addColumn('lease_seen_beat', 'integer').execute();
  await db.schema.alterTable('leads').addColumn('lease_seen_at', 'text').execute();
  // Set, under the claim token, just before the provider is asked to dial: the claim is then never released blindly.
  await db.schema.alterTable('leads').addColumn('dialing_call_id', 'integer').execute();
  // Calls of the last CALLBOOK_MIN_HOURS_BETWEEN_CALLS hours, whatever the meeting.
  await db.schema.createIndex('calls_created_idx').on('calls').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('calls_created_idx').execute();
  for (const column of ['dialing_call_id', 'lease_seen_at', 'lease_seen_beat', 'lease_beat', 'lease_expires_at']) {
    await db.schema.alterTable('leads').dropColumn(column).execute();
  }
}
