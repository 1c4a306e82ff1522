// Prepared queries: compiled once, bound many times. What matters to the webhook hot path is that
// each bind runs with its own arguments in the right places, and that the constant parts of the
// query (literal values written into it) stay as written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { transactionPerUnit } from '../../src/db/group-commit.js';
import { prepared } from '../../src/db/prepared.js';
import { readNow } from '../../src/db/sync.js';

let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-prepared-'));
  db = await openDatabase(join(dir, 'prepared.db'));
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

interface NewEntry {
  phone: string;
  reason: string;
  created_at: string;
}

// 'call' is a constant of the query, not an argument.
const insertEntry = prepared<NewEntry>((db, p) =>
  db.insertInto('do_not_call').values({ phone: p('phone'), reason: p('reason'), source: 'call', created_at: p('created_at') }),
);
const entryByPhone = prepared<{ phone: string }, { phone: string; reason: string; source: string; created_at: string }>((db, p) =>
  db.selectFrom('do_not_call').selectAll().where('phone', '=', p('phone')),
);
const callEntriesSince = prepared<{ since: string; limit: number }, { phone: string }>((db, p) =>
  db
    .selectFrom('do_not_call')
    .select('phone')
    .where('source', '=', 'call')
    .where('created_at', '>=', p('since'))
    .orderBy('phone')
    .limit(p('limit')),
);
const setReason = prepared<{ phone: string; reason: string }>((db, p) =>
  db
    .updateTable('do_not_call')
    .set({ reason: p('reason') })
    .where('phone', '=', p('phone')),
);
// The same argument in two places.
const phoneOrReason = prepared<{ text: string }, { phone: string }>((db, p) =>
  db
    .selectFrom('do_not_call')
    .select('phone')
    .where((eb) => eb.or([eb('phone', '=', p('text')), eb('reason', '=', p('text'))]))
    .orderBy('phone'),
);

describe('prepared', () => {
  it('binds the arguments of each call in their places, with the same SQL every time', () => {
    const a = insertEntry.bind(db, { phone: '+15550001001', reason: 'asked', created_at: '2026-03-01T00:00:00.000Z' });
    const b = insertEntry.bind(db, { created_at: '2026-03-02T00:00:00.000Z', reason: 'rude', phone: '+15550001002' });
    expect(b.sql).toBe(a.sql);
    expect(a.sql).toMatch(/^insert into "do_not_call"/);
    // Kysely orders parameters as the columns were written: phone, reason, the constant 'call', created_at.
    expect(a.parameters).toEqual(['+15550001001', 'asked', 'call', '2026-03-01T00:00:00.000Z']);
    expect(b.parameters).toEqual(['+15550001002', 'rude', 'call', '2026-03-02T00:00:00.000Z']);
  });

  it('an insert, a select and an update bound with different arguments write and read the right rows', async () => {
    const writer = transactionPerUnit(db);
    const entries: NewEntry[] = [
      { phone: '+15550002001', reason: 'asked', created_at: '2026-03-01T00:00:00.000Z' },
      { phone: '+15550002002', reason: 'angry', created_at: '2026-03-05T00:00:00.000Z' },
      { phone: '+15550002003', reason: 'wrong number', created_at: '2026-03-09T00:00:00.000Z' },
    ];
    for (const entry of entries) await writer.run((tx) => tx.run(insertEntry.bind(tx.db, entry)));

    // Written with the constant source 'call' and each row's own values.
    const stored = await db.selectFrom('do_not_call').selectAll().where('phone', 'like', '+155500020%').orderBy('phone').execute();
    expect(stored).toEqual(entries.map((e) => ({ ...e, source: 'call' })));

    const changed = await writer.run((tx) => tx.run(setReason.bind(tx.db, { phone: '+15550002002', reason: 'calmed down' })));
    expect(changed).toBe(1);
    const untouched = await writer.run((tx) => tx.run(setReason.bind(tx.db, { phone: '+15550009999', reason: 'nobody' })));
    expect(untouched).toBe(0);

    const read = await readNow(db, (tx) => ({
      first: tx.first(entryByPhone.bind(tx.db, { phone: '+15550002001' })),
      second: tx.first(entryByPhone.bind(tx.db, { phone: '+15550002002' })),
      missing: tx.first(entryByPhone.bind(tx.db, { phone: '+15550000000' })),
      since5th: tx.all(callEntriesSince.bind(tx.db, { since: '2026-03-05T00:00:00.000Z', limit: 10 })),
      firstOnly: tx.all(callEntriesSince.bind(tx.db, { since: '2026-01-01T00:00:00.000Z', limit: 1 })),
    }));
    expect(read.first).toEqual({ phone: '+15550002001', reason: 'asked', source: 'call', created_at: '2026-03-01T00:00:00.000Z' });
    expect(read.second).toEqual({ phone: '+15550002002', reason: 'calmed down', source: 'call', created_at: '2026-03-05T00:00:00.000Z' });
    expect(read.missing).toBeUndefined();
    expect(read.since5th).toEqual([{ phone: '+15550002002' }, { phone: '+15550002003' }]);
    expect(read.firstOnly).toEqual([{ phone: '+15550002001' }]);
  });

  it('keeps the constants of the query: rows from another source are not selected', async () => {
    await db
      .insertInto('do_not_call')
      .values({ phone: '+15550003001', reason: 'typed in', source: 'manual', created_at: '2026-03-10T00:00:00.000Z' })
      .execute();
    const bound = callEntriesSince.bind(db, { since: '2026-03-10T00:00:00.000Z', limit: 5 });
    expect(bound.parameters).toEqual(['call', '2026-03-10T00:00:00.000Z', 5]);
    expect(await readNow(db, (tx) => tx.all(bound))).toEqual([]);
  });

  it('compiles once: the SQL text is the same on every bind while the parameters follow the arguments', () => {
    const binds = ['2026-01-01', '2026-02-01', '2026-03-01'].map((since, i) => callEntriesSince.bind(db, { since, limit: i + 1 }));
    expect(new Set(binds.map((b) => b.sql)).size).toBe(1);
    expect(binds.map((b) => b.parameters)).toEqual([
      ['call', '2026-01-01', 1],
      ['call', '2026-02-01', 2],
      ['call', '2026-03-01', 3],
    ]);
    let builds = 0;
    const counted = prepared<{ phone: string }>((db, p) => {
      builds++;
      return db.deleteFrom('do_not_call').where('phone', '=', p('phone'));
    });
    counted.bind(db, { phone: 'a' });
    counted.bind(db, { phone: 'b' });
    counted.bind(db, { phone: 'c' });
    expect(builds).toBe(1);
  });

  it('a placeholder used twice binds the same value in both places', async () => {
    const bound = phoneOrReason.bind(db, { text: 'hung up' });
    expect(bound.parameters).toEqual(['hung up', 'hung up']);
    await transactionPerUnit(db).run((tx) => {
      tx.run(insertEntry.bind(tx.db, { phone: '+15550004001', reason: 'hung up', created_at: '2026-03-11T00:00:00.000Z' }));
      tx.run(insertEntry.bind(tx.db, { phone: 'hung up', reason: 'odd phone', created_at: '2026-03-11T00:00:00.000Z' }));
      tx.run(insertEntry.bind(tx.db, { phone: '+15550004003', reason: 'other', created_at: '2026-03-11T00:00:00.000Z' }));
    });
    expect(await readNow(db, (tx) => tx.all(phoneOrReason.bind(tx.db, { text: 'hung up' })))).toEqual([
      { phone: '+15550004001' },
      { phone: 'hung up' },
    ]);
    expect(await readNow(db, (tx) => tx.all(phoneOrReason.bind(tx.db, { text: '+15550004003' })))).toEqual([{ phone: '+15550004003' }]);
  });
});
