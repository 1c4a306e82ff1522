// Shared plumbing for commands: global flags, opening the database, printing results.
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';
import type { Context } from '../context.js';
import { resolveZone } from '../domain/zones.js';
import { badInput } from '../errors.js';
import type { Io } from './io.js';
import { writePaged } from './pager.js';

export interface Globals {
  db?: string;
  json: boolean;
  now?: string;
  /** --tz: show times in this zone instead of each meeting's or owner's. */
  tz?: string;
  debug: boolean;
}

/** --tz takes a place's IANA zone (or UTC, which is fine for reading times). */
function displayZone(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (/^(utc|etc\/utc)$/i.test(text.trim())) return 'UTC';
  const check = resolveZone(text);
  if (check.zone === null) throw badInput([{ field: '--tz', message: check.problem }]);
  return check.zone;
}

export function globalsOf(command: Command): Globals {
  const opts = command.optsWithGlobals<Partial<Globals>>();
  const tz = displayZone(opts.tz);
  return { db: opts.db, json: Boolean(opts.json), now: opts.now, ...(tz ? { tz } : {}), debug: Boolean(opts.debug) };
}

export function configOf(io: Io, globals: Globals): Config {
  return loadConfig(io.env, { db: globals.db, now: globals.now });
}

/** Opens the database for the command, builds the context, and always closes it. */
export async function withContext<T>(io: Io, globals: Globals, fn: (ctx: Context) => Promise<T>): Promise<T> {
  const config = configOf(io, globals);
  const [{ openDatabase }, { createContext }] = await Promise.all([import('../db/connection.js'), import('../context.js')]);
  const db = await openDatabase(config.databaseUrl);
  try {
    return await fn(createContext(db, config));
  } finally {
    await db.destroy();
  }
}

/**
 * --json prints the value; otherwise the human rendering, whose module (chalk, tables) loads only
 * then: tables fitted to the terminal, dates in one format (and --tz), long output through $PAGER
 * on a terminal, and `Next:` hints on stderr with the global flags the user gave.
 */
export async function emit<T>(io: Io, globals: Globals, value: T, loadRender: () => Promise<(value: T) => string>): Promise<void> {
  if (globals.json) {
    io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const [render] = await Promise.all([loadRender(), applyColor(io), applyDisplay(io, globals)]);
  const { body, hints } = splitHints(render(value));
  await writePaged(io, `${body}\n`);
  for (const line of hints) hint(io, globals, line);
}

/** `Next:` lines are advice, not the result: they leave stdout (with the blank line before them) for stderr. */
export function splitHints(text: string): { body: string; hints: string[] } {
  const hints: string[] = [];
  const body = text
    .split('\n')
    .filter((line) => {
      if (!/^Next: callbook /.test(line)) return true;
      hints.push(line);
      return false;
    })
    .join('\n')
    .replace(/\n+$/, '');
  return { body, hints };
}

const shellQuote = (text: string) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`);

/** A postgres URL without its password (pg reads PGPASSWORD); anything else as it is. */
function withoutPassword(db: string): string {
  if (!/^postgres(?:ql)?:\/\//i.test(db.trim())) return db;
  try {
    const url = new URL(db.trim());
    if (url.password === '') return db;
    url.password = '';
    return url.href;
  } catch {
    return db;
  }
}

/** "Next: callbook tick …" → "Next: callbook --db other.db --now … tick …" (never a database password). */
export function withGlobalFlags(text: string, globals: Pick<Globals, 'db' | 'now' | 'tz'>): string {
  const flags = [
    globals.db !== undefined ? `--db ${shellQuote(withoutPassword(globals.db))}` : null,
    globals.now !== undefined ? `--now ${shellQuote(globals.now)}` : null,
    globals.tz !== undefined ? `--tz ${shellQuote(globals.tz)}` : null,
  ].filter(Boolean);
  return flags.length === 0 ? text : text.replace(/\bcallbook /g, `callbook ${flags.join(' ')} `);
}

/** The reference time and zone for dates, and the width tables fit, for this command's renderers. */
export async function applyDisplay(io: Io, globals: Globals): Promise<void> {
  const [{ setDateDisplay }, { setTableWidth }] = await Promise.all([import('./render/dates.js'), import('./render/table.js')]);
  setDateDisplay({ now: globals.now ?? io.env.CALLBOOK_NOW ?? null, zone: globals.tz ?? null });
  setTableWidth(io.stdoutIsTTY ? (io.columns ?? 80) : null);
}

/** A hint for stderr, repeating --db, --now and --tz as given: "Next: callbook --db other.db tick …". */
export function hint(io: Io, globals: Globals, text: string): void {
  if (!globals.json) io.stderr(`${withGlobalFlags(text, globals)}\n`);
}

/** chalk guesses colour from the process alone; the renderers follow io.color (NO_COLOR, --no-color, FORCE_COLOR) instead. */
export async function applyColor(io: Io): Promise<void> {
  const { default: chalk } = await import('chalk');
  chalk.level = io.color ? (Math.max(chalk.level, 1) as typeof chalk.level) : 0;
}

export function parseId(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) {
    throw badInput([{ field: flag, message: `expected a positive whole number id, got "${text ?? ''}"` }]);
  }
  return value;
}

export function parseIntFlag(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw badInput([{ field: flag, message: `expected a whole number from ${min} to ${max}, got "${text}"` }]);
  }
  return value;
}

/** "tue,wed" or "tue wed" → ['tue','wed']. */
export function parseList(text: string | undefined): string[] {
  return text === undefined
    ? []
    : text
        .split(/[\s,]+/)
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
}
