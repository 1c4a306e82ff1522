// One `tick --simulate` host for test/db/many-hosts.test.ts: runs the COMPILED CLI's `tick` in a
// loop until a tick dials nothing, in its own process and database connection. The simulator in
// it is the product's own (CALLBOOK_SIMULATOR_WEBHOOK_URLS spreads its webhooks over the `serve`
// processes); fetch is only watched, so that every webhook it sent, where it went and what it got
// back is appended to a log the test reads. Prints the ticks' JSON results as one JSON array.
// Usage: node many-hosts-tick-worker.mjs '<json options>'
//   { dist, db, env, maxCalls, rounds, log }
import { appendFileSync } from 'node:fs';

const o = JSON.parse(process.argv[2]);
const { main } = await import(`${o.dist}/src/cli/main.js`);

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const res = await realFetch(input, init);
  const url = new URL(String(input));
  if (url.pathname.startsWith('/twilio/')) {
    const headers = init.headers ?? {};
    appendFileSync(
      o.log,
      `${JSON.stringify({
        pid: process.pid,
        origin: url.origin,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        params: Object.fromEntries(new URLSearchParams(typeof init.body === 'string' ? init.body : '')),
        token: headers['I-Twilio-Idempotency-Token'] ?? null,
        status: res.status,
        reply: await res.clone().text(),
      })}\n`,
    );
  }
  return res;
};

const results = [];
for (let round = 0; round < o.rounds; round++) {
  let out = '';
  let err = '';
  const io = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    stdinIsTTY: false,
    stderrIsTTY: false,
    color: false,
    env: { ...process.env, ...o.env },
    cwd: process.cwd(),
    readFile: async () => '',
  };
  const code = await main(['--db', o.db, 'tick', '--simulate', '--json', '--max-calls', String(o.maxCalls)], io);
  if (code !== 0) {
    process.stderr.write(`tick exited ${code}: ${err}${out}`);
    process.exit(1);
  }
  const result = JSON.parse(out);
  results.push(result);
  if (result.dialed.length === 0 && result.failed.length === 0) break;
}
process.stdout.write(JSON.stringify(results));
