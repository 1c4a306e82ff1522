// What keeps a demo from harming a database or leaving it half-done: it runs only in a database of
// its own (unless --force), and a stop (Ctrl+C) is an error of its own name that main maps to 130.
import type { Db } from '../../db/connection.js';
import { countStoredRecords } from '../../db/repos/demo-world.js';
import { CallbookError } from '../../errors.js';

export interface DemoProgress {
  leads: number;
  calls_placed: number;
  answered: number;
  slots_collected: number;
}

export const PROGRESS_EVERY_MS = 200;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Main maps this name to exit 130, as for Ctrl+C in a prompt. */
export function interrupted(): Error {
  const error = new Error('the demo was interrupted; its open calls were closed and no lead is left in calling');
  error.name = 'InterruptedError';
  return error;
}

/** A kept database must be the demo's own: fake leads mixed into real ones would be dialed by the next tick. */
export async function refuseStoredData(db: Db, dbPath: string): Promise<void> {
  const stored = await countStoredRecords(db);
  if (stored.meetings + stored.owners + stored.leads === 0) return;
  throw new CallbookError(
    'conflict',
    `${dbPath} already holds data (${plural(stored.meetings, 'meeting')}, ${plural(stored.owners, 'owner')}, ${plural(stored.leads, 'lead')}); the demo would add fake leads to it`,
    { hint: 'give --db a new file, or add --force to run the demo in this database anyway' },
  );
}
