// Gather turns on worker threads. Parsing a transcript and spelling the reply is pure CPU work:
// on the server's one thread it holds up every other webhook (and the database writes) while it
// runs. Worker threads take it off the event loop; the main thread keeps the HTTP, the signature
// check and the database. Only for the deterministic parser: with an OpenAI key, parsing waits on
// the network, and that stays in-process where the OpenAI client and its fallback live.
// Turns asked for in one turn of the event loop travel to a thread in one message, and come back
// in one: each message costs a wake-up of the other thread and a copy, which for one small turn
// cost about as much as the parse itself.
import { Worker } from 'node:worker_threads';
import type { TurnComputer, TurnRequest, TurnResult } from '../services/webhooks/turn.js';

export interface TurnThreads extends TurnComputer {
  close(): Promise<void>;
}

interface Pending {
  request: TurnRequest;
  resolve(result: TurnResult): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Turns not yet posted: they go together at the end of this turn of the event loop. */
  outbox: { id: number; request: TurnRequest }[];
}

/** What a thread answers for one turn of a batch. */
export interface TurnAnswer {
  id: number;
  result?: TurnResult;
  error?: string;
}

/** The worker's entry, next to this module in the compiled build. */
export const TURN_THREAD_ENTRY = new URL('./turn-thread.js', import.meta.url);

/**
 * `size` workers, each request to the one with the fewest waiting. A worker that cannot start or
 * dies hands its waiting turns to `fallback` (in this thread), and so do all turns once none is
 * left, so a call is never left without an answer.
 */
export function createTurnThreads(size: number, fallback: TurnComputer, onProblem: (message: string) => void = () => {}): TurnThreads {
  const url = TURN_THREAD_ENTRY;
  let nextId = 1;
  const threads: Thread[] = [];
  let closed = false;

  function retire(thread: Thread, why: string): void {
    if (!threads.includes(thread)) return;
    threads.splice(threads.indexOf(thread), 1);
    onProblem(
      `turn worker stopped (${why}); ${threads.length} left${threads.length === 0 ? ', turns are worked out in the main thread' : ''}`,
    );
    for (const waiting of thread.pending.values()) fallback.compute(waiting.request).then(waiting.resolve, waiting.reject);
    thread.pending.clear();
    thread.outbox = [];
    void thread.worker.terminate();
  }

  function post(thread: Thread): void {
    const batch = thread.outbox;
    thread.outbox = [];
    // A thread retired meanwhile has handed these turns to the fallback already.
    if (batch.length > 0 && threads.includes(thread)) thread.worker.postMessage(batch);
  }

  for (let i = 0; i < size; i++) {
    const worker = new Worker(url);
    // Idle workers must not keep a finished command alive.
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), outbox: [] };
    worker.on('message', (answers: TurnAnswer[]) => {
      for (const answer of answers) {
        const waiting = thread.pending.get(answer.id);
        if (!waiting) continue;
        thread.pending.delete(answer.id);
        if (answer.result) waiting.resolve(answer.result);
        else waiting.reject(new Error(`turn worker: ${answer.error ?? 'no result'}`));
      }
    });
    worker.on('error', (error) => retire(thread, error.message));
    worker.on('exit', (code) => retire(thread, `exit code ${code}`));
    threads.push(thread);
  }

  return {
    compute(request) {
      if (closed || threads.length === 0) return fallback.compute(request);
      let thread = threads[0] as Thread;
      for (const t of threads) if (t.pending.size < thread.pending.size) thread = t;
      const id = nextId++;
      return new Promise<TurnResult>((resolve, reject) => {
        thread.pending.set(id, { request, resolve, reject });
        // setImmediate runs after the poll phase, so every request read in it joins the batch.
        if (thread.outbox.push({ id, request }) === 1) setImmediate(() => post(thread));
      });
    },
    async close() {
      closed = true;
      const closing = threads.splice(0);
      for (const thread of closing) {
        thread.outbox = [];
        for (const waiting of thread.pending.values()) fallback.compute(waiting.request).then(waiting.resolve, waiting.reject);
      }
      await Promise.all(closing.map((thread) => thread.worker.terminate()));
    },
  };
}
