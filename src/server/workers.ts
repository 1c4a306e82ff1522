// The threads a webhook server runs beside its event loop: gather turns worked out on worker
// threads (deterministic parser only) and WAL checkpoints on a connection of their own.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Context } from '../context.js';
import { CHECKPOINT_THREAD_ENTRY, startBackgroundCheckpoints } from '../db/checkpoints.js';
import { type TurnComputer, turnsInProcess } from '../services/webhooks/turn.js';
import { createTurnThreads, TURN_THREAD_ENTRY } from './turn-threads.js';

export interface ServerWorkers {
  /** For createApp; undefined keeps turns in-process (with the OpenAI parser when a key is set). */
  turns: TurnComputer | undefined;
  /** Where gather turns are worked out, and why, for serve's banner. */
  describe: string;
  stop(): Promise<void>;
}

export function startServerWorkers(ctx: Context, log: (line: string) => void): ServerWorkers {
  // Threads load compiled modules; run from the TypeScript sources (vitest, tsx) there are none.
  if (![TURN_THREAD_ENTRY, CHECKPOINT_THREAD_ENTRY].every((entry) => existsSync(fileURLToPath(entry)))) {
    return { turns: undefined, describe: 'in this thread (no compiled thread entry: run from the sources)', stop: async () => {} };
  }
  const count = ctx.config.webhookThreads;
  const threads = ctx.config.openai.apiKey === null && count > 0 ? createTurnThreads(count, turnsInProcess(ctx.parsers), log) : null;
  const describe = threads
    ? `on ${count} worker thread${count === 1 ? '' : 's'} (CALLBOOK_WEBHOOK_THREADS)`
    : ctx.config.openai.apiKey !== null
      ? 'in this thread (OPENAI_API_KEY is set: the OpenAI parser and its fallback run here)'
      : 'in this thread (CALLBOOK_WEBHOOK_THREADS=0)';
  const checkpoints = startBackgroundCheckpoints(ctx.db, { log });
  return {
    turns: threads ?? undefined,
    describe,
    async stop() {
      await threads?.close();
      await checkpoints.stop();
    },
  };
}
