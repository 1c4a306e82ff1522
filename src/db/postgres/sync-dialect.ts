// Kysely over the synchronous bridge (sync-bridge.ts): `serve` on PostgreSQL keeps ONE
// connection, like the SQLite file, so its Kysely queries and the webhook units (sync.ts) take
// turns on it and never wait on each other's locks from two connections of the same process.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  type QueryResult,
} from 'kysely';
import pg from 'pg';
import { CallbookError } from '../../errors.js';
import { CallbookPostgresDialect } from './dialect.js';
import { type SyncPostgres, statementOver } from './sync-bridge.js';

/**
 * `sql` with its $n parameters written in as literals, each the text pg would have sent for it (an
 * untyped literal, typed by its context as a parameter is); null where that cannot be done safely:
 * a value that is not a string, number, boolean or null, a dollar-quoted string, or a `;`.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string | null {
  const literal = (value: unknown): string | null => {
    if (value === null || value === undefined) return 'null';
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') return null;
    const text = String(value);
    if (text.includes('\0')) return null;
    // pg's own quoting (E'' with backslashes doubled where there are any), not ours.
    return pg.escapeLiteral(text);
  };
  const identifierChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      // A string (E'' strings escape with backslashes) or a quoted identifier, copied as it is.
      const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !identifierChar(sql[i - 2]);
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) return null;
        if (escapes && sql[j] === '\\') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j += 1;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      out += end === -1 ? sql.slice(i) : sql.slice(i, end);
      i = end === -1 ? sql.length : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1 || sql.slice(i + 2, end).includes('/*')) return null;
      out += sql.slice(i, end + 2);
      i = end + 2;
    } else if (c === '$' && !identifierChar(sql[i - 1])) {
      const digits = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (!digits) return null; // a dollar-quoted string
      const n = Number(digits[1]);
      if (n < 1 || n > params.length) return null;
      const value = literal(params[n - 1]);
      if (value === null) return null;
      out += value;
      i += (digits[0] as string).length;
    } else if (c === ';') {
      return null;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

const DEFERRABLE = /^\s*(savepoint|release\s+savepoint)\s+[a-z_][a-z0-9_]*\s*$/i;
const BEGIN = /^\s*begin(\s+immediate)?\s*$/i;
const COMMIT = /^\s*(commit|end)\s*$/i;
const ROLLBACK = /^\s*rollback\s*$/i;
const TRANSACTION_CONTROL = /^\s*(begin|start|commit|end|rollback|abort|prepare|savepoint|release)\b/i;

const done = (command: string) => ({ rows: [], rowCount: 0, command });
const lost = (error: unknown) => error instanceof CallbookError && error.kind === 'unavailable';

/**
 * The bridge with fewer round trips. BEGIN, and SAVEPOINT and RELEASE SAVEPOINT inside a
 * transaction (sync.ts wraps every unit in them, and reads nothing back from them), wait and go
 * with the next statement, in one message of several statements (PostgreSQL runs them in order
 * and stops at the first that fails); that statement's values are written in as literals. COMMIT
 * goes alone, without the RELEASEs before it (it releases every savepoint); a transaction in which
 * nothing was sent commits or rolls back without a message. A statement that cannot be written in
 * goes on its own after the waiting ones. What a statement answers is its own.
 * When the statement sent with a waiting BEGIN fails, the bridge took the message for a failed
 * BEGIN, so the transaction (open, aborted) is rolled back and opened again as far as the waiting
 * statements went: the failed statement's unit then rolls back to its savepoint as it would have.
 * A COMMIT that PostgreSQL answers with ROLLBACK (the transaction had failed) is an error here.
 */
export function pipelined(bridge: SyncPostgres): SyncPostgres {
  let waiting: string[] = [];
  let opening = false;
  const inTransaction = () => opening || bridge.inTransaction;

  /** Sends `text`; after a failure in a message that opened the transaction, `reopen` is sent again. */
  function send(text: string, params: readonly unknown[], arrays: boolean, opened: boolean, reopen: string | null) {
    try {
      return bridge.query(text, params, arrays);
    } catch (error) {
      if (opened && !lost(error)) {
        bridge.query('rollback', []);
        if (reopen !== null) bridge.query(reopen, []);
      }
      throw error;
    }
  }

  function query(sql: string, params: readonly unknown[], arrays = false) {
    if (params.length === 0) {
      if (BEGIN.test(sql) && !inTransaction() && waiting.length === 0) {
        opening = true;
        waiting.push('begin');
        return done('BEGIN');
      }
      if (inTransaction() && DEFERRABLE.test(sql)) {
        waiting.push(sql.trim());
        return done(/^\s*savepoint/i.test(sql) ? 'SAVEPOINT' : 'RELEASE');
      }
      if (COMMIT.test(sql) || ROLLBACK.test(sql)) {
        const empty = opening;
        waiting = [];
        opening = false;
        const command = COMMIT.test(sql) ? 'COMMIT' : 'ROLLBACK';
        if (empty) return done(command);
        const answer = bridge.query(sql, params, arrays);
        if (command === 'COMMIT' && answer.command === 'ROLLBACK') {
          throw Object.assign(new Error('COMMIT rolled the transaction back: a statement in it had failed'), { code: '25P02' });
        }
        return answer;
      }
    }
    if (waiting.length === 0) return bridge.query(sql, params, arrays);
    const before = waiting.join('; ');
    const opened = opening;
    waiting = [];
    opening = false;
    const alone = TRANSACTION_CONTROL.test(sql)
      ? null
      : params.length === 0
        ? sql.includes(';')
          ? null
          : sql
        : inlineParameters(sql, params);
    if (alone !== null) return send(`${before}; ${alone}`, [], arrays, opened, opened ? before : null);
    send(before, [], false, opened, null);
    return bridge.query(sql, params, arrays);
  }

  const statement = (sql: string) => statementOver(query, sql);

  return {
    filename: bridge.filename,
    get inTransaction() {
      return inTransaction();
    },
    query,
    prepare: (sql) => statement(sql),
    close: () => bridge.close(),
  };
}

const WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

class BridgeConnection implements DatabaseConnection {
  constructor(private readonly bridge: SyncPostgres) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, rowCount, command } = this.bridge.query(compiled.sql, compiled.parameters);
    return { rows: rows as R[], ...(WRITES.has(command) ? { numAffectedRows: BigInt(rowCount) } : {}) };
  }

  // biome-ignore lint/correctness/useYield: nothing streams on the webhook path
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on the synchronous PostgreSQL connection');
  }
}

class BridgeDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: BridgeConnection;
  private release: (() => void) | null = null;

  constructor(private readonly bridge: SyncPostgres) {
    this.connection = new BridgeConnection(bridge);
  }

  async init(): Promise<void> {}

  /** One connection: the next caller waits until the current one releases it (as SqliteDriver does). */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.bridge.close();
  }
}

export class SyncPostgresDialect implements Dialect {
  private readonly compiler = new CallbookPostgresDialect({ pool: {} as never });

  constructor(private readonly bridge: SyncPostgres) {}

  createDriver(): Driver {
    return new BridgeDriver(this.bridge);
  }

  createQueryCompiler() {
    return this.compiler.createQueryCompiler();
  }

  createAdapter() {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
