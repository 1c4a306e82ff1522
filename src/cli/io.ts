// The command layer's window on the process, injectable so tests run commands in-process.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import type { Env } from '../config.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  stdinIsTTY: boolean;
  stderrIsTTY: boolean;
  /** A terminal on stdout: tables fit `columns`, long output is paged, lists stop at a default limit. */
  stdoutIsTTY?: boolean;
  columns?: number;
  rows?: number;
  color: boolean;
  env: Env;
  cwd: string;
  readFile(path: string): Promise<string>;
}

/** .env in the working directory, if present; the real environment wins over it. */
function parseDotEnv(cwd: string): Env {
  const file = resolve(cwd, '.env');
  return existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
}

/**
 * Colour, by the conventions of no-color.org and FORCE_COLOR: --no-color and a non-empty
 * NO_COLOR always win; FORCE_COLOR=0 turns it off and any other FORCE_COLOR turns it on, even
 * into a pipe; otherwise colour only on a terminal.
 */
export function colorEnabled(env: Env, argv: readonly string[], stdout: { isTTY?: boolean }): boolean {
  if (argv.includes('--no-color') || (env.NO_COLOR ?? '') !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(stdout.isTTY);
}

/**
 * A reader that goes away (`| head -1`) closes the pipe: the rest of the output has nowhere to go,
 * and that is not an error. Later writes are dropped and the command finishes its work (a
 * half-done write to the database would be worse than output nobody reads).
 */
function guardedWrite(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

function positive(value: string | number | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function processIo(argv: readonly string[] = process.argv.slice(2)): Io {
  const cwd = process.cwd();
  const env = { ...parseDotEnv(cwd), ...process.env };
  return {
    stdout: guardedWrite(process.stdout),
    stderr: guardedWrite(process.stderr),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    // COLUMNS wins, as for ls: a user can ask for a width (and a pseudo-terminal may report 0).
    columns: positive(env.COLUMNS) ?? positive(process.stdout.columns) ?? 80,
    rows: positive(env.LINES) ?? positive(process.stdout.rows) ?? 24,
    color: colorEnabled(env, argv, process.stdout),
    env,
    cwd,
    readFile: (path) => readFile(resolve(cwd, path), 'utf8'),
  };
}
