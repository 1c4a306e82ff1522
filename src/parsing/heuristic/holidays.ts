// Named holidays a lead may say ("back after easter", "not until after thanksgiving", "the bank holiday"):
// each is the local days it covers, computed with luxon for the year the call is in. A holiday whose days
// lie outside the window leaves the spell it bounds empty rather than guessing another day.
import { DateTime } from 'luxon';
import { dateOfDay, dayFromDate } from './local-days.js';

export type HolidayName =
  | 'easter'
  | 'easter_weekend'
  | 'good_friday'
  | 'easter_monday'
  | 'thanksgiving'
  | 'christmas'
  | 'christmas_eve'
  | 'boxing_day'
  | 'new_year'
  | 'new_years_eve'
  | 'labor_day'
  | 'memorial_day'
  | 'bank_holiday'
  | 'bank_holiday_weekend';

/** How the call says each holiday. */
export const HOLIDAY_WORDS: Record<HolidayName, string> = {
  easter: 'Easter',
  easter_weekend: 'the Easter weekend',
  good_friday: 'Good Friday',
  easter_monday: 'Easter Monday',
  thanksgiving: 'Thanksgiving',
  christmas: 'Christmas',
  christmas_eve: 'Christmas Eve',
  boxing_day: 'Boxing Day',
  new_year: 'New Year',
  new_years_eve: "New Year's Eve",
  labor_day: 'Labor Day',
  memorial_day: 'Memorial Day',
  bank_holiday: 'the bank holiday',
  bank_holiday_weekend: 'the bank holiday weekend',
};

/** The phrase for each name, longest first where one contains another. */
export const HOLIDAY_SRC =
  '(?:the )?(?:easter (?:sunday|monday|(?:long )?weekend|break|holidays?)|easter|good friday|thanksgiving(?: day)?|christmas (?:eve|day)|christmas|xmas|boxing day|new years (?:eve|day)|new years|labou?r day|memorial day|(?:next |this |the next )?(?:(?:may|spring|summer|august) )?bank holiday(?: monday| weekend)?)';

export function holidayName(phrase: string): HolidayName {
  const p = phrase.replace(/^the /, '');
  if (/bank holiday weekend/.test(p)) return 'bank_holiday_weekend';
  if (/bank holiday/.test(p)) return 'bank_holiday';
  if (/^easter monday/.test(p)) return 'easter_monday';
  if (/^easter sunday/.test(p)) return 'easter';
  if (/^easter /.test(p)) return 'easter_weekend';
  if (/^easter/.test(p)) return 'easter';
  if (/good friday/.test(p)) return 'good_friday';
  if (/thanksgiving/.test(p)) return 'thanksgiving';
  if (/christmas eve/.test(p)) return 'christmas_eve';
  if (/christmas|xmas/.test(p)) return 'christmas';
  if (/boxing/.test(p)) return 'boxing_day';
  if (/new years eve/.test(p)) return 'new_years_eve';
  if (/new years/.test(p)) return 'new_year';
  if (/labou?r/.test(p)) return 'labor_day';
  return 'memorial_day';
}

/** Easter Sunday (Gregorian computus), as a luxon date. */
function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day);
}

/** The nth (1-based; -1 for the last) given weekday (luxon 1–7) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  if (n < 0) {
    const last = DateTime.utc(year, month, 1).endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.utc(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (n - 1) });
}

const toDay = (d: DateTime) => dayFromDate(d.year, d.month, d.day);

/** England and Wales bank holidays of a year (weekend substitutes left out). */
function bankHolidays(year: number): DateTime[] {
  const easter = easterSunday(year);
  return [
    DateTime.utc(year, 1, 1),
    easter.minus({ days: 2 }),
    easter.plus({ days: 1 }),
    nthWeekday(year, 5, 1, 1),
    nthWeekday(year, 5, 1, -1),
    nthWeekday(year, 8, 1, -1),
    DateTime.utc(year, 12, 25),
    DateTime.utc(year, 12, 26),
  ];
}

/** The first and last local day of a holiday in a year. */
function holidayIn(name: HolidayName, year: number, zone: string, today: number): [number, number] | null {
  const easter = easterSunday(year);
  switch (name) {
    // Outside the Americas Easter is a long weekend, Good Friday to Easter Monday.
    case 'easter':
      return zone.startsWith('America/') ? [toDay(easter), toDay(easter)] : [toDay(easter) - 2, toDay(easter) + 1];
    case 'easter_weekend':
      return [toDay(easter) - 2, toDay(easter) + 1];
    case 'good_friday':
      return [toDay(easter) - 2, toDay(easter) - 2];
    case 'easter_monday':
      return [toDay(easter) + 1, toDay(easter) + 1];
    case 'thanksgiving': {
      // Canada's is the second Monday of October; the United States' the fourth Thursday of November.
      const canada = /^America\/(?:Toronto|Vancouver|Montreal|Edmonton|Winnipeg|Halifax|Regina|St_Johns)/.test(zone);
      const d = canada ? nthWeekday(year, 10, 1, 2) : nthWeekday(year, 11, 4, 4);
      return [toDay(d), toDay(d)];
    }
    case 'christmas':
      return [dayFromDate(year, 12, 25), dayFromDate(year, 12, 25)];
    case 'christmas_eve':
      return [dayFromDate(year, 12, 24), dayFromDate(year, 12, 24)];
    case 'boxing_day':
      return [dayFromDate(year, 12, 26), dayFromDate(year, 12, 26)];
    case 'new_year':
      return [dayFromDate(year, 1, 1), dayFromDate(year, 1, 1)];
    case 'new_years_eve':
      return [dayFromDate(year, 12, 31), dayFromDate(year, 12, 31)];
    case 'labor_day': {
      const d = nthWeekday(year, 9, 1, 1);
      return [toDay(d), toDay(d)];
    }
    case 'memorial_day': {
      const d = nthWeekday(year, 5, 1, -1);
      return [toDay(d), toDay(d)];
    }
    case 'bank_holiday':
    case 'bank_holiday_weekend': {
      const next = bankHolidays(year)
        .map(toDay)
        .find((d) => d >= today);
      if (next === undefined) return null;
      if (name === 'bank_holiday') return [next, next];
      // The weekend it makes long: Saturday to a Monday, Friday to Sunday, Good Friday to Easter Monday.
      const easterDays = [toDay(easter) - 2, toDay(easter) + 1];
      if (next === easterDays[0] || next === easterDays[1]) return easterDays as [number, number];
      const wd = DateTime.utc(dateOfDay(next).year, dateOfDay(next).month, dateOfDay(next).day).weekday;
      return wd === 1 ? [next - 2, next] : wd === 5 ? [next, next + 2] : [next, next];
    }
  }
}

/** The holiday's days: this year's unless they are over, then next year's. */
export function holidayDays(name: HolidayName, today: number, zone: string): number[] {
  const { year } = dateOfDay(today);
  let span = holidayIn(name, year, zone, today);
  if (!span || span[1] < today) span = holidayIn(name, year + 1, zone, today);
  if (!span) return [];
  const out: number[] = [];
  for (let d = span[0]; d <= span[1]; d += 1) out.push(d);
  return out;
}
