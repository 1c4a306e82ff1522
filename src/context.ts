// What services need from the outside world, built once per command or server.
import { DateTime } from 'luxon';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import type { Parsers } from './parsing/types.js';

export interface Context {
  db: Db;
  config: Config;
  /** The reference instant: --now / CALLBOOK_NOW when given, else the real clock. */
  now(): DateTime;
  parsers(): Promise<Parsers>;
}

export function createClock(fixed: string | null): () => DateTime {
  if (fixed === null) return () => DateTime.utc();
  const instant = DateTime.fromISO(fixed, { setZone: true }).toUTC();
  return () => instant;
}

export function createContext(db: Db, config: Config, overrides: Partial<Pick<Context, 'now' | 'parsers'>> = {}): Context {
  let parsers: Promise<Parsers> | null = null;
  return {
    db,
    config,
    now: overrides.now ?? createClock(config.now),
    parsers:
      overrides.parsers ??
      (() => {
        parsers ??= import('./parsing/index.js').then(({ createParsers }) =>
          createParsers({
            openaiApiKey: config.openai.apiKey,
            openaiBaseUrl: config.openai.baseUrl,
            openaiModel: config.openai.model,
            openaiTimeoutMs: config.openai.timeoutMs,
          }),
        );
        return parsers;
      }),
  };
}

export function isoUtc(time: DateTime): string {
  return time.toUTC().toISO() ?? '';
}
