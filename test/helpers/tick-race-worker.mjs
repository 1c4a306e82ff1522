// One `tick` process for test/services/tick-lease.test.ts: runs the COMPILED service in its own
// process and SQLite connection with a fake telephony that appends every dial to a shared file,
// so dials are counted across processes. Prints the tick's summary as JSON.
// Usage: node tick-race-worker.mjs '<json options>'
//   { dist, db, now, cps, maxCalls, dialLog, leaseMs?, renewMs?, dieOnDial?, ticks?, pauseMs? }
import { appendFileSync } from 'node:fs';

const o = JSON.parse(process.argv[2]);
const { loadConfig } = await import(`${o.dist}/src/config.js`);
const { createContext } = await import(`${o.dist}/src/context.js`);
const { openDatabase } = await import(`${o.dist}/src/db/connection.js`);
const { runTick } = await import(`${o.dist}/src/services/tick.js`);

const db = await openDatabase(o.db);
const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: o.now, CALLBOOK_CPS: String(o.cps), CALLBOOK_REQUIRE_CONSENT: '0' }));
let dials = 0;
const dialer = {
  telephony: {
    kind: 'simulator',
    async placeCall(req) {
      dials++;
      appendFileSync(o.dialLog, `${req.to}\t${process.pid}\t${req.callId}\n`);
      // Dies after the provider took the call but before its id could be stored.
      if (o.dieOnDial === dials) process.kill(process.pid, 'SIGKILL');
      return { sid: `CA${process.pid.toString(16).padStart(8, '0')}${dials.toString(16).padStart(24, '0')}`, status: 'queued' };
    },
  },
  from: '+15005550006',
  publicBaseUrl: 'https://cb.example.test',
  finish: async () => {},
};
const lease = o.leaseMs ? { leaseMs: o.leaseMs, renewMs: o.renewMs ?? Math.ceil(o.leaseMs / 4) } : undefined;
const results = [];
for (let i = 0; i < (o.ticks ?? 1); i++) {
  if (i > 0) await new Promise((resolve) => setTimeout(resolve, o.pauseMs ?? 0));
  const r = await runTick(
    ctx,
    { meeting_request_id: null, max_calls: o.maxCalls, dry_run: false },
    { openDialer: async () => dialer, ...(lease ? { lease } : {}) },
  );
  results.push(r.summary);
}
await db.destroy();
process.stdout.write(JSON.stringify(results));
