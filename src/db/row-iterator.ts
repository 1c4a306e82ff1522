// Reading many rows without an object per row: better-sqlite3 hands each row over as an array,
// one at a time, on the connection openDatabase made. Kysely's driver builds every row of a
// result as an object before the first is seen: at 300k availability rows, seconds and hundreds
// of megabytes for the optimizer's three numbers per row.
import type { Compilable } from 'kysely';
import type { Db } from './connection.js';
import { rawConnectionOf } from './sync.js';

interface IterableStatement {
  raw(toggle: boolean): unknown;
  iterate(...params: unknown[]): IterableIterator<unknown[]>;
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
