// The demo's simulated people: names, numbers, zones and when each is really free, drawn
// from a seeded generator so the same seed tells the same story.
import type { DateTime } from 'luxon';
import type { LocalAvailability } from '../../telephony/simulator/index.js';
import { createRng, pick, type Rng, randomInt } from '../../telephony/simulator/rng.js';

const FIRST = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Mateo',
  'Nia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vik',
  'Wen',
  'Yara',
  'Zoe',
];
const LAST = [
  'Ruiz',
  'Okafor',
  'Martin',
  'Shah',
  'Yilmaz',
  'Haddad',
  'Berg',
  'Sato',
  'Petrov',
  'Nguyen',
  'Mensah',
  'Fischer',
  'Silva',
  'Brown',
  'Aziz',
  'Kaur',
  'Lee',
  'Costa',
  'Cohen',
  'Khan',
];
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'Europe/London', 'America/New_York'];

export interface DemoPerson {
  name: string;
  phone: string;
  email: string;
  timezone: string;
  /** When this person is really free, in their own clock. */
  free: LocalAvailability[];
}

const SHAPES: [number, number][] = [
  [8 * 60, 12 * 60],
  [12 * 60, 17 * 60],
  [9 * 60, 11 * 60],
  [14 * 60, 16 * 60 + 30],
  [10 * 60, 12 * 60],
  [13 * 60, 17 * 60],
  [8 * 60, 17 * 60],
];

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function freeTimes(rng: Rng, zone: string, windowStart: DateTime, windowEnd: DateTime, popular: DateTime[]): LocalAvailability[] {
  const days: DateTime[] = [];
  for (let d = windowStart.setZone(zone).startOf('day').plus({ days: 1 }); d < windowEnd; d = d.plus({ days: 1 })) {
    if (d.weekday <= 5) days.push(d);
  }
  const count = randomInt(rng, 1, 3);
  const chosen = new Map<string, LocalAvailability>();
  for (let i = 0; i < count && days.length > 0; i++) {
    // Most people share one of a few popular days, so some slots really do suit many.
    const day = i === 0 && popular.length > 0 ? pick(rng, popular).setZone(zone).startOf('day') : pick(rng, days);
    const [start, end] = pick(rng, SHAPES);
    const date = day.toISODate() ?? '';
    chosen.set(date, { date, start: hhmm(start), end: hhmm(end) });
  }
  return [...chosen.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** `firstIndex` numbers a second group of people after the first, so no phone or email repeats. */
export function makeDemoPeople(count: number, seed: number, windowStart: DateTime, windowEnd: DateTime, firstIndex = 0): DemoPerson[] {
  const rng = createRng(seed);
  const popular = [2, 3, 4].map((offset) => windowStart.plus({ days: offset }));
  return Array.from({ length: count }, (_, n) => {
    const i = firstIndex + n;
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    const timezone = pick(rng, ZONES);
    return {
      name: `${first} ${last}`,
      // 555-01xx numbers are reserved for fiction; the suffix keeps a thousand leads distinct.
      phone: `+1555${String(100 + (i % 900)).padStart(3, '0')}${String(1000 + Math.floor(i / 900)).slice(-4)}`,
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      timezone,
      free: freeTimes(rng, timezone, windowStart, windowEnd, popular),
    };
  });
}
