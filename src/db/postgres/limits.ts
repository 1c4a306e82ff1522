// What does not run on PostgreSQL yet, refused up front with the reason instead of failing deep
// inside. The webhook path (sync.ts, prepared.ts, group-commit.ts) runs its units synchronously
// on better-sqlite3's connection; PostgreSQL has no synchronous driver, so `serve` — and what
// needs a `serve` on the same database: the simulator's calls, the demo — stay on SQLite for now.
import type { Kysely } from 'kysely';
import { CallbookError } from '../../errors.js';
import { isPostgres } from '../dialect.js';
import { POSTGRES_URL } from './url.js';

function refusal(what: string): CallbookError {
  return new CallbookError('config', `${what} does not run on PostgreSQL yet: webhooks are committed through SQLite's synchronous connection`, {
    hint: 'run it with a SQLite --db (e.g. --db ./callbook.db); every other command, tick and tick --dry-run included, works on PostgreSQL',
  });
}

/** For commands that start from a URL (serve, demo). */
export function refuseWebhooksOnPostgresUrl(url: string, what: string): void {
  if (POSTGRES_URL.test(url.trim())) throw refusal(what);
}

/** For work that needs serve's webhooks on the same database (tick --simulate, call --simulate). */
export function refuseWebhooksOnPostgres(db: Kysely<any>, what: string): void {
  if (isPostgres(db)) throw refusal(what);
}
