// Landed migrations are never edited: add a new file instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_bookings', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('excluded_days', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('soft_constraints', 'text', (c) => c.notNull())
    .addColumn('instruction', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('confirmed_start', 'text')
    .addColumn('confirmed_end', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leads')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('outcome_detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('leads_campaign_phone_unique', ['campaign_id', 'phone'])
    .execute();
  await db.schema.createIndex('leads_meeting_state_idx').on('leads').columns(['meeting_request_id', 'state']).execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id'))
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('call_sid', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_sequence', 'integer')
    .addColumn('answered_by', 'text')
    .addColumn('script', 'text')
    .addColumn('turn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('phase', 'text', (c) => c.notNull().defaultTo('ask'))
    .addColumn('empty_turns', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('error_code', 'integer')
    .addColumn('error_message', 'text')
    .addColumn('local_time_at_dial', 'text')
    .addColumn('checks', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('calls_lead_idx').on('calls').column('lead_id').execute();

  await db.schema
    .createTable('call_turns')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('call_id', 'integer', (c) => c.notNull().references('calls.id'))
    .addColumn('turn', 'integer', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull())
    .addColumn('parser_source', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('call_turns_call_turn_unique', ['call_id', 'turn'])
    .execute();

  await db.schema
    .createTable('participant_availability')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id'))
    .addColumn('start_utc', 'text', (c) => c.notNull())
    .addColumn('end_utc', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('call_id', 'integer', (c) => c.references('calls.id'))
    .addColumn('turn', 'integer')
    .addColumn('raw_text', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('availability_meeting_lead_idx')
    .on('participant_availability')
    .columns(['meeting_request_id', 'lead_id'])
    .execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_request_id', 'integer', (c) => c.notNull().references('meeting_requests.id'))
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id'))
    .addColumn('start_utc', 'text', (c) => c.notNull())
    .addColumn('end_utc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('bookings_meeting_lead_unique', ['meeting_request_id', 'lead_id'])
    .execute();

  await db.schema
    .createTable('do_not_call')
    .addColumn('phone', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'do_not_call',
    'bookings',
    'participant_availability',
    'call_turns',
    'calls',
    'leads',
    'campaigns',
    'meeting_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
