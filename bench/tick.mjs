// Times `callbook tick --dry-run` (the service function, on a file database) over a campaign of
// 100,000 leads in mixed zones, some on the do-not-call list, some responded or waiting for a
// retry, one in ten without a consent record (real calls need one). Run with `npm run bench:tick`.
// Aim: median under 100 ms. BENCH_CONSENT=0 times it with CALLBOOK_REQUIRE_CONSENT=0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { loadConfig } from '../dist/src/config.js';
import { createContext } from '../dist/src/context.js';
import { openDatabase } from '../dist/src/db/connection.js';
import { runTick } from '../dist/src/services/tick.js';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const NOW = '2026-03-10T15:00:00Z';
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Sydney',
];
const STATES = ['pending', 'pending', 'pending', 'pending', 'no_answer', 'busy', 'voicemail', 'responded', 'opted_out', 'not_interested'];

const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-tick-'));
const file = join(dir, 'bench.db');
(await openDatabase(file)).destroy();
const raw = new Database(file);
raw.pragma('journal_mode = WAL');
const at = '2026-03-01T00:00:00.000Z';
raw
  .prepare(`insert into meeting_requests (owner_id, title, duration_minutes, max_bookings, window_start, window_end, timezone, soft_constraints, status, created_at, updated_at)
  values ('dana@acme.com', 'Intro', 30, 5, '2026-03-09T04:00:00.000Z', '2026-03-21T04:00:00.000Z', 'America/New_York', '{}', 'open', ?, ?)`)
  .run(at, at);
raw.prepare(`insert into campaigns (meeting_request_id, name, created_at) values (1, 'big', ?)`).run(at);
const insertLead =
  raw.prepare(`insert into leads (campaign_id, meeting_request_id, name, phone, timezone, state, attempts, next_attempt_at, consent_source, consent_at, created_at, updated_at)
  values (1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insertDnc = raw.prepare(`insert into do_not_call (phone, reason, source, created_at) values (?, 'asked', 'bench', ?)`);
raw.transaction(() => {
  for (let i = 0; i < LEADS; i++) {
    const state = STATES[i % STATES.length];
    const retry = state === 'pending' ? null : i % 3 === 0 ? '2026-03-10T18:00:00.000Z' : '2026-03-10T12:00:00.000Z';
    const phone = `+1555${String(i).padStart(7, '0')}`;
    const consent = i % 10 === 3 ? [null, null] : ['web form', '2026-02-01T00:00:00.000Z'];
    insertLead.run(`Lead ${i}`, phone, ZONES[i % ZONES.length], state, state === 'pending' ? 0 : 1 + (i % 3), retry, ...consent, at, at);
    if (i % 50 === 0) insertDnc.run(phone, at);
  }
})();
raw.pragma('optimize');
raw.close();

const db = await openDatabase(file);
const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: process.env.BENCH_CONSENT ?? '1' }));
const times = [];
let last;
for (let run = 0; run < RUNS + 2; run++) {
  const start = performance.now();
  last = await runTick(ctx, { meeting_request_id: 1, max_calls: 10, dry_run: true });
  if (run >= 2) times.push(performance.now() - start); // the first two warm the page cache and the JIT
}
await db.destroy();
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
else console.log(file);

times.sort((a, b) => a - b);
const pick = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
console.log(
  `tick --dry-run over ${LEADS.toLocaleString('en-US')} leads, ${RUNS} runs, consent ${ctx.config.dialing.requireConsent ? 'required' : 'not required'}`,
);
console.log(`  median ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms (aim: under 100 ms)`);
console.log(
  `  would call ${last.would_call.length}, due ${last.summary.due}, skipped ${last.summary.skipped}: ${last.skipped.map((g) => `${g.count} ${g.category}`).join(', ')}`,
);
