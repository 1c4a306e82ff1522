// `tick` counts, per state and zone, the due leads it may not call for want of consent. This
// partial index holds only those leads (its WHERE is the dialing filter's noConsentSql, word for
// word, so SQLite can use it), so the count no longer reads every due lead's row.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('leads_no_consent_idx')
    .on('leads')
    .columns(['meeting_request_id', 'state', 'timezone', 'attempts', 'next_attempt_at'])
    .where(sql<boolean>`(coalesce(leads.consent_source, '') = '' or coalesce(leads.consent_at, '') = '')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('leads_no_consent_idx').execute();
}
