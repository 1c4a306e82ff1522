// Signed gather webhooks (parse + store) against callbook's server, on SQLite and on PostgreSQL,
// with ONE and with TWO `serve` processes on the same database (the load generator spreads its
// connections round-robin over them, as a load balancer would), beside a bare Hono endpoint that
// only parses the same form, in one run: a table of requests/s, p50 and p99 with the engine as a
// column. Run with `npm run bench:webhooks`. Prints figures; asserts nothing.
// Every configuration gets its own fresh copy of the prepared database (a copied SQLite file; on
// PostgreSQL a database created from a prepared template, all dropped at the end), and the
// processes check signatures against one public URL (PUBLIC_BASE_URL), as behind a proxy.
// Knobs: SECONDS=5 per configuration (after a WARMUP_SECONDS=2 warm-up); CONNECTIONS=32; then
// BENCH_RATE=50 requests/s for RATE_SECONDS=4, round-robin per request (BENCH_RATE=0 skips it);
// BENCH_ENGINES=sqlite,postgres; BENCH_CALLS=100000 calls in progress; TURNS=1000000 call turns
// already stored for a last SQLite run (0 skips it); CALLBOOK_BENCH_PG=postgres://… the server to
// create databases on; PROFILE=1 writes the servers' CPU profiles to /tmp/prof; SQL_TIMING=1
// prints SQLite's time per statement; KEEP_DB=1 keeps the SQLite files. The hostile run is
// bench/webhooks-hostile.mjs. BENCH_BIN=path/to/bin.js serves with another build (to compare two).
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CALLS, freshPostgres, paced, prefillTurns, prepareDatabase, signedRequests, startChild } from './webhook-common.mjs';

const SECONDS = Number(process.env.SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
const TURNS = Number(process.env.TURNS ?? 1_000_000);
const PUBLIC_BASE_URL = 'https://callbook.bench.invalid';
// Then the same servers at a steady rate well below what they take, each request to the next
// process in turn: the latency a request sees when the servers are not saturated.
const RATE = Number(process.env.BENCH_RATE ?? 50);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 4);

// Signed once, for the public URL every process checks against (nothing is sent there).
const signed = signedRequests(PUBLIC_BASE_URL, '/twilio/voice/gather');
// Request counter per configuration: the warm-up and the measured run go through the calls in
// turn, so every measured gather is a fresh turn 1.
let n = 0;

function run(urls, seconds) {
  return autocannon({
    url: urls,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...signed[n++ % CALLS] }) }],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-'));
const dropLater = [];

/** The prepared database of each engine, copied for each configuration. */
async function prepared(engine) {
  if (engine === 'sqlite') {
    const path = join(dir, 'template.db');
    await prepareDatabase(path);
    let copies = 0;
    return {
      fresh: async () => {
        const copy = join(dir, `bench-${++copies}.db`);
        copyFileSync(path, copy);
        return copy;
      },
    };
  }
  if (engine !== 'postgres') throw new Error(`BENCH_ENGINES: expected sqlite and/or postgres, got "${engine}"`);
  const template = await freshPostgres('webhooks_template');
  dropLater.push(template);
  await prepareDatabase(template.url);
  return {
    // CREATE DATABASE … TEMPLATE copies the prepared files: a fresh database in a fraction of a second.
    fresh: async () => {
      const db = await freshPostgres('webhooks', template.url);
      dropLater.push(db);
      return db.url;
    },
  };
}

async function count(url) {
  const { openDatabase } = await import('../dist/src/db/connection.js');
  const db = await openDatabase(url, { pgPool: 1 });
  const rows = async (table) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const result = { turns: await rows('call_turns'), slots: await rows('participant_availability') };
  await db.destroy();
  return result;
}

const walBytes = (path) => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

/** One configuration: `processes` servers of `kind` on `url`, warmed up, then measured. */
async function measure(kind, engine, url, processes) {
  const children = [];
  for (let i = 0; i < processes; i++) children.push(await startChild(kind, url, { PUBLIC_BASE_URL }));
  const urls = children.map((c) => c.url);
  n = 0;
  // The same short warm-up for every configuration (JIT, caches), not counted.
  const warm = await run(urls, WARMUP_SECONDS);
  for (const { child } of children) child.send('start');
  let walPeak = 0;
  const sampler = engine === 'sqlite' ? setInterval(() => (walPeak = Math.max(walPeak, walBytes(url))), 100) : null;
  const la = loadavg()[0];
  const r = await run(urls, SECONDS);
  if (sampler) clearInterval(sampler);
  const usages = [];
  for (const { child } of children) {
    child.send('stop');
    usages.push(await new Promise((resolve) => child.once('message', resolve)));
  }
  // The saturated run leaves up to CONNECTIONS requests queued in the servers: let them drain first.
  if (RATE > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
  const steady = RATE > 0 ? await paced(urls, RATE, RATE_SECONDS, () => signed[n++ % CALLS]) : null;
  for (const { child } of children) {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  const sum = (key) => usages.reduce((a, u) => a + u[key], 0);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    errors: r.errors + r.non2xx + r.timeouts + (steady?.errors ?? 0),
    answered: warm['2xx'] + r['2xx'] + (steady?.answered ?? 0),
    steady,
    mainUs: (sum('mainBusyMs') * 1000) / r.requests.total,
    cpuUs: (sum('cpuMs') * 1000) / r.requests.total,
    wal: engine === 'sqlite' && kind === 'callbook' ? { peak: walPeak / 2 ** 20, end: walBytes(url) / 2 ** 20 } : null,
    stored: kind === 'callbook' ? await count(url) : null,
    load: la,
  };
}

const rows = [];
try {
  const databases = {};
  for (const engine of ENGINES) databases[engine] = await prepared(engine);
  rows.push({ label: 'bare Hono', engine: '-', ...(await measure('bare', 'none', '', 1)) });
  for (const processes of [1, 2]) {
    for (const engine of ENGINES) {
      const url = await databases[engine].fresh();
      rows.push({ label: `callbook, ${processes} serve`, engine, processes, ...(await measure('callbook', engine, url, processes)) });
    }
  }
  // The same calls on a SQLite file that has already stored TURNS answered turns: throughput must
  // not fall as the database grows, nor the WAL grow.
  if (TURNS > 0 && ENGINES.includes('sqlite')) {
    const url = await databases.sqlite.fresh();
    const prefilled = await prefillTurns(url, TURNS);
    rows.push({
      label: `callbook, 1 serve, +${(prefilled / 1e6).toFixed(1)}M turns`,
      engine: 'sqlite',
      processes: 1,
      big: prefilled,
      ...(await measure('callbook', 'sqlite', url, 1)),
    });
  }
} finally {
  for (const db of dropLater) await db.drop().catch((error) => console.error(`could not drop ${db.url}: ${error.message}`));
  if (process.env.KEEP_DB) console.log('kept', dir);
  else rmSync(dir, { recursive: true, force: true });
}

console.log(
  `signed gather webhooks: saturated = ${CONNECTIONS} connections spread round-robin over the serve processes, ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up; ` +
    `steady = ${RATE} requests/s for ${RATE_SECONDS} s, each to the next process in turn; ${CALLS} calls in progress, a fresh database per configuration`,
);
const ms = (v) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 1 : 0) : '-');
const head = [
  'configuration',
  'engine',
  'req/s',
  'p50 ms',
  'p99 ms',
  `p50 @${RATE}/s`,
  `p99 @${RATE}/s`,
  'requests',
  'errors',
  'main µs/req',
  'CPU µs/req',
  'new turns/answered',
  'load',
];
const table = [
  head,
  ...rows.map((r) => [
    r.label,
    r.engine,
    r.rps.toFixed(0),
    String(r.p50),
    String(r.p99),
    ms(r.steady?.p50),
    ms(r.steady?.p99),
    String(r.total),
    String(r.errors),
    r.mainUs.toFixed(0),
    r.cpuUs.toFixed(0),
    r.stored ? `${r.stored.turns - (r.big ?? 0)}/${r.answered}` : '-',
    r.load.toFixed(1),
  ]),
];
const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)));
for (const row of table) console.log(`  ${row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`);
console.log(
  '  (req/s, p50, p99: saturated; main µs/req and CPU µs/req: saturated, all serve processes together; load: 1-minute load average when the run started)',
);
for (const r of rows.filter((row) => row.wal)) {
  console.log(`  ${r.label} (sqlite): WAL peak ${r.wal.peak.toFixed(1)} MiB, at the end ${r.wal.end.toFixed(1)} MiB`);
}
const find = (engine, processes) => rows.find((r) => r.engine === engine && r.processes === processes && !r.big);
const bare = rows[0];
console.log(
  `  the bare endpoint's p99 on this machine now: ${bare.p99} ms saturated, ${ms(bare.steady?.p99)} ms at ${RATE}/s (no server here does better)`,
);
const verdict = (ok) => (ok ? 'met' : 'NOT met');
for (const engine of ENGINES) {
  const one = find(engine, 1);
  const two = find(engine, 2);
  if (!one || !two) continue;
  const steadyP99 = Math.max(one.steady?.p99 ?? Number.NaN, two.steady?.p99 ?? Number.NaN);
  console.log(
    `  ${engine}: 1 serve ${(one.rps / bare.rps).toFixed(2)}× bare; 2 serve ${(two.rps / one.rps).toFixed(2)}× the throughput of 1. ` +
      `Aim p99 < 25 ms: ${verdict(steadyP99 < 25)} at ${RATE}/s (${ms(one.steady?.p99)} / ${ms(two.steady?.p99)} ms), ${verdict(Math.max(one.p99, two.p99) < 25)} saturated (${one.p99} / ${two.p99} ms); ` +
      `aim 2 serve faster than 1: ${verdict(two.rps > one.rps)}` +
      (engine === 'sqlite'
        ? ' (that aim is for PostgreSQL: a SQLite file has one writer at a time, so two processes take turns on its lock)'
        : ''),
  );
  for (const r of [one, two]) {
    if (r.stored.turns < r.answered)
      console.log(`  WARNING ${engine}, ${r.processes} serve: ${r.answered} gathers answered but only ${r.stored.turns} turns stored`);
  }
}
const big = rows.find((r) => r.big);
if (big) {
  const one = find('sqlite', 1);
  console.log(
    `  with ${big.big} stored turns (sqlite): ${(big.rps / one.rps).toFixed(2)}× the empty database's throughput (aim ≥ 0.8); ` +
      `WAL at the end ${big.wal.end.toFixed(1)} MiB (aim < 64 MiB)`,
  );
}
