// Processes for test/db/many-hosts.test.ts: `serve --simulate` processes on their own ports, as
// behind a load balancer, and `tick --simulate` hosts (many-hosts-tick-worker.mjs), all run from
// the one compiled test build, with a log of every webhook the ticks' simulators sent.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { compileForTests, TEST_BUILD } from './build.js';

const ROOT = resolve(import.meta.dirname, '../..');

export function compileOnce(): void {
  // tsc still emits when another file is mid-edit, so check for what we run.
  compileForTests(ROOT);
  if (!existsSync(join(TEST_BUILD, 'src/cli/main.js'))) throw new Error(`the build did not produce ${TEST_BUILD}/src/cli/main.js`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `callbook serve --simulate` on a free port, once GET /healthz answers. */
export async function startServe(db: string, env: Record<string, string>): Promise<ServeProcess> {
  const port = await freePort();
  const main = join(TEST_BUILD, 'src/cli/main.js');
  const code = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, 'serve', '--simulate', '--port', String(port), '--db', db], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr?.on('data', (chunk) => (err += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    if (i === 300) throw new Error(`serve on ${url} did not answer /healthz within 30 s: ${err}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('close', () => ok());
        child.kill('SIGTERM');
      }),
  };
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
