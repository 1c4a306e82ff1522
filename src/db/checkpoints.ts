// Checkpoints off the event loop, for `serve`. In WAL mode SQLite copies the log back into the
// database file (and syncs it) every 1,000 pages, inside whichever COMMIT crosses that mark: on
// a busy webhook server that is a few milliseconds of the main thread, every few transactions,
// felt by every request waiting behind it. Here the server's own connection stops checkpointing
// and a worker thread with its own connection does it instead, a few times a second.
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.js';
import { rawConnectionOf } from './sync.js';

export interface BackgroundCheckpoints {
  stop(): Promise<void>;
}

const AUTOCHECKPOINT_PAGES = 1000;

/** The worker's entry, next to this module in the compiled build. */
export const CHECKPOINT_THREAD_ENTRY = new URL('./checkpoint-thread.js', import.meta.url);

export function startBackgroundCheckpoints(
  db: Db,
  options: { intervalMs?: number; log?: (line: string) => void } = {},
): BackgroundCheckpoints {
  const raw = rawConnectionOf(db);
  const none = { stop: async () => {} };
  if (!raw || raw.filename === ':memory:' || raw.filename === '') return none;
  const autocheckpoint = (pages: number) => raw.prepare(`pragma wal_autocheckpoint = ${pages}`).all();
  let running = true;
  const worker = new Worker(CHECKPOINT_THREAD_ENTRY, {
    workerData: { filename: raw.filename, intervalMs: options.intervalMs ?? 200 },
  });
  worker.unref();
  const fallBack = (why: string) => {
    if (!running) return;
    running = false;
    // Without the worker, the connection checkpoints for itself again.
    autocheckpoint(AUTOCHECKPOINT_PAGES);
    options.log?.(`background checkpoints stopped (${why}); the server checkpoints as it commits`);
  };
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit code ${code}`));
  autocheckpoint(0);
  return {
    async stop() {
      if (!running) return;
      running = false;
      autocheckpoint(AUTOCHECKPOINT_PAGES);
      const stopped = new Promise((resolve) => {
        worker.once('message', resolve);
        worker.once('exit', resolve);
      });
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
