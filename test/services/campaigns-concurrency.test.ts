// Two `campaign add` processes at the same instant on one SQLite file, importing overlapping numbers
// into two campaigns of one meeting: each number must end up as exactly one lead.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { compileForTests, TEST_BUILD } from '../helpers/build.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Compiled under node_modules so the output resolves the project's dependencies, without touching dist/.
const DIST = TEST_BUILD;
const NUMBERS = 3000;
let dir: string;

// One process: waits for the common start instant, then runs the compiled CLI and prints its JSON.
const WORKER = `
const [main, startAt, ...args] = process.argv.slice(1);
const { main: run } = await import(main);
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 1));
let out = '';
const code = await run(args, { stdout: (t) => (out += t), stderr: (t) => process.stderr.write(t), stdinIsTTY: false, stderrIsTTY: false,
  color: false, env: { CALLBOOK_NOW: '2026-03-05T12:00:00Z' }, cwd: process.cwd(), readFile: (p) => import('node:fs/promises').then((fs) => fs.readFile(p, 'utf8')) });
process.stdout.write(out);
process.exitCode = code;
`;

function runCli(args: string[], startAt = 0): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', WORKER, join(DIST, 'src/cli/main.js'), String(startAt), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-import-race-'));
  // One compiled copy for the whole suite; tsc still emits when another file is mid-edit, so check what we need.
  compileForTests(ROOT);
  if (!existsSync(join(DIST, 'src/cli/main.js'))) throw new Error(`the build did not produce ${DIST}/src/cli/main.js`);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two imports at once into campaigns of one meeting', () => {
  it('adds each number once overall, the other import reporting it as a duplicate', async () => {
    const db = join(dir, 'race.db');
    const meeting = await runCli([
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
      '2026-03-13',
    ]);
    expect(meeting.code).toBe(0);
    const rows = Array.from({ length: NUMBERS }, (_, i) => `Lead ${i},+1555${String(2000000 + i)},,America/New_York`);
    // Both files hold every number, in opposite orders, so each import races the other on all of them.
    writeFileSync(join(dir, 'a.csv'), `name,phone,email,timezone\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `name,phone,email,timezone\n${[...rows].reverse().join('\n')}\n`);
    const startAt = Date.now() + 1500;
    const [a, b] = (await Promise.all(
      ['a', 'b'].map((name) =>
        runCli(['--db', db, 'campaign', 'add', '--meeting', '1', '--name', name, '--leads', join(dir, `${name}.csv`), '--json'], startAt),
      ),
    )) as [Awaited<ReturnType<typeof runCli>>, Awaited<ReturnType<typeof runCli>>];
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    const [ra, rb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(ra.added + rb.added).toBe(NUMBERS);
    expect(ra.skipped_duplicates + rb.skipped_duplicates).toBe(NUMBERS);
    const conn = await openDatabase(db);
    const leads = await conn.selectFrom('leads').select(['phone']).execute();
    await conn.destroy();
    expect(leads).toHaveLength(NUMBERS);
    expect(new Set(leads.map((l) => l.phone)).size).toBe(NUMBERS);
  }, 60_000);
});
