import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { openDatabase, resolveDatabaseTarget } from '../../src/db/connection.js';
import { migrateDown, migrateToLatest } from '../../src/db/migrate.js';

describe('migrations', () => {
  it('registers every migration file in the static index', () => {
    const files = readdirSync(new URL('../../migrations/', import.meta.url))
      .filter((f) => /^\d{14}_.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });

  it('round-trips up and down and up again', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    await migrateToLatest(db);
    const tables = async () => (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(await tables()).toEqual([
      'bookings',
      'call_turns',
      'calls',
      'campaigns',
      'do_not_call',
      'leads',
      'meeting_requests',
      'participant_availability',
    ]);
    await migrateDown(db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(db);
    expect(await tables()).toHaveLength(8);
    await db.destroy();
  });

  it('creates the file on first use in WAL mode and reopens it without migrating again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'callbook-db-')), 'fresh.db');
    const db = await openDatabase(`sqlite:///${path}`);
    await db.destroy();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(Object.keys(migrations).length);
    raw.close();
    const again = await openDatabase(path);
    expect(await again.selectFrom('meeting_requests').selectAll().execute()).toEqual([]);
    await again.destroy();
  });
});

describe('database URLs', () => {
  it.each([
    ['./app.db', '/work/x/app.db'],
    ['sqlite:///./app.db', '/work/x/app.db'],
    ['sqlite:////var/data/app.db', '/var/data/app.db'],
    [':memory:', ':memory:'],
  ])('%s → %s', (url, file) => {
    expect(resolveDatabaseTarget(url, '/work/x').filename).toBe(file);
  });

  it('says PostgreSQL is not supported yet rather than failing oddly', () => {
    expect(() => resolveDatabaseTarget('postgres://localhost/test')).toThrow(/PostgreSQL is not supported yet/);
    expect(() => resolveDatabaseTarget('mysql://localhost/test')).toThrow(/unsupported database URL scheme/);
  });
});
