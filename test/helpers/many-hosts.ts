// Processes for test/db/many-hosts.test.ts: `serve --simulate` processes on their own ports, as
// behind a load balancer, and `tick --simulate` hosts (many-hosts-tick-worker.mjs), all run from
// the one compiled test build, with a log of every webhook the ticks' simulators sent.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileForTests, TEST_BUILD } from './build.js';

const ROOT = resolve(import.meta.dirname, '../..');

export function compileOnce(): void {
  // tsc still emits when another file is mid-edit, so check for what we run.
  compileForTests(ROOT);
  if (!existsSync(join(TEST_BUILD, 'src/cli/main.js'))) throw new Error(`the build did not produce ${TEST_BUILD}/src/cli/main.js`);
}

export interface TickHostOptions {
  db: string;
  env: Record<string, string>;
  maxCalls: number;
  /** Ticks at most; the host stops at the first that dials nothing. */
  rounds: number;
  /** Where every webhook sent is appended (one JSON line each). */
  log: string;
}

/** The `tick --json` results of one host, in order. */
export type TickResults = { dialed: { lead_id: number; call_id: number }[]; failed: unknown[] }[];

export function startTickHost(options: TickHostOptions): Promise<TickResults> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'test/helpers/many-hosts-tick-worker.mjs'), JSON.stringify({ dist: TEST_BUILD, ...options })],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((ok, fail) =>
    child.on('close', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`tick host exited ${code}: ${err}`)))),
  );
}

/** A webhook as the simulator sent it and what came back. */
export interface SentWebhook {
  pid: number;
  /** The `serve` process it went to. */
  origin: string;
  path: string;
  query: Record<string, string>;
  params: Record<string, string>;
  token: string | null;
  status: number;
  reply: string;
}

export function readWebhookLog(file: string): SentWebhook[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SentWebhook);
}
