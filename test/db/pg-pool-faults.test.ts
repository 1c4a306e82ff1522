// The PostgreSQL pool the commands and ticks run on (CALLBOOK_PG_POOL), exhausted: while every
// connection is held by a long transaction, the other queries wait for one and then run; none is
// dropped for having waited (pg-pool's connection timeout also ends a wait for a pooled client,
// after 10 s: here the holders keep their connections for longer than that).
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { Database } from '../../src/db/schema.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';

const HOLD_SECONDS = 11;

describe('the PostgreSQL pool, every connection busy', () => {
  let fresh: FreshDatabase;
  const open: Kysely<Database>[] = [];
  beforeAll(async () => {
    fresh = await freshDatabase('postgres', import.meta.url);
  });
  afterAll(async () => {
    await Promise.all(open.map((db) => db.destroy()));
    await fresh?.cleanup();
  });

  it(`with CALLBOOK_PG_POOL=1 and 2, queries wait out transactions that hold every connection for ${HOLD_SECONDS} s, and all run`, async () => {
    const pools = await Promise.all([1, 2].map((size) => openDatabase(fresh.url, { pgPool: size })));
    open.push(...pools);
    const runs = pools.flatMap((db, p) => {
      const holders = Array.from({ length: p + 1 }, (_, h) =>
        db.transaction().execute(async (trx) => {
          await sql`select pg_sleep(${HOLD_SECONDS})`.execute(trx);
          return `holder ${h}`;
        }),
      );
      // Queued behind the holders: reads, and writes in transactions of their own.
      const waiters = Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? db
              .selectFrom('meeting_requests')
              .select(sql<number>`${i}::int`.as('n'))
              .execute()
              .then(() => `read ${i}`)
          : db.transaction().execute(async (trx) => {
              await trx
                .insertInto('do_not_call')
                .values({
                  phone: `+1555300${p}${String(i).padStart(3, '0')}`,
                  reason: 'test',
                  source: 'pool',
                  created_at: '2026-03-09T15:00:00Z',
                })
                .execute();
              return `write ${i}`;
            }),
      );
      return [...holders, ...waiters];
    });
    const outcomes = await Promise.allSettled(runs);
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    expect(failed).toEqual([]);
    const check = pools[0];
    if (!check) throw new Error('no pool');
    const stored = await check.selectFrom('do_not_call').select('phone').where('source', '=', 'pool').execute();
    expect(stored).toHaveLength(12);
  }, 60_000);
});
