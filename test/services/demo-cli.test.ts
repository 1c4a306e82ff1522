// The demo as a shell user meets it: it refuses a database holding data unless --force, a run
// stopped half-way leaves no lead in calling, progress goes to a terminal's stderr only, the
// lines it prints are the rounds of --json, the header names the meetings by their booked
// titles, CALLBOOK_NOW moves its clock, and every lead that gave no time says why.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { runDemo } from '../../src/services/demo/run.js';
import { ensureBuilt } from '../helpers/build.js';
import { createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

describe('demo --db', () => {
  it('refuses a database that already holds data (exit 4, says --force), and adds nothing to it', async () => {
    const cli = createCliSandbox();
    try {
      expect((await cli.run(MEETING_FLAGS)).code).toBe(0);
      const refused = await cli.run(['demo', '--leads', '2']);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain('already holds data (1 meeting');
      expect(refused.stderr).toContain('--force');
      const db = new Database(cli.dbPath, { readonly: true });
      expect(db.prepare('select count(*) n from meeting_requests').get()).toEqual({ n: 1 });
      db.close();
      const forced = await cli.run(['demo', '--leads', '2', '--force', '--json']);
      expect(forced.code).toBe(0);
      expect(forced.json().setup.group.meeting_request_id).toBe(2);
    } finally {
      cli.cleanup();
    }
  }, 60_000);
});

describe('a demo stopped half-way', () => {
  it('closes its open calls and leaves no lead in calling', async () => {
    const cli = createCliSandbox();
    try {
      const stop = new AbortController();
      const run = runDemo({
        leads: 120,
        seed: 4,
        parallel: 8,
        dbPath: cli.dbPath,
        now: null,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.calls_placed > 0) stop.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ name: 'InterruptedError' });
      const db = new Database(cli.dbPath, { readonly: true });
      const calls = db.prepare('select count(*) n from calls').get() as { n: number };
      expect(calls.n).toBeGreaterThan(0);
      expect(db.prepare("select count(*) n from leads where state = 'calling'").get()).toEqual({ n: 0 });
      const open = db
        .prepare("select count(*) n from calls where status not in ('completed','busy','failed','no-answer','canceled')")
        .get();
      expect(open).toEqual({ n: 0 });
      db.close();
    } finally {
      cli.cleanup();
    }
  }, 60_000);
});

describe('Ctrl+C during a demo (a real process)', () => {
  it('exits 130 and leaves no lead in calling', async () => {
    const root = new URL('../../', import.meta.url).pathname;
    ensureBuilt(root);
    const cli = createCliSandbox();
    try {
      const child = spawn(
        process.execPath,
        [join(root, 'bin/callbook.js'), '--db', cli.dbPath, 'demo', '--leads', '300', '--parallel', '4'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, CALLBOOK_NOW: '' },
        },
      );
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
      // Wait until calls are being placed, then press Ctrl+C.
      for (let i = 0; i < 300; i++) {
        await new Promise((r) => setTimeout(r, 100));
        try {
          const db = new Database(cli.dbPath, { readonly: true, fileMustExist: true });
          const n = (db.prepare('select count(*) n from calls').get() as { n: number }).n;
          db.close();
          if (n > 0) break;
        } catch {
          // not created or migrated yet
        }
      }
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr).toContain('Interrupted');
      const db = new Database(cli.dbPath, { readonly: true });
      expect(db.prepare("select count(*) n from leads where state = 'calling'").get()).toEqual({ n: 0 });
      db.close();
    } finally {
      cli.cleanup();
    }
  }, 120_000);
});

async function runWithTerminalStderr(dir: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdinIsTTY: false,
    stderrIsTTY: true,
    color: false,
    env: {},
    cwd: dir,
    readFile: (path) => readFile(resolve(dir, path), 'utf8'),
  };
  return { code: await main(args, io), stdout, stderr };
}

describe('demo output', () => {
  it('shows progress on a terminal stderr only; stdout holds the result alone', async () => {
    const cli = createCliSandbox();
    try {
      const tty = await runWithTerminalStderr(cli.dir, ['--db', join(cli.dir, 'tty.db'), 'demo', '--leads', '40']);
      expect(tty.code).toBe(0);
      expect(tty.stderr).toMatch(/calls placed \d+ \(\d+ leads\), answered \d+, slots collected \d+/);
      expect(tty.stdout).not.toContain('calls placed');
      const piped = await cli.run(['demo', '--leads', '4']);
      expect(piped.stderr).not.toContain('calls placed');
      expect(piped.stdout).not.toContain('Next:');
      expect(piped.stderr).toContain(`Next: callbook --db ${cli.dbPath} booking list`);
    } finally {
      cli.cleanup();
    }
  }, 60_000);

  it('prints the rounds of --json, names the meetings by their booked titles, starts at CALLBOOK_NOW, and says why a lead gave no time', async () => {
    const a = createCliSandbox({ CALLBOOK_NOW: '2027-02-01T15:00:00Z' });
    const b = createCliSandbox({ CALLBOOK_NOW: '2027-02-01T15:00:00Z' });
    try {
      const json = (await a.run(['--json', 'demo', '--leads', '10', '--seed', '9'])).json();
      const text = (await b.run(['demo', '--leads', '10', '--seed', '9'])).stdout;
      expect(json.setup.clock_start).toBe('2027-02-01T15:00:00.000Z');
      expect(text).toContain('simulated clock starts Mon 1 Feb, 10:00 EST');
      const printed = text.split('\n').filter((line) => /^\w{3} \d+ \w{3}, \d\d:\d\d \w+ {2}dialed /.test(line));
      expect(printed.map((line) => Number(/dialed (\d+)/.exec(line)?.[1]))).toEqual(json.rounds.map((r: { dialed: number }) => r.dialed));
      const title = json.confirmation.title;
      expect(json.setup.group.title).toBe(title);
      expect(text.split('\n')[0]).toContain(`Meeting 1 "${title}" (group)`);
      for (const lead of [...json.leads, ...json.one_on_one.leads]) {
        if (lead.state !== 'responded') expect(lead.reason).toMatch(/\w/);
        else expect(lead.reason).toBeNull();
      }
      expect(json.sample_calls.length).toBeGreaterThan(0);
      const speakers = new Set(json.sample_calls[0].transcript.map((l: { speaker: string }) => l.speaker));
      expect([...speakers].sort()).toEqual(['bot', 'lead']);
      expect(text).toContain('Sample calls (both sides');
      expect(text.split('runners-up:').length - 1).toBeLessThanOrEqual(2); // once per meeting at most
    } finally {
      a.cleanup();
      b.cleanup();
    }
  }, 60_000);
});
