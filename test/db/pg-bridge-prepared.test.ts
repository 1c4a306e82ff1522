// serve's synchronous PostgreSQL connection prepares each statement with parameters once, under a
// name, so the server plans the webhook path's statements once per connection. A table changed
// under such a statement (another process migrating while serve runs) must not leave that
// statement failing for good: it fails once, as PostgreSQL reports it, and is prepared afresh.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncPostgres, type SyncPostgres } from '../../src/db/postgres/sync-bridge.js';
import { parsePostgresUrl } from '../../src/db/postgres/url.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';

describe('the synchronous PostgreSQL connection, prepared statements', () => {
  let db: FreshDatabase;
  let admin: pg.Client;
  let bridge: SyncPostgres;

  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query("create table probe (id int primary key, name text not null); insert into probe values (1, 'one'), (2, 'two')");
    bridge = await openSyncPostgres(parsePostgresUrl(db.url));
  });
  afterAll(async () => {
    await bridge?.close();
    await admin?.end();
    await db?.cleanup();
  });

  it('the same statement with other values answers for those values, rows and counts', () => {
    const sql = 'select id, name from probe where id = $1';
    expect(bridge.query(sql, [1]).rows).toEqual([{ id: 1, name: 'one' }]);
    expect(bridge.query(sql, [2]).rows).toEqual([{ id: 2, name: 'two' }]);
    expect(bridge.query(sql, [3]).rows).toEqual([]);
    expect(bridge.query('update probe set name = $1 where id >= $2', ['many', 1]).rowCount).toBe(2);
    expect(bridge.query('update probe set name = $1 where id >= $2', ['two', 2]).rowCount).toBe(1);
    expect(bridge.query(sql, [2]).rows).toEqual([{ id: 2, name: 'two' }]);
  });

  it('after another connection adds a column, the statement fails once and then answers with the new column', async () => {
    const sql = 'select * from probe where id = $1';
    expect(bridge.query(sql, [1]).rows).toEqual([{ id: 1, name: 'many' }]);
    await admin.query("alter table probe add column note text not null default 'new'");
    expect(() => bridge.query(sql, [1])).toThrow(/cached plan must not change result type/);
    expect(bridge.query(sql, [1]).rows).toEqual([{ id: 1, name: 'many', note: 'new' }]);
    expect(bridge.query(sql, [2]).rows).toEqual([{ id: 2, name: 'two', note: 'new' }]);
  });
});
