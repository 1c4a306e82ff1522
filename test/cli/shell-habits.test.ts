// Shell habits: a closed pipe ends a command quietly, NO_COLOR / FORCE_COLOR / --no-color decide
// colour, and usage errors honour --json. Pipes and colour are properties of the real process,
// so these run the built CLI as a child process.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/cli/io.js';
import { ensureBuilt } from '../helpers/build.js';
import { createCliSandbox } from '../helpers/cli.js';

const ESC = '\u001b[';
const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/callbook.js');
let dir: string;

beforeAll(() => {
  ensureBuilt(root);
  dir = mkdtempSync(join(tmpdir(), 'callbook-pipe-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with stdout a pipe that the reader closes after its first chunk, like `| head -1`. */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: { ...process.env, CALLBOOK_NOW: '2026-03-05T12:00:00Z' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout', () => {
  it('ends a long listing quietly with exit 0', async () => {
    const db = join(dir, 'pipe.db');
    // --help on a big command tree is printed in one write; a long human listing is the real case.
    const leads = Array.from({ length: 3000 }, (_, i) => `--lead=Lead ${i},+1212555${String(i).padStart(4, '0')},,America/New_York`);
    execFileSync(
      process.execPath,
      [
        bin,
        '--db',
        db,
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
      ],
      { cwd: dir, env: { ...process.env, CALLBOOK_NOW: '2026-03-05T12:00:00Z' } },
    );
    execFileSync(process.execPath, [bin, '--db', db, 'campaign', 'add', '--meeting', '1', '--name', 'w', ...leads], {
      cwd: dir,
      env: { ...process.env, CALLBOOK_NOW: '2026-03-05T12:00:00Z' },
    });
    const result = await runIntoClosedPipe(['--db', db, 'campaign', 'show', '1']);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(result.code).toBe(0);
  }, 60_000);
});

describe('colour', () => {
  const tty = { isTTY: true };
  it('is on for a terminal and off for a pipe', () => {
    expect(colorEnabled({}, [], tty)).toBe(true);
    expect(colorEnabled({}, [], { isTTY: false })).toBe(false);
  });
  it('is off with NO_COLOR (any non-empty value), --no-color or FORCE_COLOR=0, even on a terminal', () => {
    expect(colorEnabled({ NO_COLOR: '1' }, [], tty)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, [], tty)).toBe(true);
    expect(colorEnabled({}, ['--no-color'], tty)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: '0' }, [], tty)).toBe(false);
  });
  it('is on with FORCE_COLOR even into a pipe, unless --no-color', () => {
    expect(colorEnabled({ FORCE_COLOR: '1' }, [], { isTTY: false })).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1' }, ['--no-color'], { isTTY: false })).toBe(false);
  });
  it('NO_COLOR on a real process gives no escape codes in any human output', () => {
    const db = join(dir, 'color.db');
    const out = execFileSync(
      process.execPath,
      [bin, '--db', db, 'parse', 'constraints', 'next two weeks, preferably mornings', '--timezone', 'Europe/London'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '1', CALLBOOK_NOW: '2026-03-05T12:00:00Z' },
      },
    ).toString();
    expect(out).not.toContain(ESC);
    const forced = execFileSync(
      process.execPath,
      [bin, '--db', db, 'parse', 'constraints', 'next two weeks, preferably mornings', '--timezone', 'Europe/London'],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1', CALLBOOK_NOW: '2026-03-05T12:00:00Z' },
      },
    ).toString();
    expect(forced).toContain(ESC);
  });
});

describe('usage errors with --json', () => {
  it('prints the JSON error object for an unknown command, exit 2', async () => {
    const cli = createCliSandbox();
    try {
      const r = await cli.run(['--json', 'meting']);
      expect(r.code).toBe(2);
      expect(r.json().error.kind).toBe('bad_input');
      expect(r.json().error.message).toMatch(/meting/);
    } finally {
      cli.cleanup();
    }
  });
  it('prints the JSON error object for an unknown option, exit 2', async () => {
    const cli = createCliSandbox();
    try {
      const r = await cli.run(['--json', 'meeting', 'list', '--colour']);
      expect(r.code).toBe(2);
      expect(r.json().error).toMatchObject({ kind: 'bad_input' });
      expect(r.json().error.message).toMatch(/--colour/);
    } finally {
      cli.cleanup();
    }
  });
});
