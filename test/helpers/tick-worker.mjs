// One `tick` process for test/services/tick-concurrency.test.ts: runs the COMPILED service in its
// own process and SQLite connection, ticking until nothing is due, and prints the numbers it dialed.
// Usage: node tick-worker.mjs <dist dir> <db file> <start at, epoch ms>
const [dist, dbFile, startAt] = process.argv.slice(2);
const { loadConfig } = await import(`${dist}/src/config.js`);
const { createContext } = await import(`${dist}/src/context.js`);
const { openDatabase } = await import(`${dist}/src/db/connection.js`);
const { runTick } = await import(`${dist}/src/services/tick.js`);

const db = await openDatabase(dbFile);
const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: '2026-03-09T15:00:00Z', CALLBOOK_CPS: '100' }));
const dialed = [];
const dialer = {
  telephony: {
    kind: 'simulator',
    async placeCall(req) {
      dialed.push(req.to);
      return { sid: `CA${process.pid.toString(16).padStart(8, '0')}${dialed.length.toString(16).padStart(24, '0')}`, status: 'queued' };
    },
  },
  from: '+15005550006',
  publicBaseUrl: 'https://cb.example.test',
  finish: async () => {},
};
// Both workers start ticking at the same instant, after their (different) start-up times.
while (Date.now() < Number(startAt)) await new Promise((resolve) => setTimeout(resolve, 1));
for (;;) {
  const r = await runTick(
    ctx,
    { meeting_request_id: null, max_calls: 5, dry_run: false },
    { openDialer: async () => dialer, sleep: async () => {} },
  );
  if (r.dialed.length === 0 && r.summary.due === 0) break;
}
await db.destroy();
process.stdout.write(JSON.stringify(dialed));
