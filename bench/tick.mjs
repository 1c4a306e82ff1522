// Times `callbook tick --dry-run` (the service function) over a campaign of 100,000 leads in mixed
// zones, some on the do-not-call list, some responded or waiting for a retry, one in ten without a
// consent record (real calls need one), on SQLite (a file) and on PostgreSQL (a database created
// for the run and dropped after it), the same rows on both, in one run: a table with the engine as
// a column. Run with `npm run bench:tick`. Prints figures; asserts nothing. Aim: median under 100 ms.
// Knobs: BENCH_LEADS=100000, BENCH_RUNS=15 (after two warm-up runs), BENCH_ENGINES=sqlite,postgres,
// BENCH_CONSENT=0 times it with CALLBOOK_REQUIRE_CONSENT=0, CALLBOOK_BENCH_PG=postgres://… the
// server to create the database on, KEEP=1 keeps the SQLite file and the PostgreSQL database.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../dist/src/config.js';
import { createContext } from '../dist/src/context.js';
import { openDatabase } from '../dist/src/db/connection.js';
import { runTick } from '../dist/src/services/tick.js';
import { freshPostgres } from './webhook-common.mjs';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
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
const AT = '2026-03-01T00:00:00.000Z';

const MEETING = {
  owner_id: 'dana@acme.com',
  title: 'Intro',
  duration_minutes: 30,
  max_bookings: 5,
  window_start: '2026-03-09T04:00:00.000Z',
  window_end: '2026-03-21T04:00:00.000Z',
  timezone: 'America/New_York',
  soft_constraints: '{}',
  status: 'open',
  created_at: AT,
  updated_at: AT,
};
const LEAD_COLUMNS = [
  'campaign_id',
  'meeting_request_id',
  'name',
  'phone',
  'timezone',
  'state',
  'attempts',
  'next_attempt_at',
  'consent_source',
  'consent_at',
  'created_at',
  'updated_at',
];

/** The same leads (as rows of LEAD_COLUMNS) and do-not-call phones on both engines. */
function* leadRows() {
  for (let i = 0; i < LEADS; i++) {
    const state = STATES[i % STATES.length];
    const retry = state === 'pending' ? null : i % 3 === 0 ? '2026-03-10T18:00:00.000Z' : '2026-03-10T12:00:00.000Z';
    const phone = `+1555${String(i).padStart(7, '0')}`;
    const consent = i % 10 === 3 ? [null, null] : ['web form', '2026-02-01T00:00:00.000Z'];
    yield {
      row: [1, 1, `Lead ${i}`, phone, ZONES[i % ZONES.length], state, state === 'pending' ? 0 : 1 + (i % 3), retry, ...consent, AT, AT],
      dnc: i % 50 === 0,
    };
  }
}

async function seedSqlite(dir) {
  const file = join(dir, 'bench.db');
  await (await openDatabase(file)).destroy();
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw
    .prepare(`insert into meeting_requests (${Object.keys(MEETING).join(', ')}) values (${Object.keys(MEETING).map(() => '?')})`)
    .run(...Object.values(MEETING));
  raw.prepare(`insert into campaigns (meeting_request_id, name, created_at) values (1, 'big', ?)`).run(AT);
  const insertLead = raw.prepare(`insert into leads (${LEAD_COLUMNS.join(', ')}) values (${LEAD_COLUMNS.map(() => '?')})`);
  const insertDnc = raw.prepare(`insert into do_not_call (phone, reason, source, created_at) values (?, 'asked', 'bench', ?)`);
  raw.transaction(() => {
    for (const { row, dnc } of leadRows()) {
      insertLead.run(...row);
      if (dnc) insertDnc.run(row[3], AT);
    }
  })();
  raw.pragma('optimize');
  raw.close();
  return file;
}

async function seedPostgres() {
  const database = await freshPostgres('tick');
  await (await openDatabase(database.url, { pgPool: 1 })).destroy();
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    // Each column as an array of its own type: one statement for all the leads.
    const { rows: types } = await client.query(
      `select column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = 'leads'`,
    );
    const udt = Object.fromEntries(types.map((t) => [t.column_name, t.udt_name]));
    await client.query('begin');
    await client.query(
      `insert into meeting_requests (${Object.keys(MEETING).join(', ')}) values (${Object.keys(MEETING).map((_, i) => `$${i + 1}`)})`,
      Object.values(MEETING),
    );
    await client.query(`insert into campaigns (meeting_request_id, name, created_at) values (1, 'big', $1)`, [AT]);
    const columns = LEAD_COLUMNS.map(() => []);
    const dnc = [];
    for (const { row, dnc: listed } of leadRows()) {
      for (const [c, value] of row.entries()) columns[c].push(value);
      if (listed) dnc.push(row[3]);
    }
    await client.query(
      `insert into leads (${LEAD_COLUMNS.join(', ')}) select * from unnest(${LEAD_COLUMNS.map((c, i) => `$${i + 1}::${udt[c]}[]`).join(', ')})`,
      columns,
    );
    await client.query(
      `insert into do_not_call (phone, reason, source, created_at) select phone, 'asked', 'bench', $2 from unnest($1::text[]) as phone`,
      [dnc, AT],
    );
    await client.query('commit');
    await client.query('analyze');
  } finally {
    await client.end();
  }
  return database;
}

async function time(url) {
  const db = await openDatabase(url);
  const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: process.env.BENCH_CONSENT ?? '1' }));
  const times = [];
  let last;
  const load = loadavg()[0];
  try {
    for (let run = 0; run < RUNS + 2; run++) {
      const start = performance.now();
      last = await runTick(ctx, { meeting_request_id: 1, max_calls: 10, dry_run: true });
      if (run >= 2) times.push(performance.now() - start); // the first two warm the caches and the JIT
    }
  } finally {
    await db.destroy();
  }
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { median: pick(0.5), p95: pick(0.95), last, load, consent: ctx.config.dialing.requireConsent };
}

const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-tick-'));
const results = [];
try {
  for (const engine of ENGINES) {
    const seedStart = performance.now();
    if (engine === 'sqlite') {
      const file = await seedSqlite(dir);
      results.push({ engine, seedMs: performance.now() - seedStart, ...(await time(file)) });
      if (process.env.KEEP) console.log('kept', file);
    } else if (engine === 'postgres') {
      const database = await seedPostgres();
      try {
        results.push({ engine, seedMs: performance.now() - seedStart, ...(await time(database.url)) });
      } finally {
        if (process.env.KEEP) console.log('kept', database.url);
        else await database.drop();
      }
    } else throw new Error(`BENCH_ENGINES: expected sqlite and/or postgres, got "${engine}"`);
  }
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}

console.log(
  `tick --dry-run over ${LEADS.toLocaleString('en-US')} leads, ${RUNS} runs after 2 warm-up runs, consent ${results[0]?.consent ? 'required' : 'not required'}`,
);
const head = ['engine', 'median ms', 'p95 ms', 'would call', 'due', 'skipped', 'seeding s', 'load'];
const table = [
  head,
  ...results.map((r) => [
    r.engine,
    r.median.toFixed(1),
    r.p95.toFixed(1),
    String(r.last.would_call.length),
    String(r.last.summary.due),
    String(r.last.summary.skipped),
    (r.seedMs / 1000).toFixed(1),
    r.load.toFixed(1),
  ]),
];
const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(`  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
console.log('  (load: 1-minute load average when the timed runs started)');
for (const r of results) {
  console.log(
    `  ${r.engine}: median ${r.median.toFixed(1)} ms (aim: under 100 ms: ${r.median < 100 ? 'met' : 'NOT met'}); skipped ${r.last.skipped.map((g) => `${g.count} ${g.category}`).join(', ')}`,
  );
}
if (results.length === 2 && JSON.stringify(results[0].last.summary) !== JSON.stringify(results[1].last.summary)) {
  console.log(
    `  WARNING: the engines' summaries differ: ${results.map((r) => `${r.engine} ${JSON.stringify(r.last.summary)}`).join(' / ')}`,
  );
}
