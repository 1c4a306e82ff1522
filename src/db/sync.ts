// Synchronous execution of Kysely-built queries, for the webhook hot path. Kysely's executor is
// asynchronous: every statement takes its connection lock and a few promise turns, which on a
// SQLite file in the same process costs more than running the statement. Queries here are still
// built and compiled by Kysely (typed, values bound as parameters); only running them is direct,
// on the same better-sqlite3 connection and its statement cache, while Kysely's connection is held
// so no Kysely transaction of this process can be open around them.
import type { Compilable } from 'kysely';
import type { Db } from './connection.js';

interface Statement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
}

export interface RawConnection {
  /** The database file ('' or ':memory:' for none). */
  readonly filename: string;
  /** Whether a transaction is open (SQLite may end one on its own after some errors). */
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
}

const handles = new WeakMap<object, RawConnection>();
/** Run after each COMMIT of runUnitsInTransaction on that database (checkpoints.ts bounds the log there). */
const afterCommit = new WeakMap<object, () => void>();

/** Sets (or, with null, clears) what runs after each COMMIT of `db`'s units. */
export function setAfterCommit(db: Db, hook: (() => void) | null): void {
  if (hook) afterCommit.set(db, hook);
  else afterCommit.delete(db);
}

/** The hook, once the units are durable: whatever it meets (a locked file, an I/O error) cannot undo them, nor fail their batch. */
function afterCommitted(db: Db): void {
  try {
    afterCommit.get(db)?.();
  } catch {
    // The next commit runs it again.
  }
}

/** Called by openDatabase: the connection behind a Kysely instance. */
export function registerRawConnection(db: Db, raw: RawConnection): void {
  handles.set(db, raw);
}

export function rawConnectionOf(db: Db): RawConnection | undefined {
  return handles.get(db);
}

function requireRaw(db: Db): RawConnection {
  const raw = handles.get(db);
  if (!raw) throw new Error('synchronous units need a database opened by openDatabase');
  return raw;
}

/** SQL with its parameters bound: a compiled query, or a prepared one with arguments (prepared.ts). */
export interface BoundQuery<R> {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Type of the rows only. */
  readonly __rows?: R;
}

type Runnable<R> = Compilable<R> | BoundQuery<R>;

/** Runs Kysely-compiled queries now, inside the caller's transaction. */
export interface SyncTx {
  /** The query builder (never executed through Kysely here). */
  readonly db: Db;
  all<R>(query: Runnable<R>): R[];
  first<R>(query: Runnable<R>): R | undefined;
  /** Runs a write; the number of rows it changed. */
  run(query: Runnable<unknown>): number;
}

function bound<R>(query: Runnable<R>): { sql: string; parameters: readonly unknown[] } {
  return 'compile' in query ? query.compile() : query;
}

function syncTx(db: Db, raw: RawConnection): SyncTx {
  return {
    db,
    all<R>(query: Runnable<R>): R[] {
      const { sql, parameters } = bound(query);
      return raw.prepare(sql).all(...parameters) as R[];
    },
    first<R>(query: Runnable<R>): R | undefined {
      const { sql, parameters } = bound(query);
      return raw.prepare(sql).get(...parameters) as R | undefined;
    },
    run(query: Runnable<unknown>): number {
      const { sql, parameters } = bound(query);
      return raw.prepare(sql).run(...parameters).changes;
    },
  };
}

export type SyncUnit<T> = (tx: SyncTx) => T;

/** What a unit ended with, once the transaction around it committed. */
export type UnitOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs units one after another in a single transaction, each in its own savepoint: a unit that
 * throws is rolled back alone. Resolves after COMMIT; rejects (nothing written) if BEGIN or COMMIT
 * fails, or if a unit's error made SQLite end the whole transaction.
 */
export async function runUnitsInTransaction(db: Db, units: readonly SyncUnit<unknown>[]): Promise<UnitOutcome<unknown>[]> {
  const raw = requireRaw(db);
  const tx = syncTx(db, raw);
  const exec = (statement: string) => raw.prepare(statement).run();
  return db.connection().execute(async () => {
    // IMMEDIATE takes the write lock up front (waiting out the busy timeout if a tick holds it),
    // so the transaction cannot fail half-way on a lock upgrade.
    exec('begin immediate');
    try {
      const outcomes = units.map((unit): UnitOutcome<unknown> => {
        exec('savepoint unit');
        try {
          const value = unit(tx);
          exec('release savepoint unit');
          return { ok: true, value };
        } catch (error) {
          // Some failures (an I/O error, a full disk, OR ROLLBACK) end the whole transaction:
          // then every unit is undone and the batch fails with the error that caused it.
          if (!raw.inTransaction) throw error;
          exec('rollback to savepoint unit');
          exec('release savepoint unit');
          return { ok: false, error };
        }
      });
      exec('commit');
      afterCommitted(db);
      return outcomes;
    } catch (error) {
      try {
        if (raw.inTransaction) exec('rollback');
      } catch {
        // SQLite already rolled back (e.g. after an I/O error); the original error is what matters.
      }
      throw error;
    }
  });
}

/**
 * Runs a unit of reads now, holding Kysely's connection so no transaction of this process is open
 * around it. Each statement reads the latest committed state.
 */
export async function readNow<T>(db: Db, unit: SyncUnit<T>): Promise<T> {
  const tx = syncTx(db, requireRaw(db));
  return db.connection().execute(async () => unit(tx));
}
