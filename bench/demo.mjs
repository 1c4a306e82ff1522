// `demo --leads 1000`: simulated calls per second end to end (tick → simulator → signed
// webhooks → SQLite → confirm), sequential and with calls played in parallel.
// Run with `npm run bench:demo`. Prints figures; asserts nothing.
import { runDemo } from '../dist/src/services/demo/run.js';

const leads = Number(process.env.LEADS ?? 1000);
console.log(`demo --leads ${leads}`);
for (const parallel of [1, 8]) {
  const r = await runDemo({ leads, seed: 1, dbPath: null, now: null, parallel });
  const s = r.stats;
  console.log(
    `  --parallel ${String(parallel).padEnd(2)} ${s.calls} calls, ${s.webhook_requests} webhook requests in ${(s.elapsed_ms / 1000).toFixed(1)} s: ` +
      `${s.calls_per_second} calls/s, ${Math.round(s.webhook_requests / (s.elapsed_ms / 1000))} requests/s (errors ${s.errors}, rejected ${s.rejected_requests})`,
  );
}
