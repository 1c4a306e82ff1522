// Issue 9, item 1: real processes on one SQLite file, a fake telephony that records every dial.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignFile, compileOnce, dialsPerNumber, readBack, startWorker, waitForDials } from '../helpers/tick-processes.js';
import { NOW } from '../helpers/tick-world.js';

const LATER = '2026-03-09T15:11:00Z'; // the second tick's --now: 11 minutes on, past the 10-minute lease
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-tick-lease-'));
  compileOnce();
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a tick that outlives its lease (real processes)', () => {
  it('is never joined by a second tick with a later --now: every lead is dialed once', async () => {
    const db = join(dir, 'race.db');
    const dialLog = join(dir, 'race.log');
    await campaignFile(db, 16);
    const slow = startWorker({ db, now: NOW, cps: 1, maxCalls: 16, dialLog });
    await waitForDials(dialLog, 2);
    const second = startWorker({ db, now: LATER, cps: 100, maxCalls: 16, dialLog });
    await Promise.all([slow.done, second.done]);
    const dials = dialsPerNumber(dialLog);
    expect([...dials.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(dials.size).toBe(16);
    const { leads, calls } = await readBack(db);
    for (const lead of leads) {
      expect(calls.filter((c) => c.lead_id === lead.id && c.call_sid !== null)).toHaveLength(lead.attempts);
    }
  }, 60_000);

  it("keeps renewing a slow tick's claims, so a second tick watching them for longer than a lease releases none", async () => {
    const db = join(dir, 'renew.db');
    const dialLog = join(dir, 'renew.log');
    await campaignFile(db, 6);
    // A 1.2 s lease, renewed every 0.3 s, while the slow tick takes 5 s over its six calls.
    const slow = startWorker({ db, now: NOW, cps: 1, maxCalls: 6, dialLog, leaseMs: 1200, renewMs: 300 });
    await waitForDials(dialLog, 1);
    const watcher = startWorker({ db, now: LATER, cps: 100, maxCalls: 6, dialLog, leaseMs: 1200, ticks: 3, pauseMs: 1500 });
    const [, summaries] = await Promise.all([slow.done, watcher.done]);
    expect(summaries?.map((s) => s.stale_claims_released)).toEqual([0, 0, 0]);
    const dials = dialsPerNumber(dialLog);
    expect([...dials.values()]).toEqual([1, 1, 1, 1, 1, 1]);
  }, 60_000);

  it('gives back the claims of a tick killed mid-batch, but never re-dials the call it was placing', async () => {
    const db = join(dir, 'killed.db');
    const dialLog = join(dir, 'killed.log');
    await campaignFile(db, 6);
    // Killed right after the provider took its third call, before the call's id was stored.
    const killed = startWorker({ db, now: NOW, cps: 100, maxCalls: 6, dialLog, leaseMs: 1000, dieOnDial: 3 });
    expect(await killed.done).toBeNull();
    const next = startWorker({ db, now: LATER, cps: 100, maxCalls: 6, dialLog, leaseMs: 1000, ticks: 2, pauseMs: 1300 });
    const summaries = await next.done;
    expect(summaries?.[1]).toMatchObject({ stale_claims_released: 3, dialing_unknown: 1, dialed: 3 });
    const dials = dialsPerNumber(dialLog);
    expect(dials.size).toBe(6);
    expect([...dials.values()].every((n) => n === 1)).toBe(true);
    const { leads, calls } = await readBack(db);
    const held = leads.find((l) => l.dialing_call_id !== null);
    expect(held).toMatchObject({ id: 3, state: 'calling', attempts: 1 });
    expect(calls.find((c) => c.id === held?.dialing_call_id)).toMatchObject({ status: 'unknown', call_sid: null });
  }, 60_000);
});
