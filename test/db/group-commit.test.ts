// Group commit and the synchronous units under it, on a real SQLite file: what a webhook relies on
// is that a unit's promise settles only once its writes are committed (another connection sees
// them), that a failing unit takes back only its own writes, and that a batch that cannot commit
// writes nothing and tells every unit so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { groupCommit, transactionPerUnit } from '../../src/db/group-commit.js';
import { rawConnectionOf, readNow, type SyncTx, setAfterCommit } from '../../src/db/sync.js';

const CREATED = '2026-03-09T15:00:00.000Z';
let dir: string;
let file: string;
let fileNo = 0;
let db: Db;
/** A second connection to the same file, as another process would have. */
let other: SQLite.Database;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-group-commit-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  file = join(dir, `test-${++fileNo}.db`);
  db = await openDatabase(file);
  other = new SQLite(file);
});
afterEach(async () => {
  other.close();
  await db.destroy();
});

function insert(tx: SyncTx, phone: string, reason = 'asked'): number {
  return tx.run(tx.db.insertInto('do_not_call').values({ phone, reason, source: 'test', created_at: CREATED }));
}

/** What the other connection sees committed, right now. */
function committedPhones(): string[] {
  return (other.prepare('select phone from do_not_call order by phone').all() as { phone: string }[]).map((r) => r.phone);
}

function seenByOther(phone: string): boolean {
  return other.prepare('select 1 from do_not_call where phone = ?').get(phone) !== undefined;
}

describe('groupCommit', () => {
  it('commits units issued in the same tick, each visible to another connection by the time its promise resolves', async () => {
    const writer = groupCommit(db);
    const phones = ['+15550000001', '+15550000002', '+15550000003', '+15550000004', '+15550000005'];
    const visibleOnSettle: boolean[] = [];
    // What another connection sees of the batch while its units run: nothing, as they share one transaction.
    const visibleWhileRunning: string[] = [];
    const results = await Promise.all(
      phones.map((phone, i) =>
        writer
          .run((tx) => {
            insert(tx, phone);
            visibleWhileRunning.push(...committedPhones());
            return i * 10;
          })
          .then((value) => {
            // Checked synchronously in the settle callback: the row must already be committed.
            visibleOnSettle[i] = seenByOther(phone);
            return value;
          }),
      ),
    );
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(visibleOnSettle).toEqual([true, true, true, true, true]);
    expect(visibleWhileRunning).toEqual([]);
    expect(committedPhones()).toEqual(phones);
  });

  it('nothing a pending unit wrote is visible to another connection before its promise settles', async () => {
    const writer = groupCommit(db);
    let settled = false;
    const done = writer
      .run((tx) => insert(tx, '+15550000009'))
      .then(() => {
        settled = true;
      });
    // Not settled yet: the batch runs on a later turn of the event loop, and nothing is committed.
    expect(settled).toBe(false);
    expect(seenByOther('+15550000009')).toBe(false);
    await done;
    expect(seenByOther('+15550000009')).toBe(true);
  });

  it('a unit that throws rejects with its own error and only its writes are rolled back', async () => {
    const writer = groupCommit(db);
    const boom = new Error('unit failed after writing');
    const outcomes = await Promise.allSettled([
      writer.run((tx) => insert(tx, '+15550000011')),
      writer.run((tx) => {
        insert(tx, '+15550000012');
        insert(tx, '+15550000013');
        throw boom;
      }),
      writer.run((tx) => insert(tx, '+15550000014')),
    ]);
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 1 });
    expect(outcomes[1]).toEqual({ status: 'rejected', reason: boom });
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(boom);
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: 1 });
    expect(committedPhones()).toEqual(['+15550000011', '+15550000014']);
  });

  it('a unit that violates a constraint rejects with the database error; the rest of the batch is committed', async () => {
    const writer = groupCommit(db);
    const outcomes = await Promise.allSettled([
      writer.run((tx) => insert(tx, '+15550000021', 'first')),
      writer.run((tx) => {
        insert(tx, '+15550000022');
        // The same phone again: the primary key refuses it.
        insert(tx, '+15550000021', 'duplicate');
      }),
      writer.run((tx) => insert(tx, '+15550000023')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed: do_not_call\.phone/);
    expect(committedPhones()).toEqual(['+15550000021', '+15550000023']);
    expect(other.prepare('select reason from do_not_call where phone = ?').get('+15550000021')).toEqual({ reason: 'first' });
  });

  it('units of one batch run in order of arrival and each sees the writes of those before it', async () => {
    const writer = groupCommit(db);
    const count = (tx: SyncTx) =>
      Number(tx.first(tx.db.selectFrom('do_not_call').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? -1);
    const seen = await Promise.all([
      writer.run((tx) => {
        insert(tx, '+15550000031');
        return count(tx);
      }),
      writer.run((tx) => {
        insert(tx, '+15550000032');
        return count(tx);
      }),
      writer.run((tx) => tx.first(tx.db.selectFrom('do_not_call').select('reason').where('phone', '=', '+15550000031'))),
      writer.run((tx) => {
        tx.run(tx.db.updateTable('do_not_call').set({ reason: 'changed' }).where('phone', '=', '+15550000031'));
        return tx.first(tx.db.selectFrom('do_not_call').select('reason').where('phone', '=', '+15550000031'));
      }),
      writer.run((tx) => count(tx)),
    ]);
    expect(seen).toEqual([1, 2, { reason: 'asked' }, { reason: 'changed' }, 2]);
  });

  it('a unit after a failed one does not see the failed one’s writes', async () => {
    const writer = groupCommit(db);
    const [, seen] = await Promise.allSettled([
      writer.run((tx) => {
        insert(tx, '+15550000041');
        throw new Error('no');
      }),
      writer.run((tx) => tx.first(tx.db.selectFrom('do_not_call').select('phone').where('phone', '=', '+15550000041')) ?? null),
    ]);
    expect(seen).toEqual({ status: 'fulfilled', value: null });
  });

  it('more units than fit in one transaction are all committed, in order', async () => {
    const writer = groupCommit(db, { maxUnits: 2 });
    const phones = Array.from({ length: 7 }, (_, i) => `+1555000005${i}`);
    const order: string[] = [];
    await Promise.all(
      phones.map((phone) =>
        writer.run((tx) => {
          order.push(phone);
          insert(tx, phone);
        }),
      ),
    );
    expect(order).toEqual(phones);
    expect(committedPhones()).toEqual(phones);
  });

  it('when BEGIN cannot take the write lock, every unit of the batch rejects and nothing is written', async () => {
    const writer = groupCommit(db);
    const raw = rawConnectionOf(db);
    if (!raw) throw new Error('openDatabase registered no raw connection');
    // Another connection holds the write lock; this one waits only 50 ms for it.
    other.prepare('begin immediate').run();
    raw.prepare('pragma busy_timeout = 50').all();
    let ran = 0;
    const outcomes = await Promise.allSettled(
      ['+15550000061', '+15550000062', '+15550000063'].map((phone) =>
        writer.run((tx) => {
          ran++;
          return insert(tx, phone);
        }),
      ),
    );
    other.prepare('rollback').run();
    raw.prepare('pragma busy_timeout = 10000').all();
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    expect(ran).toBe(0);
    expect(committedPhones()).toEqual([]);
    expect(await db.selectFrom('do_not_call').select('phone').execute()).toEqual([]);

    // The writer is not stuck: once the lock is free the next units commit.
    await expect(writer.run((tx) => insert(tx, '+15550000064'))).resolves.toBe(1);
    expect(committedPhones()).toEqual(['+15550000064']);
  });
});

it('when a unit’s error ends the whole transaction, the batch fails with that error and nothing is written', async () => {
  const writer = groupCommit(db);
  const insertOrRollback = (tx: SyncTx, phone: string) =>
    tx.run(
      sql`insert or rollback into do_not_call (phone, reason, source, created_at) values (${phone}, 'x', 'test', ${CREATED})`.compile(
        tx.db,
      ),
    );
  const outcomes = await Promise.allSettled([
    writer.run((tx) => insertOrRollback(tx, '+15550000071')),
    writer.run((tx) => {
      insertOrRollback(tx, '+15550000072');
      // OR ROLLBACK: SQLite ends the transaction itself, savepoints and all.
      insertOrRollback(tx, '+15550000072');
    }),
    writer.run((tx) => insertOrRollback(tx, '+15550000073')),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
  for (const outcome of outcomes) {
    expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed: do_not_call\.phone/);
  }
  expect(committedPhones()).toEqual([]);
  await expect(writer.run((tx) => insert(tx, '+15550000074'))).resolves.toBe(1);
  expect(committedPhones()).toEqual(['+15550000074']);
});

describe('transactionPerUnit', () => {
  it('resolves with the unit’s value once it is committed', async () => {
    const writer = transactionPerUnit(db);
    const visible = await writer.run((tx) => insert(tx, '+15550000071')).then((changes) => [changes, seenByOther('+15550000071')]);
    expect(visible).toEqual([1, true]);
  });

  it('a unit that throws rejects with its error and writes nothing', async () => {
    const writer = transactionPerUnit(db);
    const boom = new Error('unit failed');
    await expect(
      writer.run((tx) => {
        insert(tx, '+15550000072');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(committedPhones()).toEqual([]);
    // And the connection is usable afterwards (the transaction did not stay open).
    await expect(writer.run((tx) => insert(tx, '+15550000073'))).resolves.toBe(1);
    expect(committedPhones()).toEqual(['+15550000073']);
  });

  it('rejects and writes nothing when BEGIN cannot take the write lock', async () => {
    const writer = transactionPerUnit(db);
    const raw = rawConnectionOf(db);
    if (!raw) throw new Error('openDatabase registered no raw connection');
    other.prepare('begin immediate').run();
    raw.prepare('pragma busy_timeout = 50').all();
    let ran = false;
    const outcome = writer.run((tx) => {
      ran = true;
      return insert(tx, '+15550000074');
    });
    await expect(outcome).rejects.toThrow(/locked|busy/i);
    other.prepare('rollback').run();
    raw.prepare('pragma busy_timeout = 10000').all();
    expect(ran).toBe(false);
    expect(committedPhones()).toEqual([]);
  });
});

describe('readNow', () => {
  it('returns rows written by committed units, including ones committed by another connection', async () => {
    const writer = groupCommit(db);
    await Promise.all([writer.run((tx) => insert(tx, '+15550000081')), writer.run((tx) => insert(tx, '+15550000082', 'second'))]);
    other
      .prepare('insert into do_not_call (phone, reason, source, created_at) values (?, ?, ?, ?)')
      .run('+15550000083', 'x', 'cli', CREATED);
    const rows = await readNow(db, (tx) => tx.all(tx.db.selectFrom('do_not_call').select(['phone', 'reason', 'source']).orderBy('phone')));
    expect(rows).toEqual([
      { phone: '+15550000081', reason: 'asked', source: 'test' },
      { phone: '+15550000082', reason: 'second', source: 'test' },
      { phone: '+15550000083', reason: 'x', source: 'cli' },
    ]);
    expect(await readNow(db, (tx) => tx.first(tx.db.selectFrom('do_not_call').select('phone').where('phone', '=', 'nobody')))).toBe(
      undefined,
    );
  });

  it('does not see the writes of a unit that failed', async () => {
    const writer = groupCommit(db);
    await expect(
      writer.run((tx) => {
        insert(tx, '+15550000091');
        throw new Error('failed');
      }),
    ).rejects.toThrow('failed');
    expect(await readNow(db, (tx) => tx.all(tx.db.selectFrom('do_not_call').select('phone')))).toEqual([]);
  });
});

describe('after the COMMIT', () => {
  // What runs after a commit (the WAL's hard bound, checkpoints.ts) may meet a locked or failing
  // file; the units were durable before it ran, so their callers are told they are.
  it('a hook that throws does not fail the batch it follows, and runs again after the next one', async () => {
    let calls = 0;
    setAfterCommit(db, () => {
      calls += 1;
      throw new Error('disk I/O error');
    });
    const writer = groupCommit(db);
    await expect(writer.run((tx) => insert(tx, '+15550000011'))).resolves.toBe(1);
    await expect(writer.run((tx) => insert(tx, '+15550000012'))).resolves.toBe(1);
    setAfterCommit(db, null);
    expect(committedPhones()).toEqual(['+15550000011', '+15550000012']);
    expect(calls).toBe(2);
  });
});
