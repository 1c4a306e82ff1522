// The working-time flags shared by `owner set` and `meeting create`, read from text into
// typed settings. Every problem is collected so the user fixes them all at once; each names
// its flag and the expected form. Nothing is written before this has passed.
import {
  DURATION_FORM,
  MAX_BUFFER_MINUTES,
  MAX_MIN_NOTICE_MINUTES,
  parseDurationMinutes,
  parseWorkingDays,
  parseWorkingHours,
  type TimeRange,
} from '../domain/booking/working-time.js';
import type { DayOfWeek } from '../domain/types.js';
import { badInput, CallbookError, type FieldProblem } from '../errors.js';
import { validateCalendarSource } from './calendars/validate.js';

export interface SettingsText {
  working_hours?: string;
  working_days?: string;
  /** Each --calendar value; ["none"] clears the list. */
  calendars?: string[];
  buffer?: string;
  min_notice?: string;
}

export interface SettingsValues {
  working_hours?: TimeRange[];
  working_days?: DayOfWeek[];
  calendars?: string[];
  buffer_minutes?: number;
  min_notice_minutes?: number;
}

function minutesIn(text: string, flag: string, max: number, range: string, problems: FieldProblem[]): number | undefined {
  try {
    const minutes = parseDurationMinutes(text);
    if (minutes <= max) return minutes;
    problems.push({ field: flag, message: `expected ${range}, got "${text}"` });
  } catch {
    problems.push({ field: flag, message: `expected ${DURATION_FORM} in ${range}, got "${text}"` });
  }
  return undefined;
}

/** Text flags → settings; throws one bad_input listing every problem. `cwd` resolves calendar paths. */
export function parseSettingsText(text: SettingsText, cwd: string): SettingsValues {
  const problems: FieldProblem[] = [];
  const values: SettingsValues = {};
  const attempt = <T>(flag: string, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      // The calendar reader's message names the file ("notes.txt": is not an ICS calendar); keep that.
      const message = (error as Error).message.replace(/^--calendar:?\s*/, '');
      problems.push({ field: error instanceof CallbookError ? (error.problems[0]?.field ?? flag) : flag, message });
      return undefined;
    }
  };
  if (text.working_hours !== undefined)
    values.working_hours = attempt('--working-hours', () => parseWorkingHours(text.working_hours ?? ''));
  if (text.working_days !== undefined) values.working_days = attempt('--working-days', () => parseWorkingDays(text.working_days ?? ''));
  if (text.buffer !== undefined)
    values.buffer_minutes = minutesIn(text.buffer, '--buffer', MAX_BUFFER_MINUTES, `0 to ${MAX_BUFFER_MINUTES} minutes`, problems);
  if (text.min_notice !== undefined)
    values.min_notice_minutes = minutesIn(text.min_notice, '--min-notice', MAX_MIN_NOTICE_MINUTES, '0 to 30 days', problems);
  if (text.calendars !== undefined) {
    const given = text.calendars.map((c) => c.trim());
    if (given.length === 1 && given[0]?.toLowerCase() === 'none') values.calendars = [];
    else {
      const sources = given.map((source) => attempt('--calendar', () => validateCalendarSource(source, cwd)));
      values.calendars = [...new Set(sources.filter((s): s is string => s !== undefined))];
    }
  }
  if (problems.length > 0) throw badInput(problems);
  return values;
}
