// Writers wait their turn. `serve` under load holds SQLite's write lock most of the time, and
// SQLite's own busy handler gives up after busy_timeout, unfairly (it polls while the server
// retakes the lock at once). So a write that finds the database busy is tried again, with growing,
// jittered pauses that leave the event loop free, until a budget runs out; only then does it fail,
// with its own error kind (busy, exit 8) instead of "database is locked" reported as a bug.
import { CallbookError } from '../errors.js';

/** How long a write may wait for the lock in all (CALLBOOK_BUSY_TIMEOUT_MS). */
export const DEFAULT_BUSY_BUDGET_MS = 60_000;

export function busyBudgetMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.CALLBOOK_BUSY_TIMEOUT_MS;
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_BUSY_BUDGET_MS;
}

/** SQLITE_BUSY and its extended codes (BUSY_SNAPSHOT, BUSY_RECOVERY, BUSY_TIMEOUT). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

export function busyError(waitedMs: number): CallbookError {
  return new CallbookError('busy', `the database is busy: another process kept its write lock for ${(waitedMs / 1000).toFixed(1)} s`, {
    hint: 'callbook serve or a tick is writing to it; try again, or wait longer with CALLBOOK_BUSY_TIMEOUT_MS (milliseconds)',
  });
}

export interface BusyRetryOptions {
  /** Total time to keep trying, in ms (default: busyBudgetMs()). */
  budgetMs?: number;
  /** First pause between tries; it doubles up to maxDelayMs, each with up to 50% jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs fn, and runs it again while it fails because the database is busy, until the budget is
 * spent; then throws the busy error. fn must be safe to repeat: a whole transaction (SQLite rolled
 * it back), or one statement outside any.
 */
export async function withBusyRetry<T>(fn: () => Promise<T>, options: BusyRetryOptions = {}): Promise<T> {
  const budget = options.budgetMs ?? busyBudgetMs();
  const maxDelay = options.maxDelayMs ?? 500;
  const started = Date.now();
  let delay = options.baseDelayMs ?? 10;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= budget) throw busyError(waited);
      await sleep(Math.min(budget - waited, delay * (1 + Math.random() * 0.5)));
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}

interface Query {
  readonly sql: string;
}
interface Connection {
  executeQuery(query: never): Promise<unknown>;
  streamQuery(query: never, chunkSize?: number): AsyncIterableIterator<unknown>;
}
interface DriverLike {
  acquireConnection(): Promise<Connection>;
}

/**
 * Makes every write through Kysely wait its turn: each statement run outside a transaction (a
 * BEGIN, or a write on its own) is retried by withBusyRetry, so nothing half-done is repeated. A
 * deferred BEGIN becomes BEGIN IMMEDIATE: the lock is waited for up front, where waiting works,
 * not at the first write, where SQLite fails at once if another writer committed meanwhile
 * (SQLITE_BUSY_SNAPSHOT). Statements inside a transaction run as they are.
 */
export function retryWritesOnBusy<D extends { createDriver(): DriverLike }>(dialect: D, inTransaction: () => boolean, budgetMs: number): D {
  const createDriver = dialect.createDriver.bind(dialect);
  dialect.createDriver = () => {
    const driver = createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    const wrapped = new WeakMap<Connection, Connection>();
    driver.acquireConnection = async () => {
      const connection = await acquire();
      let patient = wrapped.get(connection);
      if (!patient) {
        patient = {
          executeQuery: (query: never) => {
            if (inTransaction()) return connection.executeQuery(query);
            const q = query as Query;
            const run = (q.sql === 'begin' ? { ...q, sql: 'begin immediate' } : q) as never;
            return withBusyRetry(() => connection.executeQuery(run), { budgetMs });
          },
          streamQuery: (query: never, chunkSize?: number) => connection.streamQuery(query, chunkSize),
        };
        wrapped.set(connection, patient);
      }
      return patient;
    };
    return driver;
  };
  return dialect;
}
