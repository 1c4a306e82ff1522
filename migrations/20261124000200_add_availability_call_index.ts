// A correction in a call replaces that call's slots; without this index the delete scans
// every slot ever collected, on the webhook's hot path.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('availability_call_idx').on('participant_availability').column('call_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('availability_call_idx').execute();
}
