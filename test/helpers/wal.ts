// Shared by the WAL tests: the compiled modules `serve` runs its checkpoints with (the checkpoint
// thread loads compiled code only), and the size of a database's -wal file.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compiledForTests } from './build.js';

export const MiB = 1024 * 1024;

export interface WalModules {
  connection: typeof import('../../src/db/connection.js');
  sync: typeof import('../../src/db/sync.js');
  checkpoints: typeof import('../../src/db/checkpoints.js');
  groupCommit: typeof import('../../src/db/group-commit.js');
}

/** The test build's connection, sync, checkpoints and group-commit modules (compiled once for the suite). */
export async function compiledWalModules(): Promise<WalModules> {
  const load = compiledForTests(resolve(import.meta.dirname, '../..'), ['src/db/checkpoint-thread.js']);
  return {
    connection: await load('src/db/connection.js'),
    sync: await load('src/db/sync.js'),
    checkpoints: await load('src/db/checkpoints.js'),
    groupCommit: await load('src/db/group-commit.js'),
  };
}

/** The -wal file's size in bytes (0 when there is none). */
export const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

/** The -wal file's size once it reaches 0, or after 5 s (sampled every 50 ms): for "the log shrinks once writers pause". */
export async function walSizeAfterPause(file: string): Promise<number> {
  let size = walSize(file);
  for (let i = 0; i < 100 && size > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    size = walSize(file);
  }
  return size;
}
