// Runs callbook commands in-process against a temp database, capturing what a user sees.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export interface CliSandbox {
  dir: string;
  dbPath: string;
  run(args: string[], options?: { env?: Record<string, string>; tty?: boolean }): Promise<RunResult>;
  file(name: string, content: string): string;
  cleanup(): void;
}

export function createCliSandbox(baseEnv: Record<string, string> = {}): CliSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'callbook-test-'));
  const dbPath = join(dir, 'test.db');
  return {
    dir,
    dbPath,
    async run(args, options = {}) {
      let stdout = '';
      let stderr = '';
      const io: Io = {
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
        stdinIsTTY: options.tty ?? false,
        stderrIsTTY: false,
        color: false,
        env: { CALLBOOK_NOW: '2026-03-05T12:00:00Z', ...baseEnv, ...options.env },
        cwd: dir,
        readFile: (path) => readFile(resolve(dir, path), 'utf8'),
      };
      const code = await main(['--db', dbPath, ...args], io);
      return { code, stdout, stderr, json: () => JSON.parse(stdout) };
    },
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const MEETING_FLAGS = [
  'meeting',
  'create',
  '--owner',
  'dana@acme.com',
  '--title',
  'Intro call',
  '--duration',
  '30',
  '--timezone',
  'America/New_York',
  '--window-start',
  '2026-03-09',
  '--window-end',
  '2026-03-13',
  '--days',
  'tue,wed,thu',
  '--parts',
  'morning',
];
