// Worker-thread entry for checkpoints.ts: its own connection to the database file, copying the WAL
// back into the file every interval. PASSIVE copies never wait on, nor block, readers and writers,
// but under a writer that never pauses they never catch up, and SQLite only starts the log over
// once every frame is copied: the file grew by gigabytes. This thread cannot win the write lock
// from such a writer, so when the log is longer than logLimitPages it asks the server's connection
// to hold its group commits ('restart'); once they are held ('go') it RESTARTs the log here, the
// last frames copied and the file synced off the event loop, and says so ('restarted'). The next
// write then starts from the beginning of the file, which journal_size_limit trims. (A writer in
// another process, a CLI command, checkpoints as it commits, and restarts the log itself.) Once
// writers pause (nothing new since the last interval) the log is TRUNCATEd to nothing.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { filename, intervalMs, logLimitPages, journalSizeLimit } = workerData as {
  filename: string;
  intervalMs: number;
  logLimitPages: number;
  journalSizeLimit: number;
};
const sqlite = new SQLite(filename);
// How long a TRUNCATE may wait for the writer of the moment (and readers) to finish.
sqlite.pragma('busy_timeout = 50');
sqlite.pragma(`journal_size_limit = ${journalSizeLimit}`);
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}
const passive = sqlite.prepare<[], CheckpointRow>('pragma wal_checkpoint(PASSIVE)');
const truncate = sqlite.prepare<[], CheckpointRow>('pragma wal_checkpoint(TRUNCATE)');
const restart = sqlite.prepare<[], CheckpointRow>('pragma wal_checkpoint(RESTART)');
let previousLog = -1;
/** Waiting for the server's connection to hold its writes: no checkpoint of ours meanwhile. */
let askedServer = false;

function checkpoint(): void {
  const copied = passive.get();
  if (!copied) return;
  const paused = copied.log > 0 && copied.log === previousLog && copied.checkpointed === copied.log;
  previousLog = copied.log;
  if (paused) {
    truncate.get();
    previousLog = 0;
  } else if (copied.log > logLimitPages) {
    askedServer = true;
    parentPort?.postMessage('restart');
  }
}

const timer = setInterval(() => {
  if (askedServer) return;
  try {
    checkpoint();
  } catch {
    // Busy or locked: the next interval tries again.
  }
}, intervalMs);
parentPort?.on('message', (message) => {
  if (message === 'go') {
    try {
      // The server's group commits are held: only another process's writer or a reader can make
      // this wait, for busy_timeout at most, and a busy log is restarted at a later interval.
      restart.get();
    } catch {
      // Busy or locked: the next interval asks again.
    }
    askedServer = false;
    parentPort?.postMessage('restarted');
  }
  if (message === 'skip') askedServer = false;
  if (message !== 'stop') return;
  clearInterval(timer);
  try {
    passive.get();
  } finally {
    sqlite.close();
    parentPort?.postMessage('stopped');
  }
});
