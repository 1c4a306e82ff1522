// Real `tick` processes on one SQLite file, for the lease tests: compiles the project once,
// starts workers (test/helpers/tick-race-worker.mjs) and reads back who dialed what.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/db/connection.js';
import { compileForTests, TEST_BUILD } from '../helpers/build.js';
import { createTickWorld } from './tick-world.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Compiled under node_modules so the output resolves the project's dependencies, without touching dist/.
export const DIST = TEST_BUILD;

export function compileOnce(): void {
  // One compiled copy for the whole suite; tsc still emits when another file is mid-edit, so check what we need.
  compileForTests(ROOT);
  if (!existsSync(join(DIST, 'src/services/tick.js'))) throw new Error(`the build did not produce ${DIST}/src/services/tick.js`);
}

export interface WorkerOptions {
  db: string;
  now: string;
  cps: number;
  maxCalls: number;
  dialLog: string;
  leaseMs?: number;
  renewMs?: number;
  dieOnDial?: number;
  ticks?: number;
  pauseMs?: number;
}

export interface Worker {
  pid: number;
  /** The summaries of its ticks, or null when it was killed. */
  done: Promise<Record<string, number>[] | null>;
}

export function startWorker(options: WorkerOptions): Worker {
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers/tick-race-worker.mjs'), JSON.stringify({ dist: DIST, ...options })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  const done = new Promise<Record<string, number>[] | null>((ok, fail) =>
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') ok(null);
      else if (code === 0) ok(JSON.parse(out));
      else fail(new Error(`worker exited ${code}: ${err}`));
    }),
  );
  return { pid: child.pid ?? 0, done };
}

/** Every dial the fake telephony received, in every process: number → count. */
export function dialsPerNumber(dialLog: string): Map<string, number> {
  const counts = new Map<string, number>();
  const text = existsSync(dialLog) ? readFileSync(dialLog, 'utf8') : '';
  for (const line of text.split('\n').filter(Boolean)) {
    const to = line.split('\t')[0] ?? '';
    counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

export async function waitForDials(dialLog: string, n: number): Promise<void> {
  let total = 0;
  while (total < n) {
    await new Promise((r) => setTimeout(r, 50));
    total = [...dialsPerNumber(dialLog).values()].reduce((a, b) => a + b, 0);
  }
}

export async function campaignFile(file: string, leads: number): Promise<void> {
  const world = await createTickWorld({ db: await openDatabase(file) });
  await world.addLeads(Array.from({ length: leads }, (_, i) => ({ name: `Lead ${i}`, phone: `+1555880${String(i).padStart(4, '0')}` })));
  await world.close();
}

export async function readBack(file: string) {
  const db = await openDatabase(file);
  const leads = await db.selectFrom('leads').selectAll().orderBy('id').execute();
  const calls = await db.selectFrom('calls').selectAll().orderBy('id').execute();
  await db.destroy();
  return { leads, calls };
}
