// Parser accuracy per category on the labelled corpora and on any held-out sets, a chrono-node baseline on
// the same cases, time per character as the input grows (it should stay flat: the parser is linear), and
// throughput. Needs the compiled code: `npm run bench:parse` (builds first).
//   --no-heldout  score only the main corpora (parser authors run this: they must not see held-out results)
//   --verbose     list the main corpus's misses
// Held-out sets are read at run time from test/fixtures/parsing/heldout/*.json (an array of cases, or
// { cases: [...] }); a case with expected.slots is scored as availability, one with expected.window_start as
// constraints. Their misses are never listed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { describeSlotsForSpeech } from '../dist/src/domain/speech.js';
import { parseAvailabilityText, parseConstraintsText } from '../dist/src/parsing/heuristic/index.js';
import { classifyIntent } from '../dist/src/parsing/heuristic/intent.js';
import { finalizeSlots } from '../dist/src/parsing/heuristic/intervals.js';
import { normalizeText } from '../dist/src/parsing/heuristic/normalize.js';

const fixtures = new URL('../test/fixtures/parsing/', import.meta.url);
const load = (url) => JSON.parse(readFileSync(url, 'utf8'));
const availability = load(new URL('availability.json', fixtures));
const constraints = load(new URL('constraints.json', fixtures));
const verbose = process.argv.includes('--verbose');
const withHeldout = !process.argv.includes('--no-heldout');

const ms = (iso) => DateTime.fromISO(iso).toMillis();
const sameSlots = (a, b) => a.length === b.length && a.every((s, i) => ms(s.start) === ms(b[i].start) && ms(s.end) === ms(b[i].end));

/** Fills what a held-out case may leave out: the window defaults to now + 14 days, the meeting to 30 minutes. */
function asAvailabilityInput(c) {
  const now = c.now;
  const end = c.window_end ?? DateTime.fromISO(now, { setZone: true }).plus({ days: 14 }).toISO();
  return { ...c, window_start: c.window_start ?? now, window_end: end, duration_minutes: c.duration_minutes ?? 30 };
}

function availabilityCorrect(c, result) {
  return result.intent === c.expected.intent && sameSlots(result.slots, c.expected.slots ?? []);
}

function constraintsCorrect(c, r) {
  const e = c.expected;
  const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return (
    ms(r.hard_constraints.window_start) === ms(e.window_start) &&
    ms(r.hard_constraints.window_end) === ms(e.window_end) &&
    eq(r.hard_constraints.excluded_days, e.excluded_days) &&
    eq(r.soft_constraints.days_of_week, e.days_of_week) &&
    eq(r.soft_constraints.time_of_day, e.time_of_day) &&
    eq(r.soft_constraints.time_ranges, e.time_ranges) &&
    r.default_window === e.default_window
  );
}

/** Baseline: chrono-node reads the dates and times; the same intent classifier and slot finishing apply. */
function parseWithChrono(c) {
  const zone = c.timezone;
  const now = DateTime.fromISO(c.now, { zone });
  const text = normalizeText(c.text);
  const results = chrono.parse(text, { instant: now.toJSDate(), timezone: now.offset }, { forwardDate: true });
  const intervals = [];
  for (const r of results) {
    const s = DateTime.fromJSDate(r.start.date(), { zone });
    if (!r.start.isCertain('hour')) {
      const d = s.startOf('day');
      intervals.push([d.set({ hour: 9 }).toMillis(), d.set({ hour: 17 }).toMillis()]);
      continue;
    }
    const e = r.end ? DateTime.fromJSDate(r.end.date(), { zone }) : s.plus({ minutes: Math.max(60, c.duration_minutes) });
    intervals.push([s.toMillis(), e.toMillis()]);
  }
  const lo = Math.max(ms(c.window_start), now.toMillis());
  const slots = finalizeSlots(intervals, lo, ms(c.window_end), c.duration_minutes, zone);
  return { slots, intent: classifyIntent(text, slots.length > 0) };
}

function score(cases, run, correct, label, listMisses) {
  const byCat = new Map();
  let ok = 0;
  for (const c of cases) {
    let good = false;
    try {
      good = correct(c, run(c));
    } catch {
      good = false;
    }
    ok += good ? 1 : 0;
    const key = c.category ?? c.family ?? 'uncategorised';
    const cat = byCat.get(key) ?? [0, 0];
    byCat.set(key, [cat[0] + (good ? 1 : 0), cat[1] + 1]);
    if (!good && listMisses) console.log(`  MISS ${label} ${c.id} [${key}] ${c.text}`);
  }
  return { ok, total: cases.length, byCat };
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');

function report(title, s, baseline) {
  const base = baseline ? `   (chrono-node baseline ${baseline.ok}/${baseline.total} = ${pct(baseline.ok, baseline.total)})` : '';
  console.log(`\n${title}: ${s.ok}/${s.total} = ${pct(s.ok, s.total)}${base}`);
  for (const [cat, [a, b]] of [...s.byCat].sort()) {
    const c = baseline?.byCat.get(cat);
    console.log(
      `  ${cat.padEnd(18)} ${`${a}/${b}`.padStart(7)} ${pct(a, b).padStart(7)}${c ? `   chrono ${pct(c[0], c[1]).padStart(7)}` : ''}`,
    );
  }
}

const runAvailability = (c) => parseAvailabilityText(c);
const runConstraints = (c) => parseConstraintsText(c);

function scoreSet(title, avail, instr, listMisses) {
  const inputs = avail.map(asAvailabilityInput);
  if (inputs.length) {
    const a = score(inputs, runAvailability, availabilityCorrect, 'availability', listMisses);
    const b = score(inputs, parseWithChrono, availabilityCorrect, 'chrono', false);
    report(`${title} availability (heuristic)`, a, b);
  }
  if (instr.length) report(`${title} constraints (heuristic)`, score(instr, runConstraints, constraintsCorrect, 'constraints', listMisses));
}

scoreSet('main corpus', availability, constraints, verbose);

const heldoutDir = new URL('heldout/', fixtures);
if (withHeldout && existsSync(heldoutDir)) {
  for (const file of readdirSync(heldoutDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const data = load(new URL(file, heldoutDir));
    const cases = Array.isArray(data) ? data : (data.cases ?? []);
    const avail = cases.filter((c) => c.expected && 'slots' in c.expected);
    const instr = cases.filter((c) => c.expected && 'window_start' in c.expected);
    const skipped = cases.length - avail.length - instr.length;
    scoreSet(`held-out ${file}`, avail, instr, false);
    if (skipped) console.log(`  (${skipped} cases of an unknown shape skipped)`);
  }
} else if (!withHeldout) {
  console.log('\n(held-out sets not scored: --no-heldout)');
}

function throughput(cases, run) {
  const start = process.hrtime.bigint();
  let n = 0;
  while (Number(process.hrtime.bigint() - start) < 1e9) {
    for (const c of cases) {
      run(c);
      n += 1;
    }
  }
  return Math.round(n / (Number(process.hrtime.bigint() - start) / 1e9));
}

/** Corpus answers joined into one long answer of about `chars` characters, cut at a word. */
function longAnswer(chars) {
  let text = '';
  for (let i = 0; text.length < chars; i += 1) text += `${availability[i % availability.length].text}, `;
  return text.slice(0, text.lastIndexOf(' ', chars)).trim();
}

console.log('\ntime per character (one long answer, New York corpus scenario):');
const base = availability[0];
for (const chars of [100, 1_000, 10_000, 100_000]) {
  const input = { ...base, text: longAnswer(chars) };
  parseAvailabilityText(input);
  let runs = 0;
  const start = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - start) < 3e8 || runs < 3) {
    parseAvailabilityText(input);
    runs += 1;
  }
  const nsPerParse = Number(process.hrtime.bigint() - start) / runs;
  const perChar = nsPerParse / input.text.length / 1000;
  console.log(
    `  ${String(input.text.length).padStart(7)} chars  ${(nsPerParse / 1e6).toFixed(3).padStart(9)} ms/parse  ${perChar.toFixed(3)} µs/char`,
  );
}

const readBacks = availability.filter((c) => c.expected.slots.length > 0);
const runReadBack = (c) => describeSlotsForSpeech(c.expected.slots, c.timezone, c.now);
console.log('\nthroughput (one second each):');
console.log(`  availability parses     ${throughput(availability, runAvailability)}/s`);
console.log(`  constraints parses      ${throughput(constraints, runConstraints)}/s`);
console.log(`  describeSlotsForSpeech  ${throughput(readBacks, runReadBack)}/s`);
console.log(`  chrono-only baseline    ${throughput(availability, parseWithChrono)}/s`);
