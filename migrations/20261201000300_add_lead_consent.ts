// Consent to be called (TCPA: prior express consent for an AI voice): where it came from and when.
// Look-ups by phone number use leads_phone_idx from 20261124000100.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').addColumn('consent_source', 'text').execute();
  await db.schema.alterTable('leads').addColumn('consent_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('leads').dropColumn('consent_at').execute();
  await db.schema.alterTable('leads').dropColumn('consent_source').execute();
}
