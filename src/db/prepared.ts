// Queries built and compiled by Kysely once, then run with new arguments. Building and compiling
// a query costs more than SQLite takes to run it, and the webhook hot path runs the same few
// statements thousands of times. A prepared query is written with named placeholders, p('name'),
// where values go; Kysely compiles it once with markers in those places, and each use binds the
// arguments in their order. The query's shape must not depend on the arguments (no optional
// columns in a set(), a fixed number of rows): that is what makes compiling once correct.
import type { Compilable } from 'kysely';
import type { Db } from './connection.js';
import { type Engine, engineOf } from './dialect.js';
import type { BoundQuery } from './sync.js';

const NAME = Symbol('placeholder');

interface Placeholder {
  readonly [NAME]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && NAME in value;
}

/** A placeholder for argument `name`, typed as the value it stands for. */
export type Placeholders<A> = <K extends keyof A & string>(name: K) => A[K];

export interface Prepared<A, R> {
  /** The query with these arguments, for SyncTx.all / first / run. */
  bind(db: Db, args: A): BoundQuery<R>;
}

export function prepared<A, R = unknown>(build: (db: Db, p: Placeholders<A>) => Compilable<R>): Prepared<A, R> {
  type Compiled = { sql: string; slots: ({ arg: keyof A } | { value: unknown })[] };
  // Compiled once per engine: the SQL text differs (placeholders, quoting), and one process may
  // hold databases of both (tests, `db copy`).
  const byEngine = new Map<Engine, Compiled>();
  const p = <K extends keyof A & string>(name: K) => ({ [NAME]: name }) as unknown as A[K];
  return {
    bind(db, args) {
      const engine = engineOf(db);
      let compiled = byEngine.get(engine);
      if (compiled === undefined) {
        const query = build(db, p).compile();
        compiled = {
          sql: query.sql,
          slots: query.parameters.map((value) => (isPlaceholder(value) ? { arg: value[NAME] as keyof A } : { value })),
        };
        byEngine.set(engine, compiled);
      }
      const parameters = compiled.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value));
      return { sql: compiled.sql, parameters };
    },
  };
}
