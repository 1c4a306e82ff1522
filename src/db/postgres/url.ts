// PostgreSQL URLs: postgres:// or postgresql://, with ?sslmode= read here (pg's own parsing of the
// URL would override an explicit ssl option, so the mode is taken out before pg sees the URL).
import type { ConnectionOptions } from 'node:tls';
import { CallbookError } from '../../errors.js';

export interface PostgresTarget {
  dialect: 'postgres';
  /** The URL without sslmode, as handed to pg. */
  connectionString: string;
  ssl: false | ConnectionOptions;
  /** host:port/database with the password left out, for messages and `db status`. */
  display: string;
}

export const POSTGRES_URL = /^postgres(ql)?:\/\//i;

const MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/**
 * disable/allow/prefer: no TLS (pg cannot fall back from TLS to plain, so "prefer" means plain
 * here); require: TLS without checking the certificate (libpq's meaning); verify-ca: the chain is
 * checked, not the host name; verify-full: both.
 */
function sslOf(mode: string): false | ConnectionOptions {
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-ca') return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
  if (mode === 'verify-full') return { rejectUnauthorized: true };
  return false;
}

export function parsePostgresUrl(text: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CallbookError('bad_input', '--db: expected postgres://user@host:port/database, got a URL that does not parse', {
      hint: 'e.g. postgres://postgres@127.0.0.1:5432/callbook?sslmode=disable',
    });
  }
  const mode = (url.searchParams.get('sslmode') ?? 'disable').toLowerCase();
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new CallbookError('bad_input', `--db: sslmode must be one of ${MODES.join(', ')}, got "${mode}"`);
  }
  url.searchParams.delete('sslmode');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') {
    throw new CallbookError('bad_input', '--db: the postgres URL names no database', {
      hint: 'e.g. postgres://postgres@127.0.0.1:5432/callbook',
    });
  }
  return {
    dialect: 'postgres',
    connectionString: url.toString(),
    ssl: sslOf(mode),
    display: `${url.hostname || 'localhost'}:${url.port || '5432'}/${database}`,
  };
}
