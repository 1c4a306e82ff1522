// The tick's claim on each engine: concurrent ticks never take the same lead, and on PostgreSQL
// a claim passes over rows another tick holds (FOR UPDATE SKIP LOCKED) instead of waiting for them.

import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { claimLeads } from '../../src/db/repos/dialing-claims.js';
import { dialingSetup, randomToken } from '../../src/services/dialing-setup.js';
import { runTick } from '../../src/services/tick.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { createTickWorld, fakeDialer, NOW } from '../helpers/tick-world.js';

const ZONES = ['America/New_York', 'America/Chicago', 'Europe/London'];
const now = DateTime.fromISO(NOW, { zone: 'utc' });

async function campaign(url: string, leads: number): Promise<void> {
  const world = await createTickWorld({ db: await openDatabase(url) });
  await world.addLeads(
    Array.from({ length: leads }, (_, i) => ({
      name: `Lead ${i}`,
      phone: `+1555770${String(i).padStart(4, '0')}`,
      timezone: ZONES[i % 3],
    })),
  );
  await world.close();
}

/** A dialer recording what it dialed, its call ids unique across hosts as Twilio's are. */
function hostDialer(host: string) {
  const { dialer, placed } = fakeDialer();
  let n = 0;
  const telephony = {
    ...dialer.telephony,
    async placeCall(req: Parameters<typeof dialer.telephony.placeCall>[0]) {
      placed.push(req);
      n += 1;
      return { sid: `CA${host}${String(n).padStart(30, '0')}`, status: 'queued' as const };
    },
  };
  const mine = { ...dialer, telephony };
  return { placed, openDialer: async () => mine };
}

const contexts = (url: string, n: number) => {
  const config = loadConfig({ CALLBOOK_NOW: NOW });
  return Promise.all(Array.from({ length: n }, async () => createContext(await openDatabase(url), config, { now: () => now })));
};

for (const engine of ENGINES) {
  describe(`claims on ${engine}`, () => {
    let fresh: FreshDatabase | null = null;
    afterEach(async () => {
      await fresh?.cleanup();
      fresh = null;
    });

    it('two connections claiming at once never get the same lead, and get them all', async () => {
      // Claims only: a second better-sqlite3 connection in this thread that waited on the first
      // would block the event loop the first needs (full ticks in two processes: tick-concurrency).
      fresh = await freshDatabase(engine, import.meta.url);
      await campaign(fresh.url, 200);
      const ticks = await contexts(fresh.url, 2);
      try {
        const claimed = await Promise.all(
          ticks.map(async (ctx) => {
            const mine: number[] = [];
            for (;;) {
              const { filter } = await dialingSetup(ctx, [1], now, { simulate: false });
              const rows = await claimLeads(ctx.db, filter, { zones: ZONES, limit: 3 }, randomToken());
              if (rows.length === 0) return mine;
              expect(rows.length).toBeLessThanOrEqual(3);
              mine.push(...rows.map((r) => r.id));
              await new Promise((resolve) => setImmediate(resolve));
            }
          }),
        );
        const all = claimed.flat();
        expect(all).toHaveLength(200);
        expect(new Set(all).size).toBe(200);
        expect(claimed.every((ids) => ids.length > 0)).toBe(true);
      } finally {
        await Promise.all(ticks.map((ctx) => ctx.db.destroy()));
      }
    });
  });
}

describe('three ticks at once on postgres (three hosts sharing one database)', () => {
  let fresh: FreshDatabase | null = null;
  afterEach(async () => {
    await fresh?.cleanup();
    fresh = null;
  });

  it('over 200 leads, each lead is dialed once and left with one call', async () => {
    fresh = await freshDatabase('postgres', import.meta.url);
    await campaign(fresh.url, 200);
    const ticks = await contexts(fresh.url, 3);
    const dialers = ticks.map((_, i) => hostDialer(String(i)));
    try {
      await Promise.all(
        ticks.map(async (ctx, i) => {
          for (let round = 0; round < 100; round++) {
            const r = await runTick(
              ctx,
              { meeting_request_id: null, max_calls: 7, dry_run: false },
              { openDialer: dialers[i]?.openDialer, sleep: async () => {} },
            );
            if (r.dialed.length === 0) return;
          }
        }),
      );
      const dialed = dialers.flatMap((d) => d.placed.map((p) => p.to));
      expect(dialed).toHaveLength(200);
      expect(new Set(dialed).size).toBe(200);
      expect(dialers.every((d) => d.placed.length > 0)).toBe(true);
      const db = ticks[0]?.db;
      if (!db) throw new Error('no tick');
      const leads = await db.selectFrom('leads').select(['state', 'attempts', 'claim_token']).execute();
      expect(leads.filter((l) => !(l.state === 'calling' && l.attempts === 1 && l.claim_token === null))).toEqual([]);
      const calls = await db.selectFrom('calls').select('lead_id').execute();
      expect(calls).toHaveLength(200);
      expect(new Set(calls.map((c) => c.lead_id)).size).toBe(200);
    } finally {
      await Promise.all(ticks.map((ctx) => ctx.db.destroy()));
    }
  });
});

describe('claims on postgres: SKIP LOCKED', () => {
  let fresh: FreshDatabase | null = null;
  afterEach(async () => {
    await fresh?.cleanup();
    fresh = null;
  });

  it("a claim passes over the rows another tick's open transaction holds", async () => {
    fresh = await freshDatabase('postgres', import.meta.url);
    await campaign(fresh.url, 6);
    const config = loadConfig({ CALLBOOK_NOW: NOW });
    const [a, b] = await Promise.all(
      [0, 1].map(async () => createContext(await openDatabase(fresh?.url ?? ''), config, { now: () => now })),
    );
    if (!a || !b) throw new Error('two contexts');
    try {
      const { filter } = await dialingSetup(a, [1], now, { simulate: false });
      const scope = { zones: ZONES, limit: 3 };
      let second: number[] = [];
      const first = await a.db.transaction().execute(async (trx) => {
        const mine = await claimLeads(trx, filter, scope, randomToken());
        // Still inside A's transaction, its three rows locked: B must not wait for them.
        second = (await claimLeads(b.db, filter, scope, randomToken())).map((r) => r.id);
        return mine.map((r) => r.id);
      });
      expect(first).toEqual([1, 2, 3]);
      expect(second).toEqual([4, 5, 6]);
    } finally {
      await Promise.all([a.db.destroy(), b.db.destroy()]);
    }
  });
});

describe('leases on postgres: the database clock', () => {
  let fresh: FreshDatabase | null = null;
  afterEach(async () => {
    vi.useRealTimers();
    await fresh?.cleanup();
    fresh = null;
  });

  it("a tick on a host whose clock runs an hour fast still writes its lease on the server's time", async () => {
    fresh = await freshDatabase('postgres', import.meta.url);
    await campaign(fresh.url, 3);
    const [ctx] = await contexts(fresh.url, 1);
    if (!ctx) throw new Error('context');
    try {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
      const { filter } = await dialingSetup(ctx, [1], now, { simulate: false });
      await claimLeads(ctx.db, filter, { zones: ZONES, limit: 3 }, randomToken());
      const { rows } = await sql<{
        server: string;
      }>`select to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as server`.execute(ctx.db);
      const server = Date.parse(rows[0]?.server ?? '');
      const leases = await ctx.db.selectFrom('leads').select('lease_expires_at').execute();
      expect(leases).toHaveLength(3);
      for (const { lease_expires_at } of leases) {
        // The lease ends one lease after the server's now, not an hour after that.
        expect(Math.abs(Date.parse(lease_expires_at ?? '') - (server + filter.leaseMs))).toBeLessThan(10_000);
      }
    } finally {
      vi.useRealTimers();
      await ctx.db.destroy();
    }
  });
});
