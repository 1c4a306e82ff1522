// serve's synchronous PostgreSQL connection sends BEGIN and sync.ts's SAVEPOINT and RELEASE
// SAVEPOINT with the next statement, writing that statement's values in as literals, and COMMIT
// without the RELEASEs before it (sync-dialect.ts pipelined). What is stored and answered must be
// exactly what the statements one by one give, whatever the values hold; a unit that fails must
// still roll back alone, even the first of a batch (sent with the BEGIN).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { openSyncPostgres, type SyncPostgres } from '../../src/db/postgres/sync-bridge.js';
import { inlineParameters, pipelined } from '../../src/db/postgres/sync-dialect.js';
import { parsePostgresUrl } from '../../src/db/postgres/url.js';
import { runUnitsInTransaction, type SyncTx } from '../../src/db/sync.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';

const AWKWARD = [
  "O'Brien",
  'back\\slash \\n not a newline',
  "both ' and \\",
  '$1 and $2 inside a value',
  '-- not a comment; nor /* this */',
  'émoji 📞 and ünïcode',
  '',
  'line\nbreak',
];

describe('inlineParameters', () => {
  it('writes each value as the literal pg would send, leaving strings, identifiers and comments in the SQL alone', () => {
    expect(inlineParameters(`select "a$1", '$1', $1, $2, $3, $4 -- $1\n`, ["it's", 5, null, true])).toBe(
      `select "a$1", '$1', 'it''s', '5', null, 'true' -- $1\n`,
    );
    expect(inlineParameters("select E'\\'$1', $1", ['x'])).toBe("select E'\\'$1', 'x'");
    expect(inlineParameters('select $1', ['a\\b'])).toBe("select  E'a\\\\b'");
  });

  it('refuses what it cannot write safely: other values, missing ones, dollar quotes, several statements', () => {
    expect(inlineParameters('select $1', [new Date()])).toBeNull();
    expect(inlineParameters('select $1', [['a']])).toBeNull();
    expect(inlineParameters('select $2', ['a'])).toBeNull();
    expect(inlineParameters('select $$x$$, $1', ['a'])).toBeNull();
    expect(inlineParameters('select 1; select $1', ['a'])).toBeNull();
    expect(inlineParameters("select 'open", [])).toBeNull();
  });
});

describe('the pipelined synchronous PostgreSQL connection', () => {
  let db: FreshDatabase;
  let admin: pg.Client;
  let conn: SyncPostgres;

  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('create table probe (id int primary key, label text, n int, flag boolean, at timestamptz)');
    conn = pipelined(await openSyncPostgres(parsePostgresUrl(db.url)));
  });
  afterAll(async () => {
    await conn?.close();
    await admin?.end();
    await db?.cleanup();
  });

  it('stores and answers awkward values exactly, each statement after a waiting SAVEPOINT', async () => {
    await admin.query('delete from probe');
    conn.query('begin', []);
    AWKWARD.forEach((label, i) => {
      conn.query('savepoint unit', []);
      const inserted = conn.query('insert into probe (id, label, n, flag, at) values ($1, $2, $3, $4, $5) returning id, label', [
        i,
        label,
        i % 2 === 0 ? null : -i,
        i % 3 === 0,
        '2026-03-09T15:00:00.000Z',
      ]);
      expect(inserted.rows).toEqual([{ id: i, label }]);
      expect(inserted.rowCount).toBe(1);
      conn.query('release savepoint unit', []);
    });
    conn.query('commit', []);
    expect(conn.inTransaction).toBe(false);
    const { rows } = await admin.query('select id, label, n, flag, at from probe order by id');
    expect(rows).toEqual(
      AWKWARD.map((label, i) => ({
        id: i,
        label,
        n: i % 2 === 0 ? null : -i,
        flag: i % 3 === 0,
        at: new Date('2026-03-09T15:00:00.000Z'),
      })),
    );
  });

  it('counts rows changed and reads rows back as the statement alone would', async () => {
    conn.query('begin', []);
    conn.query('savepoint unit', []);
    expect(conn.query('update probe set n = $1 where id >= $2', [7, 4]).rowCount).toBe(AWKWARD.length - 4);
    conn.query('release savepoint unit', []);
    conn.query('savepoint unit', []);
    expect(conn.prepare('select label from probe where label = $1').get("O'Brien")).toEqual({ label: "O'Brien" });
    expect(conn.prepare('select id, n from probe where id = $1').raw(true).all(5)).toEqual([[5, 7]]);
    conn.query('release savepoint unit', []);
    conn.query('commit', []);
    expect((await admin.query('select count(*)::int as c from probe where n = 7')).rows[0].c).toBe(AWKWARD.length - 4);
  });

  it('a unit whose first statement fails (sent with its SAVEPOINT) rolls back alone; the units around it commit', async () => {
    await admin.query('delete from probe');
    conn.query('begin', []);
    const unit = (id: number) => {
      conn.query('savepoint unit', []);
      try {
        conn.query('insert into probe (id, label) values ($1, $2)', [id, `unit ${id}`]);
        conn.query('insert into probe (id, label) values ($1, $2)', [id + 100, `unit ${id}`]);
        conn.query('release savepoint unit', []);
        return 'ok';
      } catch (error) {
        expect(conn.inTransaction).toBe(true);
        conn.query('rollback to savepoint unit', []);
        conn.query('release savepoint unit', []);
        return (error as { code?: string }).code;
      }
    };
    expect(unit(1)).toBe('ok');
    expect(unit(1)).toBe('23505');
    expect(unit(2)).toBe('ok');
    conn.query('commit', []);
    expect((await admin.query('select id from probe order by id')).rows.map((r) => r.id)).toEqual([1, 2, 101, 102]);
  });

  it('outside a transaction a SAVEPOINT is not held back: PostgreSQL refuses it at once', () => {
    expect(() => conn.query('savepoint unit', [])).toThrow(/SAVEPOINT can only be used in transaction blocks/);
  });

  it('a SAVEPOINT waiting when the transaction commits goes first; values it cannot write in go on their own', async () => {
    await admin.query('delete from probe');
    conn.query('begin', []);
    conn.query('savepoint unit', []);
    conn.query('insert into probe (id, at) values ($1, $2)', [1, new Date('2026-03-09T15:00:00.000Z')]);
    conn.query('release savepoint unit', []);
    conn.query('commit', []);
    expect(conn.inTransaction).toBe(false);
    expect((await admin.query('select id, at from probe')).rows).toEqual([{ id: 1, at: new Date('2026-03-09T15:00:00.000Z') }]);
  });

  it('a transaction in which nothing was sent commits and rolls back as a no-op', () => {
    conn.query('begin', []);
    expect(conn.inTransaction).toBe(true);
    conn.query('savepoint unit', []);
    conn.query('release savepoint unit', []);
    expect(conn.query('commit', []).command).toBe('COMMIT');
    expect(conn.inTransaction).toBe(false);
    conn.query('begin immediate', []);
    expect(conn.query('rollback', []).command).toBe('ROLLBACK');
    expect(conn.inTransaction).toBe(false);
    expect(conn.query('select 1 as one', []).rows).toEqual([{ one: 1 }]);
  });

  it('a COMMIT of a transaction whose statement failed (PostgreSQL answers ROLLBACK) is an error, and nothing is stored', async () => {
    await admin.query('delete from probe');
    conn.query('begin', []);
    conn.query('insert into probe (id, label) values ($1, $2)', [1, 'kept?']);
    expect(() => conn.query('insert into probe (id, label) values ($1, $2)', [1, 'again'])).toThrow(/duplicate key/);
    expect(() => conn.query('commit', [])).toThrow(/COMMIT rolled the transaction back/);
    expect(conn.inTransaction).toBe(false);
    expect((await admin.query('select count(*)::int as c from probe')).rows[0].c).toBe(0);
  });

  it('the first statement of a transaction fails (sent with its BEGIN): the unit rolls back to its savepoint, the transaction goes on and commits', async () => {
    await admin.query("delete from probe; insert into probe (id, label) values (1, 'there')");
    conn.query('begin', []);
    conn.query('savepoint unit', []);
    expect(() => conn.query('insert into probe (id, label) values ($1, $2)', [1, 'clash'])).toThrow(/duplicate key/);
    expect(conn.inTransaction).toBe(true);
    conn.query('rollback to savepoint unit', []);
    conn.query('release savepoint unit', []);
    conn.query('savepoint unit', []);
    conn.query('insert into probe (id, label) values ($1, $2)', [2, 'second unit']);
    conn.query('release savepoint unit', []);
    conn.query('commit', []);
    expect(conn.inTransaction).toBe(false);
    expect((await admin.query('select id, label from probe order by id')).rows).toEqual([
      { id: 1, label: 'there' },
      { id: 2, label: 'second unit' },
    ]);
  });

  it('a connection lost while a BEGIN waits: the transaction goes on a new connection, whole', async () => {
    await admin.query('delete from probe');
    const { pid } = conn.query('select pg_backend_pid() as pid', []).rows[0] as { pid: number };
    conn.query('begin', []);
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await new Promise((ok) => setTimeout(ok, 300));
    conn.query('insert into probe (id, label) values ($1, $2)', [1, 'after the loss']);
    conn.query('commit', []);
    expect(conn.inTransaction).toBe(false);
    expect((await admin.query('select id, label from probe')).rows).toEqual([{ id: 1, label: 'after the loss' }]);
    expect((conn.query('select pg_backend_pid() as pid', []).rows[0] as { pid: number }).pid).not.toBe(pid);
  });
});

describe('group commit through the pipelined connection (serve on PostgreSQL)', () => {
  let db: FreshDatabase;
  let kysely: Db;
  let admin: pg.Client;

  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
    kysely = await openDatabase(db.url, { synchronous: true });
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query('create table probe (id int primary key, label text)');
  });
  afterAll(async () => {
    await kysely?.destroy();
    await admin?.end();
    await db?.cleanup();
  });

  const insert = (id: number, label: string) => (tx: SyncTx) =>
    tx.run({ sql: 'insert into probe (id, label) values ($1, $2)', parameters: [id, label] });

  it('the first unit of a batch failing rolls back alone; the others commit; the next batch runs', async () => {
    await admin.query("insert into probe (id, label) values (1, 'there')");
    const outcomes = await runUnitsInTransaction(kysely, [insert(1, 'clash'), insert(2, "it's two"), insert(3, 'three')]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true, true]);
    expect(String((outcomes[0] as { error: unknown }).error)).toMatch(/duplicate key/);
    const next = await runUnitsInTransaction(kysely, [insert(4, 'four'), () => 'no statement', insert(2, 'clash')]);
    expect(next.map((o) => o.ok)).toEqual([true, true, false]);
    expect((await admin.query('select id, label from probe order by id')).rows).toEqual([
      { id: 1, label: 'there' },
      { id: 2, label: "it's two" },
      { id: 3, label: 'three' },
      { id: 4, label: 'four' },
    ]);
  });
});
