// Interactive meeting create on a real pseudo-terminal (util-linux `script`), through the built
// CLI: the prompts are drawn on the terminal (stderr), stdout redirected to a file holds only the
// result, a bad answer is re-asked in place, and the typed date words land in the owner's zone.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/callbook.js');
const hasScript = existsSync('/usr/bin/script');
let dir: string;

beforeAll(() => {
  ensureBuilt(root);
  dir = mkdtempSync(join(tmpdir(), 'callbook-pty-'));
}, 120_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

function onTerminal(command: string, env: Record<string, string>) {
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: dir,
    env: { ...process.env, ...env, COLUMNS: '120', LINES: '40' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (d) => {
    screen += d;
  });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    screen: () => screen,
    closed,
    async answer(waitFor: string, keys: string) {
      const deadline = Date.now() + 10_000;
      while (!screen.includes(waitFor) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (!screen.includes(waitFor)) throw new Error(`the terminal never showed "${waitFor}":\n${screen}`);
      for (const key of [...keys]) {
        child.stdin.write(key);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}

describe.skipIf(!hasScript)('meeting create on a pseudo-terminal', () => {
  it('asks on the terminal, re-asks a bad duration, and writes only the result to stdout', async () => {
    const db = join(dir, 'pty.db');
    const out = join(dir, 'out.txt');
    // Friday 6 March 15:00 UTC is already Saturday 7 March in Tokyo.
    const t = onTerminal(`node ${bin} --db ${db} meeting create > ${out}`, { CALLBOOK_NOW: '2026-03-06T15:00:00Z', TZ: 'Europe/London' });
    await t.answer('Owner', 'dana@acme.com\r');
    await t.answer('Meeting title', 'Intro\r');
    await t.answer('Duration', '\b\b4\r');
    await t.answer('expected a whole number of minutes from 5 to 480', '5\r');
    await t.answer('timezone', 'tokyo');
    await t.answer('Asia/Tokyo', '\r');
    await t.answer('Window start', '\r');
    await t.answer('Window end', '\r');
    await t.answer('Mode', '\r');
    await t.answer('Preferred days', '\r');
    await t.answer('Preferred parts', '\r');
    await t.answer('How many bookings', '\r');
    expect(await t.closed).toBe(0);
    const result = readFileSync(out, 'utf8');
    expect(result).toContain('Created meeting 1: Intro');
    expect(result).toContain('duration:     45 min');
    // "tomorrow" and "in two weeks" on Tokyo's calendar.
    expect(result).toMatch(/window: +Sun 8 Mar – Sat 21 Mar \(Asia\/Tokyo\)/);
    expect(result).not.toContain('Owner');
    expect(result).not.toContain('\u001b');
    expect(t.screen()).toContain('Europe/London');
    const show = JSON.parse(execFileSync(process.execPath, [bin, '--db', db, 'meeting', 'show', '1', '--json'], { encoding: 'utf8' }));
    expect(show).toMatchObject({
      owner_id: 'dana@acme.com',
      duration_minutes: 45,
      max_bookings: 1,
      hard_constraints: { timezone: 'Asia/Tokyo' },
    });
  }, 60_000);
});
