// The PostgreSQL engine: a pg.Pool behind Kysely's PostgresDialect. pg loads lazily, like
// better-sqlite3, so commands that never touch the database start fast.
import type { Kysely, PostgresPool, PostgresPoolClient } from 'kysely';
import type { ClientConfig, Pool } from 'pg';
import { CallbookError } from '../../errors.js';
import type { Database } from '../schema.js';
import type { PostgresTarget } from './url.js';

// pg type OIDs (pg_type.oid) whose default parsing would leak into services.
const INT8 = 20;
const NUMERIC = 1700;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** How long opening one connection may take before it fails as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * count(*) and sum() are bigint/numeric, which pg returns as strings: as numbers here, since every
 * count and sum callbook takes is far below 2^53 (a value past it stays a string rather than
 * losing digits). Timestamps, should a query produce one (now()), become the ISO UTC strings the
 * app stores everywhere instead of Date objects.
 */
export async function typeParsers(): Promise<{ getTypeParser: (oid: number, format?: string) => (text: string) => unknown }> {
  const { default: pg } = await import('pg');
  const toNumber = (text: string) => {
    const n = Number(text);
    return Number.isSafeInteger(n) || !/^-?\d+$/.test(text) ? n : text;
  };
  const toIso = (text: string) => new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) ? text : `${text}Z`).toISOString();
  return {
    getTypeParser(oid: number, format?: string) {
      if (format !== 'binary') {
        if (oid === INT8 || oid === NUMERIC) return toNumber;
        if (oid === TIMESTAMP || oid === TIMESTAMPTZ) return toIso;
      }
      return pg.types.getTypeParser(oid, format as 'text');
    },
  };
}

function unreachable(target: PostgresTarget, error: unknown): CallbookError {
  return new CallbookError('config', `--db: cannot connect to PostgreSQL at ${target.display}: ${(error as Error).message}`, {
    hint: 'check the URL, that the server runs (pg_isready -h HOST) and that the database exists (createdb NAME)',
  });
}

/** The server went away (or never answered): a FATAL from it, a connection-class SQLSTATE, the socket closing. */
function connectionLost(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (e?.severity === 'FATAL' || e?.severity === 'PANIC' || /^(08|57P0)/.test(code)) return true;
  if (/^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NETUNREACH)$/.test(code)) return true;
  return /Connection terminated|not queryable/.test(String(e?.message ?? ''));
}

function unavailable(target: PostgresTarget, error: unknown): CallbookError {
  return new CallbookError('unavailable', `the database is unavailable (PostgreSQL at ${target.display}): ${(error as Error).message}`, {
    hint: 'check that PostgreSQL runs (pg_isready -h HOST) and try again',
  });
}

/**
 * The pool as Kysely sees it, with a lost connection reported as the database being unavailable
 * (exit 7, 503) rather than as a bug. One wrapper per pooled client, as Kysely keys on it.
 */
function reportingLoss(pool: Pool, target: PostgresTarget): PostgresPool {
  const wrappers = new WeakMap<object, PostgresPoolClient>();
  const mapped = (error: unknown) => (connectionLost(error) ? unavailable(target, error) : error);
  return {
    async connect() {
      const client = await pool.connect().catch((error: unknown) => {
        throw mapped(error);
      });
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        const query = (...args: unknown[]) => {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          // A cursor (streaming) comes back as it is; a query's promise rejects with the mapped error.
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                throw mapped(error);
              })
            : result;
        };
        wrapper = { query: query as PostgresPoolClient['query'], release: () => client.release() };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

async function migrated(db: Kysely<Database>, target: PostgresTarget): Promise<Kysely<Database>> {
  try {
    const { checkPostgresBefore, migrateToLatest } = await import('../migrate.js');
    if (await checkPostgresBefore(db, target.display)) await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** `serve`'s one synchronous connection: the webhook units run on it through sync.ts. */
async function openSynchronous(target: PostgresTarget): Promise<Kysely<Database>> {
  const [{ Kysely }, { openSyncPostgres }, { SyncPostgresDialect, pipelined }, { registerRawConnection }] = await Promise.all([
    import('kysely'),
    import('./sync-bridge.js'),
    import('./sync-dialect.js'),
    import('../sync.js'),
  ]);
  // SAVEPOINT and RELEASE go with the next statement (one round trip fewer each).
  const bridge = pipelined(await openSyncPostgres(target));
  try {
    bridge.query('select 1', []);
  } catch (error) {
    await bridge.close();
    throw unreachable(target, error);
  }
  const db = new Kysely<Database>({ dialect: new SyncPostgresDialect(bridge) });
  registerRawConnection(db, bridge);
  return migrated(db, target);
}

export async function openPostgres(target: PostgresTarget, poolSize: number | 'synchronous'): Promise<Kysely<Database>> {
  if (poolSize === 'synchronous') return openSynchronous(target);
  const [{ default: pg }, { Kysely }, { CallbookPostgresDialect }, types] = await Promise.all([
    import('pg'),
    import('kysely'),
    import('./dialect.js'),
    typeParsers(),
  ]);
  // pg-pool's connectionTimeoutMillis would also end a wait for a pooled client (a pool exhausted
  // under load would drop queries after 10 s): the bound goes on each new connection instead, and
  // a query waits for a free one as long as it takes.
  class BoundedConnect extends pg.Client {
    constructor(config?: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  }
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    ssl: target.ssl,
    max: poolSize,
    types,
    Client: BoundedConnect,
  });
  // An idle client whose server went away must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw unreachable(target, error);
  }
  return migrated(new Kysely<Database>({ dialect: new CallbookPostgresDialect({ pool: reportingLoss(pool, target) }) }), target);
}
