// Worker-thread entry for turn-threads.ts: works out gather turns with the deterministic parser.
import { parentPort } from 'node:worker_threads';
import { parseAvailabilityText } from '../parsing/heuristic/index.js';
import { computeTurn, type TurnRequest } from '../services/webhooks/turn.js';

const port = parentPort;
if (!port) throw new Error('turn-thread.js runs as a worker thread');
port.on('message', async ({ id, request }: { id: number; request: TurnRequest }) => {
  try {
    const result = await computeTurn(request, async (input) => parseAvailabilityText(input));
    port.postMessage({ id, result });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
