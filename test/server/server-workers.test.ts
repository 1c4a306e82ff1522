// The threads `serve` runs beside its event loop, tested on the compiled code: worker threads load
// `turn-thread.js` and `checkpoint-thread.js` next to the compiled modules, which the TypeScript
// sources under vitest do not have.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAvailabilityText } from '../../src/parsing/heuristic/index.js';
import { computeTurn, type TurnComputer, type TurnRequest, type TurnResult } from '../../src/services/webhooks/turn.js';
import { compiledForTests } from '../helpers/build.js';

type ConfigModule = typeof import('../../src/config.js');
type ContextModule = typeof import('../../src/context.js');
type ConnectionModule = typeof import('../../src/db/connection.js');
type SyncModule = typeof import('../../src/db/sync.js');
type CheckpointsModule = typeof import('../../src/db/checkpoints.js');
type TurnThreadsModule = typeof import('../../src/server/turn-threads.js');
type WorkersModule = typeof import('../../src/server/workers.js');
type DemoModule = typeof import('../../src/services/demo/run.js');

const ROOT = resolve(import.meta.dirname, '../..');
const BASE = 'https://callbook.example.ngrok.app';
const NOW_MS = Date.parse('2026-03-09T15:00:00Z');

let dir: string;
let compiled: {
  config: ConfigModule;
  context: ContextModule;
  connection: ConnectionModule;
  sync: SyncModule;
  checkpoints: CheckpointsModule;
  turnThreads: TurnThreadsModule;
  workers: WorkersModule;
  demo: DemoModule;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-workers-'));
  // One compiled copy for the whole suite.
  const load = compiledForTests(ROOT, ['src/server/turn-thread.js', 'src/db/checkpoint-thread.js', 'src/server/workers.js']);
  compiled = {
    config: await load('src/config.js'),
    context: await load('src/context.js'),
    connection: await load('src/db/connection.js'),
    sync: await load('src/db/sync.js'),
    checkpoints: await load('src/db/checkpoints.js'),
    turnThreads: await load('src/server/turn-threads.js'),
    workers: await load('src/server/workers.js'),
    demo: await load('src/services/demo/run.js'),
  };
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs fn while every Worker created is recorded, so a test can end a thread the code under test
 * keeps to itself. The compiled modules import node:worker_threads natively; syncBuiltinESMExports
 * makes their `Worker` binding follow the patched export.
 */
function capturingWorkers<T>(fn: () => T): { result: T; workers: WorkerThread[] } {
  const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const Original = threads.Worker;
  const workers: WorkerThread[] = [];
  threads.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      workers.push(this);
    }
  };
  syncBuiltinESMExports();
  try {
    return { result: fn(), workers };
  } finally {
    threads.Worker = Original;
    syncBuiltinESMExports();
  }
}

function request(overrides: Partial<TurnRequest>): TurnRequest {
  return {
    callId: 7,
    turn: 1,
    phase: 'ask',
    emptyTurns: 0,
    digits: '',
    speech: '',
    zone: 'America/New_York',
    windowStart: '2026-03-10T13:00:00.000Z',
    windowEnd: '2026-03-21T03:59:59.000Z',
    durationMinutes: 30,
    nowMs: NOW_MS,
    baseUrl: BASE,
    ...overrides,
  };
}

const REQUESTS: TurnRequest[] = [
  request({ speech: 'uh tuesday after two' }),
  request({ speech: 'no' }),
  request({ speech: 'stop calling me', zone: 'Europe/London', callId: 8 }),
  request({ speech: '' }),
  request({ phase: 'confirm', turn: 2, speech: 'yes' }),
  request({ digits: '9' }),
  request({ digits: '1', phase: 'confirm', turn: 3 }),
  request({ speech: 'Thursday morning between 9 and 11', zone: 'Asia/Jerusalem', durationMinutes: 45 }),
  request({ phase: 'confirm', turn: 2, speech: "no that's wrong, wednesday at 3 works better" }),
  // A week across the start of daylight saving time in New York (8 March 2026).
  request({
    speech: 'any day next week after 10am, or friday the 6th at 4',
    windowStart: '2026-03-02T05:00:00.000Z',
    windowEnd: '2026-03-15T03:59:59.000Z',
    nowMs: Date.parse('2026-03-01T14:00:00Z'),
  }),
  request({ speech: 'call me back later, I am driving', zone: 'Europe/London' }),
  request({ speech: "I'm not interested", zone: 'Asia/Jerusalem' }),
  request({ speech: 'mumble mumble', emptyTurns: 2, turn: 3 }),
  request({ speech: 'mondays or tuesdays in the afternoon', turn: 8, zone: 'Europe/London' }),
];

function inProcess(r: TurnRequest): Promise<TurnResult> {
  return computeTurn(r, async (input) => parseAvailabilityText(input));
}

/** The in-process computer, recording each request it is asked for. */
function recordingFallback(): TurnComputer & { asked: TurnRequest[] } {
  const asked: TurnRequest[] = [];
  return {
    asked,
    compute: (r) => {
      asked.push(r);
      return inProcess(r);
    },
  };
}

async function openTemp(name: string) {
  return compiled.connection.openDatabase(join(dir, name));
}

/** While the thread runs, the server connection checkpoints only as a backstop, past twice the thread's limit. */
function backstopPages(): number {
  return 2 * compiled.checkpoints.LOG_LIMIT_PAGES;
}

function autocheckpointOf(db: Awaited<ReturnType<typeof openTemp>>): unknown {
  const raw = compiled.sync.rawConnectionOf(db);
  if (!raw) throw new Error('no raw connection');
  return raw.prepare('pragma wal_autocheckpoint').get();
}

describe('turn worker threads (compiled)', () => {
  it('give exactly the turn the main thread would work out, without touching the fallback', async () => {
    const expected = await Promise.all(REQUESTS.map(inProcess));
    // The requests cover the decisions a call can take, so equality is not between two failures.
    expect(new Set(expected.map((e) => e.decision.kind))).toEqual(
      new Set(['read_back', 'reask', 'opt_out', 'confirmed', 'call_back', 'not_interested', 'give_up']),
    );
    const fallback = recordingFallback();
    const problems: string[] = [];
    const threads = compiled.turnThreads.createTurnThreads(1, fallback, (m) => problems.push(m));
    try {
      const fromWorker = await Promise.all(REQUESTS.map((r) => threads.compute(r)));
      expect(fromWorker).toEqual(expected);
      // One at a time as well, after the batch.
      for (const [i, r] of REQUESTS.entries()) expect(await threads.compute(r)).toEqual(expected[i]);
    } finally {
      await threads.close();
    }
    expect(fallback.asked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('with two threads every turn is still answered correctly', async () => {
    const fallback = recordingFallback();
    const threads = compiled.turnThreads.createTurnThreads(2, fallback);
    try {
      const many = [...REQUESTS, ...REQUESTS].map((r, i) => ({ ...r, callId: 100 + i }));
      expect(await Promise.all(many.map((r) => threads.compute(r)))).toEqual(await Promise.all(many.map(inProcess)));
    } finally {
      await threads.close();
    }
    expect(fallback.asked).toEqual([]);
  });

  it('turns waiting on a thread that dies are answered by the fallback, and so are later ones', async () => {
    const fallback = recordingFallback();
    const problems: string[] = [];
    const { result: threads, workers } = capturingWorkers(() =>
      compiled.turnThreads.createTurnThreads(1, fallback, (m) => problems.push(m)),
    );
    expect(workers).toHaveLength(1);
    const worker = workers[0] as WorkerThread;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    const waiting = REQUESTS.slice(0, 3).map((r) => threads.compute(r));
    // The thread ends before it could answer anything.
    void worker.terminate();
    await exited;
    expect(await Promise.all(waiting)).toEqual(await Promise.all(REQUESTS.slice(0, 3).map(inProcess)));
    expect(fallback.asked).toEqual(REQUESTS.slice(0, 3));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/turn worker stopped .*0 left, turns are worked out in the main thread/);

    const later = REQUESTS[7] as TurnRequest;
    expect(await threads.compute(later)).toEqual(await inProcess(later));
    expect(fallback.asked).toHaveLength(4);
    expect(fallback.asked[3]).toBe(later);
    await threads.close();
  });

  it('close() hands turns still waiting to the fallback and later turns go there too', async () => {
    const fallback = recordingFallback();
    const threads = compiled.turnThreads.createTurnThreads(1, fallback);
    // Let the thread answer one first, so it is up and running when closed.
    expect(await threads.compute(REQUESTS[0] as TurnRequest)).toEqual(await inProcess(REQUESTS[0] as TurnRequest));
    const pending = REQUESTS.slice(1, 5);
    const answers = pending.map((r) => threads.compute(r));
    await threads.close();
    expect(fallback.asked).toEqual(pending);
    expect(await Promise.all(answers)).toEqual(await Promise.all(pending.map(inProcess)));

    const later = REQUESTS[9] as TurnRequest;
    expect(await threads.compute(later)).toEqual(await inProcess(later));
    expect(fallback.asked.at(-1)).toBe(later);
  });
});

describe('background checkpoints (compiled)', () => {
  it('the server connection stops checkpointing while a thread copies the log into the file, and checkpoints again after stop()', async () => {
    const file = join(dir, 'checkpoints.db');
    const db = await compiled.connection.openDatabase(file);
    const lines: string[] = [];
    const checkpoints = compiled.checkpoints.startBackgroundCheckpoints(db, { intervalMs: 50, log: (l) => lines.push(l) });
    try {
      expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: backstopPages() });
      const before = statSync(file).size;
      // About 2 MB in two transactions (a WAL of some 730 pages): under the 1,000 pages at which the
      // connection would checkpoint by itself even with its default setting, so only the thread can
      // move these pages into the file.
      const reason = 'x'.repeat(1000);
      for (let t = 0; t < 2; t++) {
        await db
          .insertInto('do_not_call')
          .values(
            Array.from({ length: 1000 }, (_, i) => ({
              phone: `+1555${t}${String(i).padStart(6, '0')}`,
              reason,
              source: 'test',
              created_at: '2026-03-09T15:00:00.000Z',
            })),
          )
          .execute();
      }
      const grown = await waitFor(() => statSync(file).size - before >= 1024 * 1024, 5000);
      expect(grown, `the database file stayed at ${statSync(file).size} bytes (was ${before})`).toBe(true);
      expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: backstopPages() });
    } finally {
      await checkpoints.stop();
    }
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: 1000 });
    expect(lines).toEqual([]);
    // Everything written is still there.
    const { n } = await db
      .selectFrom('do_not_call')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(2000);
    await db.destroy();
  });

  it('when the checkpoint thread dies the server connection checkpoints for itself again, and says so', async () => {
    const db = await openTemp('checkpoint-dies.db');
    const lines: string[] = [];
    const { result: checkpoints, workers } = capturingWorkers(() =>
      compiled.checkpoints.startBackgroundCheckpoints(db, { intervalMs: 50, log: (l) => lines.push(l) }),
    );
    expect(workers).toHaveLength(1);
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: backstopPages() });
    const worker = workers[0] as WorkerThread;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: 1000 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/background checkpoints stopped .*the server checkpoints as it commits/);
    await checkpoints.stop();
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: 1000 });
    await db.destroy();
  });

  it('does nothing for an in-memory database', async () => {
    const db = await compiled.connection.openDatabase(':memory:');
    const { result: checkpoints, workers } = capturingWorkers(() => compiled.checkpoints.startBackgroundCheckpoints(db));
    expect(workers).toEqual([]);
    await checkpoints.stop();
    await db.destroy();
  });
});

describe('startServerWorkers (compiled)', () => {
  async function serverWith(env: Record<string, string>, name: string) {
    const db = await openTemp(name);
    const config = compiled.config.loadConfig({ CALLBOOK_NOW: '2026-03-09T15:00:00Z', ...env });
    const ctx = compiled.context.createContext(db, config);
    const log: string[] = [];
    return { db, log, workers: compiled.workers.startServerWorkers(ctx, (l) => log.push(l)) };
  }

  it('with an OpenAI key keeps turns in-process, but still checkpoints in the background', async () => {
    const { db, log, workers } = await serverWith({ OPENAI_API_KEY: 'sk-test-key', CALLBOOK_WEBHOOK_THREADS: '2' }, 'server-openai.db');
    expect(workers.turns).toBeUndefined();
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: backstopPages() });
    await workers.stop();
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: 1000 });
    expect(log).toEqual([]);
    await db.destroy();
  });

  it('without a key and with one webhook thread gives a turn computer that answers as the main thread would', async () => {
    const { db, log, workers } = await serverWith({ CALLBOOK_WEBHOOK_THREADS: '1' }, 'server-threads.db');
    try {
      expect(workers.turns).toBeDefined();
      const turns = workers.turns as TurnComputer;
      const sample = REQUESTS.slice(0, 6);
      expect(await Promise.all(sample.map((r) => turns.compute(r)))).toEqual(await Promise.all(sample.map(inProcess)));
      expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: backstopPages() });
    } finally {
      await workers.stop();
    }
    expect(autocheckpointOf(db)).toEqual({ wal_autocheckpoint: 1000 });
    expect(log).toEqual([]);
    await db.destroy();
  });

  it('with no key and zero webhook threads keeps turns in-process', async () => {
    const { db, workers } = await serverWith({ CALLBOOK_WEBHOOK_THREADS: '0' }, 'server-zero.db');
    expect(workers.turns).toBeUndefined();
    await workers.stop();
    await db.destroy();
  });
});

describe('the demo end to end (compiled)', () => {
  it('gives the same calls, availability and booking with turns on a worker thread as in the main thread', async () => {
    // Real HTTP, signed webhooks, the simulator, group commit and background checkpoints: only
    // where the turns are worked out differs between the two runs.
    const run = (webhookThreads: number) =>
      compiled.demo.runDemo({ leads: 25, seed: 11, dbPath: null, now: null, parallel: 1, webhookThreads, onProgress: () => {} });
    const threaded = await run(1);
    const inProcessRun = await run(0);
    const story = (r: Awaited<ReturnType<typeof run>>) => ({
      leads: r.leads,
      outcomes: r.outcomes,
      availability: r.availability,
      confirmation: r.confirmation,
      errors: r.stats.errors,
      rejected: r.stats.rejected_requests,
    });
    expect(threaded.stats.calls).toBeGreaterThan(25);
    expect(threaded.stats.errors).toBe(0);
    expect(threaded.confirmation).not.toBeNull();
    expect(story(threaded)).toEqual(story(inProcessRun));
  }, 60_000);
});

async function waitFor(condition: () => boolean, limitMs: number): Promise<boolean> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
