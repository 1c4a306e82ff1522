// The words for the constraints that removed a start, shared by the reasons of both modes and by
// `confirm --explain`: each names the rule and its setting, so a reader can check it or change it.
import type { IANAZone } from 'luxon';
import { DateTime } from 'luxon';
import type { DayOfWeek } from '../types.js';
import { DAYS_OF_WEEK } from '../types.js';
import { BLOCK, type BusyTime, type OwnerRules } from './hard-constraints.js';

export interface BlockContext {
  rules: OwnerRules;
  excluded_days: readonly DayOfWeek[];
  zone: IANAZone;
}

/** "outside working hours 09:00–17:00; busy "Dentist"" for one start's mask; '' when allowed. */
export function describeBlocks(mask: number, start: number, busyIndex: number, c: BlockContext): string {
  const parts: string[] = [];
  const day = DateTime.fromMillis(start, { zone: c.zone }).setLocale('en-US').toFormat('ccc').toLowerCase();
  if (mask & BLOCK.excludedDay) parts.push(`on an excluded day (${day}; excluded: ${c.excluded_days.join(', ')})`);
  if (mask & BLOCK.notWorkingDay) parts.push(`not a working day (${day}; working days ${formatDays(c.rules.working_days)})`);
  if (mask & BLOCK.outsideHours) parts.push(`outside working hours ${formatHours(c.rules)}`);
  if (mask & BLOCK.notice) {
    const earliest = c.rules.now + c.rules.min_notice_minutes * 60_000;
    parts.push(
      `less than the minimum notice of ${formatMinutes(c.rules.min_notice_minutes)} (earliest start ${formatWhen(earliest, c.zone)})`,
    );
  }
  const event = c.rules.busy[busyIndex];
  if (mask & BLOCK.busy) parts.push(event ? `busy ${describeEvent(event)}` : 'busy');
  if (mask & BLOCK.buffer) {
    parts.push(`inside the ${formatMinutes(c.rules.buffer_minutes)} buffer around busy ${event ? describeEvent(event) : 'time'}`);
  }
  return parts.join('; ');
}

function describeEvent(event: BusyTime): string {
  return event.summary ? `"${event.summary}"` : `(${event.source})`;
}

export function formatHours(rules: Pick<OwnerRules, 'working_hours'>): string {
  return rules.working_hours.map((r) => `${r.start}–${r.end}`).join(', ');
}

/** mon–fri for a run of days, else a list. */
export function formatDays(days: readonly DayOfWeek[]): string {
  const indexes = [...new Set(days)].map((d) => DAYS_OF_WEEK.indexOf(d)).sort((a, b) => a - b);
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  if (first === undefined || last === undefined) return 'none';
  if (indexes.length >= 3 && last - first === indexes.length - 1) return `${DAYS_OF_WEEK[first]}–${DAYS_OF_WEEK[last]}`;
  return indexes.map((i) => DAYS_OF_WEEK[i]).join(', ');
}

export function formatMinutes(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) return `${minutes / 1440} ${minutes === 1440 ? 'day' : 'days'}`;
  if (minutes > 0 && minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** "Wed 11 Mar 18:00 EDT": the owner reads the slot on their own clock, with the zone's abbreviation. */
export function formatWhen(ms: number, zone: IANAZone | string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-US').toFormat('ccc d LLL HH:mm ZZZZ');
}

export function plural(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "1 lead is" / "2 leads are". */
export function countIs(n: number, noun: string): string {
  return `${plural(n, noun)} ${n === 1 ? 'is' : 'are'}`;
}
