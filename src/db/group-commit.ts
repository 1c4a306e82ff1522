// Group commit for the webhook server. Each webhook's writes are one unit that must be durable
// before Twilio hears the reply; committing them one transaction each spends much of the request
// in COMMIT (a WAL append per transaction, the same hot pages rewritten each time). Units that
// arrive together share one transaction instead, each inside its own savepoint: a unit that
// fails rolls back alone, and no unit's promise settles before the COMMIT that made it durable.
// Units can be held back for a moment (holdGroupCommits): the checkpoint thread restarts the log
// while no transaction of this connection runs, and nothing waits on the event loop meanwhile.
import type { Db } from './connection.js';
import { runUnitsInTransaction, type SyncUnit, type UnitOutcome } from './sync.js';

/** Runs units of writes atomically and durably. */
export interface Writer {
  run<T>(unit: SyncUnit<T>): Promise<T>;
}

function settle<T>(outcome: UnitOutcome<unknown> | undefined): T {
  if (!outcome) throw new Error('unit was not run');
  if (!outcome.ok) throw outcome.error;
  return outcome.value as T;
}

/** One transaction per unit: for commands that write once. */
export function transactionPerUnit(db: Db): Writer {
  return { run: async <T>(unit: SyncUnit<T>) => settle<T>((await runUnitsInTransaction(db, [unit]))[0]) };
}

/** Per connection: whether group commits are held, and who to wake when a held moment ends. */
interface Gate {
  holds: number;
  /** Transactions of group commits under way or waiting for the connection. */
  flushing: number;
  /** Told when the running transaction ends (a hold waiting for it). */
  idle: (() => void)[];
  /** Told when the last hold is released (writers waiting to flush). */
  released: (() => void)[];
}

const gates = new WeakMap<Db, Gate>();

function gateOf(db: Db): Gate {
  let gate = gates.get(db);
  if (!gate) {
    gate = { holds: 0, flushing: 0, idle: [], released: [] };
    gates.set(db, gate);
  }
  return gate;
}

/**
 * Holds every group commit of `db`: resolves once none of their transactions is running, and from
 * then on none starts until the returned release is called (units keep queueing, and commit
 * together after). Only group commits are held: other writers of the connection are not.
 */
export function holdGroupCommits(db: Db): Promise<() => void> {
  const gate = gateOf(db);
  gate.holds += 1;
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    gate.holds -= 1;
    if (gate.holds === 0) for (const wake of gate.released.splice(0)) wake();
  };
  if (gate.flushing === 0) return Promise.resolve(release);
  return new Promise((resolve) => gate.idle.push(() => resolve(release)));
}

interface Pending {
  unit: SyncUnit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Units per transaction at most; the rest wait for the next one. */
  maxUnits?: number;
}

/**
 * Collects the units submitted within one turn of the event loop (and any that arrive while a
 * transaction is running) and commits them together. Units run one after another, in order of
 * arrival, so each sees the writes of those before it, exactly as separate transactions would.
 */
export function groupCommit(db: Db, options: GroupCommitOptions = {}): Writer {
  const maxUnits = options.maxUnits ?? 64;
  const gate = gateOf(db);
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    // Held (the log is being restarted): the queue waits, and goes as one batch once released.
    while (gate.holds > 0) await new Promise<void>((resume) => gate.released.push(resume));
    const batch = queue.slice(0, maxUnits);
    queue = queue.slice(batch.length);
    let outcomes: UnitOutcome<unknown>[];
    gate.flushing += 1;
    try {
      outcomes = await runUnitsInTransaction(
        db,
        batch.map((item) => item.unit),
      );
    } catch (error) {
      // BEGIN or COMMIT failed: nothing in this batch is durable.
      for (const item of batch) item.reject(error);
      return;
    } finally {
      gate.flushing -= 1;
      if (gate.flushing === 0) for (const wake of gate.idle.splice(0)) wake();
    }
    batch.forEach((item, i) => {
      try {
        item.resolve(settle(outcomes[i]));
      } catch (error) {
        item.reject(error);
      }
    });
  }

  function schedule(): void {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    // setImmediate lets every request read in this poll phase join the same transaction.
    setImmediate(() => {
      flush().finally(() => {
        scheduled = false;
        schedule();
      });
    });
  }

  return {
    run<T>(unit: SyncUnit<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ unit, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
  };
}
