// Shared by bench/webhooks.mjs, bench/webhooks-hostile.mjs and bench/tick.mjs: a prepared database
// of calls in progress (a SQLite file or a PostgreSQL URL), a fresh PostgreSQL database per run,
// the server child process, and requests signed before the clock starts.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import pg from 'pg';
import twilio from 'twilio';

/** Calls in progress in a prepared database (BENCH_CALLS); the gathers go through them in turn. */
export const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
export const TOKEN = 'bench-token';
const PHRASES = [
  'uh tuesday morning works',
  "i'm free wednesday between ten and twelve",
  'thursday after two or friday morning',
  'how about monday the 16th from one to three pm',
  'any day next week except friday',
];

export async function prepareDatabase(path) {
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

/** The PostgreSQL server the benches create their databases on (trust auth, as .ci/run starts it). */
export const PG_SERVER = process.env.CALLBOOK_BENCH_PG ?? process.env.CALLBOOK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

async function pgAdmin(statement) {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_SERVER} (${error.message}): start it (.ci/run does), point CALLBOOK_BENCH_PG at one, or set BENCH_ENGINES=sqlite`,
    );
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

let created = 0;

/**
 * A new PostgreSQL database for one bench run, { url, drop() }: empty, or a copy of `template` (a
 * URL from here, with no one connected to it). The server itself is never touched.
 */
export async function freshPostgres(label, template = null) {
  const name = `cb_bench_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${process.pid}_${++created}`;
  await pgAdmin(`create database "${name}"${template ? ` template "${new URL(template).pathname.slice(1)}"` : ''}`);
  return { url: `${PG_SERVER}/${name}`, drop: () => pgAdmin(`drop database if exists "${name}" with (force)`) };
}

/**
 * The server as a child process: `kind` is 'callbook' (`bin/callbook.js serve`, the command users
 * run, bundle and all) or 'bare'; `dbPath` a file or a postgres:// URL; `env` more variables for
 * it (PUBLIC_BASE_URL, so that several processes check signatures against one public address).
 * Both load serve-probe.mjs for the bench's measurements; BENCH_BIN=path runs another build's bin. Its stderr goes to ours, except serve's
 * banner and the one line per request the server logs (written, as serve writes them, then dropped).
 */
export function startChild(kind, dbPath, env = {}) {
  const probe = ['--import', new URL('./serve-probe.mjs', import.meta.url).pathname];
  const callbook = [
    ...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
    ...(process.env.SQL_TIMING ? ['--import', new URL('./sql-timing.mjs', import.meta.url).pathname] : []),
    process.env.BENCH_BIN ?? new URL('../bin/callbook.js', import.meta.url).pathname,
    '--db',
    dbPath,
    'serve',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ];
  const child = spawn(
    process.execPath,
    [...probe, ...(kind === 'callbook' ? callbook : [new URL('./webhook-server.mjs', import.meta.url).pathname])],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, CALLBOOK_NOW: '2026-03-09T15:00:00Z', TWILIO_AUTH_TOKEN: TOKEN, ...env },
    },
  );
  return new Promise((resolve, reject) => {
    let banner = true;
    createInterface({ input: child.stderr }).on('line', (line) => {
      const listening = /^callbook listening on (http:\/\/\S+)/.exec(line);
      if (listening) resolve({ url: listening[1], child });
      else if (banner && /^( {2}|WARNING: (Twilio cannot reach|no TWILIO_VOICE_WEBHOOK_URL))/.test(line)) return;
      else if (!/^(\S+Z )?((GET|POST|PUT|PATCH|DELETE|HEAD) \/\S* \d{3} |\d+ more refused requests not logged)/.test(line)) {
        banner = false;
        process.stderr.write(`${line}\n`);
      }
    });
    if (kind !== 'callbook') child.stdout.once('data', (d) => resolve({ url: d.toString().trim(), child }));
    child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${code}) before it listened`)));
  });
}

/**
 * Every request, signed for this server's URL, before the clock starts: signing is Twilio's work,
 * done on Twilio's machines, so the load generator should not spend the shared cores on it.
 */
export function signedRequests(url, path) {
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

/**
 * Fills call_turns with `count` answered turns (turns 2, 3, … of the prepared calls, so the bench's
 * own gathers, turn 1, stay fresh), as a database that has served many calls would hold them.
 */
export async function prefillTurns(path, count) {
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  const perCall = Math.ceil(count / CALLS);
  const insert = db.prepare(
    'insert into call_turns (call_id, turn, input, intent, parser_source, response, created_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const response =
    '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="speech dtmf" action="/twilio/voice/gather?callId=1&amp;turn=3"><Say>Got it: Tuesday morning. Anything else?</Say></Gather></Response>';
  const callIds = db.prepare('select id from calls order by id').pluck().all();
  let written = 0;
  db.transaction(() => {
    for (let t = 0; t < perCall && written < count; t++) {
      for (const id of callIds) {
        if (written++ >= count) break;
        insert.run(id, t + 2, PHRASES[written % PHRASES.length], 'availability', 'heuristic', response, '2026-03-09T15:00:00.000Z');
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return written;
}

/**
 * `rate` requests a second for `seconds` (each from `next()`), sent on schedule whatever the answers (open loop),
 * round-robin over `urls`; each latency counts from when its request was due, so a server that
 * falls behind shows it.
 */
export async function paced(urls, rate, seconds, next) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const targets = urls.map((u) => new URL(u));
  const latencies = [];
  let errors = 0;
  const pending = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const target = targets[i % targets.length];
    const { path, headers, body } = next();
    pending.push(
      new Promise((resolve) => {
        const req = http.request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            method: 'POST',
            path,
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - due);
              if (res.statusCode !== 200) errors += 1;
              resolve();
            });
          },
        );
        req.on('error', () => {
          errors += 1;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? Number.NaN;
  return { p50: pick(0.5), p99: pick(0.99), errors, answered: latencies.length - errors };
}
