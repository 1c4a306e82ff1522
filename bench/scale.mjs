// Campaign scale: times the built CLI (each command a child process, its peak RSS read by a wrapper)
// at 1k, 10k and 100k leads with three availability slots each, next to raw better-sqlite3 doing
// the same rows in the same run: an insert of the imported leads (one prepared statement, one
// transaction) and a read of the availability rows. It prints figures; it asserts nothing.
// `npm run bench:scale`, or `npm run bench:scale -- --sizes 1000,10000` for a quick run;
// `-- --sizes 100000 --only confirm,availability` for those two commands (add, show: the others).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/callbook.js');
const NOW = '2026-03-05T12:00:00Z';
const args = process.argv.slice(2);
const sizesAt = args.indexOf('--sizes');
const SIZES = (sizesAt >= 0 ? args[sizesAt + 1] : '1000,10000,100000').split(',').map(Number);
// `--only confirm,availability` times only those commands after the (untimed) setup; `--keep`
// leaves each size's database in place and prints its path (to profile a command on it).
const onlyAt = args.indexOf('--only');
const ONLY = onlyAt >= 0 ? new Set(args[onlyAt + 1].split(',')) : null;
const runs = (name) => ONLY === null || ONLY.has(name);
const KEEP = args.includes('--keep');
// Area codes with their zones: numbers and zones agree, as in a real list.
const AREAS = [
  ['212', 'America/New_York'],
  ['312', 'America/Chicago'],
  ['303', 'America/Denver'],
  ['415', 'America/Los_Angeles'],
  ['617', 'America/New_York'],
  ['206', 'America/Los_Angeles'],
];

// Runs the CLI in a child that reports its own peak RSS (process.resourceUsage().maxRSS, in KiB).
const WRAPPER = `
const [bin, report, ...rest] = process.argv.slice(1);
process.argv = [process.argv[0], bin, ...rest];
process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeFileSync(report, JSON.stringify([u.maxRSS, (u.userCPUTime + u.systemCPUTime) / 1000]));
});
import(bin);
`;

function runCli(dir, cliArgs, stdoutFile) {
  const report = join(dir, 'rss.txt');
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-e', WRAPPER, BIN, report, '--db', join(dir, 'scale.db'), '--now', NOW, ...cliArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      if (stdoutFile !== null) out += chunk;
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (code !== 0) return fail(new Error(`callbook ${cliArgs.join(' ')} exited ${code}: ${err.slice(0, 2000)}`));
      const [rss, cpuMs] = JSON.parse(readFileSync(report, 'utf8'));
      done({ ms, cpuMs, rssMb: rss / 1024, out, bytes });
    });
  });
}

/** N leads: most already in E.164, one in five written nationally, one in a thousand repeating an earlier row's number. */
function leadsCsv(n) {
  const rows = ['name,phone,email,timezone,consent_source,consent_at'];
  for (let i = 0; i < n; i++) {
    const j = i % 1000 === 999 ? i - 500 : i;
    const [area, zone] = AREAS[j % AREAS.length];
    const exchange = 200 + (Math.floor(j / AREAS.length) % 800);
    const line = String(Math.floor(j / (AREAS.length * 800)) % 10_000).padStart(4, '0');
    const phone = i % 5 === 0 ? `(${area}) ${exchange}-${line}` : `+1${area}${exchange}${line}`;
    rows.push(`Lead ${i},${phone},lead${i}@example.com,${zone},web form,2026-02-01`);
  }
  return `${rows.join('\n')}\n`;
}

/** Raw better-sqlite3: the same leads (as the import stored them) inserted into an empty copy of the schema. */
function rawInsert(dir, leads) {
  const file = join(dir, 'raw.db');
  const source = new Database(join(dir, 'scale.db'), { readonly: true });
  const schema = source.prepare("select sql from sqlite_master where sql is not null and name not like 'sqlite_%'").all();
  source.close();
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  for (const { sql } of schema) raw.exec(sql);
  raw.pragma('foreign_keys = OFF');
  const columns = Object.keys(leads[0]).filter((c) => c !== 'id');
  const insert = raw.prepare(`insert into leads (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const start = performance.now();
  const cpu = process.cpuUsage();
  raw.transaction(() => {
    for (const lead of leads) insert.run(...columns.map((c) => lead[c]));
  })();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  raw.close();
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Three slots per lead (setup, not timed): each lead answered with three two-hour windows. */
function addSlots(dir) {
  const db = new Database(join(dir, 'scale.db'));
  const ids = db.prepare('select id from leads order by id').pluck().all();
  const insert = db.prepare(
    "insert into participant_availability (meeting_request_id, lead_id, start_utc, end_utc, source, created_at) values (1, ?, ?, ?, 'manual', ?)",
  );
  db.transaction(() => {
    for (const id of ids) {
      for (let k = 0; k < 3; k++) {
        const day = 9 + ((id + k * 3) % 10);
        const hour = 13 + ((id * 7 + k) % 8);
        const start = new Date(Date.UTC(2026, 2, day, hour));
        insert.run(id, start.toISOString(), new Date(start.getTime() + 2 * 3600_000).toISOString(), NOW);
      }
    }
    db.prepare("update leads set state = case when id % 4 = 0 then 'no_answer' else 'responded' end").run();
  })();
  const count = db.prepare('select count(*) from participant_availability').pluck().get();
  db.close();
  return count;
}

/** Raw better-sqlite3 read of what confirm and availability list read: every slot of the meeting. */
function rawRead(dir) {
  const db = new Database(join(dir, 'scale.db'), { readonly: true });
  const start = performance.now();
  const cpu = process.cpuUsage();
  let n = 0;
  const rows = db
    .prepare(
      'select id, lead_id, start_utc, end_utc, source, raw_text from participant_availability where meeting_request_id = 1 order by id',
    )
    .raw()
    .iterate();
  for (const row of rows) n += row.length > 0 ? 1 : 0;
  const leads = db.prepare('select id, name, timezone, state from leads where meeting_request_id = 1 order by id').raw().all();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  db.close();
  return { ms, cpuMs: (used.user + used.system) / 1000, rows: n + leads.length };
}

/** The service alone, in this process (no start-up): median of 7 calls per page. */
async function pagesInProcess(dir, n) {
  const [{ openDatabase }, { createContext }, { loadConfig }, { showCampaign }] = await Promise.all([
    import('../dist/src/db/connection.js'),
    import('../dist/src/context.js'),
    import('../dist/src/config.js'),
    import('../dist/src/services/campaigns.js'),
  ]);
  const db = await openDatabase(join(dir, 'scale.db'));
  const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: NOW }));
  const median = async (page) => {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      await showCampaign(ctx, 1, page);
      times.push(performance.now() - start);
    }
    return times.sort((a, b) => a - b)[3];
  };
  const first = await median({ limit: 50 });
  const last = await median({ limit: 50, offset: Math.max(0, n - 50) });
  const state = await median({ limit: 50, offset: Math.floor(n / 8), state: 'no_answer' });
  await db.destroy();
  console.log(`  showCampaign in process, median per page: first ${fmt(first)}, last ${fmt(last)}, --state no_answer ${fmt(state)}`);
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
// Wall time, and CPU time (user + system): on a shared machine the CPU time is the steadier figure.
let startup = null;
// The command's own work against the baseline: its CPU time less an empty command's. Within the
// start-up's own spread (small sizes) there is nothing left to compare.
const lessStartup = (run, base) => {
  const own = run.cpuMs - startup.cpuMs;
  return own <= base.cpuMs * 0.5 && own < 20 ? 'no more than start-up' : `×${(own / base.cpuMs).toFixed(1)} cpu less start-up`;
};
const line = (label, run, base) =>
  console.log(
    `  ${label.padEnd(44)} ${fmt(run.ms).padStart(8)} ${fmt(run.cpuMs).padStart(8)} cpu ${`${run.rssMb.toFixed(0)} MB`.padStart(7)}` +
      (base === undefined
        ? ''
        : `   raw ${fmt(base.ms).padStart(7)} ${fmt(base.cpuMs).padStart(7)} cpu   ×${(run.ms / base.ms).toFixed(1)} wall ×${(run.cpuMs / base.cpuMs).toFixed(1)} cpu` +
          (startup ? `, ${lessStartup(run, base)}` : '')),
  );

console.log('bench:scale — each command a child process: wall time, CPU time, peak RSS; raw better-sqlite3 in this process alongside');
for (const n of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-scale-'));
  try {
    await runCli(dir, [
      'meeting',
      'create',
      '--owner',
      'dana@acme.com',
      '--title',
      'Intro',
      '--duration',
      '30',
      '--timezone',
      'America/New_York',
      '--window-start',
      '2026-03-09',
      '--window-end',
      '2026-03-20',
      '--json',
    ]);
    writeFileSync(join(dir, 'leads.csv'), leadsCsv(n));
    console.log(`\n${n.toLocaleString('en-US')} leads:`);
    // What any command costs before its work: starting Node, loading the command, opening the database.
    startup = await runCli(dir, ['campaign', 'list', '--json'], null);
    line('(start-up: campaign list, empty)', startup);
    const add = await runCli(dir, ['campaign', 'add', '--meeting', '1', '--name', 'big', '--leads', join(dir, 'leads.csv'), '--json'], '');
    const added = JSON.parse(add.out);
    if (runs('add')) {
      const stored = new Database(join(dir, 'scale.db'), { readonly: true }).prepare('select * from leads order by id').all();
      line(`campaign add (${added.added} added)`, add, rawInsert(dir, stored));
    }
    const slots = addSlots(dir);
    const read = rawRead(dir);
    console.log(`  (${slots.toLocaleString('en-US')} availability slots; raw: a read of them and of the leads' columns)`);
    if (runs('confirm')) line('confirm 1 --dry-run', await runCli(dir, ['confirm', '1', '--dry-run', '--json'], null), read);
    if (runs('availability')) {
      const avail = await runCli(dir, ['availability', 'list', '--meeting', '1', '--json'], null);
      line(`availability list --json (${(avail.bytes / 1e6).toFixed(0)} MB out)`, avail, read);
    }
    if (runs('show')) {
      line('campaign show 1 --limit 50', await runCli(dir, ['campaign', 'show', '1', '--limit', '50', '--json'], null));
      const last = Math.max(0, n - 50);
      line(
        `campaign show 1 --offset ${last} --limit 50`,
        await runCli(dir, ['campaign', 'show', '1', '--offset', String(last), '--limit', '50', '--json'], null),
      );
      line(
        'campaign show 1 --state no_answer --limit 50',
        await runCli(
          dir,
          ['campaign', 'show', '1', '--state', 'no_answer', '--limit', '50', '--offset', String(Math.floor(n / 8)), '--json'],
          null,
        ),
      );
      await pagesInProcess(dir, n);
    }
    const size = statSync(join(dir, 'scale.db')).size;
    console.log(`  (database ${(size / 1e6).toFixed(0)} MB)`);
    if (KEEP) console.log(`  (kept: ${join(dir, 'scale.db')})`);
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true });
  }
}
