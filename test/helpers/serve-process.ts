// `callbook serve --simulate` in a process of its own (from the compiled test build, as in
// production), and Twilio webhooks signed the way Twilio signs them, over the public URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import twilio from 'twilio';
import { SIMULATOR_AUTH_TOKEN } from '../../src/services/telephony-factory.js';
import { TEST_BUILD } from './build.js';

export const PUBLIC = 'https://cb.example.test';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** What it wrote on stderr so far (banner, request lines, errors). */
  stderr(): string;
  /** SIGTERM, resolved once it exited. */
  stop(): Promise<void>;
  /** SIGKILL, resolved once it is gone. */
  kill(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => child.once('close', () => ok()));
}

/** Resolves once GET /healthz answers 200; `env` on top of CALLBOOK_NOW and PUBLIC_BASE_URL. */
export async function startServeProcess(db: string, now: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const port = await freePort();
  const main = join(TEST_BUILD, 'src/cli/main.js');
  const code = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, 'serve', '--simulate', '--port', String(port), '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CALLBOOK_NOW: now, CALLBOOK_WEBHOOK_THREADS: '0', PUBLIC_BASE_URL: PUBLIC, ...env },
  });
  let err = '';
  child.stderr?.on('data', (chunk) => (err += chunk));
  child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 300) {
      child.kill('SIGKILL');
      throw new Error(`serve did not answer /healthz within 30 s: ${err}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    url,
    child,
    stderr: () => err,
    stop: () => {
      const done = exited(child);
      child.kill('SIGTERM');
      return done;
    },
    kill: () => {
      const done = exited(child);
      child.kill('SIGKILL');
      return done;
    },
  };
}

export interface Reply {
  status: number;
  body: string;
}

/** POSTs a webhook to `base` + path, signed over PUBLIC + path; a reply that never came rejects. */
export function signedPost(
  base: string,
  path: string,
  params: Record<string, string>,
  options: { timeoutMs?: number } = {},
): Promise<Reply> {
  const signature = twilio.getExpectedTwilioSignature(SIMULATOR_AUTH_TOKEN, PUBLIC + path, params);
  return fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
    ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
  }).then(async (r) => ({ status: r.status, body: await r.text() }));
}
