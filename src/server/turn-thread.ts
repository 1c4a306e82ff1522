// Worker-thread entry for turn-threads.ts: works out gather turns with the deterministic parser,
// a batch at a time, and answers the batch in one message.
import { parentPort } from 'node:worker_threads';
import { parseAvailabilityText } from '../parsing/heuristic/index.js';
import { computeTurn, type TurnRequest } from '../services/webhooks/turn.js';
import type { TurnAnswer } from './turn-threads.js';

const port = parentPort;
if (!port) throw new Error('turn-thread.js runs as a worker thread');

async function answer(id: number, request: TurnRequest): Promise<TurnAnswer> {
  try {
    return { id, result: await computeTurn(request, async (input) => parseAvailabilityText(input)) };
  } catch (error) {
    return { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

port.on('message', async (batch: { id: number; request: TurnRequest }[]) => {
  port.postMessage(await Promise.all(batch.map(({ id, request }) => answer(id, request))));
});
