// Group commit for the webhook server. Each webhook's writes are one unit that must be durable
// before Twilio hears the reply; committing them one transaction each spends much of the request
// in COMMIT (a WAL append per transaction, the same hot pages rewritten each time). Units that
// arrive together share one transaction instead, each inside its own savepoint: a unit that
// fails rolls back alone, and no unit's promise settles before the COMMIT that made it durable.
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
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush(): Promise<void> {
    const batch = queue.slice(0, maxUnits);
    queue = queue.slice(batch.length);
    let outcomes: UnitOutcome<unknown>[];
    try {
      outcomes = await runUnitsInTransaction(
        db,
        batch.map((item) => item.unit),
      );
    } catch (error) {
      // BEGIN or COMMIT failed: nothing in this batch is durable.
      for (const item of batch) item.reject(error);
      return;
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
