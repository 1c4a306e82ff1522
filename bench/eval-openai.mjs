// The OpenAI parser on the same labelled cases the heuristic is scored on (bench/parse.mjs), per category.
// Skipped (exit 0) without OPENAI_API_KEY. A case whose answer was rejected or timed out falls back to the
// heuristic; it is counted as a miss for OpenAI and the fallbacks are counted separately.
//   npm run eval:openai [-- --no-heldout] [--limit N] [--concurrency N]
// Uses OPENAI_BASE_URL and CALLBOOK_OPENAI_MODEL (default gpt-4o-mini) like the server does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { DateTime } from 'luxon';

if (!process.env.OPENAI_API_KEY) {
  console.log('eval:openai skipped: OPENAI_API_KEY is not set (the heuristic parser is scored by npm run bench:parse)');
  process.exit(0);
}

const { createHeuristicParsers } = await import('../dist/src/parsing/index.js');
const { createOpenAIParsers } = await import('../dist/src/parsing/openai/create-openai-parsers.js');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const limit = arg('--limit', Number.POSITIVE_INFINITY);
const concurrency = arg('--concurrency', 4);
const model = process.env.CALLBOOK_OPENAI_MODEL || 'gpt-4o-mini';
const parsers = createOpenAIParsers({
  apiKey: process.env.OPENAI_API_KEY,
  baseURL: process.env.OPENAI_BASE_URL || null,
  model,
  timeoutMs: 20_000,
  fallback: createHeuristicParsers(),
});

const fixtures = new URL('../test/fixtures/parsing/', import.meta.url);
const load = (url) => JSON.parse(readFileSync(url, 'utf8'));
const ms = (iso) => DateTime.fromISO(iso).toMillis();
const sameSlots = (a, b) => a.length === b.length && a.every((s, i) => ms(s.start) === ms(b[i].start) && ms(s.end) === ms(b[i].end));
const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function asAvailabilityInput(c) {
  const end = c.window_end ?? DateTime.fromISO(c.now, { setZone: true }).plus({ days: 14 }).toISO();
  return { ...c, window_start: c.window_start ?? c.now, window_end: end, duration_minutes: c.duration_minutes ?? 30 };
}

async function judge(c) {
  const e = c.expected;
  if ('slots' in e) {
    const r = await parsers.parseAvailability(asAvailabilityInput(c));
    return { fallback: r.source !== 'openai', good: r.source === 'openai' && r.intent === e.intent && sameSlots(r.slots, e.slots) };
  }
  const r = await parsers.parseConstraints(c);
  const good =
    ms(r.hard_constraints.window_start) === ms(e.window_start) &&
    ms(r.hard_constraints.window_end) === ms(e.window_end) &&
    eq(r.hard_constraints.excluded_days, e.excluded_days) &&
    eq(r.soft_constraints.days_of_week, e.days_of_week) &&
    eq(r.soft_constraints.time_of_day, e.time_of_day) &&
    eq(r.soft_constraints.time_ranges, e.time_ranges) &&
    r.default_window === e.default_window;
  return { fallback: r.source !== 'openai', good: r.source === 'openai' && good };
}

async function scoreSet(title, cases) {
  const list = cases.filter((c) => c.expected && ('slots' in c.expected || 'window_start' in c.expected)).slice(0, limit);
  const byCat = new Map();
  let ok = 0;
  let fallbacks = 0;
  let next = 0;
  async function worker() {
    while (next < list.length) {
      const c = list[next++];
      const { good, fallback } = await judge(c).catch(() => ({ good: false, fallback: true }));
      ok += good ? 1 : 0;
      fallbacks += fallback ? 1 : 0;
      const key = c.category ?? c.family ?? 'uncategorised';
      const cat = byCat.get(key) ?? [0, 0];
      byCat.set(key, [cat[0] + (good ? 1 : 0), cat[1] + 1]);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  console.log(`\n${title} (openai ${model}): ${ok}/${list.length} = ${pct(ok, list.length)}, ${fallbacks} fell back to the heuristic`);
  for (const [cat, [a, b]] of [...byCat].sort()) console.log(`  ${cat.padEnd(18)} ${`${a}/${b}`.padStart(7)} ${pct(a, b).padStart(7)}`);
}

await scoreSet('main corpus availability', load(new URL('availability.json', fixtures)));
await scoreSet('main corpus constraints', load(new URL('constraints.json', fixtures)));
const heldoutDir = new URL('heldout/', fixtures);
if (!process.argv.includes('--no-heldout') && existsSync(heldoutDir)) {
  for (const file of readdirSync(heldoutDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const data = load(new URL(file, heldoutDir));
    await scoreSet(`held-out ${file}`, Array.isArray(data) ? data : (data.cases ?? []));
  }
}
