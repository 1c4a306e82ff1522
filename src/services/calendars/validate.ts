import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CallbookError } from '../../errors.js';
import { looksLikeIcs } from './ics-text.js';

const EXPECTED = 'an .ics file path or an http(s):// iCal URL (the secret address Google Calendar or Outlook gives)';

/**
 * Checks a `--calendar` value at the moment it is given, so a typo fails `owner set` / `meeting create`
 * (exit 2) instead of the next `confirm`. Returns the normalised source: an absolute path, or the URL.
 * A URL is not fetched here: it is read fresh at each confirm, and may be briefly down now.
 */
export function validateCalendarSource(source: string, cwd: string = process.cwd()): string {
  const text = source.trim();
  if (text === '') throw badCalendar('is empty', text);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined) return validateUrl(text, scheme);
  if (/^webcal:/i.test(text)) throw badCalendar('webcal: is not supported; use the same address with https://', text);
  return validateFile(resolve(cwd, text), text);
}

function validateUrl(text: string, scheme: string): string {
  if (scheme !== 'http' && scheme !== 'https') {
    const hint = scheme === 'webcal' ? '; use the same address with https://' : '';
    throw badCalendar(`${scheme}:// is not supported${hint}`, '');
  }
  try {
    return new URL(text).toString();
  } catch {
    throw badCalendar('is not a valid URL', '');
  }
}

function validateFile(path: string, shown: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw badCalendar('is not a file', shown);
    size = stat.size;
  } catch (error) {
    if (error instanceof CallbookError) throw error;
    throw badCalendar('no such file', shown);
  }
  if (!looksLikeIcs(readHead(path, Math.min(size, 4096)))) {
    throw badCalendar('is not an ICS calendar (no BEGIN:VCALENDAR)', shown);
  }
  return path;
}

function readHead(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

// URLs are secret addresses: the message never repeats one (shown is '' for URLs).
function badCalendar(why: string, shown: string): CallbookError {
  const what = shown === '' ? '' : ` ${JSON.stringify(shown)}`;
  return new CallbookError('bad_input', `--calendar${what}: ${why}; expected ${EXPECTED}`, {
    problems: [{ field: '--calendar', message: `${why}; expected ${EXPECTED}` }],
  });
}
