// Notification leases on PostgreSQL follow the database's clock, as the tick's do: senders on
// hosts whose clocks differ by minutes must judge one another's leases on one clock, or a sender
// with a fast clock takes rows another sender is still sending (a message sent twice).
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/db/connection.js';
import type { EmailMessage } from '../../../src/services/notify/email.js';
import { DEFAULT_LEASE_MS, runNotify } from '../../../src/services/notify/send.js';
import { type FreshDatabase, freshDatabase } from '../../helpers/engines.js';
import { createNotifyWorld, type NotifyWorld } from './world.js';

let fresh: FreshDatabase | null = null;
let w: NotifyWorld | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await w?.close();
  w = null;
  await fresh?.cleanup();
  fresh = null;
});

describe('notification leases on postgres', () => {
  it("a sender on a host whose clock runs an hour fast writes its lease on the server's time", async () => {
    fresh = await freshDatabase('postgres', import.meta.url);
    w = await createNotifyWorld({}, await openDatabase(fresh.url));
    await w.book();
    const db = w.db;
    const serverNow = async () => {
      const { rows } = await sql<{ ms: number }>`select (extract(epoch from clock_timestamp()) * 1000)::float8 as ms`.execute(db);
      return Number(rows[0]?.ms);
    };
    const seen: { lease: number; server: number }[] = [];
    const email = {
      async send(message: EmailMessage) {
        // While this row is being sent, its lease is what another sender would judge it by.
        const row = await db
          .selectFrom('notifications')
          .select('lease_expires_at')
          .where('recipient', '=', message.to.address)
          .executeTakeFirstOrThrow();
        seen.push({ lease: Date.parse(row.lease_expires_at ?? ''), server: await serverNow() });
        return { providerId: `id-${seen.length}` };
      },
      close() {},
    };
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    const result = await runNotify(w.ctx, { dry_run: false }, { email });
    vi.useRealTimers();
    expect(result.sent).toHaveLength(3);
    expect(seen).toHaveLength(3);
    for (const { lease, server } of seen) {
      // One lease after the server's now, not an hour after it.
      expect(Math.abs(lease - (server + DEFAULT_LEASE_MS))).toBeLessThan(60_000);
    }
  });
});
