// Times findBestSlot (the work behind one `callbook confirm`) on 1k, 10k and 100k leads, and a
// naive every-slot × every-lead search at 1k for comparison; then one-on-one mode on 1k / 10k leads
// with 10 and 50 bookings, and group mode against a busy calendar of 500 events with working hours.
// Run with `npm run bench:optimizer`. It prints figures; it asserts nothing about time.
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { NO_RULES } from '../dist/src/domain/booking/hard-constraints.js';
import { findOneOnOneBookings } from '../dist/src/domain/booking/one-on-one.js';
import { findBestSlot } from '../dist/src/domain/optimizer.js';
import { alignToGrid, coversSpan, getLocalDayOfWeek, mergeIntervals, resolveZone } from '../dist/src/domain/slots.js';
import { scoreSlot } from '../dist/src/domain/soft-score.js';

const OWNER_ZONE = 'America/New_York';
const LEAD_ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Jerusalem', 'Asia/Kolkata', 'Australia/Sydney'];
// Two weeks that include the US spring-forward change (8 Mar 2026).
const WINDOW_START = DateTime.fromISO('2026-03-02T00:00', { zone: OWNER_ZONE }).toMillis();
const WINDOW_END = DateTime.fromISO('2026-03-16T00:00', { zone: OWNER_ZONE }).toMillis();
const DAY_MS = 86_400_000;
const QUARTER_MS = 900_000;

/** mulberry32: small, fast and the same numbers on every machine. */
function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Leads with 3–6 intervals each, mostly in their own working hours, unsorted and sometimes overlapping. */
function generateLeads(count, seed) {
  const random = createRandom(seed);
  const zones = LEAD_ZONES.map((name) => resolveZone(name));
  const leads = [];
  for (let i = 0; i < count; i++) {
    const zoneIndex = Math.floor(random() * zones.length);
    const zone = zones[zoneIndex];
    const intervals = [];
    const n = 3 + Math.floor(random() * 4);
    for (let k = 0; k < n; k++) {
      const day = Math.floor(random() * 14);
      const localMinute = (8 + Math.floor(random() * 10)) * 60 + Math.floor(random() * 4) * 15 + (random() < 0.2 ? 7 : 0);
      const approx = WINDOW_START + day * DAY_MS + localMinute * 60_000;
      const start = approx - zone.offset(approx) * 60_000;
      const length = (2 + Math.floor(random() * 14)) * QUARTER_MS;
      intervals.push({ start, end: start + length });
    }
    leads.push({ lead_id: i + 1, name: `Lead ${i + 1}`, timezone: LEAD_ZONES[zoneIndex], intervals });
  }
  return leads;
}

function buildInput(leads) {
  return {
    window_start: WINDOW_START,
    window_end: WINDOW_END,
    timezone: OWNER_ZONE,
    duration_minutes: 30,
    max_bookings: 5,
    grid_minutes: 15,
    excluded_days: ['sat', 'sun'],
    soft: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'], time_ranges: [] },
    leads,
    runners_up: 3,
  };
}

/** The obvious algorithm: test every grid start against every lead. Kept only as a yardstick. */
function findBestSlotNaively(input) {
  const zone = resolveZone(input.timezone);
  const durationMs = input.duration_minutes * 60_000;
  const merged = input.leads.map((lead) => mergeIntervals(lead.intervals));
  let best = null;
  for (let s = alignToGrid(input.window_start, zone, input.grid_minutes); s + durationMs <= input.window_end; s += QUARTER_MS) {
    if (input.excluded_days.includes(getLocalDayOfWeek(s, zone))) continue;
    let count = 0;
    for (const m of merged) if (coversSpan(m, s, s + durationMs)) count++;
    if (count === 0) continue;
    const booked = Math.min(count, input.max_bookings);
    const { score } = scoreSlot(s, s + durationMs, zone, input.soft);
    if (!best || booked > best.booked || (booked === best.booked && score > best.score)) best = { start: s, booked, score };
  }
  return best;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn, warmups, runs) {
  for (let i = 0; i < warmups; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const sizes = [
  { leads: 1_000, warmups: 5, runs: 15 },
  { leads: 10_000, warmups: 3, runs: 11 },
  { leads: 100_000, warmups: 2, runs: 7 },
];
const medians = new Map();
console.log(`optimizer bench: 2-week window (${OWNER_ZONE}, DST change inside), 15-min grid, 30-min meeting, 3–6 intervals per lead`);
for (const { leads: count, warmups, runs } of sizes) {
  const input = buildInput(generateLeads(count, count));
  const result = findBestSlot(input);
  const ms = time(() => findBestSlot(input), warmups, runs);
  medians.set(count, ms);
  const best = result.best ? DateTime.fromMillis(result.best.start, { zone: OWNER_ZONE }).toFormat('ccc d LLL HH:mm') : 'none';
  console.log(
    `${String(count).padStart(7)} leads: median ${ms.toFixed(2).padStart(8)} ms per confirm  ` +
      `(best ${best}, ${result.best?.available_count ?? 0} free, ${result.considered} slots considered)`,
  );
}
console.log(`growth 10k/1k:   ${(medians.get(10_000) / medians.get(1_000)).toFixed(2)}x (10x more leads)`);
console.log(`growth 100k/10k: ${(medians.get(100_000) / medians.get(10_000)).toFixed(2)}x (10x more leads)`);

const naiveMedians = new Map();
for (const count of [1_000, 10_000]) {
  const naiveInput = buildInput(generateLeads(count, count));
  if (findBestSlotNaively(naiveInput)?.start !== findBestSlot(naiveInput).best?.start) {
    throw new Error(`naive and sweep optimizers disagree at ${count} leads`);
  }
  naiveMedians.set(
    count,
    time(() => findBestSlotNaively(naiveInput), 1, count === 1_000 ? 7 : 3),
  );
}
console.log(
  `naive slot × lead baseline:  1000 leads median ${naiveMedians.get(1_000).toFixed(2)} ms ` +
    `(${(naiveMedians.get(1_000) / medians.get(1_000)).toFixed(1)}x the sweep), ` +
    `10000 leads median ${naiveMedians.get(10_000).toFixed(2)} ms ` +
    `(${(naiveMedians.get(10_000) / medians.get(10_000)).toFixed(1)}x); same best slot`,
);

// The owner's rules for the modes below: 09:00–17:00 Mon–Fri, 2 h notice from the window start.
const OWNER_RULES = {
  ...NO_RULES,
  working_hours: [{ start: '09:00', end: '17:00' }],
  working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  now: WINDOW_START,
  min_notice_minutes: 120,
  buffer_minutes: 10,
};

for (const count of [1_000, 10_000]) {
  for (const bookings of [10, 50]) {
    const input = { ...buildInput(generateLeads(count, count)), max_bookings: bookings, rules: OWNER_RULES };
    const result = findOneOnOneBookings(input);
    const ms = time(() => findOneOnOneBookings(input), 2, count === 1_000 ? 9 : 5);
    console.log(
      `one-on-one ${String(count).padStart(6)} leads, ${String(bookings).padStart(2)} bookings: median ${ms.toFixed(2).padStart(8)} ms  ` +
        `(${result.bookings.length} booked, ${result.exact ? 'proven optimal' : `search stopped, at most ${result.upper_bound}`})`,
    );
  }
}

/**
 * A diary of 500 events of 30–60 minutes in working hours over ten weeks (four before the window,
 * four after), about seven a day: the calendar reader hands over every event, the grid keeps the
 * ones that reach into the window.
 */
function generateBusy(count, seed) {
  const random = createRandom(seed);
  const zone = resolveZone(OWNER_ZONE);
  const busy = [];
  for (let i = 0; i < count; i++) {
    const approx = WINDOW_START + (Math.floor(random() * 70) - 28) * DAY_MS + (9 * 60 + Math.floor(random() * 30) * 15) * 60_000;
    const start = approx - (zone.offset(approx) - zone.offset(WINDOW_START)) * 60_000;
    busy.push({ start, end: start + (2 + Math.floor(random() * 3)) * QUARTER_MS, source: 'bench.ics', summary: `event ${i}` });
  }
  return busy;
}

for (const count of [10_000, 100_000]) {
  const input = { ...buildInput(generateLeads(count, count)), rules: { ...OWNER_RULES, busy: generateBusy(500, 7) } };
  const result = findBestSlot(input);
  const ms = time(() => findBestSlot(input), 2, 7);
  const best = result.best ? DateTime.fromMillis(result.best.start, { zone: OWNER_ZONE }).toFormat('ccc d LLL HH:mm') : 'none';
  console.log(
    `group with 500 busy events, ${String(count).padStart(6)} leads: median ${ms.toFixed(2).padStart(8)} ms  ` +
      `(best ${best}, ${result.considered} allowed starts of ${14 * 96})`,
  );
}
