// PostgreSQL that stops answering without closing anything (a hung server, a network that drops
// packets while both kernels keep the sockets open): the commands and ticks' pool must not wait
// for ever. A cron tick that hangs holds its process, and the next minute's tick starts another.
// A statement with no answer within the pool's query timeout fails as the database being
// unavailable (exit 7), its connection is thrown away, and once the server answers again the same
// pool works on a fresh connection. The stall is a TCP relay on loopback that stops relaying.
import { createServer, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { CallbookError } from '../../src/errors.js';
import { type FreshDatabase, freshDatabase } from '../helpers/engines.js';

interface Relay {
  port: number;
  /** Stop relaying in both directions; the sockets stay open. */
  stall(): void;
  resume(): void;
  close(): Promise<void>;
}

function startRelay(target: { host: string; port: number }): Promise<Relay> {
  let stalled = false;
  const pairs = new Set<[Socket, Socket]>();
  const server: Server = createServer((client) => {
    const upstream = new (client.constructor as typeof Socket)();
    upstream.connect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const pipe = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        // A stalled relay swallows what it gets: nothing arrives, nothing is refused.
        if (!stalled) to.write(chunk);
      });
    pipe(client, upstream);
    pipe(upstream, client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        stall: () => {
          stalled = true;
        },
        resume: () => {
          stalled = false;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const [a, b] of pairs) {
              a.destroy();
              b.destroy();
            }
            server.close(() => done());
          }),
      }),
    ),
  );
}

describe('PostgreSQL that stops answering', () => {
  let fresh: FreshDatabase;
  let relay: Relay;
  let db: Db;
  beforeAll(async () => {
    fresh = await freshDatabase('postgres', import.meta.url);
    const url = new URL(fresh.url);
    relay = await startRelay({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${relay.port}`;
    db = await openDatabase(url.toString(), { pgPool: 1, pgQueryTimeoutMs: 1500 });
  });
  afterAll(async () => {
    await db?.destroy().catch(() => {});
    await relay?.close();
    await fresh?.cleanup();
  });

  it('fails the statement as unavailable (exit 7), then works again on a fresh connection once the server answers', async () => {
    expect((await sql<{ n: number }>`select 1 as n`.execute(db)).rows).toEqual([{ n: 1 }]);
    relay.stall();
    const error = await db
      .selectFrom('meeting_requests')
      .select('id')
      .execute()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallbookError);
    expect(error).toMatchObject({ kind: 'unavailable', exitCode: 7 });
    expect((error as Error).message).toMatch(/no answer within 1\.5 s/);
    // A transaction caught by the stall fails the same way, and nothing of it is left half-done.
    const inTx = await db
      .transaction()
      .execute(async (trx) => {
        await trx
          .insertInto('do_not_call')
          .values({ phone: '+15553000001', reason: 't', source: 'stall', created_at: '2026-03-09T15:00:00Z' })
          .execute();
      })
      .catch((e: unknown) => e);
    // With the pool's one connection thrown away, the transaction waits for a new one, which the
    // stalled server never completes: the connect timeout (10 s) says so.
    expect(inTx).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/no connection within 10 s|no answer within 1\.5 s/),
    });
    relay.resume();
    expect((await sql<{ n: number }>`select 2 as n`.execute(db)).rows).toEqual([{ n: 2 }]);
    expect(await db.selectFrom('do_not_call').select('phone').execute()).toEqual([]);
  }, 60_000);
});
