// The threads a webhook server runs beside its event loop: gather turns worked out on worker
// threads (deterministic parser only) and WAL checkpoints on a connection of their own.
import type { Context } from '../context.js';
import { startBackgroundCheckpoints } from '../db/checkpoints.js';
import { type TurnComputer, turnsInProcess } from '../services/webhooks/turn.js';
import { createTurnThreads } from './turn-threads.js';

export interface ServerWorkers {
  /** For createApp; undefined keeps turns in-process (with the OpenAI parser when a key is set). */
  turns: TurnComputer | undefined;
  stop(): Promise<void>;
}

export function startServerWorkers(ctx: Context, log: (line: string) => void): ServerWorkers {
  const threads =
    ctx.config.openai.apiKey === null && ctx.config.webhookThreads > 0
      ? createTurnThreads(ctx.config.webhookThreads, turnsInProcess(ctx.parsers), log)
      : null;
  const checkpoints = startBackgroundCheckpoints(ctx.db, { log });
  return {
    turns: threads ?? undefined,
    async stop() {
      await threads?.close();
      await checkpoints.stop();
    },
  };
}
