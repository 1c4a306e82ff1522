// Writers wait their turn: another process holds SQLite's write lock (BEGIN IMMEDIATE) while the
// compiled CLI, in its own process, adds a campaign. Within the wait budget the CLI waits and
// succeeds; past it, it fails with the busy error and exit 8, and writes nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBusyError, withBusyRetry } from '../../src/db/busy-retry.js';
import { CallbookError } from '../../src/errors.js';
import { compileForTests, TEST_BUILD } from '../helpers/build.js';
import { createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Compiled under node_modules so the output resolves the project's dependencies, without touching dist/.
const DIST = TEST_BUILD;

/** A process that takes the write lock, says so, and keeps it for holdMs. */
function holdWriteLock(file: string, holdMs: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('begin immediate');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); db.close(); process.stdout.write('released\\n'); }, Number(process.argv[2]));`;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok) => child.stdout?.once('data', () => ok(child)));
}

/** A process that writes like a busy `serve`: short transactions back to back, until killed. */
function keepWriting(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 10000');
    const insert = db.prepare("insert into do_not_call (phone, reason, source, created_at) values (?, 'load', 'test', '2026-03-05T12:00:00.000Z')");
    let n = 0;
    const burst = () => {
      db.exec('begin immediate');
      const until = Date.now() + 2;
      while (Date.now() < until) insert.run('+1999' + String(n++).padStart(8, '0'));
      db.exec('commit');
      if (n === 1 || n % 50 === 0) process.stdout.write('writing\\n');
      setImmediate(burst);
    };
    burst();`;
  const child = spawn(process.execPath, ['-e', script, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok) => child.stdout?.once('data', () => ok(child)));
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; endedAt: number }> {
  const script = `import(process.argv[1]).then(async (m) => { process.exitCode = await m.main(process.argv.slice(2)); });`;
  const child = spawn(process.execPath, ['-e', script, join(DIST, 'src/cli/main.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CALLBOOK_NOW: '2026-03-05T12:00:00Z', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  return new Promise((ok) => child.once('exit', (code) => ok({ code: code ?? -1, stdout, endedAt: Date.now() })));
}

describe('withBusyRetry', () => {
  const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

  it('tries again while the database is busy, then returns', async () => {
    let tries = 0;
    const value = await withBusyRetry(
      async () => {
        tries++;
        if (tries < 4) throw busy;
        return 'done';
      },
      { budgetMs: 5000, baseDelayMs: 1 },
    );
    expect(value).toBe('done');
    expect(tries).toBe(4);
  });

  it('gives up after the budget with the busy error (exit 8), and never retries other errors', async () => {
    const error = await withBusyRetry(
      async () => {
        throw busy;
      },
      { budgetMs: 50, baseDelayMs: 5 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(CallbookError);
    expect(error.kind).toBe('busy');
    expect(error.exitCode).toBe(8);
    let tries = 0;
    const other = new Error('no such table');
    await expect(
      withBusyRetry(async () => {
        tries++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(tries).toBe(1);
    expect(isBusyError(Object.assign(new Error(), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
  });
});

describe('a CLI write while another process holds the write lock (two real processes)', () => {
  const sandbox = createCliSandbox();
  const lead = ['--lead', 'Ana Ruiz,+15551230001,ana@example.com,America/New_York'];

  beforeAll(async () => {
    // One compiled copy for the whole suite; tsc still emits when another file is mid-edit, so check what we need.
    compileForTests(ROOT);
    if (!existsSync(join(DIST, 'src/cli/main.js'))) throw new Error(`the build did not produce ${DIST}/src/cli/main.js`);
    expect((await sandbox.run(MEETING_FLAGS)).code).toBe(0);
  }, 180_000);

  afterAll(() => sandbox.cleanup());

  const campaigns = () => {
    const db = new Database(sandbox.dbPath, { readonly: true });
    const n = (db.prepare("select count(*) as n from campaigns where name like 'wave%'").get() as { n: number }).n;
    db.close();
    return n;
  };

  it('waits for a lock held 1.5 s and succeeds', async () => {
    const holder = await holdWriteLock(sandbox.dbPath, 1500);
    let releasedAt = 0;
    holder.stdout?.on('data', () => {
      releasedAt = Date.now();
    });
    const r = await runCli(['--db', sandbox.dbPath, '--json', 'campaign', 'add', '--meeting', '1', '--name', 'wave1', ...lead], {
      CALLBOOK_BUSY_TIMEOUT_MS: '20000',
    });
    await new Promise((ok) => (holder.exitCode === null ? holder.once('exit', ok) : ok(null)));
    expect(r.code).toBe(0);
    expect(releasedAt).toBeGreaterThan(0);
    expect(r.endedAt).toBeGreaterThanOrEqual(releasedAt);
    expect(campaigns()).toBe(1);
  }, 60_000);

  it('adds a campaign of 1,000 leads while another process writes continuously', async () => {
    const csv = [
      'name,phone,email,timezone',
      ...Array.from({ length: 1000 }, (_, i) => `Lead ${i},+1555300${String(i).padStart(4, '0')},,America/Chicago`),
    ];
    const file = sandbox.file('leads.csv', `${csv.join('\n')}\n`);
    const writer = await keepWriting(sandbox.dbPath);
    const r = await runCli(
      ['--db', sandbox.dbPath, '--json', 'campaign', 'add', '--meeting', '1', '--name', 'under-load', '--leads', file],
      {},
    );
    writer.kill();
    await new Promise((ok) => (writer.exitCode === null ? writer.once('exit', ok) : ok(null)));
    expect(r.code).toBe(0);
    const db = new Database(sandbox.dbPath, { readonly: true });
    expect(
      db.prepare("select count(*) from leads where campaign_id = (select id from campaigns where name = 'under-load')").pluck().get(),
    ).toBe(1000);
    expect(db.prepare('select count(*) from do_not_call').pluck().get()).toBeGreaterThan(0);
    db.close();
  }, 120_000);

  it('past its wait budget fails with the busy error and exit 8, writing nothing', async () => {
    const holder = await holdWriteLock(sandbox.dbPath, 6000);
    const r = await runCli(['--db', sandbox.dbPath, '--json', 'campaign', 'add', '--meeting', '1', '--name', 'wave2', ...lead], {
      CALLBOOK_BUSY_TIMEOUT_MS: '1500',
    });
    holder.kill();
    await new Promise((ok) => (holder.exitCode === null ? holder.once('exit', ok) : ok(null)));
    expect(r.code).toBe(8);
    const error = JSON.parse(r.stdout).error;
    expect(error.kind).toBe('busy');
    expect(error.message).toMatch(/database is busy/);
    expect(error.hint).toMatch(/CALLBOOK_BUSY_TIMEOUT_MS/);
    expect(campaigns()).toBe(1);
  }, 60_000);
});
