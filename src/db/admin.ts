// Whole-table work for `callbook db status|copy`: row counts, and copying every table between two
// databases of either engine, ids kept. Tables in the order their references need.
import { type Kysely, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { engineOf } from './dialect.js';
import type { Database } from './schema.js';

export type TableName = keyof Database;

/**
 * Each table before the tables that reference it; with the column rows are ordered and paged by,
 * and whether it is a numbered (identity) id.
 */
export const TABLES: readonly { name: TableName; key: string; numbered?: false }[] = [
  { name: 'owners', key: 'id', numbered: false },
  { name: 'meeting_requests', key: 'id' },
  { name: 'campaigns', key: 'id' },
  { name: 'leads', key: 'id' },
  { name: 'calls', key: 'id' },
  { name: 'call_turns', key: 'id' },
  { name: 'participant_availability', key: 'id' },
  { name: 'bookings', key: 'id' },
  { name: 'booking_attendees', key: 'id' },
  { name: 'notifications', key: 'id' },
  { name: 'do_not_call', key: 'phone', numbered: false },
];

export async function countRows(db: Kysely<Database>): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const { name } of TABLES) {
    const row = await db
      .selectFrom(name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[name] = Number(row.n);
  }
  return counts;
}

export interface MigrationLevel {
  applied: string[];
  known: number;
}

export async function migrationLevel(db: Kysely<Database>): Promise<MigrationLevel> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return { applied: rows.map((r) => r.name), known: Object.keys(migrations).length };
}

/** Rows per INSERT: under SQLite's and PostgreSQL's bound-parameter caps for the widest table. */
const CHUNK = 500;

/**
 * Copies every row of every table from `from` into `into` (a transaction of the target), ids
 * kept, reading the source a page at a time in key order. On PostgreSQL each identity then
 * continues after the highest id copied; SQLite's AUTOINCREMENT already does (it keeps the
 * largest id ever inserted).
 */
export async function copyTables(
  from: Kysely<Database>,
  into: Kysely<Database>,
  onTable?: (table: TableName, rows: number) => void,
): Promise<Record<TableName, number>> {
  const copied = {} as Record<TableName, number>;
  for (const { name, key, numbered } of TABLES) {
    let last: unknown = null;
    let total = 0;
    for (;;) {
      const page: Record<string, unknown>[] = await (from as Kysely<any>)
        .selectFrom(name)
        .selectAll()
        .$if(last !== null, (qb) => qb.where(key, '>', last))
        .orderBy(key)
        .limit(CHUNK)
        .execute();
      if (page.length === 0) break;
      await (into as Kysely<any>).insertInto(name).values(page).execute();
      total += page.length;
      last = page[page.length - 1]?.[key];
      if (page.length < CHUNK) break;
    }
    copied[name] = total;
    onTable?.(name, total);
    if (numbered !== false && engineOf(into) === 'postgres') {
      await sql`select setval(pg_get_serial_sequence(${name}, 'id'), coalesce((select max(id) from ${sql.table(name)}), 0) + 1, false)`.execute(
        into,
      );
    }
  }
  return copied;
}
