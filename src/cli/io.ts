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

export function processIo(): Io {
  const cwd = process.cwd();
  const env = { ...parseDotEnv(cwd), ...process.env };
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    color: Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env),
    env,
    cwd,
    readFile: (path) => readFile(resolve(cwd, path), 'utf8'),
  };
}
