// Start-up time of the CLI against bare Node: median of repeated runs, as ratios.
// Run with `npm run bench:startup` (builds first). Prints figures; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/callbook.js', import.meta.url));
const runs = Number(process.env.RUNS ?? 25);
const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-'));
const db = join(dir, 'bench.db');
execFileSync(process.execPath, [bin, '--db', db, 'meeting', 'list', '--json']); // create and migrate once

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 3; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (i >= 3) samples.push(ms); // the first runs warm the file cache
  }
  return median(samples);
}

// Interleave the measurements so drift on a shared machine hits all three alike.
const results = { node: [], help: [], list: [] };
for (let round = 0; round < 3; round++) {
  results.node.push(time(['-e', '0']));
  results.help.push(time([bin, '--help']));
  results.list.push(time([bin, '--db', db, 'meeting', 'list', '--json']));
}
const node = median(results.node);
const help = median(results.help);
const list = median(results.list);
console.log(`start-up, median of ${runs * 3} runs each`);
console.log(`  node -e 0                    ${node.toFixed(1)} ms`);
console.log(`  callbook --help              ${help.toFixed(1)} ms   ${(help / node).toFixed(2)}x bare node (aim ≤ 1.5x)`);
console.log(`  callbook meeting list --json ${list.toFixed(1)} ms   ${(list / node).toFixed(2)}x bare node (aim ≤ 4x)`);
rmSync(dir, { recursive: true, force: true });
