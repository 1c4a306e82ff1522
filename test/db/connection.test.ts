// What --db may point at: not a database, someone else's database, a newer callbook's database,
// nothing at all. Each is refused with its own message and exit code, and the file is left as it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let sandbox: CliSandbox;
beforeEach(() => {
  sandbox = createCliSandbox();
});
afterEach(() => sandbox.cleanup());

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('--db pointing at something that is not a callbook database', () => {
  it('a text file: exit 2 "not a callbook database", the file untouched', async () => {
    const file = sandbox.file('notes.txt', 'meeting notes, not a database\n'.repeat(200));
    const before = digest(file);
    const r = await sandbox.run(['--db', file, 'meeting', 'list', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error).toMatchObject({ kind: 'bad_input', message: expect.stringContaining('not a callbook database') });
    expect(digest(file)).toBe(before);
  });

  it("another program's SQLite database: exit 2, and no callbook tables are added to it", async () => {
    const file = join(sandbox.dir, 'other.db');
    const other = new Database(file);
    other.exec('create table invoices (id integer primary key, total real)');
    other.close();
    const r = await sandbox.run(['--db', file, 'meeting', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a callbook database \(it holds other tables: invoices\)/);
    const after = new Database(file);
    expect(after.prepare("select name from sqlite_master where type = 'table'").pluck().all()).toEqual(['invoices']);
    after.close();
  });

  it('an empty --db is refused (exit 2) rather than quietly using ./callbook.db', async () => {
    const r = await sandbox.run(['--db', '', 'meeting', 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--db/);
  });

  it('a new path still becomes a new database', async () => {
    const r = await sandbox.run(['--db', join(sandbox.dir, 'fresh.db'), ...MEETING_FLAGS]);
    expect(r.code).toBe(0);
  });
});

describe('a database written by a newer callbook', () => {
  async function existing(): Promise<string> {
    expect((await sandbox.run(MEETING_FLAGS)).code).toBe(0);
    return sandbox.dbPath;
  }

  function checkpointed(file: string, change: (db: Database.Database) => void): string {
    const db = new Database(file);
    change(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    return digest(file);
  }

  it('with a migration this callbook does not know: refused (exit 6) naming it, never rewritten', async () => {
    const file = await existing();
    const before = checkpointed(file, (db) => {
      db.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run(
        '29990101000000_add_future_things',
        '2999-01-01T00:00:00.000Z',
      );
      db.pragma(`user_version = ${Object.keys(migrations).length + 1}`);
    });
    const r = await sandbox.run(['meeting', 'list', '--json']);
    expect(r.code).toBe(6);
    expect(r.json().error.message).toBe(
      'this database was written by a newer callbook (migration 29990101000000_add_future_things); upgrade',
    );
    expect(digest(file)).toBe(before);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('select count(*) from kysely_migration').pluck().get()).toBe(Object.keys(migrations).length + 1);
    db.close();
  });

  it('with a higher user_version alone: refused (exit 6), never rewritten', async () => {
    const file = await existing();
    const before = checkpointed(file, (db) => db.pragma('user_version = 999'));
    const r = await sandbox.run(['meeting', 'list']);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/this database was written by a newer callbook \(schema version 999, .*\); upgrade/);
    expect(digest(file)).toBe(before);
  });

  it('an older database (fewer migrations, all known) is still brought up to date', async () => {
    const file = await existing();
    checkpointed(file, (db) => db.pragma('user_version = 0'));
    expect((await sandbox.run(['meeting', 'list'])).code).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(Object.keys(migrations).length);
    db.close();
  });
});
