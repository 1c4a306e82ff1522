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
 * How long one statement of the pool (commands, ticks) may go unanswered. A server that hangs, or
 * a network that drops packets while both ends keep their sockets, otherwise holds a cron tick
 * for ever (TCP gives up on unacknowledged data after about 15 minutes, and never on a request it
 * delivered whose answer does not come). Generous: callbook's statements are short (imports and
 * reads go in chunks), and a migration on a large table still has minutes.
 */
export const QUERY_TIMEOUT_MS = 300_000;

/** pg's message when a statement had no answer within query_timeout. */
const NO_ANSWER = /^Query read timeout$/;

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
  // 'timeout expired': pg's own connect timeout (CONNECT_TIMEOUT_MS) for a new pooled connection.
  return /Connection terminated|not queryable|^timeout expired$/.test(String(e?.message ?? ''));
}

function unavailable(target: PostgresTarget, error: unknown, queryTimeoutMs?: number): CallbookError {
  const message = String((error as Error).message);
  const why =
    queryTimeoutMs !== undefined && NO_ANSWER.test(message)
      ? `no answer within ${queryTimeoutMs / 1000} s`
      : message === 'timeout expired'
        ? `no connection within ${CONNECT_TIMEOUT_MS / 1000} s`
        : message;
  return new CallbookError('unavailable', `the database is unavailable (PostgreSQL at ${target.display}): ${why}`, {
    hint: 'check that PostgreSQL runs (pg_isready -h HOST) and try again',
  });
}

/**
 * The pool as Kysely sees it, with a lost connection reported as the database being unavailable
 * (exit 7, 503) rather than as a bug. One wrapper per pooled client, as Kysely keys on it.
 */
function reportingLoss(pool: Pool, target: PostgresTarget, queryTimeoutMs: number): PostgresPool {
  const wrappers = new WeakMap<object, PostgresPoolClient>();
  const lost = (error: unknown) => connectionLost(error) || NO_ANSWER.test(String((error as Error | null)?.message));
  const mapped = (error: unknown) => (lost(error) ? unavailable(target, error, queryTimeoutMs) : error);
  return {
    async connect() {
      const client = await pool.connect().catch((error: unknown) => {
        throw mapped(error);
      });
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        // A connection that lost its server, or left a statement unanswered (it may still run
        // there), is not given to anyone again: released with an error, the pool closes it.
        let broken: Error | null = null;
        const query = (...args: unknown[]) => {
          const result = (client.query as (...a: unknown[]) => unknown)(...args);
          // A cursor (streaming) comes back as it is; a query's promise rejects with the mapped error.
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                if (lost(error)) broken ??= error as Error;
                throw mapped(error);
              })
            : result;
        };
        wrapper = { query: query as PostgresPoolClient['query'], release: () => client.release(broken ?? undefined) };
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

export async function openPostgres(
  target: PostgresTarget,
  poolSize: number | 'synchronous',
  options: { queryTimeoutMs?: number } = {},
): Promise<Kysely<Database>> {
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
  // Each statement is bounded too (QUERY_TIMEOUT_MS), and TCP keep-alive finds a peer that went
  // away while a connection sat idle in the pool.
  const queryTimeoutMs = options.queryTimeoutMs ?? QUERY_TIMEOUT_MS;
  class BoundedConnect extends pg.Client {
    constructor(config?: ClientConfig) {
      super({ ...config, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: queryTimeoutMs, keepAlive: true });
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
  return migrated(
    new Kysely<Database>({ dialect: new CallbookPostgresDialect({ pool: reportingLoss(pool, target, queryTimeoutMs) }) }),
    target,
  );
}
