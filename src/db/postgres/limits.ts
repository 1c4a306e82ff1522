// What does not run on PostgreSQL yet, refused up front with the reason instead of failing deep
// inside: the demo keeps its invitations and diary beside a database FILE, and runs its serve
// in-process beside its ticks (on PostgreSQL, serve's synchronous connection waiting on a row
// lock that the same process's tick holds would stall both).
import { CallbookError } from '../../errors.js';
import { POSTGRES_URL } from './url.js';

/** For commands that start from a URL and need a SQLite file (demo). */
export function refuseWebhooksOnPostgresUrl(url: string, what: string): void {
  if (!POSTGRES_URL.test(url.trim())) return;
  throw new CallbookError(
    'config',
    `${what} does not run on PostgreSQL yet: it runs serve and ticks in one process beside a database file`,
    {
      hint: 'run it with a SQLite --db (e.g. --db ./demo.db), or without --db; serve, tick and tick --simulate work on PostgreSQL',
    },
  );
}
