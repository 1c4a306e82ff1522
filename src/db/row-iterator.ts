// Reading many rows without an object per row: better-sqlite3 hands each row over as an array,
// one at a time, on the connection openDatabase made. Kysely's driver builds every row of a
// result as an object before the first is seen: at 300k availability rows, seconds and hundreds
// of megabytes for the optimizer's three numbers per row.
import type { Compilable } from 'kysely';
import type { Db } from './connection.js';
import { isPostgres } from './dialect.js';
import { rawConnectionOf } from './sync.js';

interface IterableStatement {
  raw(toggle: boolean): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown[]>;
  all(...params: unknown[]): unknown[][];
}

/**
 * Calls `each` with every row of the query as an array, in the order of its select list. The
 * callback must not touch the database (the connection is busy stepping the statement). When it
 * returns a promise (a reader that is behind), the next row waits for it.
 */
export async function forEachRow(db: Db, query: Compilable<unknown>, each: (row: unknown[]) => void | Promise<void>): Promise<void> {
  const compiled = query.compile();
  const raw = rawConnectionOf(db);
  if (!raw) {
    // A database not opened by openDatabase (no raw handle): the same rows through Kysely.
    for (const row of (await db.executeQuery(compiled)).rows) await each(Object.values(row as object));
    return;
  }
  // Holding Kysely's connection keeps this process's other queries (and transactions) off it meanwhile.
  await db.connection().execute(async () => {
    const statement = raw.prepare(compiled.sql) as unknown as IterableStatement;
    // The statement is shared through the statement cache: back to object rows once done.
    statement.raw(true);
    try {
      for (const row of statement.iterate(...compiled.parameters)) {
        const pending = each(row);
        if (pending) await pending;
      }
    } finally {
      statement.raw(false);
    }
  });
}

/**
 * Every row of the query as an array, in the order of its select list: for a bounded batch
 * (better-sqlite3 hands a whole result over faster than it steps an iterator row by row).
 */
export async function allRows(db: Db, query: Compilable<unknown>): Promise<unknown[][]> {
  const compiled = query.compile();
  const raw = rawConnectionOf(db);
  if (!raw) return (await db.executeQuery(compiled)).rows.map((row) => Object.values(row as object));
  return db.connection().execute(async () => {
    const statement = raw.prepare(compiled.sql) as unknown as IterableStatement;
    statement.raw(true);
    try {
      return statement.all(...compiled.parameters);
    } finally {
      statement.raw(false);
    }
  });
}

/** SQLite's default page cache (about 2 MB), for a read that passes over a table once. */
const PASSING_CACHE_PAGES = -2000;

/**
 * Runs a one-pass read of a big table with SQLite's page cache back at its default size and the
 * file not memory-mapped, then restores both. The connection keeps 64 MiB of pages and maps the
 * file for `serve`, which reads the same rows again and again; a command that streams a table
 * once gains nothing from either (the OS caches the file anyway), and both count in its memory:
 * every page it passed stayed resident, so its RSS grew with the table (166 MB against 103 MB
 * for `availability list --json` of 100k leads). Nothing changes on PostgreSQL.
 */
export async function withPassingCache<T>(db: Db, read: () => Promise<T>): Promise<T> {
  const raw = rawConnectionOf(db);
  if (!raw || raw.filename === '' || raw.filename === ':memory:' || isPostgres(db)) return read();
  const setting = (name: 'cache_size' | 'mmap_size') => Object.values(raw.prepare(`pragma ${name}`).get() as object)[0] as number;
  const set = (name: 'cache_size' | 'mmap_size', value: number) => raw.prepare(`pragma ${name} = ${Math.trunc(value)}`).run();
  // Reads that overlap (two confirms in `serve`) share one change: the first saves the settings
  // (the map holds its promise at once, so a second never saves the changed ones), the last puts
  // them back (queued on the connection before anything later can read them).
  let passing = passingReads.get(raw);
  if (!passing) {
    const saved = db.connection().execute(async () => {
      const own = { cache: setting('cache_size'), mmap: setting('mmap_size') };
      set('mmap_size', 0);
      set('cache_size', PASSING_CACHE_PAGES);
      return own;
    });
    passing = { readers: 0, saved };
    passingReads.set(raw, passing);
  }
  passing.readers++;
  let own: { cache: number; mmap: number } | null = null;
  try {
    own = await passing.saved;
    return await read();
  } finally {
    passing.readers--;
    if (passing.readers === 0) {
      passingReads.delete(raw);
      const restore = own;
      if (restore)
        await db.connection().execute(async () => {
          set('cache_size', restore.cache);
          set('mmap_size', restore.mmap);
        });
    }
  }
}

/** While passing reads run on a connection: how many, and its own settings (once read). */
const passingReads = new WeakMap<object, { readers: number; saved: Promise<{ cache: number; mmap: number }> }>();

/** Where one meeting's rows of a table lie: how many, and the first and last id. */
export interface IdSpan {
  count: number;
  first: number;
  last: number;
}

/** Ids per chunk of a walk in id order: each chunk is read whole (a bounded batch). */
const IDS_PER_CHUNK = 5000;

/**
 * Every row of a meeting in id order, as arrays. When the meeting's rows are most of their id
 * span (a campaign imported at once), the span is read in chunks of ids straight from the table,
 * which is already in id order; otherwise through the meeting's index, which SQLite then sorts
 * by id. `query(range)` builds the query for ids in `range` (null: all of the meeting's rows),
 * ordered by id.
 */
export async function forEachRowById(
  db: Db,
  span: IdSpan | null,
  query: (range: { from: number; to: number } | null) => Compilable<unknown>,
  each: (row: unknown[]) => void,
): Promise<void> {
  if (!span || span.count === 0) return;
  if (span.count * 4 < span.last - span.first + 1) return forEachRow(db, query(null), each);
  for (let from = span.first; from <= span.last; from += IDS_PER_CHUNK) {
    const rows = await allRows(db, query({ from, to: Math.min(span.last, from + IDS_PER_CHUNK - 1) }));
    for (const row of rows) each(row);
  }
}

/** The span from a `count(*) as count, min(id) as first, max(id) as last` row (PostgreSQL counts as text). */
export function idSpanOf(row: { count: unknown; first: unknown; last: unknown } | undefined): IdSpan | null {
  if (!row || row.first === null || row.last === null) return null;
  return { count: Number(row.count), first: Number(row.first), last: Number(row.last) };
}
