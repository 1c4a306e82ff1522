// Checkpoints off the event loop, for `serve`. In WAL mode SQLite copies the log back into the
// database file (and syncs it) every 1,000 pages, inside whichever COMMIT crosses that mark: on
// a busy webhook server that is a few milliseconds of the main thread, every few transactions,
// felt by every request waiting behind it. Here the server's own connection stops checkpointing
// and a worker thread with its own connection does it instead, a few times a second, keeping the
// log bounded too (see checkpoint-thread.ts); the connection only checkpoints as a backstop.
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type Db, JOURNAL_SIZE_LIMIT } from './connection.js';
import { holdGroupCommits } from './group-commit.js';
import { rawConnectionOf, setAfterCommit } from './sync.js';

export interface BackgroundCheckpoints {
  stop(): Promise<void>;
}

const AUTOCHECKPOINT_PAGES = 1000;
/** A log longer than this (about 16 MiB of 4 KiB pages) is started over even while writers keep writing. */
export const LOG_LIMIT_PAGES = 4096;

/** The worker's entry, next to this module in the compiled build. */
export const CHECKPOINT_THREAD_ENTRY = new URL('./checkpoint-thread.js', import.meta.url);

/** How long group commits may be held for the thread's restart of the log, at most. */
const HOLD_LIMIT_MS = 250;

/**
 * The hard bound, in bytes of -wal file, for when neither the thread nor the backstop below could
 * restart the log: the thread's checkpoint (on a loaded machine, with a slow disk) held SQLite's
 * checkpoint lock while this connection kept committing, and the backstop, finding the lock taken,
 * gives up at once. Past the bound, the server's next COMMIT waits for that checkpoint to end and
 * restarts the log itself: the one wait on the event loop, and only then. A reader of another
 * process holding the log (which no checkpoint can restart under it) is not waited for.
 */
export const HARD_LOG_BYTES = 48 * 1024 * 1024;
/** How long one wait for another checkpoint may last; past it the commit goes on, and waits again a second later. */
const HARD_WAIT_MS = 2_000;
const RETRY_AFTER_WAIT_MS = 1_000;
/**
 * After a reader or writer was in the way: a moment later (a connection opening, a short read),
 * not a second later, when a writer going flat out could add megabytes; and not at the very next
 * commit, so a reader that stays costs an attempt every few milliseconds, not one per commit.
 */
const RETRY_AFTER_BUSY_MS = 10;

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** A row of `pragma wal_checkpoint`: busy 1 if it could not finish; log and checkpointed in frames, -1 if it never ran. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

export function startBackgroundCheckpoints(
  db: Db,
  options: { intervalMs?: number; logLimitPages?: number; hardLogBytes?: number; log?: (line: string) => void } = {},
): BackgroundCheckpoints {
  const raw = rawConnectionOf(db);
  const none = { stop: async () => {} };
  if (!raw || raw.filename === ':memory:' || raw.filename === '') return none;
  const autocheckpoint = (pages: number) => raw.prepare(`pragma wal_autocheckpoint = ${pages}`).all();
  const walFile = `${raw.filename}-wal`;
  const hardLogBytes = options.hardLogBytes ?? HARD_LOG_BYTES;
  // After each COMMIT of the server's units: one stat of the log file, and a restart only past the bound.
  let notBefore = 0;
  setAfterCommit(db, () => {
    if ((statSync(walFile, { throwIfNoEntry: false })?.size ?? 0) <= hardLogBytes || Date.now() < notBefore) return;
    const { timeout } = raw.prepare('pragma busy_timeout').get() as { timeout: number };
    raw.prepare('pragma busy_timeout = 0').run();
    try {
      const restart = raw.prepare('pragma wal_checkpoint(RESTART)');
      for (const deadline = Date.now() + HARD_WAIT_MS; ; pause(5)) {
        // busy 0: every frame copied, the log restarted. busy 1 with log -1: another checkpoint holds
        // the lock (it ends soon: wait for it). busy 1 with a log: a reader or writer is in the way.
        const row = restart.get() as CheckpointRow;
        if (row.busy === 0) return;
        if (row.log >= 0 || Date.now() > deadline) {
          notBefore = Date.now() + (row.log >= 0 ? RETRY_AFTER_BUSY_MS : RETRY_AFTER_WAIT_MS);
          return;
        }
      }
    } finally {
      raw.prepare(`pragma busy_timeout = ${timeout}`).run();
    }
  });
  let running = true;
  const worker = new Worker(CHECKPOINT_THREAD_ENTRY, {
    workerData: {
      filename: raw.filename,
      intervalMs: options.intervalMs ?? 100,
      logLimitPages: options.logLimitPages ?? LOG_LIMIT_PAGES,
      journalSizeLimit: JOURNAL_SIZE_LIMIT,
    },
  });
  worker.unref();
  const fallBack = (why: string) => {
    if (!running) return;
    running = false;
    endHold();
    // Without the worker, the connection checkpoints for itself again.
    autocheckpoint(AUTOCHECKPOINT_PAGES);
    options.log?.(`background checkpoints stopped (${why}); the server checkpoints as it commits`);
  };
  // The thread asks to restart the log when it is long. It cannot win the write lock from a writer
  // that never pauses, so the group commits of this connection hold still for it: the thread
  // copies the last frames, syncs the file and restarts the log on its own connection, while this
  // thread goes on reading requests (units queue, and commit together after). Nothing here waits:
  // no sync of the file on the event loop. A hold that outlasts HOLD_LIMIT_MS is released anyway.
  let release: (() => void) | null = null;
  let holdTimer: NodeJS.Timeout | undefined;
  const endHold = () => {
    clearTimeout(holdTimer);
    release?.();
    release = null;
  };
  worker.on('message', (message) => {
    if (message === 'restarted') endHold();
    if (message !== 'restart') return;
    if (!running || release) {
      worker.postMessage('skip');
      return;
    }
    void holdGroupCommits(db).then((held) => {
      if (!running) {
        held();
        return;
      }
      release = held;
      holdTimer = setTimeout(endHold, HOLD_LIMIT_MS);
      holdTimer.unref();
      worker.postMessage('go');
    });
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`exit code ${code}`));
  // The thread keeps the log near logLimitPages, so this connection never checkpoints in the
  // normal course. When the thread falls behind (a loaded machine starves it, a slow disk stretches
  // its copies), the log crossing twice the limit makes this connection copy it back as it commits,
  // and the next write starts the log over: the bound holds whatever the scheduler does.
  autocheckpoint(2 * (options.logLimitPages ?? LOG_LIMIT_PAGES));
  return {
    async stop() {
      if (!running) return;
      running = false;
      endHold();
      setAfterCommit(db, null);
      autocheckpoint(AUTOCHECKPOINT_PAGES);
      const stopped = new Promise((resolve) => {
        worker.on('message', (message) => message === 'stopped' && resolve(message));
        worker.once('exit', resolve);
      });
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
