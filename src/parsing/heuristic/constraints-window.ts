// The hard booking window an owner states: "next two weeks", "within 5 business days", "in the coming 5
// business days", "a fortnight from now", "before the end of the month", "in april", "between march 3 and
// march 10", "by friday". Edges are local start/end of day.
import type { DateTime } from 'luxon';
import { type Calendar, monthNumber, startOfWeek, weekdayNumber } from './calendar.js';
import { MONTH, WD } from './day-expressions.js';

export interface WindowMatch {
  start: DateTime;
  end: DateTime;
  /** The phrase that stated the window, so it is not read again as a day preference. */
  phrase: string;
}

const DATE = `(?:(?:${WD} )?(?:the )?\\d{1,2}th(?: of ${MONTH})?|(?:${WD} )?${MONTH} (?:the )?\\d{1,2}(?:th)?|${WD}|today|tomorrow)`;

function lastWorkday(cal: Calendar, weekStart: DateTime): DateTime {
  let d = weekStart.plus({ days: 6 });
  while (!cal.rules.workdays.has(d.weekday)) d = d.minus({ days: 1 });
  return d;
}

function firstWorkday(cal: Calendar, weekStart: DateTime): DateTime {
  let d = weekStart;
  while (!cal.rules.workdays.has(d.weekday)) d = d.plus({ days: 1 });
  return d;
}

/** A date phrase (weekday, "the 12th", "march 5") as the next such local day on or after today. */
export function readDate(cal: Calendar, phrase: string): DateTime | null {
  const today = cal.today;
  if (phrase === 'today') return today;
  if (phrase === 'tomorrow') return today.plus({ days: 1 });
  const md = new RegExp(`(${MONTH}) (?:the )?(\\d{1,2})`).exec(phrase) ?? null;
  const dm = new RegExp(`(\\d{1,2})th(?: of (${MONTH}))?`).exec(phrase);
  const monthWord = md?.[1] ?? dm?.[2];
  if (monthWord !== undefined) {
    const month = monthNumber(monthWord);
    const day = Number(md ? md[2] : dm?.[1]);
    let d = today.set({ month, day });
    if (d.month !== month) return null;
    if (d < today) d = d.plus({ years: 1 });
    return d;
  }
  if (dm) {
    const day = Number(dm[1]);
    for (let m = today.startOf('month'), i = 0; i < 3; i += 1, m = m.plus({ months: 1 })) {
      // daysInMonth is only missing on an invalid DateTime, which has no days to offer.
      if (day <= (m.daysInMonth ?? 0) && m.set({ day }) >= today) return m.set({ day });
    }
    return null;
  }
  const wd = new RegExp(`(next )?(${WD})`).exec(phrase);
  if (wd) {
    const w = weekdayNumber(wd[2] ?? '');
    if (wd[1]) return startOfWeek(cal, today).plus({ days: 7 + ((w - cal.rules.firstDay + 7) % 7) });
    return today.plus({ days: (w - today.weekday + 7) % 7 });
  }
  return null;
}

type Finder = (cal: Calendar, m: RegExpExecArray) => [DateTime, DateTime] | null;

const UNIT = '(day|days|week|weeks|month|months)';
const FINDERS: Array<[string, Finder]> = [
  [
    `between (${DATE}) and (${DATE})|from (${DATE}) (?:to|until|through) (${DATE})`,
    (cal, m) => {
      const a = readDate(cal, m[1] ?? m[3] ?? '');
      const b = a ? readDate(cal, m[2] ?? m[4] ?? '') : null;
      return a && b ? [a, b.endOf('day')] : null;
    },
  ],
  [
    `(?:within|in|over|during) (?:the )?(?:next |coming )?(\\d+) (?:business|working|work) days(?: from (?:now|today))?|(?:in |over |within |during )?(?:the )?(?:next|coming) (\\d+) (?:business|working|work) days|(\\d+) (?:business|working|work) days from (?:now|today)`,
    (cal, m) => {
      let d = cal.today;
      for (let left = Number(m[1] ?? m[2] ?? m[3]); left > 0; ) {
        d = d.plus({ days: 1 });
        if (cal.rules.workdays.has(d.weekday)) left -= 1;
      }
      return [cal.today, d.endOf('day')];
    },
  ],
  [
    `(?:(?:in|within|over|during) the next|the next|next|the coming|coming) (\\d+) ${UNIT}|(?:in|within|over|during) the (?:next|coming) ${UNIT}|within (?:(\\d+)|an?|the) ${UNIT}|in (\\d+) ${UNIT}|(?:(?:no|not) later than |by |within )?(\\d+) ${UNIT} from (?:now|today)`,
    (cal, m) => {
      // "2 weeks from now" ("a fortnight from now") reads like "in 2 weeks": the window ends then.
      const n = Number(m[1] ?? m[4] ?? m[6] ?? m[8] ?? 1);
      const unit = (m[2] ?? m[3] ?? m[5] ?? m[7] ?? m[9] ?? 'days').replace(/s?$/, 's') as 'days' | 'weeks' | 'months';
      return [cal.today, cal.today.plus({ [unit]: n }).endOf('day')];
    },
  ],
  [
    `(?:by |before )?(?:the )?end of (?:the |this )?month|(?:sometime |anytime )?this month|later this month`,
    (cal) => [cal.today, cal.today.endOf('month')],
  ],
  [`(?:by |before )?(?:the )?end of next month`, (cal) => [cal.today, cal.today.plus({ months: 1 }).endOf('month')]],
  [
    `(?:in |during |sometime )?next month`,
    (cal) => {
      const s = cal.today.plus({ months: 1 }).startOf('month');
      return [s, s.endOf('month')];
    },
  ],
  [`this week or next(?: week)?`, (cal) => [cal.today, lastWorkday(cal, startOfWeek(cal, cal.today).plus({ days: 7 })).endOf('day')]],
  [
    `next week or (?:the week after(?: next)?|the following(?: week)?)`,
    (cal) => {
      const w = startOfWeek(cal, cal.today).plus({ days: 7 });
      return [firstWorkday(cal, w), lastWorkday(cal, w.plus({ days: 7 })).endOf('day')];
    },
  ],
  [
    `(?:by |before )?(?:the )?end of next week`,
    (cal) => [cal.today, lastWorkday(cal, startOfWeek(cal, cal.today).plus({ days: 7 })).endOf('day')],
  ],
  [
    `(?:by |before )?(?:the )?end of (?:the |this )?week|(?:sometime |anytime |later )?this week`,
    (cal) => [cal.today, lastWorkday(cal, startOfWeek(cal, cal.today)).endOf('day')],
  ],
  [
    `(?:the )?week after next`,
    (cal) => {
      const w = startOfWeek(cal, cal.today).plus({ days: 14 });
      return [firstWorkday(cal, w), lastWorkday(cal, w).endOf('day')];
    },
  ],
  [
    `(?:sometime |during |in )?next week`,
    (cal) => {
      const w = startOfWeek(cal, cal.today).plus({ days: 7 });
      return [firstWorkday(cal, w), lastWorkday(cal, w).endOf('day')];
    },
  ],
  [
    `(?:in|during|sometime in|throughout|for) (${MONTH})\\b`,
    (cal, m) => {
      let s = cal.today.set({ month: monthNumber(m[1] ?? ''), day: 1 });
      if (s.endOf('month') < cal.today) s = s.plus({ years: 1 });
      return [s, s.endOf('month')];
    },
  ],
  [
    `(?:by|before|no later than|not later than|until|up to) (?:the end of )?(next ${WD}|${DATE})`,
    (cal, m) => {
      const d = readDate(cal, m[1] ?? '');
      if (!d) return null;
      return [cal.today, (/^before/.test(m[0]) ? d.minus({ days: 1 }) : d).endOf('day')];
    },
  ],
];

const COMPILED = FINDERS.map(([src, find]) => ({ re: new RegExp(`\\b(?:${src})\\b`), find }));

export function findWindow(cal: Calendar, text: string): WindowMatch | null {
  for (const { re, find } of COMPILED) {
    const m = re.exec(text);
    if (!m) continue;
    const found = find(cal, m);
    if (!found) continue;
    const [s, e] = found;
    const start = s < cal.now ? cal.now : s.startOf('day');
    if (e <= start) continue;
    return { start, end: e, phrase: m[0] };
  }
  return null;
}
