import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { CallbookError } from '../errors.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

interface PragmaHandle {
  pragma(source: string, options?: { simple: boolean }): unknown;
}

interface RawHandle extends PragmaHandle {
  prepare(sql: string): { pluck(): { all(): unknown[] } };
}

function newerDatabase(what: string): CallbookError {
  return new CallbookError('config', `this database was written by a newer callbook (${what}); upgrade`, {
    hint: 'install the newer callbook (npm install -g callbook@latest) or point --db at another file; this one was left as it is',
  });
}

function notCallbook(filename: string, why: string): CallbookError {
  return new CallbookError('bad_input', `--db: ${filename} is not a callbook database (${why})`, {
    hint: 'point --db at a callbook database, or at a path that does not exist yet to start a new one',
  });
}

/**
 * Before anything is written to the file: refuses what is not SQLite, an SQLite database of
 * something else, and a database that a newer callbook migrated (its schema is unknown here, and
 * migrating it "down" or around it would damage it). Costs one pragma when the version matches.
 */
export function checkDatabaseBefore(sqlite: RawHandle, filename: string): void {
  const known = Object.keys(migrations);
  let version: number;
  try {
    version = Number(sqlite.pragma('user_version', { simple: true }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw notCallbook(filename, (error as Error).message);
    throw error;
  }
  if (version === known.length) return;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (tables.includes('kysely_migration')) {
    const applied = sqlite.prepare('select name from kysely_migration order by name').pluck().all() as string[];
    const unknown = applied.find((name) => !known.includes(name));
    if (unknown) throw newerDatabase(`migration ${unknown}`);
  } else if (tables.length > 0) {
    throw notCallbook(filename, `it holds other tables: ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}`);
  }
  if (version > known.length) throw newerDatabase(`schema version ${version}, this callbook knows ${known.length}`);
}

/**
 * checkDatabaseBefore for PostgreSQL: refuses a database that a newer callbook migrated, or one
 * holding another program's tables in its search path. True when migrations are pending (the
 * common case, all applied, then costs one query and skips the migrator's bookkeeping).
 */
export async function checkPostgresBefore(db: Kysely<any>, display: string): Promise<boolean> {
  const known = Object.keys(migrations);
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const tables = rows.map((r) => r.name);
  if (!tables.includes('kysely_migration')) {
    const others = tables.filter((name) => name !== 'kysely_migration_lock');
    if (others.length > 0) {
      throw notCallbook(display, `it holds other tables: ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', …' : ''}`);
    }
    return true;
  }
  const applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
  const unknown = applied.find((name) => !known.includes(name));
  if (unknown) throw newerDatabase(`migration ${unknown}`);
  return applied.length < known.length;
}

/**
 * Runs pending migrations. On SQLite, PRAGMA user_version records how many have run, so the
 * common case (nothing to do) costs one pragma instead of the migrator's bookkeeping queries; on
 * PostgreSQL (no `sqlite` handle) checkPostgresBefore does that, and the migrator's lock table
 * keeps two processes that start at once from running a migration twice.
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
