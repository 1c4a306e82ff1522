// What differs between the engines in the SQL the repositories write, in one place: repos call
// these and stay one code path; services never see which engine runs.
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** The engine behind a Kysely instance or a transaction of it. */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export const isPostgres = (db: Kysely<any>): boolean => engineOf(db) === 'postgres';

/** 1-based position of `needle` in `text`, 0 when absent: SQLite's instr, PostgreSQL's strpos. */
export function position(db: Kysely<any>, text: RawBuilder<unknown>, needle: string): RawBuilder<number> {
  return isPostgres(db) ? sql<number>`strpos(${text}, ${needle})` : sql<number>`instr(${text}, ${needle})`;
}

/** `column IN (the strings)` with ONE bound parameter however many strings (SQLite caps parameters). */
export function inTextList(db: Kysely<any>, column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<boolean> {
  return isPostgres(db)
    ? sql<boolean>`${column} = any(${[...values]}::text[])`
    : sql<boolean>`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * An inner join whose order the planner must keep: SQLite's CROSS JOIN fixes the loop order (it
 * has no statistics without ANALYZE); PostgreSQL plans joins from its statistics and has no
 * `CROSS JOIN … ON`, so it gets a plain JOIN.
 */
export function orderedJoin(db: Kysely<any>): RawBuilder<unknown> {
  return isPostgres(db) ? sql`join` : sql`cross join`;
}

/**
 * A transaction whose check-then-write holds against every other writer of `leads`: SQLite's
 * BEGIN IMMEDIATE takes the database's write lock before the first read; on PostgreSQL (READ
 * COMMITTED) the same guarantee is a SHARE ROW EXCLUSIVE lock on leads, which conflicts with
 * itself and with every UPDATE/INSERT of leads (a tick's claim waits, reads go on), taken first so
 * two such transactions queue instead of deadlocking.
 */
export async function inLeadsWriteTransaction<D extends Kysely<any>, T>(db: D, fn: (trx: D) => Promise<T>): Promise<T> {
  if (isPostgres(db)) {
    return db.transaction().execute(async (trx) => {
      await sql`lock table leads in share row exclusive mode`.execute(trx);
      return fn(trx as unknown as D);
    });
  }
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await fn(conn as unknown as D);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

/**
 * The clock leases run on, in epoch ms. SQLite lives on one host, whose clock every process
 * shares. On PostgreSQL ticks run on several hosts whose clocks differ by seconds, so leases use
 * the database's clock: read once (now(), halfway through the round trip) and carried forward
 * by this host's monotonic clock, so every lease written and judged is on the server's time.
 */
export async function leaseClock(db: Kysely<any>): Promise<() => number> {
  if (!isPostgres(db)) return () => Date.now();
  const before = performance.now();
  const { rows } = await sql<{ ms: number }>`select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`.execute(db);
  const after = performance.now();
  const at = (before + after) / 2;
  const server = Number(rows[0]?.ms);
  return () => Math.round(server + (performance.now() - at));
}
