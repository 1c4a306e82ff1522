import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallbookError, ExitCode } from '../../../src/errors.js';
import { validateCalendarSource } from '../../../src/services/calendars/index.js';
import { FIXTURES } from './loopback-server.js';

function badInput(source: string, cwd = FIXTURES): CallbookError {
  try {
    validateCalendarSource(source, cwd);
  } catch (error) {
    if (error instanceof CallbookError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to be refused`);
}

describe('validateCalendarSource (--calendar)', () => {
  it('turns a relative ICS path into an absolute one', () => {
    expect(validateCalendarSource('google-export.ics', FIXTURES)).toBe(join(FIXTURES, 'google-export.ics'));
    expect(validateCalendarSource(join(FIXTURES, 'outlook-export.ics'), '/')).toBe(join(FIXTURES, 'outlook-export.ics'));
  });

  it('accepts http and https URLs without fetching them', () => {
    const url = 'https://calendar.google.com/calendar/ical/dana%40acme.com/private-abc123/basic.ics';
    expect(validateCalendarSource(url)).toBe(url);
    expect(validateCalendarSource('HTTP://127.0.0.1:9/cal.ics')).toBe('http://127.0.0.1:9/cal.ics');
  });

  it('refuses a missing file, naming --calendar and the expected form (exit 2)', () => {
    const error = badInput('no-such.ics');
    expect(error.kind).toBe('bad_input');
    expect(error.exitCode).toBe(ExitCode.badInput);
    expect(error.message).toBe(
      '--calendar "no-such.ics": no such file; expected an .ics file path or an http(s):// iCal URL (the secret address Google Calendar or Outlook gives)',
    );
  });

  it('refuses a file that is not ICS, and a directory', () => {
    expect(badInput('not-a-calendar.txt').message).toMatch(
      /^--calendar "not-a-calendar.txt": is not an ICS calendar \(no BEGIN:VCALENDAR\); expected/,
    );
    expect(badInput('.').message).toMatch(/^--calendar ".": is not a file; expected/);
  });

  it('refuses other schemes, and says how to fix webcal:// links, without echoing the URL', () => {
    const webcal = badInput('webcal://p01-caldav.icloud.com/published/2/SECRETSECRET');
    expect(webcal.message).toMatch(/^--calendar: webcal:\/\/ is not supported; use the same address with https:\/\/; expected/);
    expect(webcal.message).not.toContain('SECRETSECRET');
    expect(badInput('ftp://example.com/cal.ics').message).toMatch(/^--calendar: ftp:\/\/ is not supported; expected/);
    expect(badInput('https://').message).toMatch(/^--calendar: is not a valid URL; expected/);
    expect(badInput('  ').message).toMatch(/^--calendar: is empty; expected/);
  });
});
