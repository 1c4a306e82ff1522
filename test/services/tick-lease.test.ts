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
});
