import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { claimLeads } from '../../src/db/repos/dialing-claims.js';
import { dialingSetup, randomToken } from '../../src/services/dialing-setup.js';
import { compileForTests, TEST_BUILD } from '../helpers/build.js';
import { createTickWorld, NOW } from '../helpers/tick-world.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Compiled under node_modules so the output resolves the project's dependencies, without touching dist/.
const DIST = TEST_BUILD;
const LEADS = 200;
let dir: string;

async function campaignFile(name: string): Promise<string> {
  const file = join(dir, name);
  const world = await createTickWorld({ db: await openDatabase(file) });
  const zones = ['America/New_York', 'America/Chicago', 'Europe/London'];
  await world.addLeads(
    Array.from({ length: LEADS }, (_, i) => ({
      name: `Lead ${i}`,
      phone: `+1555770${String(i).padStart(4, '0')}`,
      timezone: zones[i % 3],
    })),
  );
  await world.close();
  return file;
}

async function leadsOf(file: string) {
  const db = await openDatabase(file);
  const rows = await db.selectFrom('leads').select(['state', 'attempts', 'claim_token']).execute();
  const calls = await db.selectFrom('calls').select(['lead_id', 'call_sid']).execute();
  await db.destroy();
  return { rows, calls };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-tick-race-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two ticks at once on one SQLite file', () => {
  it('two connections claiming concurrently never get the same lead', async () => {
    // Claims only: better-sqlite3 is synchronous, so a second connection in the same thread that
    // waits on the first one's open transaction would block the very event loop that has to finish
    // it. The full tick, transactions and all, runs in two real processes below.
    const file = await campaignFile('connections.db');
    const config = loadConfig({ CALLBOOK_NOW: NOW });
    const now = DateTime.fromISO(NOW, { zone: 'utc' });
    const contexts = await Promise.all([0, 1].map(async () => createContext(await openDatabase(file), config, { now: () => now })));
    const zones = ['America/New_York', 'America/Chicago', 'Europe/London'];
    const claimed = await Promise.all(
      contexts.map(async (ctx) => {
        const mine: number[] = [];
        for (;;) {
          const { filter } = await dialingSetup(ctx, [1], now, { simulate: false });
          const rows = await claimLeads(ctx.db, filter, { zones, limit: 3 }, randomToken());
          if (rows.length === 0) return mine;
          mine.push(...rows.map((r) => r.id));
          await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    await Promise.all(contexts.map((ctx) => ctx.db.destroy()));
    const all = claimed.flat();
    expect(all).toHaveLength(LEADS);
    expect(new Set(all).size).toBe(LEADS);
    expect(claimed.every((ids) => ids.length > 0)).toBe(true);
  });

  describe('two real processes (compiled code)', () => {
    beforeAll(() => {
      // One compiled copy for the whole suite; tsc still emits when another file is mid-edit, so check what we need.
      compileForTests(ROOT);
      if (!existsSync(join(DIST, 'src/services/tick.js'))) throw new Error(`the build did not produce ${DIST}/src/services/tick.js`);
    }, 180_000);

    it('each lead is dialed at most once overall, and every lead exactly once', async () => {
      const file = await campaignFile('processes.db');
      const startAt = Date.now() + 1500;
      const run = () =>
        new Promise<string[]>((done, fail) => {
          const child = spawn(process.execPath, [join(ROOT, 'test/helpers/tick-worker.mjs'), DIST, file, String(startAt)], {
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk) => (out += chunk));
          child.stderr.on('data', (chunk) => (err += chunk));
          child.on('close', (code) => (code === 0 ? done(JSON.parse(out) as string[]) : fail(new Error(`worker exited ${code}: ${err}`))));
        });
      const [a, b] = await Promise.all([run(), run()]);
      const dialed = [...a, ...b];
      expect(a.length > 0 && b.length > 0).toBe(true);
      expect(new Set(dialed).size).toBe(dialed.length);
      expect(dialed).toHaveLength(LEADS);
      const { rows, calls } = await leadsOf(file);
      expect(rows.every((l) => l.state === 'calling' && l.attempts === 1 && l.claim_token === null)).toBe(true);
      expect(new Set(calls.map((c) => c.lead_id)).size).toBe(LEADS);
      expect(calls.every((c) => c.call_sid !== null)).toBe(true);
    }, 60_000);
  });
});
