// `callbook db status|migrate|copy`: which engine and database, how far migrated, how many rows;
// migrating before processes start; and moving a database to another (SQLite → PostgreSQL).
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Context } from '../context.js';
import { copyTables, countRows, migrationLevel, type TableName } from '../db/admin.js';
import { type DatabaseTarget, type Db, openDatabase, resolveDatabaseTarget } from '../db/connection.js';
import { type Engine, engineOf } from '../db/dialect.js';
import { CallbookError } from '../errors.js';

export interface DatabaseName {
  engine: Engine;
  /** The file, or host:port/database (never the password). */
  database: string;
}

export interface DatabaseStatus extends DatabaseName {
  migrations: { applied: number; known: number; latest: string | null; pending: number };
  tables: Record<TableName, number>;
}

const nameOf = (target: DatabaseTarget): DatabaseName =>
  target.dialect === 'postgres' ? { engine: 'postgres', database: target.display } : { engine: 'sqlite', database: target.filename };

export async function databaseStatus(ctx: Context): Promise<DatabaseStatus> {
  const level = await migrationLevel(ctx.db);
  return {
    ...nameOf(resolveDatabaseTarget(ctx.config.databaseUrl)),
    migrations: {
      applied: level.applied.length,
      known: level.known,
      latest: level.applied.at(-1) ?? null,
      pending: level.known - level.applied.length,
    },
    tables: await countRows(ctx.db),
  };
}

export interface MigrateResult extends DatabaseName {
  /** Migrations this run applied (none when the database was already up to date). */
  ran: string[];
  applied: number;
  known: number;
}

/** Opening a database migrates it; this says what that did. */
export async function migrateDatabase(url: string): Promise<MigrateResult> {
  const target = resolveDatabaseTarget(url);
  const started = new Date().toISOString();
  const db = await openDatabase(url);
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration where timestamp >= ${started} order by name`.execute(db);
    const level = await migrationLevel(db);
    return { ...nameOf(target), ran: rows.map((r) => r.name), applied: level.applied.length, known: level.known };
  } finally {
    await db.destroy();
  }
}

export interface CopyResult {
  from: DatabaseName;
  to: DatabaseName;
  tables: Record<TableName, number>;
}

function sameDatabase(a: DatabaseTarget, b: DatabaseTarget): boolean {
  if (a.dialect === 'sqlite' && b.dialect === 'sqlite') return a.filename === b.filename && a.filename !== ':memory:';
  return a.dialect === 'postgres' && b.dialect === 'postgres' && a.display === b.display;
}

async function refuseNonEmpty(db: Db, name: DatabaseName, flag = '--to'): Promise<void> {
  const counts = await countRows(db);
  const held = Object.entries(counts).filter(([, n]) => n > 0);
  if (held.length === 0) return;
  throw new CallbookError('conflict', `${flag}: ${name.database} already holds data (${held.map(([t, n]) => `${t}: ${n}`).join(', ')})`, {
    hint: 'only an empty database is filled: create a new one (createdb NAME) and name it; nothing was written',
  });
}

/** Refuses (exit 4) a database that holds any row; `flag` names where it was given. */
export async function refuseNonEmptyDatabase(url: string, flag: string): Promise<void> {
  const target = resolveDatabaseTarget(url);
  const db = await openDatabase(url);
  try {
    await refuseNonEmpty(db, nameOf(target), flag);
  } finally {
    await db.destroy();
  }
}

/**
 * Copies every table from one database to another, ids kept, in one transaction on the target
 * (it is left empty if anything fails) while the source is read from one snapshot. Both are
 * migrated first, so their schemas match.
 */
export async function copyDatabase(input: { from: string; to: string }): Promise<CopyResult> {
  const fromTarget = resolveDatabaseTarget(input.from);
  const toTarget = resolveDatabaseTarget(input.to);
  if (fromTarget.dialect === 'sqlite' && fromTarget.filename !== ':memory:' && !existsSync(fromTarget.filename)) {
    throw new CallbookError('bad_input', `--from: ${fromTarget.filename} does not exist`, { hint: 'name the database to copy' });
  }
  if (sameDatabase(fromTarget, toTarget)) throw new CallbookError('bad_input', '--to: names the same database as --from');
  const from = await openDatabase(input.from);
  try {
    const to = await openDatabase(input.to);
    try {
      const read = engineOf(from) === 'postgres' ? from.transaction().setIsolationLevel('repeatable read') : from.transaction();
      const tables = await read.execute((source) =>
        to.transaction().execute(async (target) => {
          await refuseNonEmpty(target, nameOf(toTarget));
          return copyTables(source, target);
        }),
      );
      return { from: nameOf(fromTarget), to: nameOf(toTarget), tables };
    } finally {
      await to.destroy();
    }
  } finally {
    await from.destroy();
  }
}
