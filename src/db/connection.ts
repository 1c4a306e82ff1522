// Opens the database named by --db / DATABASE_URL and brings it to the latest schema.
// Drivers load lazily so commands that never touch the database start fast.
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { readPgPool } from '../config.js';
import { CallbookError } from '../errors.js';
import { busyBudgetMs, retryWritesOnBusy } from './busy-retry.js';
import { POSTGRES_URL, type PostgresTarget, parsePostgresUrl } from './postgres/url.js';
import type { Database } from './schema.js';
import { registerRawConnection } from './sync.js';

export type Db = Kysely<Database>;

/**
 * The size a WAL file is cut back to whenever the log starts over (or a checkpoint truncates it):
 * without it the file keeps its largest size ever.
 */
export const JOURNAL_SIZE_LIMIT = 16 * 1024 * 1024;

/** SQLite's own wait for a lock, per try (the server's group commit relies on it alone). */
const SQLITE_BUSY_WAIT_MS = 10_000;

export interface SqliteTarget {
  dialect: 'sqlite';
  /** Absolute file path, or ':memory:'. */
  filename: string;
}

/** The engine is chosen here, from the URL, and nowhere else. */
export type DatabaseTarget = SqliteTarget | PostgresTarget;

export interface OpenOptions {
  /** Connections in the PostgreSQL pool (CALLBOOK_PG_POOL); read from the environment when absent. */
  pgPool?: number;
  /**
   * `serve`: on PostgreSQL, one synchronous connection (postgres/sync-bridge.ts) instead of the
   * pool, so the webhook units (sync.ts) run there as on SQLite's file. SQLite always has it.
   */
  synchronous?: boolean;
  /** The pool's bound on one unanswered statement (postgres/connection.ts QUERY_TIMEOUT_MS); tests shorten it. */
  pgQueryTimeoutMs?: number;
}

/**
 * Accepts a plain path, `sqlite:///./app.db`, `sqlite:///abs/path.db`, `file:` URLs and `:memory:`
 * for SQLite, and `postgres://` / `postgresql://` URLs (with ?sslmode=) for PostgreSQL.
 */
export function resolveDatabaseTarget(url: string, cwd: string = process.cwd()): DatabaseTarget {
  const text = url.trim();
  if (text === '') throw new CallbookError('bad_input', '--db: expected a file path or a sqlite:// URL, got ""');
  if (text === ':memory:') return { dialect: 'sqlite', filename: ':memory:' };
  if (POSTGRES_URL.test(text)) return parsePostgresUrl(text);
  const sqlite = /^sqlite:\/\/(.*)$/i.exec(text);
  if (sqlite) {
    // sqlite:///./app.db → ./app.db ; sqlite:////abs.db → /abs.db ; sqlite://app.db → app.db
    const rest = sqlite[1] ?? '';
    const path = rest.startsWith('/') ? rest.slice(1) : rest;
    if (path === '' || path === ':memory:') return { dialect: 'sqlite', filename: path === '' ? '' : ':memory:' };
    return { dialect: 'sqlite', filename: resolve(cwd, path) };
  }
  if (/^file:/i.test(text)) return { dialect: 'sqlite', filename: new URL(text).pathname };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new CallbookError('bad_input', `--db: unsupported database URL scheme in "${text}"`, {
      hint: 'use a file path or sqlite:///./callbook.db',
    });
  }
  return { dialect: 'sqlite', filename: resolve(cwd, text) };
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Db> {
  const target = resolveDatabaseTarget(url);
  if (target.dialect === 'postgres') {
    const { openPostgres } = await import('./postgres/connection.js');
    return openPostgres(target, options.synchronous ? 'synchronous' : (options.pgPool ?? readPgPool(process.env)), {
      ...(options.pgQueryTimeoutMs !== undefined ? { queryTimeoutMs: options.pgQueryTimeoutMs } : {}),
    });
  }
  if (target.filename === '') throw new CallbookError('bad_input', '--db: the sqlite URL names no file');
  const [{ default: SQLite }, { Kysely, SqliteDialect }] = await Promise.all([import('better-sqlite3'), import('kysely')]);
  let sqlite: InstanceType<typeof SQLite>;
  try {
    sqlite = new SQLite(target.filename);
  } catch (error) {
    throw new CallbookError('bad_input', `--db: cannot open ${target.filename}: ${(error as Error).message}`);
  }
  try {
    const { checkDatabaseBefore } = await import('./migrate.js');
    checkDatabaseBefore(sqlite, target.filename);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  // WAL lets `serve`, cron ticks and a person's commands share the file; the busy timeout
  // makes a writer wait for another instead of failing at once, and busy-retry.ts tries again
  // (with pauses that free the event loop) until the budget is spent.
  const budget = busyBudgetMs();
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.min(SQLITE_BUSY_WAIT_MS, budget)}`);
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  sqlite.pragma('foreign_keys = ON');
  // A long-running `serve` reads the same calls, leads and meetings on every webhook: keep up to
  // 64 MiB of pages in memory and read the file through mmap rather than a read() per page.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
  const statements = withStatementCache(sqlite);
  const dialect = retryWritesOnBusy(new SqliteDialect({ database: statements }), () => sqlite.inTransaction, budget);
  const db = new Kysely<Database>({ dialect });
  registerRawConnection(db, {
    filename: target.filename,
    get inTransaction() {
      return sqlite.inTransaction;
    },
    prepare: (sql) => statements.prepare(sql),
  });
  try {
    const { migrateToLatest } = await import('./migrate.js');
    await migrateToLatest(db, sqlite);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

interface PreparingDatabase<S> {
  prepare(sql: string): S;
  close(): unknown;
}

/**
 * Kysely prepares every query afresh; the webhook hot path runs the same dozen statements
 * over and over, so prepared statements are kept per SQL text (a bounded set: the SQL comes
 * from our own query builders, with values always bound as parameters).
 */
export function withStatementCache<S>(sqlite: PreparingDatabase<S>, limit = 500): { prepare(sql: string): S; close(): void } {
  const cache = new Map<string, S>();
  return {
    prepare(sql: string): S {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (cache.size >= limit) cache.clear();
        cache.set(sql, statement);
      }
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}

/** Opens the database, runs fn, and always closes it. */
export async function usingDatabase<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(url);
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
