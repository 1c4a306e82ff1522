// `serve` on PostgreSQL when things go wrong (issue 12, "Faults"):
//  - serve killed (SIGKILL) in the middle of a batch: every reply that went out is stored, the
//    rest is stored whole or not at all, and a replay to another serve completes each call once;
//  - PostgreSQL restarted while serve runs: requests during the outage get 503 saying the database
//    is unavailable, promptly; the same process recovers by itself, nothing half-written;
//  - one connection under a crowd of signed webhooks (CALLBOOK_PG_POOL=1 and 2): every request
//    waits its turn and is answered, each turn stored once. (serve keeps one synchronous
//    connection whatever the pool size; the pool the commands and ticks use is exhausted in
//    pg-pool-faults.test.ts.)
// The restart runs on a PostgreSQL cluster of this test's own (initdb in a temp dir, a free port,
// stopped and started with pg_ctl): the shared server at 127.0.0.1:5432 is never restarted.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { CallbookError } from '../../src/errors.js';
import { compileForTests, TEST_BUILD } from '../helpers/build.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { type PgCluster, startPgCluster } from '../helpers/pg-cluster.js';
import { type Reply, type ServeProcess, signedPost, startServeProcess } from '../helpers/serve-process.js';
import { gatherOf, type LiveCall, NOW, nth, seedLiveCalls, settled, storedCalls, wholeOrNothing } from '../helpers/webhook-faults.js';

const ROOT = resolve(import.meta.dirname, '../..');

beforeAll(() => {
  compileForTests(ROOT);
  if (!existsSync(join(TEST_BUILD, 'src/cli/main.js'))) throw new Error(`the build did not produce ${TEST_BUILD}/src/cli/main.js`);
}, 180_000);

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const send = (base: string, call: LiveCall, timeoutMs = 20_000) => {
  const { path, params } = gatherOf(call);
  return signedPost(base, path, params, { timeoutMs });
};

/** A session on `url` that holds the lead row of `call` locked until release(): serve's unit for it blocks mid-transaction. */
async function lockLead(url: string, call: LiveCall): Promise<{ pid: number; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('error', () => {});
  await client.query('begin');
  await client.query('select id from leads where id = $1 for update', [call.leadId]);
  const { rows } = await client.query('select pg_backend_pid() as pid');
  return {
    pid: rows[0].pid,
    release: async () => {
      await client.query('rollback').catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

/** Backends on the database other than `except`, and whether one of them waits on a lock. */
async function backends(url: string, except: number[] = []): Promise<{ count: number; waitingOnLock: boolean }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select pid, wait_event_type from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and not (pid = any($1::int[]))`,
      [except],
    );
    return { count: rows.length, waitingOnLock: rows.some((r) => r.wait_event_type === 'Lock') };
  } finally {
    await client.end();
  }
}

describe('serve on PostgreSQL, killed mid-request', () => {
  let db: FreshDatabase;
  const serves: ServeProcess[] = [];
  const locks: { release(): Promise<void> }[] = [];
  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
  });
  afterAll(async () => {
    await Promise.all(serves.map((s) => s.kill()));
    await Promise.all(locks.map((l) => l.release()));
    await db?.cleanup();
  });

  it('every reply that went out is stored, nothing is half-written, and a replay to another serve completes each call once', async () => {
    const calls = await seedLiveCalls(db.url, 24);
    const first = await startServeProcess(db.url, NOW);
    serves.push(first);
    // Replies that went out: eight calls answered normally.
    const early = calls.slice(0, 8);
    const answered = new Map<number, Reply>();
    for (const [i, reply] of (await Promise.all(early.map((c) => send(first.url, c)))).entries()) {
      expect(reply.status).toBe(200);
      answered.set(nth(early, i).id, reply);
    }
    // The rest arrive together while another session holds one of their leads: the batch that
    // carries that call stops inside its transaction (the call turn and its slots written, the
    // lead not yet), and serve is killed there.
    const blocked = nth(calls, 8);
    const lock = await lockLead(db.url, blocked);
    locks.push(lock);
    const late = calls.slice(8);
    // Settled as they come: the ones cut off by the kill reject.
    const inFlight = settled(late.map((c) => send(first.url, c)));
    await until('serve to wait on the locked lead', async () => (await backends(db.url, [lock.pid])).waitingOnLock);
    await first.kill();
    const lateReplies = await inFlight;
    for (const [i, reply] of lateReplies.entries()) {
      if ('status' in reply && reply.status === 200) answered.set(nth(late, i).id, reply);
    }
    // The blocked call's reply never left.
    expect(answered.has(blocked.id)).toBe(false);
    await lock.release();
    // The dead process's backend goes once it sees its client gone (and rolls back).
    await until('the killed serve backend to end', async () => (await backends(db.url)).count === 0);

    const afterKill = await storedCalls(db.url, calls);
    for (const call of calls) {
      const stored = afterKill(call);
      expect(wholeOrNothing(stored), `call ${call.id}`).toMatch(/^(whole|none)$/);
      const reply = answered.get(call.id);
      // A reply that went out is stored, with the very TwiML the caller heard.
      if (reply) expect(stored.turns, `call ${call.id}`).toEqual([{ turn: 1, response: reply.body }]);
    }
    expect(wholeOrNothing(afterKill(blocked))).toBe('none');

    // Twilio retries what got no answer (and may repeat what did) on whichever process is up.
    const second = await startServeProcess(db.url, NOW);
    serves.push(second);
    const replayed = await Promise.all(calls.map((c) => send(second.url, c)));
    await second.stop();
    for (const [i, reply] of replayed.entries()) {
      const call = nth(calls, i);
      expect(reply.status, `call ${call.id}: ${reply.body}`).toBe(200);
      expect(reply.body).toContain('turn=2');
      const before = answered.get(call.id);
      if (before) expect(reply.body).toBe(before.body);
    }
    const final = await storedCalls(db.url, calls);
    for (const [i, call] of calls.entries()) {
      const stored = final(call);
      expect(wholeOrNothing(stored), `call ${call.id}`).toBe('whole');
      expect(stored.turns).toEqual([{ turn: 1, response: nth(replayed, i).body }]);
    }
  }, 60_000);
});

describe('serve on PostgreSQL, PostgreSQL restarted while it runs', () => {
  let cluster: PgCluster | null = null;
  let serve: ServeProcess | null = null;
  let lock: { release(): Promise<void> } | null = null;
  let pool: Db | null = null;
  afterAll(async () => {
    await serve?.kill();
    await pool?.destroy();
    await lock?.release();
    await cluster?.destroy();
  }, 30_000);

  it('answers 503 "database unavailable" during the outage, recovers without a restart, nothing half-written', async () => {
    cluster = await startPgCluster();
    const admin = new pg.Client({ connectionString: `${cluster.server}/postgres` });
    await admin.connect();
    await admin.query('create database faults');
    await admin.end();
    const url = `${cluster.server}/faults`;
    const calls = await seedLiveCalls(url, 12);
    serve = await startServeProcess(url, NOW);
    const base = serve.url;

    // A command's pool (a tick's) opened before the outage, beside serve.
    pool = await openDatabase(url, { pgPool: 2 });
    expect(await pool.selectFrom('calls').select('id').execute()).toHaveLength(calls.length);

    // Before: answered and stored.
    const before = await Promise.all(calls.slice(0, 3).map((c) => send(base, c)));
    for (const reply of before) expect(reply.status).toBe(200);

    // A batch caught inside its transaction when the server goes down.
    const blocked = nth(calls, 3);
    lock = await lockLead(url, blocked);
    const caught = send(base, blocked);
    await until('serve to wait on the locked lead', async () => (await backends(url)).waitingOnLock);
    await cluster.stop();
    const caughtReply = await caught;
    expect(caughtReply.status, caughtReply.body).toBe(503);
    expect(caughtReply.body).toMatch(/database is unavailable/);

    // During the outage: gathers and the health check fail fast with 503, and serve stays up.
    const during = await settled([...calls.slice(4, 8).map((c) => send(base, c, 15_000)), fetchReply(`${base}/healthz`)]);
    for (const reply of during) {
      expect(reply, JSON.stringify(reply)).toMatchObject({ status: 503 });
      const body = JSON.parse((reply as Reply).body);
      expect(body.error.kind).toBe('unavailable');
      expect(body.error.message).toMatch(/database is unavailable/);
    }
    expect(serve.child.exitCode).toBeNull();
    // The pool says so too (a tick exits 7 with it), instead of an unexpected error.
    const refused = await pool
      .selectFrom('calls')
      .select('id')
      .execute()
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(refused).toBeInstanceOf(CallbookError);
    expect((refused as CallbookError).kind).toBe('unavailable');
    expect((refused as CallbookError).message).toMatch(/database is unavailable/);

    // Back: the same process answers again, the caught and refused turns replay once, the rest go through.
    await cluster.start();
    await until('serve to answer /healthz again', async () => (await fetchReply(`${base}/healthz`).catch(() => null))?.status === 200);
    const after = await Promise.all(calls.map((c) => send(base, c)));
    for (const [i, reply] of after.entries()) {
      expect(reply.status, reply.body).toBe(200);
      if (i < 3) expect(reply.body).toBe(nth(before, i).body);
    }
    expect(serve.child.exitCode).toBeNull();
    const stored = await storedCalls(url, calls);
    for (const [i, call] of calls.entries()) {
      expect(wholeOrNothing(stored(call)), `call ${call.id}`).toBe('whole');
      expect(stored(call).turns).toEqual([{ turn: 1, response: nth(after, i).body }]);
    }
    expect(serve.stderr()).not.toMatch(/internal error|Unhandled|uncaught/i);
    expect(await pool.selectFrom('calls').select('id').execute()).toHaveLength(calls.length);
  }, 60_000);
});

function fetchReply(url: string): Promise<Reply> {
  return fetch(url, { signal: AbortSignal.timeout(15_000) }).then(async (r) => ({ status: r.status, body: await r.text() }));
}

describe('serve on PostgreSQL, its connections outnumbered', () => {
  let db: FreshDatabase;
  const serves: ServeProcess[] = [];
  beforeAll(async () => {
    db = await freshDatabase('postgres', import.meta.url);
  });
  afterAll(async () => {
    await Promise.all(serves.map((s) => s.kill()));
    await db?.cleanup();
  });

  it('with CALLBOOK_PG_POOL=1 and 2, a crowd of signed webhooks (each sent twice, to both processes) all wait and are answered, each turn stored once', async () => {
    const calls = await seedLiveCalls(db.url, 80);
    const [one, two] = await Promise.all([
      startServeProcess(db.url, NOW, { CALLBOOK_PG_POOL: '1' }),
      startServeProcess(db.url, NOW, { CALLBOOK_PG_POOL: '2' }),
    ]);
    serves.push(one, two);
    const health = Array.from({ length: 20 }, (_, i) => fetchReply(`${(i % 2 ? one : two).url}/healthz`));
    const [toOne, toTwo] = await Promise.all([
      Promise.all(calls.map((c) => send(one.url, c, 45_000))),
      Promise.all(calls.map((c) => send(two.url, c, 45_000))),
    ]);
    for (const reply of await Promise.all(health)) expect(reply.status).toBe(200);
    for (const [i, call] of calls.entries()) {
      expect(nth(toOne, i).status, `call ${call.id}: ${nth(toOne, i).body}`).toBe(200);
      expect(nth(toTwo, i).status, `call ${call.id}: ${nth(toTwo, i).body}`).toBe(200);
      expect(nth(toTwo, i).body).toBe(nth(toOne, i).body);
    }
    const stored = await storedCalls(db.url, calls);
    for (const [i, call] of calls.entries()) {
      expect(wholeOrNothing(stored(call)), `call ${call.id}`).toBe('whole');
      expect(stored(call).turns).toEqual([{ turn: 1, response: nth(toOne, i).body }]);
    }
    expect(one.stderr()).not.toMatch(/internal error/);
    expect(two.stderr()).not.toMatch(/internal error/);
  }, 60_000);
});
