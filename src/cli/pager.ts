// Long human output on a terminal goes through $PAGER (default `less -FRX`: quit when it fits one
// screen, keep colours, leave the text on screen), like gh and git. Never into a pipe or a file,
// never with --json: scripts read stdout whole.
import { spawn } from 'node:child_process';
import type { Io } from './io.js';

export const DEFAULT_PAGER = 'less -FRX';

/** CALLBOOK_PAGER, then PAGER, then less; "" or "cat" turns paging off. */
export function pagerCommand(env: Io['env']): string | null {
  const command = (env.CALLBOOK_PAGER ?? env.PAGER ?? DEFAULT_PAGER).trim();
  return command === '' || command === 'cat' ? null : command;
}

/** Pages only what does not fit the screen: a short answer never opens a pager. */
export async function writePaged(io: Io, text: string): Promise<void> {
  const command = io.stdoutIsTTY ? pagerCommand(io.env) : null;
  const rows = io.rows && io.rows > 0 ? io.rows : 24;
  if (command === null || text.split('\n').length <= rows) {
    io.stdout(text);
    return;
  }
  const paged = await runPager(command, text, io.env);
  if (!paged) io.stdout(text);
}

/**
 * The pager reads our text on its stdin and owns the terminal until the user quits it. False when
 * it could not be started (then the text is printed as it is); quitting early (q) is not an error.
 */
function runPager(command: string, text: string, env: Io['env']): Promise<boolean> {
  return new Promise((resolve) => {
    let started = false;
    const child = spawn(command, {
      shell: true,
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, ...env, LESS: env.LESS ?? 'FRX', LV: env.LV ?? '-c' },
    });
    child.on('spawn', () => {
      started = true;
    });
    child.on('error', () => resolve(false));
    // The user quit before reading everything: the rest has nowhere to go.
    child.stdin.on('error', () => {});
    child.on('close', (code) => resolve(started && code !== 127));
    child.stdin.end(text);
  });
}
