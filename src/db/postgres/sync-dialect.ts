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
import { CallbookPostgresDialect } from './dialect.js';
import type { SyncPostgres } from './sync-bridge.js';

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
