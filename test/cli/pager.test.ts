// Long human output on a terminal goes through $PAGER, like gh; never into a pipe, never with
// --json. A real pseudo-terminal (util-linux `script`) stands for the terminal, and the "pager" is
// a shell command that records what it was given.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagerCommand } from '../../src/cli/pager.js';
import { ensureBuilt } from '../helpers/build.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/callbook.js');
const hasScript = existsSync('/usr/bin/script');
let dir: string;
let db: string;

const env = (extra: Record<string, string>) => ({ ...process.env, CALLBOOK_NOW: '2026-03-05T12:00:00Z', NO_COLOR: '1', ...extra });

beforeAll(() => {
  ensureBuilt(root);
  dir = mkdtempSync(join(tmpdir(), 'callbook-pager-'));
  db = join(dir, 'pager.db');
  const meeting = [
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
  ];
  execFileSync(process.execPath, [bin, '--db', db, ...meeting, '--window-start', '2026-03-09', '--window-end', '2026-03-20'], {
    env: env({}),
  });
  const leads = Array.from({ length: 40 }, (_, i) => `--lead=Lead ${i},+1212555${String(i).padStart(4, '0')},,America/New_York`);
  execFileSync(process.execPath, [bin, '--db', db, 'campaign', 'add', '--meeting', '1', '--name', 'w', ...leads], { env: env({}) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with stdout on a pseudo-terminal of `lines` rows. */
function onTerminal(args: string[], extra: Record<string, string>) {
  const command = [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' ');
  return spawnSync('/usr/bin/script', ['-qfc', command, '/dev/null'], { env: env(extra), encoding: 'utf8', timeout: 30_000 });
}

describe.skipIf(!hasScript)('$PAGER', () => {
  it('gets the long listing on a terminal, and the screen gets nothing else of it', () => {
    const record = join(dir, 'paged.txt');
    const r = onTerminal(['--db', db, 'campaign', 'show', '1'], { PAGER: `cat > '${record}'`, LINES: '10', COLUMNS: '120' });
    expect(r.status).toBe(0);
    const paged = readFileSync(record, 'utf8');
    expect(paged).toContain('Campaign 1 "w" (meeting 1): 40 pending');
    expect(paged).toContain('│ Lead 39 ');
    expect(r.stdout).not.toContain('Lead 39');
  });

  it('is not used for a short answer, for --json, or when stdout is a pipe', () => {
    const record = join(dir, 'never.txt');
    const pager = { PAGER: `cat > '${record}'`, LINES: '10' };
    expect(onTerminal(['--db', db, 'campaign', 'list'], { ...pager, LINES: '40' }).stdout).toContain('│ 1 ');
    expect(onTerminal(['--db', db, '--json', 'campaign', 'show', '1'], pager).stdout).toContain('"leads"');
    const piped = spawnSync(process.execPath, [bin, '--db', db, 'campaign', 'show', '1'], { env: env(pager), encoding: 'utf8' });
    expect(piped.stdout).toContain('Lead 39');
    expect(existsSync(record)).toBe(false);
  });

  it('CALLBOOK_PAGER wins over PAGER; "" or cat turns paging off; the default is less -FRX', () => {
    expect(pagerCommand({ CALLBOOK_PAGER: 'most', PAGER: 'more' })).toBe('most');
    expect(pagerCommand({ PAGER: '' })).toBeNull();
    expect(pagerCommand({ PAGER: 'cat' })).toBeNull();
    expect(pagerCommand({})).toBe('less -FRX');
  });
});
