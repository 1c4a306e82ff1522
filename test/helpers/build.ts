// Tests that run the built CLI share dist/ with every other such test: build only when a source
// file is newer than the build, one test at a time (a directory is the lock), so a test never
// runs the CLI while another rewrites it underneath.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The compiled copy the process tests run (worker threads, child CLIs): one for the whole suite. */
export const TEST_BUILD = join(new URL('../../', import.meta.url).pathname, 'node_modules/.cache/callbook-test-build');

/** dist/, as `npm run build` makes it: what the CLI tests spawn through bin/callbook.js. */
export function ensureBuilt(root: string): void {
  // The two steps of `npm run build`, so that a type error elsewhere (tsc still emits) does not
  // leave the bundle bin/callbook.js runs stale.
  compileInto(root, join(root, 'dist'), 'cli/main.js', () => {
    const started = Date.now();
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
    } catch (error) {
      if (statSync(join(root, 'dist/src/cli/main.js')).mtimeMs < started) throw error;
    }
    execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: root, stdio: 'ignore' });
  });
}

/** TEST_BUILD, compiled once for every test file that needs compiled code (not once per file). */
export function compileForTests(root: string): string {
  compileInto(root, TEST_BUILD, 'src/cli/main.js', () =>
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', TEST_BUILD], { cwd: root, stdio: 'ignore' }),
  );
  return TEST_BUILD;
}

/**
 * Compiles TEST_BUILD if needed, checks it produced each of `required` (tsc still emits when another
 * file is mid-edit), and returns an importer of its modules: `load<typeof import('…')>('src/db/sync.js')`.
 */
export function compiledForTests(root: string, required: readonly string[]): <M>(path: string) => Promise<M> {
  compileForTests(root);
  for (const file of required) {
    if (!existsSync(join(TEST_BUILD, file))) throw new Error(`the build did not produce ${TEST_BUILD}/${file}`);
  }
  return async <M>(path: string) => (await import(pathToFileURL(join(TEST_BUILD, path)).href)) as M;
}

function compileInto(root: string, outDir: string, markerFile: string, compile: () => void): void {
  const lock = join(tmpdir(), `callbook-build-${outDir.replace(/\W+/g, '-')}.lock`);
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
    const marker = join(outDir, markerFile);
    let built = 0;
    try {
      built = statSync(marker).mtimeMs;
    } catch {
      built = 0;
    }
    const sources = ['src', 'migrations', 'scripts'].map((dir) => newest(join(root, dir)));
    if (Math.max(...sources) <= built) return;
    const started = Date.now();
    try {
      compile();
    } catch (error) {
      // tsc still writes every file when some other file has a type error (someone mid-edit): the
      // build this test needs is there. Only a build that wrote nothing is a failure.
      if (statSync(marker).mtimeMs < started) throw error;
    }
  } finally {
    rmdirSync(lock);
  }
}
