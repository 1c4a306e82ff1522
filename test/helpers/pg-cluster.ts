// A throwaway PostgreSQL 15 cluster of the test's own, in a temp dir on a free port, that a test
// may stop and start at will (the shared server at 127.0.0.1:5432 is never restarted: other tests
// run on it). As root, the server runs as the postgres user (it refuses to run as root).
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './serve-process.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT (append /dbname). */
  server: string;
  /** pg_ctl stop -m fast: every connection is terminated, new ones are refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (if running) and removes its directory; safe to call twice. */
  destroy(): Promise<void>;
}

function asPostgres(): { user: string | null; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { user: 'postgres', uid, gid };
}

export async function startPgCluster(): Promise<PgCluster> {
  const owner = asPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'callbook-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const pg = (tool: string, args: string[]) =>
    owner ? run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]) : run(join(BIN, tool), args);
  let port = 0;
  let destroyed = false;
  const start = async () => {
    await pg('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`,
      'start',
    ]);
  };
  const stop = async () => {
    await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  };
  try {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    // Another process may take the free port between the look-up and the start: one more try.
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt >= 1) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL 15 in ${dir}: ${(error as Error).message}`);
  }
  return {
    port,
    server: `postgres://postgres@127.0.0.1:${port}`,
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
