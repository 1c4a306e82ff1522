// Legitimate signed gathers while hostile senders post 1 MB bodies with forged signatures: first
// the gathers alone, then the same load beside SENDERS senders (half declare Content-Length, half
// stream chunked). Prints req/s, p50 and p99 of the gathers, what the forged requests got back
// (413, 403, or a reset) and the server's peak RSS. Saturated (CONNECTIONS closed-loop connections:
// p99 there is mostly the queue) and then at a steady BENCH_RATE requests/s, open loop, each
// latency counted from when its request was due: what a real call's gather sees, alone and beside
// the senders. The senders run in a process of their own (bench/forged-senders.mjs), the
// legitimate client in this one. Run with `npm run bench:webhooks:hostile`. Prints figures; asserts nothing.
// Knobs: SECONDS=10 per phase, SENDERS=8, CONNECTIONS=32, BENCH_RATE=100, RATE_SECONDS=6.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { CALLS, paced, prepareDatabase, signedRequests, startChild } from './webhook-common.mjs';

const SECONDS = Number(process.env.SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 32);
const SENDERS = Number(process.env.SENDERS ?? 8);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 6);

let n = 0;
function gathers(url, signed, seconds) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...signed[n++ % CALLS] }) }],
  });
}

/** The senders, in a process of their own (bench/forged-senders.mjs); stop() resolves with their counts. */
async function hostileSenders(port) {
  const child = fork(new URL('./forged-senders.mjs', import.meta.url).pathname, [String(port), String(SENDERS)]);
  await new Promise((resolve) => child.once('message', resolve));
  return {
    async stop() {
      const counts = new Promise((resolve) => child.once('message', resolve));
      child.send('stop');
      return counts;
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'callbook-hostile-'));
const dbPath = join(dir, 'bench.db');
await prepareDatabase(dbPath);
const { url, child } = await startChild('callbook', dbPath);
const port = Number(new URL(url).port);
const signed = signedRequests(url, '/twilio/voice/gather');
await gathers(url, signed, WARMUP_SECONDS);

const phases = {};
for (const phase of ['alone', 'hostile']) {
  child.send('start');
  const senders = phase === 'hostile' ? await hostileSenders(port) : null;
  const r = await gathers(url, signed, SECONDS);
  const counts = senders ? await senders.stop() : null;
  child.send('stop');
  const usage = await new Promise((resolve) => child.once('message', resolve));
  phases[phase] = { r, counts, peakRssMb: usage.peakRssMb, cpuMs: usage.cpuMs, mainBusyMs: usage.mainBusyMs };
}
// The steady phases: a gather every 1/RATE s, alone and then beside the same senders.
const steady = {};
for (const phase of ['alone', 'hostile']) {
  const senders = phase === 'hostile' ? await hostileSenders(port) : null;
  if (senders) await new Promise((r) => setTimeout(r, 500)); // the senders' first bodies are in flight
  steady[phase] = await paced([url], RATE, RATE_SECONDS, () => signed[n++ % CALLS]);
  if (senders) steady[phase].counts = await senders.stop();
}
child.kill('SIGINT');
await new Promise((r) => child.once('exit', r));

console.log(`signed gather webhooks, ${CONNECTIONS} connections, ${SECONDS} s per phase after a ${WARMUP_SECONDS} s warm-up`);
for (const [phase, { r, counts, peakRssMb }] of Object.entries(phases)) {
  const forgedText = counts
    ? `; ${SENDERS} senders' forged 1 MB requests: ${Object.entries(counts)
        .map(([status, count]) => `${count} × ${status}`)
        .join(', ')}`
    : '';
  console.log(
    `  ${phase.padEnd(8)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms` +
      `  (${r.requests.total} gathers, ${r.errors + r.non2xx} errors)  server peak RSS ${peakRssMb.toFixed(0)} MiB${forgedText}`,
  );
}
const hostile = phases.hostile.r;
// The server's time on the forged requests: its CPU (and main-thread time) beyond what the gathers
// alone cost per gather, spread over the forged requests it answered.
const forgedCount = Object.values(phases.hostile.counts).reduce((a, b) => a + b, 0);
const perGather = (p, key) => p[key] / p.r.requests.total;
const extra = (key) => (phases.hostile[key] - perGather(phases.alone, key) * hostile.requests.total) / Math.max(1, forgedCount);
console.log(
  `  server time per forged request: CPU ${(extra('cpuMs') * 1000).toFixed(0)} µs, main thread ${(extra('mainBusyMs') * 1000).toFixed(0)} µs`,
);
console.log(
  `  under attack, saturated: ${(hostile.requests.average / phases.alone.r.requests.average).toFixed(2)}× the gathers' throughput alone; ` +
    `p99 ${hostile.latency.p99} ms (${phases.alone.r.latency.p99} ms alone: the queue of ${CONNECTIONS} connections)`,
);
const ms = (x) => x.toFixed(1);
console.log(`steady: ${RATE} signed gathers/s for ${RATE_SECONDS} s, open loop`);
for (const [phase, r] of Object.entries(steady)) {
  const forgedText = r.counts
    ? `; forged 1 MB requests meanwhile: ${Object.entries(r.counts)
        .map(([status, count]) => `${count} × ${status}`)
        .join(', ')}`
    : '';
  console.log(`  ${phase.padEnd(8)} p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  (${r.answered} answered, ${r.errors} errors)${forgedText}`);
}
const verdict = steady.hostile.p99 < 25 ? 'met' : 'NOT met';
console.log(`  aim: legitimate p99 < 25 ms while ${SENDERS} senders post 1 MB forged bodies: ${verdict} (${ms(steady.hostile.p99)} ms)`);
rmSync(dir, { recursive: true, force: true });
