// Signed gather webhooks (parse + store) against callbook's server, beside a bare Hono
// endpoint that only parses the same form, in one run: requests/s, p50, p99 and the ratio.
// Run with `npm run bench:webhooks`. Prints figures; asserts nothing. callbook's side is started
// as `callbook serve` starts. Knobs: SECONDS=10 per server; PROFILE=1 writes the server's CPU
// profiles to /tmp/prof; SQL_TIMING=1 prints SQLite's time per statement; KEEP_DB=1 keeps the file;
// TURNS=1000000 call turns already stored for the third run (0 skips it). The hostile run is
// bench/webhooks-hostile.mjs.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CALLS, prefillTurns, prepareDatabase, signedRequests, startChild } from './webhook-common.mjs';

const SECONDS = Number(process.env.SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 32;

// Request counter per server: the warm-up and the measured run go through the calls in turn.
let n = 0;

function run(url, signed, seconds = SECONDS) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...signed[n++ % CALLS] }) }],
  });
}

const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-'));
const dbPath = join(dir, 'bench.db');
await prepareDatabase(dbPath);
// The same calls on a database that has already stored TURNS answered turns (default 1,000,000;
// TURNS=0 skips that run): throughput must not fall as the database grows, nor the WAL grow.
const TURNS = Number(process.env.TURNS ?? 1_000_000);
const bigPath = join(dir, 'bench-turns.db');
let prefilled = 0;
if (TURNS > 0) {
  await prepareDatabase(bigPath);
  prefilled = await prefillTurns(bigPath, TURNS);
}
const walBytes = (path) => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
const runs = [['bare', dbPath], ['callbook', dbPath], ...(TURNS > 0 ? [[`callbook+${(prefilled / 1e6).toFixed(1)}M`, bigPath]] : [])];
const results = {};
for (const [kind, path] of runs) {
  const { url, child } = await startChild(kind.startsWith('callbook') ? 'callbook' : kind, path);
  // Every server gets the same short warm-up (JIT, page cache), not counted; the warm-up's
  // gathers use their own calls, so the measured ones are all fresh turns.
  const signed = signedRequests(url, '/twilio/voice/gather');
  n = 0;
  await run(url, signed, WARMUP_SECONDS);
  child.send('start');
  let walPeak = 0;
  const sampler = setInterval(() => {
    walPeak = Math.max(walPeak, walBytes(path));
  }, 100);
  const r = await run(url, signed);
  clearInterval(sampler);
  const walEnd = walBytes(path);
  child.send('stop');
  const usage = await new Promise((resolve) => child.once('message', resolve));
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  results[kind] = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total };
  results[kind].mainUs = (usage.mainBusyMs * 1000) / r.requests.total;
  results[kind].cpuUs = (usage.cpuMs * 1000) / r.requests.total;
  results[kind].wal = kind === 'bare' ? null : { peak: walPeak / 2 ** 20, end: walEnd / 2 ** 20 };
}
// What the callbook run stored: one turn per answered gather, and the slots it heard.
const stored = await (async () => {
  const { openDatabase } = await import('../dist/src/db/connection.js');
  const db = await openDatabase(dbPath);
  const count = async (table) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const result = { turns: await count('call_turns'), slots: await count('participant_availability') };
  await db.destroy();
  return result;
})();
console.log(`signed gather webhooks, ${CONNECTIONS} connections, ${SECONDS} s each after a ${WARMUP_SECONDS} s warm-up`);
for (const [kind, r] of Object.entries(results)) {
  console.log(
    `  ${kind.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.total} requests, ${r.errors} errors)` +
      `  per request: main thread ${r.mainUs.toFixed(0)} µs, process CPU ${r.cpuUs.toFixed(0)} µs` +
      (r.wal ? `  WAL peak ${r.wal.peak.toFixed(1)} MiB, at the end ${r.wal.end.toFixed(1)} MiB` : ''),
  );
}
console.log(`  stored by callbook: ${stored.turns} gather turns, ${stored.slots} availability slots`);
console.log(
  `  ratio callbook/bare: ${(results.callbook.rps / results.bare.rps).toFixed(2)} (aim ≥ 0.5); callbook p99 ${results.callbook.p99} ms (aim < 25 ms)`,
);
const big = Object.keys(results).find((k) => k.startsWith('callbook+'));
if (big) {
  const r = results[big];
  console.log(
    `  with ${prefilled} stored turns: ${(r.rps / results.callbook.rps).toFixed(2)}× the empty database's throughput (aim ≥ 0.8); ` +
      `WAL at the end ${r.wal.end.toFixed(1)} MiB (aim < 64 MiB)`,
  );
}
if (process.env.KEEP_DB) console.log('kept', dbPath);
else rmSync(dir, { recursive: true, force: true });
