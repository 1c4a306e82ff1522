// Shared plumbing for commands: global flags, opening the database, printing results.
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import type { Io } from './io.js';

export interface Globals {
  db?: string;
  json: boolean;
  now?: string;
  debug: boolean;
}

export function globalsOf(command: Command): Globals {
  const opts = command.optsWithGlobals<Partial<Globals>>();
  return { db: opts.db, json: Boolean(opts.json), now: opts.now, debug: Boolean(opts.debug) };
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

/** --json prints the value; otherwise the human rendering, whose module (chalk, tables) loads only then. */
export async function emit<T>(io: Io, globals: Globals, value: T, loadRender: () => Promise<(value: T) => string>): Promise<void> {
  if (globals.json) {
    io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const [render] = await Promise.all([loadRender(), applyColor(io)]);
  io.stdout(`${render(value)}\n`);
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
