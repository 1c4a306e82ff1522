// Preload for bench/webhooks.mjs (SQL_TIMING=1): times every better-sqlite3 statement the server
// runs and prints, at exit, where SQLite's time went, statement by statement.
import { createRequire } from 'node:module';

const SQLite = createRequire(import.meta.url)('better-sqlite3');
const stats = new Map();
const probe = new SQLite(':memory:');
const proto = Object.getPrototypeOf(probe.prepare('select 1'));
probe.close();
for (const method of ['run', 'all', 'get', 'iterate']) {
  const original = proto[method];
  proto[method] = function timed(...args) {
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const us = Number(process.hrtime.bigint() - start) / 1000;
      const key = this.source.slice(0, 70);
      const s = stats.get(key) ?? { n: 0, us: 0, max: 0 };
      s.n += 1;
      s.us += us;
      s.max = Math.max(s.max, us);
      stats.set(key, s);
    }
  };
}
process.on('exit', () => {
  const rows = [...stats].sort((a, b) => b[1].us - a[1].us).slice(0, 15);
  process.stderr.write('SQLite time by statement (server process):\n');
  for (const [sql, s] of rows) {
    const line = `${(s.us / 1000).toFixed(0).padStart(6)} ms ${String(s.n).padStart(7)} × ${(s.us / s.n).toFixed(1).padStart(6)} µs  max ${(s.max / 1000).toFixed(1)} ms  ${sql}`;
    process.stderr.write(`${line}\n`);
  }
});
process.once('SIGINT', () => process.exit(0));
