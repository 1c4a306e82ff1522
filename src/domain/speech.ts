// Words a person would say for windows, slots and durations, in the LEAD's zone, for TTS
// scripts and read-backs. Pure: the caller passes `now`. Read-backs run on every webhook request, so
// days are plain local day numbers and names come from tables rather than luxon's formatter.
import type { DateTime } from 'luxon';
import { dayNumber, groupByLocalDay, minutesOfDay, type NowInput, type Slots, toInstant, toZoned } from './speech-days.js';
import { AFTERNOON_END, DAY_END, describeRange, formatClock, joinWithAnd, labelSlotDay, labelWindowDay, MORNING } from './speech-words.js';
import { DAY_MS, ZoneClock } from './zone-clock.js';

const MAX_SPOKEN_DAYS = 4;

/** "It's 2:07, free until 5" is read as "between 2:15 p.m. and 5 p.m.", not "2:07". */
function roundUpToQuarterHour(dt: DateTime): DateTime {
  const floored = dt.startOf('minute');
  const rem = floored.minute % 15;
  if (rem === 0 && floored.equals(dt)) return floored;
  return floored.plus({ minutes: 15 - rem });
}

/** e.g. "Tuesday the 10th from 9 to 11 in the morning, and Thursday the 12th after 2 p.m."; '' when there are none. */
export function describeSlotsForSpeech(slots: Slots, zone: string, now: NowInput): string {
  const clock = new ZoneClock(zone);
  const nowMs = toInstant(now, clock, zone);
  const today = Math.floor(clock.local(nowMs) / DAY_MS);
  const items = [...groupByLocalDay(slots, zone, clock).entries()].map(
    ([day, ranges]) => `${labelSlotDay(day, today)} ${joinWithAnd(ranges.map(describeRange), false)}`,
  );
  if (items.length > MAX_SPOKEN_DAYS) {
    return `${items.slice(0, MAX_SPOKEN_DAYS).join(', ')}, and a few other times`;
  }
  return joinWithAnd(items, true);
}

/** e.g. "between tomorrow and Friday, March 20th", "any time next week", "tomorrow between 9 a.m. and 5 p.m.". */
export function describeWindowForSpeech(windowStartIso: string, windowEndIso: string, zone: string, now: NowInput): string {
  const nowZ = toZoned(now, zone);
  const end = toZoned(windowEndIso, zone);
  let start = toZoned(windowStartIso, zone);
  // Only the part still ahead matters to the listener.
  if (start < nowZ && nowZ < end) start = roundUpToQuarterHour(nowZ);
  const lastDay = end.minus({ milliseconds: 1 }).startOf('day');
  const firstDay = start.startOf('day');
  const today = nowZ.startOf('day');
  if (firstDay.equals(lastDay)) {
    const whole = minutesOfDay(start) === 0 && end.equals(lastDay.plus({ days: 1 }));
    const label = labelWindowDay(dayNumber(firstDay), dayNumber(today));
    if (whole) return `any time ${label}`;
    const endMin = end.equals(lastDay.plus({ days: 1 })) ? DAY_END : minutesOfDay(end);
    return `${label} between ${formatClock(minutesOfDay(start), true)} and ${formatClock(endMin, true)}`;
  }
  const nextMonday = today.startOf('week').plus({ weeks: 1 });
  const lastDayCovered = end >= lastDay.plus({ minutes: AFTERNOON_END });
  const firstDayCovered = minutesOfDay(start) <= MORNING;
  const span = dayNumber(lastDay) - dayNumber(nextMonday);
  if (firstDay.equals(nextMonday) && firstDayCovered && lastDayCovered && span >= 4 && span <= 6) {
    return 'any time next week';
  }
  return `between ${labelWindowDay(dayNumber(firstDay), dayNumber(today))} and ${labelWindowDay(dayNumber(lastDay), dayNumber(today))}`;
}

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam']);

/** The name to greet someone by: "Dr. Ana María López" → "Ana"; "López, Ana" → "Ana"; null when there is none. */
export function firstName(fullName: string): string | null {
  const trimmed = fullName.trim();
  const comma = trimmed.indexOf(',');
  const given = comma > 0 ? trimmed.slice(comma + 1) : trimmed;
  const words = given.split(/\s+/).filter((w) => w !== '' && !HONORIFICS.has(w.toLowerCase().replace(/\.$/, '')));
  const first = words[0];
  if (!first) return null;
  // Fix shouting or all-lowercase entries, but keep deliberate mixed case ("DeShawn").
  const lower = first.toLowerCase();
  if (first === lower || first === first.toUpperCase()) return lower.charAt(0).toUpperCase() + lower.slice(1);
  return first;
}

/** Adjective form for "a 30-minute meeting": "30-minute", "1-hour", "90-minute", "2-hour". */
export function describeDuration(minutes: number): string {
  if (minutes >= 60 && minutes % 60 === 0) return `${minutes / 60}-hour`;
  return `${minutes}-minute`;
}
