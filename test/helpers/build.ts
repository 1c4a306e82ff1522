// Tests that run the built CLI share dist/ with every other such test: build only when a source
// file is newer than the build, one test at a time (a directory is the lock), so a test never
// runs the CLI while another rewrites it underneath.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function ensureBuilt(root: string): void {
  const lock = join(tmpdir(), `callbook-build-${root.replace(/\W+/g, '-')}.lock`);
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmdirSync(lock); // left by a test killed while building
      pause(200);
    }
  }
  try {
    let built = 0;
    try {
      built = statSync(join(root, 'dist/src/cli/main.js')).mtimeMs;
    } catch {
      built = 0;
    }
    if (newest(join(root, 'src')) <= built) return;
    const started = Date.now();
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
    } catch (error) {
      // tsc still writes every file when some other file has a type error (someone mid-edit): the
      // build this test needs is there. Only a build that wrote nothing is a failure.
      if (statSync(join(root, 'dist/src/cli/main.js')).mtimeMs < started) throw error;
    }
  } finally {
    rmdirSync(lock);
  }
}
