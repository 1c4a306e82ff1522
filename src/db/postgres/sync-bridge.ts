// A synchronous PostgreSQL connection, for the webhook path (sync.ts runs its units without
// awaiting, as better-sqlite3 allows). pg is asynchronous, so the connection lives on a worker
// thread: each statement is posted to it and this thread waits (Atomics.wait) until the answer
// is back, then reads it off the port. One connection, one statement at a time, exactly like the
// SQLite file: `serve` then works on PostgreSQL through the same units, each batch one
// transaction that commits before any reply leaves.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PostgresTarget } from './url.js';

/** What a statement gives back: rows (as objects, or as arrays for iterate), and rows changed. */
interface Answer {
  rows?: unknown[];
  rowCount?: number | null;
  command?: string;
  error?: { message: string; code?: string };
}

// Runs on the worker. Plain JavaScript (eval), so it loads the same way from dist/ and from tests.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, signal, connection } = workerData;
const toNumber = (t) => { const n = Number(t); return Number.isSafeInteger(n) || !/^-?\\d+$/.test(t) ? n : t; };
const toIso = (t) => new Date(/[zZ]|[+-]\\d\\d(:?\\d\\d)?$/.test(t) ? t : t + 'Z').toISOString();
const types = { getTypeParser(oid, format) {
  if (format !== 'binary') { if (oid === 20 || oid === 1700) return toNumber; if (oid === 1114 || oid === 1184) return toIso; }
  return pg.types.getTypeParser(oid, format);
} };
let client = null;
async function connected() {
  if (client) return client;
  const c = new pg.Client({ ...connection, types });
  c.on('error', () => { if (client === c) client = null; });
  await c.connect();
  await c.query("set statement_timeout = '20s'");
  client = c;
  return c;
}
port.on('message', async ({ sql, params, arrays }) => {
  let answer;
  try {
    const c = await connected();
    const r = await c.query({ text: sql, values: params, ...(arrays ? { rowMode: 'array' } : {}) });
    answer = { rows: r.rows, rowCount: r.rowCount, command: r.command };
  } catch (error) {
    if (client && !client._connected) client = null;
    answer = { error: { message: String(error && error.message), code: error && error.code } };
  }
  port.postMessage(answer);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
parentPort.postMessage('ready');
`;

export interface SyncStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { changes: number };
  /** better-sqlite3's raw mode (rows as arrays), for row-iterator.ts. */
  raw(toggle: boolean): SyncStatement;
  iterate(...params: unknown[]): IterableIterator<unknown>;
}

export interface SyncPostgres {
  readonly filename: string;
  readonly inTransaction: boolean;
  query(sql: string, params: readonly unknown[], arrays?: boolean): { rows: unknown[]; rowCount: number; command: string };
  prepare(sql: string): SyncStatement;
  close(): Promise<void>;
}

/** How long one statement may take before this thread stops waiting (the server's timeout is 20 s). */
const ANSWER_TIMEOUT_MS = 30_000;

/**
 * Resolves once the worker listens: this thread must not block in Atomics.wait before then (the
 * worker's start-up needs this thread's event loop).
 */
export async function openSyncPostgres(target: PostgresTarget): Promise<SyncPostgres> {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const pgPath = createRequire(import.meta.url).resolve('pg');
  const worker = new Worker(WORKER, {
    eval: true,
    // The code is CommonJS whatever flags this process got (node --input-type=module -e …).
    execArgv: [],
    workerData: { port: port2, signal, pgPath, connection: { connectionString: target.connectionString, ssl: target.ssl } },
    transferList: [port2],
  });
  const [ready] = (await once(worker, 'message')) as [unknown];
  if (ready !== 'ready') throw new Error('PostgreSQL bridge: the worker did not start');
  worker.unref();
  let inTransaction = false;

  function query(sql: string, params: readonly unknown[], arrays = false) {
    // SQLite's BEGIN IMMEDIATE takes the write lock up front; PostgreSQL locks rows as they are written.
    const text = /^\s*begin immediate\s*$/i.test(sql) ? 'begin' : sql;
    Atomics.store(signal, 0, 0);
    port1.postMessage({ sql: text, params: [...params], arrays });
    if (Atomics.wait(signal, 0, 0, ANSWER_TIMEOUT_MS) === 'timed-out') {
      inTransaction = false;
      throw Object.assign(new Error(`PostgreSQL did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' });
    }
    const answer = receiveMessageOnPort(port1)?.message as Answer | undefined;
    if (!answer) throw new Error('PostgreSQL bridge: no answer on the port');
    const head = text.trim().slice(0, 12).toLowerCase();
    if (answer.error) {
      // A failed statement leaves the transaction open (aborted) unless it was the COMMIT itself.
      if (head.startsWith('commit') || answer.error.code === undefined) inTransaction = false;
      throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    }
    if (head.startsWith('begin') || head.startsWith('start')) inTransaction = true;
    else if (head.startsWith('commit') || head.startsWith('end') || (head.startsWith('rollback') && !/^\s*rollback\s+to/i.test(text))) {
      inTransaction = false;
    }
    return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0, command: answer.command ?? '' };
  }

  function statement(sql: string): SyncStatement {
    let arrays = false;
    const self: SyncStatement = {
      all: (...params) => query(sql, params, arrays).rows,
      get: (...params) => query(sql, params, arrays).rows[0],
      run: (...params) => ({ changes: query(sql, params).rowCount }),
      raw: (toggle) => {
        arrays = toggle;
        return self;
      },
      iterate: (...params) => query(sql, params, arrays).rows[Symbol.iterator](),
    };
    return self;
  }

  return {
    filename: '',
    get inTransaction() {
      return inTransaction;
    },
    query,
    prepare: (sql) => statement(sql),
    close: async () => {
      port1.close();
      await worker.terminate();
    },
  };
}
