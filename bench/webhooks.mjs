// Signed gather webhooks (parse + store) against callbook's server, beside a bare Hono
// endpoint that only parses the same form, in one run: requests/s, p50, p99 and the ratio.
// Run with `npm run bench:webhooks`. Prints figures; asserts nothing. callbook's side is started
// as `callbook serve` starts. Knobs: SECONDS=10 per server; PROFILE=1 writes the server's CPU
// profiles to /tmp/prof; SQL_TIMING=1 prints SQLite's time per statement; KEEP_DB=1 keeps the file.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import twilio from 'twilio';

const SECONDS = Number(process.env.SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 32;
const CALLS = 100_000;
const TOKEN = 'bench-token';
const PHRASES = [
  'uh tuesday morning works',
  "i'm free wednesday between ten and twelve",
  'thursday after two or friday morning',
  'how about monday the 16th from one to three pm',
  'any day next week except friday',
];

async function prepareDatabase(path) {
  const { loadConfig } = await import('../dist/src/config.js');
  const { createContext } = await import('../dist/src/context.js');
  const { openDatabase } = await import('../dist/src/db/connection.js');
  const { createMeeting } = await import('../dist/src/services/meeting-create.js');
  const db = await openDatabase(path);
  const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: '2026-03-09T15:00:00Z' }));
  const meeting = await createMeeting(ctx, {
    owner_id: 'bench',
    title: 'Bench',
    duration_minutes: 30,
    max_bookings: 5,
    hard_constraints: { window_start: '2026-03-10', window_end: '2026-03-27', timezone: 'America/New_York' },
  });
  const now = '2026-03-09T15:00:00.000Z';
  await db.transaction().execute(async (trx) => {
    const campaign = await trx
      .insertInto('campaigns')
      .values({ meeting_request_id: meeting.id, name: 'bench', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < CALLS; i += 500) {
      const leads = Array.from({ length: 500 }, (_, j) => ({
        campaign_id: campaign.id,
        meeting_request_id: meeting.id,
        name: `Lead ${i + j}`,
        phone: `+1555${String(i + j).padStart(7, '0')}`,
        email: null,
        timezone: 'America/New_York',
        state: 'calling',
        attempts: 1,
        created_at: now,
        updated_at: now,
      }));
      const ids = await trx.insertInto('leads').values(leads).returning('id').execute();
      await trx
        .insertInto('calls')
        .values(
          ids.map(({ id }, j) => ({
            lead_id: id,
            meeting_request_id: meeting.id,
            provider: 'simulator',
            call_sid: `CA${String(i + j).padStart(32, '0')}`,
            status: 'in-progress',
            turn: 1,
            script: 'Hello',
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  });
  await db.destroy();
}

function startChild(kind, dbPath) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROFILE && kind === 'callbook' ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      ...(process.env.SQL_TIMING && kind === 'callbook' ? ['--import', new URL('./sql-timing.mjs', import.meta.url).pathname] : []),
      new URL('./webhook-server.mjs', import.meta.url).pathname,
      kind,
      dbPath ?? '',
      TOKEN,
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({ url: d.toString().trim(), child })));
}

/**
 * Every request, signed for this server's URL, before the clock starts: signing is Twilio's work,
 * done on Twilio's machines, so the load generator should not spend the shared cores on it.
 */
function signedRequests(url, path) {
  return Array.from({ length: CALLS }, (_, i) => {
    const params = {
      CallSid: `CA${String(i).padStart(32, '0')}`,
      AccountSid: 'AC1',
      CallStatus: 'in-progress',
      SpeechResult: PHRASES[i % PHRASES.length],
      Confidence: '0.9',
      Digits: '',
    };
    const target = `${path}?callId=${i + 1}&turn=1`;
    return {
      path: target,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, url + target, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  });
}

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
const results = {};
for (const kind of ['bare', 'callbook']) {
  const { url, child } = await startChild(kind, dbPath);
  // Both servers get the same short warm-up (JIT, page cache), not counted; the warm-up's
  // gathers use their own calls, so the measured ones are all fresh turns.
  const signed = signedRequests(url, '/twilio/voice/gather');
  n = 0;
  await run(url, signed, WARMUP_SECONDS);
  child.send('start');
  const r = await run(url, signed);
  child.send('stop');
  const usage = await new Promise((resolve) => child.once('message', resolve));
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  results[kind] = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total };
  results[kind].mainUs = (usage.mainBusyMs * 1000) / r.requests.total;
  results[kind].cpuUs = (usage.cpuMs * 1000) / r.requests.total;
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
      `  per request: main thread ${r.mainUs.toFixed(0)} µs, process CPU ${r.cpuUs.toFixed(0)} µs`,
  );
}
console.log(`  stored by callbook: ${stored.turns} gather turns, ${stored.slots} availability slots`);
console.log(
  `  ratio callbook/bare: ${(results.callbook.rps / results.bare.rps).toFixed(2)} (aim ≥ 0.5); callbook p99 ${results.callbook.p99} ms (aim < 25 ms)`,
);
if (process.env.KEEP_DB) console.log('kept', dbPath);
else rmSync(dir, { recursive: true, force: true });
