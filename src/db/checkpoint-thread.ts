// Worker-thread entry for checkpoints.ts: its own connection to the database file, copying the WAL
// back into the file (PASSIVE: never waits on, nor blocks, readers and writers) every interval.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { filename, intervalMs } = workerData as { filename: string; intervalMs: number };
const sqlite = new SQLite(filename);
sqlite.pragma('busy_timeout = 1000');
const checkpoint = sqlite.prepare('pragma wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch {
    // Busy or locked: the next interval tries again.
  }
}, intervalMs);
parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  try {
    checkpoint.get();
  } finally {
    sqlite.close();
    parentPort?.postMessage('stopped');
  }
});
