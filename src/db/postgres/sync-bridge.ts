// A synchronous PostgreSQL connection, for the webhook path (sync.ts runs its units without
// awaiting, as better-sqlite3 allows). pg is asynchronous, so the connection lives on a worker
// thread: each statement is posted to it and this thread waits (Atomics.wait) until the answer
// is back, then reads it off the port. One connection, one statement at a time, exactly like the
// SQLite file: `serve` then works on PostgreSQL through the same units, each batch one
// transaction that commits before any reply leaves.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { CallbookError } from '../../errors.js';
import type { PostgresTarget } from './url.js';

/** What a statement gives back: rows (as objects, or as arrays for iterate), and rows changed. */
interface Answer {
  /** The statement's number: an answer that comes after its statement timed out is left unread. */
  id: number;
  rows?: unknown[];
  rowCount?: number | null;
  command?: string;
  /** lost: the connection is gone (or was never made): the database is unavailable. */
  error?: { message: string; code?: string; lost?: boolean };
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
// A connection lost with a transaction open took the transaction with it: until the main
// thread's ROLLBACK, every statement fails (as PostgreSQL fails an aborted transaction's) instead
// of running on a new connection, where each would commit on its own.
let client = null;
let inTx = false;
let aborted = false;
// Statements up to this number were given up on by the main thread: none of them may still run.
let droppedThrough = 0;
function lose(c) {
  if (client !== c) return;
  client = null;
  if (inTx) aborted = true;
  inTx = false;
  c.end().catch(() => {});
}
// The server's answer to a statement leaves the connection usable; anything else (a FATAL, the
// socket closing, a client-side failure) means it is gone, or cannot be trusted.
function connectionLost(c, error) {
  if (client !== c || !(error instanceof pg.DatabaseError)) return true;
  const code = String(error.code || '');
  return error.severity === 'FATAL' || error.severity === 'PANIC' || code.startsWith('08') || code.startsWith('57P0');
}
const lost = (message, code) => ({ message: String(message), code: code || '08006', lost: true });
async function connected() {
  if (client) return client;
  const c = new pg.Client({ ...connection, types, connectionTimeoutMillis: 5000, keepAlive: true });
  c.on('error', () => lose(c));
  c.on('end', () => lose(c));
  try {
    await c.connect();
    await c.query("set statement_timeout = '20s'");
  } catch (error) {
    c.end().catch(() => {});
    throw Object.assign(new Error(String(error && error.message)), { lost: true, code: error && error.code });
  }
  client = c;
  return c;
}
// Statements with parameters are prepared once per connection under a name (pg re-prepares them
// on a new one): the server then plans the webhook path's few statements once, not each time.
const names = new Map();
let named = 0;
function nameOf(sql, params) {
  if (!params || params.length === 0) return undefined;
  let name = names.get(sql);
  if (name === undefined && names.size < 256) names.set(sql, (name = 'callbook_' + ++named));
  return name;
}
function kindOf(sql) {
  const head = sql.trim().slice(0, 12).toLowerCase();
  if (head.startsWith('begin') || head.startsWith('start')) return 'begin';
  if (head.startsWith('commit') || head.startsWith('end')) return 'commit';
  if (head.startsWith('rollback') && !/^\\s*rollback\\s+to/i.test(sql)) return 'rollback';
  return 'other';
}
port.on('message', async ({ id, sql, params, arrays, drop, ended }) => {
  if (drop) {
    // The main thread stopped waiting for statement number drop: end the connection (an open
    // transaction rolls back with it), unless that statement was the COMMIT or ROLLBACK, which
    // ends the transaction on the main thread too.
    droppedThrough = Math.max(droppedThrough, drop);
    if (client) lose(client);
    if (ended) aborted = false;
    return;
  }
  const kind = kindOf(sql);
  let answer;
  if (aborted) {
    if (kind === 'rollback' || kind === 'commit') aborted = false;
    answer = kind === 'rollback'
      ? { rows: [], rowCount: null, command: 'ROLLBACK' }
      : { error: lost('the connection to PostgreSQL was lost inside the transaction, which rolled back') };
  } else {
    let c = null;
    try {
      c = await connected();
      if (id <= droppedThrough) {
        lose(c);
        throw Object.assign(new Error('given up on'), { lost: true });
      }
      const name = nameOf(sql, params);
      const r = await c.query({ text: sql, values: params, ...(name ? { name } : {}), ...(arrays ? { rowMode: 'array' } : {}) });
      if (kind === 'begin') inTx = true;
      else if (kind === 'commit' || kind === 'rollback') inTx = false;
      // Several statements in one (sync-dialect.ts pipelined): the answer is the last one's.
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      answer = { rows: last.rows, rowCount: last.rowCount, command: last.command };
    } catch (error) {
      const message = String(error && error.message);
      if (!c || error.lost) answer = { error: lost(message, error && error.code) };
      else if (connectionLost(c, error)) {
        lose(c);
        // The main thread ends its transaction when its COMMIT or ROLLBACK fails this way.
        if (kind === 'commit' || kind === 'rollback') aborted = false;
        answer = { error: lost(message, error.code) };
      } else {
        // A table changed under a prepared statement (a migration from another process): prepare it afresh next time.
        if (error.code === '0A000') names.delete(sql);
        if (kind === 'commit') inTx = false;
        answer = { error: { message, code: error.code } };
      }
    }
  }
  port.postMessage({ id, ...answer });
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
export async function openSyncPostgres(target: PostgresTarget, options: { answerTimeoutMs?: number } = {}): Promise<SyncPostgres> {
  const answerTimeoutMs = options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
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
  let sent = 0;

  const unavailable = (why: string) =>
    new CallbookError('unavailable', `the database is unavailable (PostgreSQL at ${target.display}): ${why}`, {
      hint: 'check that PostgreSQL runs (pg_isready -h HOST); serve reconnects by itself once it answers, and Twilio retries webhooks',
    });

  /** The answer to statement `id`, or null once the wait ran out; older answers are dropped. */
  function answerTo(id: number): Answer | null {
    const deadline = Date.now() + answerTimeoutMs;
    for (;;) {
      Atomics.store(signal, 0, 0);
      const message = receiveMessageOnPort(port1)?.message as Answer | undefined;
      if (message) {
        if (message.id === id) return message;
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(signal, 0, 0, left) === 'timed-out') return null;
    }
  }

  function query(sql: string, params: readonly unknown[], arrays = false) {
    // SQLite's BEGIN IMMEDIATE takes the write lock up front; PostgreSQL locks rows as they are written.
    const text = /^\s*begin immediate\s*$/i.test(sql) ? 'begin' : sql;
    const head = text.trim().slice(0, 12).toLowerCase();
    const ending = head.startsWith('commit') || head.startsWith('end');
    const rollingBack = head.startsWith('rollback') && !/^\s*rollback\s+to/i.test(text);
    sent += 1;
    const id = sent;
    port1.postMessage({ id, sql: text, params: [...params], arrays });
    const answer = answerTo(id);
    if (!answer) {
      // The worker ends the connection; a transaction open on it is then refused until ROLLBACK.
      port1.postMessage({ drop: id, ended: ending || rollingBack });
      if (ending || rollingBack) inTransaction = false;
      throw unavailable(`no answer within ${answerTimeoutMs / 1000} s`);
    }
    if (answer.error) {
      // A statement the server refused leaves the transaction open (aborted) unless it was the
      // COMMIT itself; a lost connection ends it at the COMMIT or ROLLBACK.
      if (ending || (rollingBack && answer.error.lost)) inTransaction = false;
      if (answer.error.lost) throw unavailable(answer.error.message);
      throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    }
    if (head.startsWith('begin') || head.startsWith('start')) inTransaction = true;
    else if (ending || rollingBack) inTransaction = false;
    return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0, command: answer.command ?? '' };
  }

  const statement = (sql: string) => statementOver(query, sql);

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

/** A prepared-statement face (better-sqlite3's shape) over a query function. */
export function statementOver(
  query: (sql: string, params: readonly unknown[], arrays?: boolean) => { rows: unknown[]; rowCount: number },
  sql: string,
): SyncStatement {
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
