import { type Kysely, type MigrationProvider, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { CallbookError } from '../errors.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

interface PragmaHandle {
  pragma(source: string, options?: { simple: boolean }): unknown;
}

/**
 * Runs pending migrations. PRAGMA user_version records how many have run, so the common
 * case (nothing to do) costs one pragma instead of the migrator's bookkeeping queries.
 */
export async function migrateToLatest(db: Kysely<any>, sqlite?: PragmaHandle): Promise<void> {
  const expected = Object.keys(migrations).length;
  if (sqlite && sqlite.pragma('user_version', { simple: true }) === expected) return;
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new CallbookError('config', `database migration ${failed} failed: ${(error as Error).message}`);
  }
  sqlite?.pragma(`user_version = ${expected}`);
}

export async function migrateDown(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  for (;;) {
    const { error, results } = await migrator.migrateDown();
    if (error) throw error;
    if (!results || results.length === 0) return;
  }
}
