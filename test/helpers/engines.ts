// Every engine the suite runs on, the way Kysely's own tests loop over DIALECTS:
//   for (const engine of ENGINES) describe(engine, () => { … freshDatabase(engine, import.meta.url) … })
// Each call gives a new, empty database: a temp SQLite file, or a PostgreSQL database created
// for it (named from the test file, the pid and a counter, so files run in parallel) and dropped
// by cleanup(). PostgreSQL is never skipped: when it is down the test fails saying how to start it.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Engine } from '../../src/db/dialect.js';
import type { RunResult } from './cli.js';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** The server CI starts (.ci/run); CALLBOOK_TEST_PG overrides it. */
export const PG_SERVER = process.env.CALLBOOK_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

const HOW_TO_START =
  'PostgreSQL is not reachable at ' +
  `${PG_SERVER}: start it with \`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\` ` +
  '(.ci/run does this), or point CALLBOOK_TEST_PG at a server where user postgres may create databases';

let counter = 0;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres`, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`${HOW_TO_START} (${(error as Error).message})`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface FreshDatabase {
  engine: Engine;
  /** What --db / DATABASE_URL takes. */
  url: string;
  cleanup(): Promise<void>;
}

/** A new empty database for one test; `testFile` is the caller's import.meta.url. */
export async function freshDatabase(engine: Engine, testFile: string): Promise<FreshDatabase> {
  counter += 1;
  const stem = basename(fileURLToPath(testFile))
    .replace(/\.test\.ts$/, '')
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()
    .slice(0, 30);
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `callbook-${stem}-`));
    return { engine, url: join(dir, 'test.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `cb_${stem}_${process.pid}_${counter}`;
  await admin((c) => c.query(`create database "${name}"`));
  return {
    engine,
    url: `${PG_SERVER}/${name}`,
    cleanup: () => admin((c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

export interface EngineSandbox extends FreshDatabase {
  dir: string;
  run(args: string[], options?: { env?: Record<string, string> }): Promise<RunResult>;
  file(name: string, content: string): string;
}

/** createCliSandbox (helpers/cli.ts) on either engine: commands run in-process with --db set to it. */
export async function engineSandbox(engine: Engine, testFile: string, baseEnv: Record<string, string> = {}): Promise<EngineSandbox> {
  const db = await freshDatabase(engine, testFile);
  const dir = mkdtempSync(join(tmpdir(), 'callbook-engine-'));
  const { writeFileSync } = await import('node:fs');
  return {
    ...db,
    dir,
    async run(args, options = {}) {
      let stdout = '';
      let stderr = '';
      const io: Io = {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        stdinIsTTY: false,
        stderrIsTTY: false,
        color: false,
        env: { CALLBOOK_NOW: '2026-03-05T12:00:00Z', ...baseEnv, ...options.env },
        cwd: dir,
        readFile: (path) => readFile(resolve(dir, path), 'utf8'),
      };
      const code = await main(['--db', db.url, ...args], io);
      return { code, stdout, stderr, json: () => JSON.parse(stdout) };
    },
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      await db.cleanup();
    },
  };
}
