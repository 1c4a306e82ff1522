// An owner's instruction → hard window, excluded days, hard hours and days (hard-constraints.ts) and soft
// preferences. Each recognised phrase is blanked out of the text as it is used, so whatever is left is what was
// not understood.
import { DAYS_OF_WEEK, type DayOfWeek, type PartOfDay, type TimeRange } from '../../domain/types.js';
import type { ConstraintsInput, ConstraintsResult } from '../types.js';
import { createCalendar, formatIso } from './calendar.js';
import { DAY_LIST, readDayList } from './constraints-days.js';
import { findWindow } from './constraints-window.js';
import { findHardConstraints } from './hard-constraints.js';
import { CLOCK } from './hard-phrases.js';
import { makeAfter, makeBefore, readClock, resolveRange } from './time-expressions.js';
import { collectUnparsed } from './unparsed.js';

const dayName = (n: number): DayOfWeek => DAYS_OF_WEEK[n - 1] ?? 'mon';
const hhmm = (min: number) => `${String(Math.floor(min / 60) % 24).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** Words that rule the days after them out, hard ("never on fridays", "can't do mondays", "avoid fridays"). */
const EXCLUDE =
  '(?:no|not|not on|avoid|avoiding|except(?: for)?|excluding|never(?: on)?|but not|other than|skip|skipping|without|nothing on|none on|not available on|unavailable on|(?:cant|wont|dont) (?:do|make|book|schedule|meet)(?: on)?|cant|no (?:meetings?|calls?|bookings?) on|keep (?:off|clear)|(?:im |i am |were |we are )?(?:busy|unavailable|not available|out|off)(?: on| every)?)';
/** The same, said after the days: "fridays are out", "mondays dont work". */
const EXCLUDE_AFTER =
  '(?: (?:is|are) (?:out|off limits|a no go|a no|no go|no good|not possible|not an option|off the table|blocked|off)| (?:dont|doesnt|wont) work)';

const PARTS: Array<[RegExp, PartOfDay, TimeRange | null]> = [
  [/\b(?:early (?:in the )?morning|first thing(?: in the morning)?)\b/, 'morning', { start: '08:00', end: '10:00' }],
  [/\blate (?:in the )?morning\b/, 'morning', { start: '10:00', end: '12:00' }],
  [/\b(?:morning|before lunch|am)\b/, 'morning', null],
  [/\blate (?:in the )?afternoon\b/, 'afternoon', { start: '15:00', end: '17:00' }],
  [/\bearly (?:in the )?afternoon\b/, 'afternoon', { start: '12:00', end: '14:00' }],
  [/\b(?:afternoon|after lunch|pm)\b/, 'afternoon', null],
  [/\b(?:evening|after work|night)\b/, 'evening', null],
];

export function parseConstraintsText(input: ConstraintsInput): ConstraintsResult {
  const cal = createCalendar(input.now, input.timezone);
  const hard = findHardConstraints(input.text, cal);
  let text = hard.text;
  const blank = (phrase: string) => {
    text = text.replace(phrase, ' | ');
  };
  /** Reads every match of `re` and blanks it, in one pass over the text. */
  const take = (re: RegExp, use: (m: Array<string | undefined>) => void) => {
    text = text.replace(re, (...m: Array<string | undefined>) => {
      use(m);
      return ' | ';
    });
  };

  const window = findWindow(cal, text);
  if (window) blank(window.phrase);
  const start = window?.start ?? cal.now;
  const end = window?.end ?? cal.today.plus({ days: 14 }).endOf('day');

  const timeRanges: TimeRange[] = [];
  const clockRe = new RegExp(
    `\\b(?:between (${CLOCK}) (?:and|to) (${CLOCK})|(?:from )?(${CLOCK}) (?:to|until|through) (${CLOCK})|(?:after|from|not before|no earlier than) (${CLOCK})|(?:before|until|not after|no later than) (${CLOCK}))\\b`,
    'g',
  );
  take(clockRe, (m) => {
    const c = (s: string | undefined) => (s ? readClock(s) : null);
    let range: [number, number] | null = null;
    const a = c(m[1] ?? m[3]);
    const b = c(m[2] ?? m[4]);
    const after = c(m[5]);
    const before = c(m[6]);
    const open = after ? makeAfter(after) : before ? makeBefore(before) : null;
    if (a && b) range = resolveRange(a, b);
    else if (open) range = [open.start, open.end];
    if (range && range[1] > range[0]) timeRanges.push({ start: hhmm(range[0]), end: hhmm(range[1]) });
  });

  const excluded = new Set<number>();
  const excludeRe = new RegExp(`\\b${EXCLUDE} (${DAY_LIST})`, 'g');
  const exclude = (m: Array<string | undefined>) => {
    for (const d of readDayList(m[1] ?? '')) excluded.add(d);
  };
  take(excludeRe, exclude);
  take(new RegExp(`\\b(${DAY_LIST})${EXCLUDE_AFTER}\\b`, 'g'), exclude);
  const weekendRe = new RegExp(`\\b(?:${EXCLUDE} (?:on )?(?:the )?weekends?|weekends?${EXCLUDE_AFTER})\\b`, 'g');
  take(weekendRe, () => {
    for (let d = 1; d <= 7; d += 1) if (!cal.rules.workdays.has(d)) excluded.add(d);
  });
  const days = new Set<number>();
  if (/\b(?:weekdays?|business days|working days|work days)\b/.test(text)) {
    for (const d of cal.rules.workdays) days.add(d);
    text = text.replace(/\b(?:on |during )?(?:weekdays?|business days|working days|work days)\b/g, ' ');
  }
  take(new RegExp(`\\b${DAY_LIST}`, 'g'), (m) => {
    for (const d of readDayList(m[0] ?? '')) days.add(d);
  });
  for (const d of excluded) days.delete(d);

  const parts: PartOfDay[] = [];
  for (const [re, part, range] of PARTS) {
    if (!re.test(text)) continue;
    if (!parts.includes(part)) parts.push(part);
    if (range && !timeRanges.some((r) => r.start === range.start && r.end === range.end)) timeRanges.push(range);
    text = text.replace(new RegExp(re.source, 'g'), ' ');
  }

  const ordered = (set: Set<number>) => [...set].sort((a, b) => a - b).map(dayName);
  return {
    hard_constraints: {
      window_start: formatIso(start),
      window_end: formatIso(end),
      timezone: input.timezone,
      excluded_days: ordered(excluded),
      working_hours: hard.working_hours,
      working_days: hard.working_days ? ordered(new Set([...hard.working_days].filter((d) => !excluded.has(d)))) : null,
    },
    soft_constraints: {
      days_of_week: ordered(days),
      time_of_day: parts.sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)),
      time_ranges: timeRanges,
    },
    unparsed: [
      ...collectUnparsed(
        text
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
      ...hard.conflicts,
    ],
    default_window: !window,
    source: 'heuristic',
    fallback_reason: null,
  };
}

const ORDER: PartOfDay[] = ['morning', 'afternoon', 'evening'];
