// serve's synchronous PostgreSQL connection (sync-bridge.ts) when the connection goes away. A
// connection lost inside a transaction took the transaction with it: the bridge must not carry on
// on a fresh connection (each later statement would commit on its own, the unit half-written),
// but fail every statement until the rollback, as PostgreSQL fails an aborted transaction's. Out
// of a transaction it reconnects by itself. Losing it is "the database is unavailable", which
// serve answers 503. Backends are ended with pg_terminate_backend, only this test's own.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { openSyncPostgres, type SyncPostgres } from '../../src/db/postgres/sync-bridge.js';
import { parsePostgresUrl } from '../../src/db/postgres/url.js';
import { runUnitsInTransaction } from '../../src/db/sync.js';
import { CallbookError } from '../../src/errors.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { freePort } from '../helpers/serve-process.js';

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('the synchronous PostgreSQL connection, lost', () => {
  let db: FreshDatabase;
  let admin: pg.Client;
  const bridges: SyncPostgres[] = [];
  let kysely: Db;

  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
    // A callbook database (migrated) with a table of the test's own beside it.
    kysely = await openDatabase(db.url, { synchronous: true });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('create table probe (x int not null)');
  });
  afterAll(async () => {
    await kysely?.destroy();
    await Promise.all(bridges.map((b) => b.close()));
    await admin?.end();
    await db?.cleanup();
  });

  async function bridge(): Promise<SyncPostgres> {
    const b = await openSyncPostgres(parsePostgresUrl(db.url));
    bridges.push(b);
    return b;
  }

  const probe = async () => (await admin.query('select x from probe order by x')).rows.map((r) => r.x);

  it('inside a transaction: every later statement fails (nothing commits on a new connection) until the rollback; then it reconnects', async () => {
    await admin.query('delete from probe');
    const b = await bridge();
    b.query('begin', []);
    b.query('insert into probe values (1)', []);
    const { pid } = b.query('select pg_backend_pid() as pid', []).rows[0] as { pid: number };
    await admin.query('select pg_terminate_backend($1)', [pid]);
    // Let the bridge's thread see its connection close while no statement runs.
    await new Promise((ok) => setTimeout(ok, 300));
    expect(() => b.query('insert into probe values (2)', [])).toThrow(/database is unavailable/);
    expect(b.inTransaction).toBe(true);
    expect(() => b.query('insert into probe values (3)', [])).toThrow(/database is unavailable/);
    b.query('rollback', []);
    expect(b.inTransaction).toBe(false);
    expect(await probe()).toEqual([]);
    // Out of the transaction, the next statement gets a new connection.
    b.query('insert into probe values (4)', []);
    expect(await probe()).toEqual([4]);
  });

  it('a COMMIT after the loss fails and ends the transaction; nothing of it is stored', async () => {
    await admin.query('delete from probe');
    const b = await bridge();
    b.query('begin', []);
    b.query('insert into probe values (1)', []);
    const { pid } = b.query('select pg_backend_pid() as pid', []).rows[0] as { pid: number };
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await new Promise((ok) => setTimeout(ok, 300));
    expect(() => b.query('commit', [])).toThrow(/database is unavailable/);
    expect(b.inTransaction).toBe(false);
    expect(await probe()).toEqual([]);
  });

  it("a webhook batch whose connection dies between two of a unit's writes fails whole with the unavailable error", async () => {
    await admin.query('delete from probe');
    const units = kysely;
    const killer = await bridge();
    const outcome = runUnitsInTransaction(units, [
      (tx) => tx.run({ sql: 'insert into probe values (1)', parameters: [] }),
      (tx) => {
        tx.run({ sql: 'insert into probe values (2)', parameters: [] });
        const own = tx.first<{ pid: number }>({ sql: 'select pg_backend_pid() as pid', parameters: [] })?.pid;
        killer.query('select pg_terminate_backend($1)', [own]);
        pause(300);
        tx.run({ sql: 'insert into probe values (3)', parameters: [] });
        return 'done';
      },
    ]);
    const error = await outcome.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CallbookError);
    expect((error as CallbookError).kind).toBe('unavailable');
    expect((error as CallbookError).httpStatus).toBe(503);
    expect(await probe()).toEqual([]);
    // The next batch runs on a new connection.
    await runUnitsInTransaction(units, [(tx) => tx.run({ sql: 'insert into probe values (5)', parameters: [] })]);
    expect(await probe()).toEqual([5]);
  });

  it('a server that is not there: the statement fails, saying the database is unavailable', async () => {
    const port = await freePort();
    const b = await openSyncPostgres(parsePostgresUrl(`postgres://postgres@127.0.0.1:${port}/nothing`));
    bridges.push(b);
    let error: unknown = null;
    try {
      b.query('select 1', []);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CallbookError);
    expect((error as CallbookError).kind).toBe('unavailable');
    expect((error as CallbookError).message).toMatch(/database is unavailable.*ECONNREFUSED|database is unavailable.*connect/);
  });
});

describe('the synchronous PostgreSQL connection, not answering', () => {
  let db: FreshDatabase;
  let admin: pg.Client;
  let b: SyncPostgres | null = null;
  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('create table probe (x int not null)');
  });
  afterAll(async () => {
    await b?.close();
    await admin?.end();
    await db?.cleanup();
  });

  const probe = async () => (await admin.query('select x from probe order by x')).rows.map((r) => r.x);

  it("gives up after its wait, and the late answer is never taken for the next statement's", async () => {
    b = await openSyncPostgres(parsePostgresUrl(db.url), { answerTimeoutMs: 300 });
    expect(() => b?.query('select pg_sleep(1.5), 1 as late', [])).toThrow(/database is unavailable.*no answer within 0.3 s/);
    await new Promise((ok) => setTimeout(ok, 1700));
    expect(b.query('select 2 as n', []).rows).toEqual([{ n: 2 }]);
  });

  it('a statement given up on inside a transaction: the transaction is refused until the rollback, nothing of it stored', async () => {
    const bridge = await openSyncPostgres(parsePostgresUrl(db.url), { answerTimeoutMs: 300 });
    try {
      bridge.query('begin', []);
      bridge.query('insert into probe values (1)', []);
      expect(() => bridge.query('select pg_sleep(1.5)', [])).toThrow(/database is unavailable/);
      expect(() => bridge.query('insert into probe values (2)', [])).toThrow(/database is unavailable/);
      expect(() => bridge.query('commit', [])).toThrow(/database is unavailable/);
      expect(bridge.inTransaction).toBe(false);
      expect(await probe()).toEqual([]);
      expect(bridge.query('select 3 as n', []).rows).toEqual([{ n: 3 }]);
    } finally {
      await bridge.close();
    }
  });
});
