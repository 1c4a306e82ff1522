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
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Epoch ms of an ISO text with Z or an offset, checked field by field (Date.parse takes 2026-02-30). */
function instantWithOffset(m: RegExpExecArray): number | null {
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || sec > 59) return null;
  const zone = (m[8] ?? 'Z').toUpperCase();
  const o = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const offset = o ? (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3] ?? 0)) : 0;
  if (o && (Number(o[2]) > 14 || Number(o[3] ?? 0) > 59)) return null;
  return Date.UTC(y, mo - 1, d, h, mi, sec, Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3))) - offset * 60_000;
}

/**
 * A date alone is the start of that day in the lead's zone; a date-time without an offset is the
 * lead's wall clock. Consent cannot come after `nowMs`. Returns the instant as ISO UTC. `cache`
 * (one per import) keeps zone arithmetic to once per distinct text and zone: luxon costs ~0.1 ms.
 */
export function parseConsentAt(
  text: string,
  zone: string,
  nowMs: number,
  cache?: Map<string, number | string>,
): { iso: string | null; problem: string | null } {
  const expected = `expected an ISO date or date-time such as 2026-02-01 or 2026-02-01T14:30:00Z, got ${quoteForMessage(text)}`;
  const m = ISO.exec(text);
  if (!m) return { iso: null, problem: expected };
  let ms: number | string | null;
  if (m[8]) ms = instantWithOffset(m);
  else {
    const key = `${zone} ${text}`;
    ms = cache?.get(key) ?? null;
    if (ms === null) {
      const at = DateTime.fromISO(text.replace(' ', 'T'), { zone });
      ms = at.isValid ? at.toMillis() : `${expected} (${at.invalidExplanation ?? 'not a date'})`;
      cache?.set(key, ms);
    }
  }
  if (ms === null) return { iso: null, problem: `${expected} (not a date)` };
  if (typeof ms === 'string') return { iso: null, problem: ms };
  if (ms > nowMs) return { iso: null, problem: `consent cannot be given in the future, got ${quoteForMessage(text)}` };
  return { iso: new Date(ms).toISOString(), problem: null };
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
