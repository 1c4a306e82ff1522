// Lists of weekdays in an instruction ("tuesdays and thursdays", "mon to wed", "on friday or monday"),
// shared by the soft preferences, the exclusions and the hard "only" days.
import { weekdayNumber } from './calendar.js';
import { expandWeekdayRange, WD } from './day-expressions.js';

const WDS = `${WD}s?`;
export const DAY_LIST = `(?:every |on )?${WDS}(?: (?:to|through|until) ${WDS}| (?:or|and|and or|nor) (?:on )?${WDS})*`;

const DAY_RE = new RegExp(`(${WD})s?(?: (?:to|through|until) (${WD})s?)?`, 'g');

/** luxon weekday numbers (1 = Monday) named in a DAY_LIST phrase, ranges expanded. */
export function readDayList(phrase: string): number[] {
  const out: number[] = [];
  for (const m of phrase.matchAll(DAY_RE)) {
    const a = weekdayNumber(m[1] ?? '');
    out.push(...(m[2] ? expandWeekdayRange(a, weekdayNumber(m[2])) : [a]));
  }
  return out;
}
