// Indexes for `tick` on 100,000-lead campaigns. Landed migrations are never edited: add a new file instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Covers the per-state, per-zone summary and the claim's filters, so neither reads the table;
  // it starts with the columns of leads_meeting_state_idx, which it replaces.
  await db.schema
    .createIndex('leads_dialing_idx')
    .on('leads')
    .columns(['meeting_request_id', 'state', 'timezone', 'attempts', 'next_attempt_at'])
    .execute();
  await db.schema.dropIndex('leads_meeting_state_idx').execute();
  // The do-not-call list is small: counting listed leads walks it and looks each number up here.
  await db.schema.createIndex('leads_phone_idx').on('leads').column('phone').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('leads_phone_idx').execute();
  await db.schema.createIndex('leads_meeting_state_idx').on('leads').columns(['meeting_request_id', 'state']).execute();
  await db.schema.dropIndex('leads_dialing_idx').execute();
}
