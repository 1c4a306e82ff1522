// Lists take --limit, --offset and --state; on a terminal a human listing stops at 50 rows with
// a line saying how many more there are; a pipe gets everything. `Next:` hints go to stderr and
// repeat the global flags the user gave.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

async function runOnTerminal(dir: string, args: string[], columns: number) {
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
    stderrIsTTY: false,
    stdoutIsTTY: true,
    columns,
    rows: 100_000, // tall enough that no pager is started
    color: false,
    env: { CALLBOOK_NOW: '2026-03-05T12:00:00Z', PAGER: 'cat' },
    cwd: dir,
    readFile: (path) => readFile(resolve(dir, path), 'utf8'),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const leads = (n: number) =>
  Array.from({ length: n }, (_, i) => `--lead=Lead ${i + 1},+1212555${String(i).padStart(4, '0')},,America/New_York`);

describe('campaign show as a list', () => {
  it('stops at 50 rows on a terminal and says how to see the rest; a pipe gets all of them', async () => {
    const cli = createCliSandbox();
    try {
      await cli.run(MEETING_FLAGS);
      expect((await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'w', ...leads(60)])).code).toBe(0);
      const tty = await runOnTerminal(cli.dir, ['--db', cli.dbPath, 'campaign', 'show', '1'], 160);
      expect(tty.code).toBe(0);
      expect(tty.stdout).toContain('│ Lead 50 ');
      expect(tty.stdout).not.toContain('│ Lead 51 ');
      expect(tty.stdout).toContain('… 10 more of 60 (use --limit/--offset, e.g. --offset 50)');
      const piped = await cli.run(['campaign', 'show', '1']);
      expect(piped.stdout).toContain('│ Lead 60 ');
      expect(piped.stdout).not.toContain('more of');
      const page = await cli.run(['campaign', 'show', '1', '--limit', '5', '--offset', '10', '--json']);
      expect(page.json().leads.map((l: { name: string }) => l.name)).toEqual(['Lead 11', 'Lead 12', 'Lead 13', 'Lead 14', 'Lead 15']);
      const pending = await cli.run(['campaign', 'show', '1', '--state', 'responded', '--json']);
      expect(pending.json().leads).toEqual([]);
      const bad = await cli.run(['campaign', 'show', '1', '--state', 'sleeping', '--json']);
      expect(bad.code).toBe(2);
      expect(bad.json().error.problems[0].field).toBe('--state');
      expect((await cli.run(['campaign', 'show', '1', '--limit', '0'])).code).toBe(2);
    } finally {
      cli.cleanup();
    }
  });

  it('fits 80 columns on a terminal by cutting long cells with …, drops low-value columns when narrower', async () => {
    const cli = createCliSandbox();
    try {
      await cli.run(MEETING_FLAGS);
      const long = '--lead=Maximiliana Alexandrovna Featherstonehaugh-Smythe,+12125550100,,America/Argentina/Buenos_Aires';
      await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'w', long]);
      const narrow = await runOnTerminal(cli.dir, ['--db', cli.dbPath, 'campaign', 'show', '1'], 80);
      const widths = narrow.stdout.split('\n').map((line) => [...line].length);
      expect(Math.max(...widths)).toBeLessThanOrEqual(80);
      expect(narrow.stdout).toContain('…');
      const tiny = await runOnTerminal(cli.dir, ['--db', cli.dbPath, 'campaign', 'show', '1'], 50);
      expect(
        Math.max(
          ...tiny.stdout
            .split('\n')
            .slice(1)
            .map((line) => [...line].length),
        ),
      ).toBeLessThanOrEqual(50);
      expect(tiny.stdout).not.toContain('attempts');
      expect(tiny.stdout).toContain('pending');
      const wide = await runOnTerminal(cli.dir, ['--db', cli.dbPath, 'campaign', 'show', '1'], 160);
      expect(wide.stdout).toContain('Maximiliana Alexandrovna Featherstonehaugh-Smythe');
      expect(wide.stdout).toContain('attempts');
    } finally {
      cli.cleanup();
    }
  });
});

describe('dnc list as a list', () => {
  it('takes --limit and --since, and a terminal gets the … more line', async () => {
    const cli = createCliSandbox();
    try {
      for (const n of ['+12125550101', '+12125550102', '+12125550103'])
        expect((await cli.run(['dnc', 'add', n, '--reason', 'asked'])).code).toBe(0);
      const one = await runOnTerminal(cli.dir, ['--db', cli.dbPath, 'dnc', 'list', '--limit', '1'], 120);
      expect(one.stdout).toContain('+12125550101');
      expect(one.stdout).not.toContain('+12125550103');
      expect(one.stdout).toContain('… 2 more of 3');
      expect(one.stdout).toContain('Thu 5 Mar, 12:00 UTC'); // since, in the one date format
      const later = await cli.run(['--json', 'dnc', 'list', '--since', '2026-03-06']);
      expect(later.json()).toEqual([]);
      expect((await cli.run(['dnc', 'list', '--since', 'yesterday-ish'])).code).toBe(2);
    } finally {
      cli.cleanup();
    }
  });
});

describe('Next: hints', () => {
  it('go to stderr and repeat --db and --now as given', async () => {
    const cli = createCliSandbox();
    try {
      const r = await cli.run(['--now', '2026-03-05T12:00:00Z', ...MEETING_FLAGS]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('Next:');
      expect(r.stderr).toContain(`Next: callbook --db ${cli.dbPath} --now 2026-03-05T12:00:00Z campaign add --meeting 1`);
      const json = await cli.run(['--json', 'meeting', 'list']);
      expect(json.stderr).toBe('');
    } finally {
      cli.cleanup();
    }
  });
});
