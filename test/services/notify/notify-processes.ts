// Real `notify` processes on one SQLite file: compiles the project once into a private folder
// (dist/ is left alone) and runs test/services/notify/notify-worker.mjs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileForTests, TEST_BUILD } from '../../helpers/build.js';

const ROOT = resolve(import.meta.dirname, '../../..');
export const DIST = TEST_BUILD;

export function compileOnce(): void {
  // One compiled copy for the whole suite; tsc still emits when another file is mid-edit, so check what we need.
  compileForTests(ROOT);
  if (!existsSync(join(DIST, 'src/services/notify/send.js')))
    throw new Error(`the build did not produce ${DIST}/src/services/notify/send.js`);
}

export interface NotifyProcess {
  pid: number;
  /** Resolves with the first message id it sent (hangAfterSend). */
  firstSent: Promise<string>;
  /** The run's summary, or null when it was killed. */
  done: Promise<{ sent: number[]; recovered: number } | null>;
  kill(): void;
}

export function startNotify(options: {
  db: string;
  env: Record<string, string>;
  leaseMs?: number;
  concurrency?: number;
  hangAfterSend?: boolean;
}): NotifyProcess {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'test/services/notify/notify-worker.mjs'), JSON.stringify({ dist: DIST, ...options })],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  let announce: (id: string) => void = () => {};
  const firstSent = new Promise<string>((ok) => (announce = ok));
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const m = /^SENT (\S+)$/m.exec(out);
    if (m?.[1]) announce(m[1]);
  });
  child.stderr.on('data', (chunk) => (err += chunk));
  const done = new Promise<{ sent: number[]; recovered: number } | null>((ok, fail) =>
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') ok(null);
      else if (code === 0) ok(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
      else fail(new Error(`notify worker exited ${code}: ${err}`));
    }),
  );
  return { pid: child.pid ?? 0, firstSent, done, kill: () => child.kill('SIGKILL') };
}
