// The CLI as `bin/callbook.js` runs it: tsc's output (dist/src) bundled by esbuild into dist/cli.
// Node's ESM loader pays for every file it resolves and reads, and a database command loaded about
// 540 of them (Kysely alone is 262): start-up was 290 ms, 5× bare Node, on every cron tick and
// every `campaign show` page. Bundled it loads a few dozen chunks.
//
// - Code splitting keeps the CLI's lazy imports lazy: `--help` still loads no command, and a
//   command loads only its own chunks.
// - The worker threads are entries of their own with the names the code asks for
//   (`new URL('./turn-thread.js', import.meta.url)`); every chunk sits in the one folder, so that
//   URL resolves from whichever chunk holds the code.
// - Left to Node's own resolution: the native module (better-sqlite3), pg (the PostgreSQL bridge's
//   worker requires it by path) and the CommonJS packages only a live call, an email or a
//   calendar needs (twilio, openai, nodemailer, node-ical); bundling those would buy no start-up
//   time and would run them in a form their authors never tested.
// - Identifiers are not minified, so a stack trace in a bug report still reads (function names
//   come from the code itself; esbuild's keepNames would wrap every closure in a call, and cost
//   `serve` a few per cent of its throughput in paired runs of bench:webhooks).
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'dist/src/cli/main.js',
    'turn-thread': 'dist/src/server/turn-thread.js',
    'checkpoint-thread': 'dist/src/db/checkpoint-thread.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'pg-native', 'twilio', 'openai', 'nodemailer', 'node-ical'],
  // Bundled CommonJS (cli-table3, csv-parse's siblings…) calls require(); ESM has none of its own.
  banner: { js: "import { createRequire as __callbookRequire } from 'node:module'; const require = __callbookRequire(import.meta.url);" },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
