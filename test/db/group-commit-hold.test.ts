// Holding group commits, as the checkpoint thread asks before it restarts the log: a hold starts
// only once no group commit's transaction is running, no unit is committed while it lasts (nor
// does its promise settle), and the units that queued meanwhile commit together once released.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { groupCommit, holdGroupCommits } from '../../src/db/group-commit.js';
import type { SyncTx } from '../../src/db/sync.js';

const CREATED = '2026-03-09T15:00:00.000Z';
let dir: string;
let fileNo = 0;
let db: Db;
/** A second connection to the same file, as another process would have. */
let other: SQLite.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-group-hold-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  const file = join(dir, `test-${++fileNo}.db`);
  db = await openDatabase(file);
  other = new SQLite(file);
});
afterEach(async () => {
  other.close();
  await db.destroy();
});

function insert(tx: SyncTx, phone: string): void {
  tx.run(tx.db.insertInto('do_not_call').values({ phone, reason: 'asked', source: 'test', created_at: CREATED }));
}

function seenByOther(phone: string): boolean {
  return other.prepare('select 1 from do_not_call where phone = ?').get(phone) !== undefined;
}

describe('holdGroupCommits', () => {
  it('commits nothing while held, and the units that waited commit once released', async () => {
    const writer = groupCommit(db);
    const release = await holdGroupCommits(db);
    const settled: string[] = [];
    const phones = ['+15550000001', '+15550000002', '+15550000003'];
    const units = phones.map((phone) => writer.run((tx) => insert(tx, phone)).then(() => settled.push(phone)));
    // Many turns of the event loop: a writer that ignored the hold would have committed by now.
    await sleep(50);
    expect(phones.filter(seenByOther)).toEqual([]);
    expect(settled).toEqual([]);
    release();
    await Promise.all(units);
    expect(phones.filter(seenByOther)).toEqual(phones);
    expect(settled).toEqual(phones);
  });

  it('asked for while a transaction runs, starts only after that transaction committed', async () => {
    const writer = groupCommit(db);
    let held: Promise<boolean> | undefined;
    let release: (() => void) | undefined;
    await writer.run((tx) => {
      insert(tx, '+15550000010');
      // Inside the running transaction: the hold must wait for its COMMIT.
      held = holdGroupCommits(db).then((r) => {
        release = r;
        return seenByOther('+15550000010');
      });
    });
    expect(await held).toBe(true);
    const later = writer.run((tx) => insert(tx, '+15550000011'));
    await sleep(30);
    expect(seenByOther('+15550000011')).toBe(false);
    release?.();
    await later;
    expect(seenByOther('+15550000011')).toBe(true);
  });

  it('releasing twice counts once: another hold still holds', async () => {
    const writer = groupCommit(db);
    const first = await holdGroupCommits(db);
    const second = await holdGroupCommits(db);
    const unit = writer.run((tx) => insert(tx, '+15550000020'));
    first();
    first();
    await sleep(30);
    expect(seenByOther('+15550000020')).toBe(false);
    second();
    await unit;
    expect(seenByOther('+15550000020')).toBe(true);
  });
});
