// Parser accuracy and speed on the labelled corpora, plus a chrono-node-only baseline for availability,
// and the speed of the slot read-back the webhook speaks after every parse.
// Needs the compiled code: `npm run bench:parse` (builds first).
import { readFileSync } from 'node:fs';
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { describeSlotsForSpeech } from '../dist/src/domain/speech.js';
import { parseAvailabilityText, parseConstraintsText } from '../dist/src/parsing/heuristic/index.js';
import { classifyIntent } from '../dist/src/parsing/heuristic/intent.js';
import { finalizeSlots } from '../dist/src/parsing/heuristic/intervals.js';
import { normalizeText } from '../dist/src/parsing/heuristic/normalize.js';

const load = (name) => JSON.parse(readFileSync(new URL(`../test/fixtures/parsing/${name}`, import.meta.url), 'utf8'));
const availability = load('availability.json');
const constraints = load('constraints.json');
const verbose = process.argv.includes('--verbose');

const ms = (iso) => DateTime.fromISO(iso).toMillis();
const sameSlots = (a, b) => a.length === b.length && a.every((s, i) => ms(s.start) === ms(b[i].start) && ms(s.end) === ms(b[i].end));

function availabilityCorrect(c, result) {
  return result.intent === c.expected.intent && sameSlots(result.slots, c.expected.slots);
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

function score(cases, run, correct, label) {
  const byCat = new Map();
  let ok = 0;
  for (const c of cases) {
    const good = correct(c, run(c));
    ok += good ? 1 : 0;
    const cat = byCat.get(c.category) ?? [0, 0];
    byCat.set(c.category, [cat[0] + (good ? 1 : 0), cat[1] + 1]);
    if (!good && verbose) console.log(`  MISS ${label} ${c.id} [${c.category}] ${c.text}`);
  }
  return { ok, total: cases.length, byCat };
}

const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;

function report(title, s, baseline) {
  console.log(
    `\n${title}: ${s.ok}/${s.total} = ${pct(s.ok, s.total)}${baseline ? `   (chrono-only baseline ${pct(baseline.ok, baseline.total)})` : ''}`,
  );
  for (const [cat, [a, b]] of [...s.byCat].sort()) {
    const base = baseline?.byCat.get(cat);
    console.log(
      `  ${cat.padEnd(16)} ${`${a}/${b}`.padStart(7)} ${pct(a, b).padStart(7)}${base ? `   chrono ${pct(base[0], base[1]).padStart(7)}` : ''}`,
    );
  }
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

const runAvailability = (c) => parseAvailabilityText(c);
const runConstraints = (c) => parseConstraintsText(c);
const a = score(availability, runAvailability, availabilityCorrect, 'availability');
const chronoScore = score(availability, parseWithChrono, availabilityCorrect, 'chrono');
const k = score(constraints, runConstraints, constraintsCorrect, 'constraints');
report('availability (heuristic)', a, chronoScore);
report('constraints (heuristic)', k);
console.log(`\noverall: ${a.ok + k.ok}/${a.total + k.total} = ${pct(a.ok + k.ok, a.total + k.total)}`);
// What the webhook reads back: each labelled case's expected slots, in the lead's zone.
const readBacks = availability.filter((c) => c.expected.slots.length > 0);
const runReadBack = (c) => describeSlotsForSpeech(c.expected.slots, c.timezone, c.now);
console.log('\nthroughput (one second each):');
console.log(`  availability parses     ${throughput(availability, runAvailability)}/s`);
console.log(`  constraints parses      ${throughput(constraints, runConstraints)}/s`);
console.log(`  describeSlotsForSpeech  ${throughput(readBacks, runReadBack)}/s`);
console.log(`  chrono-only baseline    ${throughput(availability, parseWithChrono)}/s`);
