// When and where a lead agreed to be called (TCPA prior express consent, integrations.md §4).
import { DateTime } from 'luxon';
import { badInput } from '../errors.js';
import { quoteForMessage } from './zones.js';

export interface ConsentText {
  source: string;
  /** ISO date or date-time, as written. */
  at: string;
}

// Calendar dates and date-times only: luxon would also take week dates (2026-W05) and bare years.
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * A date alone is the start of that day in the lead's zone; a date-time without an offset is the
 * lead's wall clock. Consent cannot come after `nowMs`. Returns the instant as ISO UTC.
 */
export function parseConsentAt(text: string, zone: string, nowMs: number): { iso: string | null; problem: string | null } {
  const expected = 'expected an ISO date or date-time such as 2026-02-01 or 2026-02-01T14:30:00Z';
  if (!ISO.test(text)) return { iso: null, problem: `${expected}, got ${quoteForMessage(text)}` };
  const at = DateTime.fromISO(text.replace(' ', 'T'), { zone });
  if (!at.isValid) return { iso: null, problem: `${expected}, got ${quoteForMessage(text)} (${at.invalidExplanation ?? 'not a date'})` };
  if (at.toMillis() > nowMs) return { iso: null, problem: `consent cannot be given in the future, got ${quoteForMessage(text)}` };
  return { iso: at.toUTC().toISO(), problem: null };
}

/** `--consent "web form 2026-02-01"`: the source, a space, then the date or date-time. */
export function parseConsentFlag(text: string, flag: string, nowMs: number): ConsentText {
  const m = /^(.*\S)\s+(\S+)$/.exec(text.trim());
  const source = m?.[1] ?? '';
  const at = m?.[2] ?? '';
  const form = 'expected "SOURCE DATE" such as "web form 2026-02-01" (an ISO date or date-time last)';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\x00-\x1f\x7f-\x9f]/.test(text)) throw badInput([{ field: flag, message: `${form}; it contains a control character` }]);
  if (!m || !ISO.test(at)) throw badInput([{ field: flag, message: `${form}, got ${quoteForMessage(text)}` }]);
  if (source.length > 200) throw badInput([{ field: flag, message: 'expected a consent source of at most 200 characters' }]);
  const parsed = parseConsentAt(at, 'UTC', nowMs + 14 * 3600_000);
  if (parsed.problem) throw badInput([{ field: flag, message: parsed.problem }]);
  return { source, at };
}
