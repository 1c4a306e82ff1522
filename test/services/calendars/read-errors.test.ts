import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors.js';
import { readBusyTimes } from '../../../src/services/calendars/index.js';
import { type CalendarServer, FIXTURES, startCalendarServer } from './loopback-server.js';

const MARCH = { start: Date.parse('2027-03-01T00:00:00Z'), end: Date.parse('2027-04-01T00:00:00Z') };
const SECRET = 'private-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';

/** The error a user sees, checked for kind, exit code and message. */
async function failure(promise: Promise<unknown>): Promise<{ kind: string; exitCode: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { kind: string; exitCode: number; message: string };
    return { kind: e.kind, exitCode: e.exitCode, message: e.message };
  }
  throw new Error('expected readBusyTimes to fail');
}

describe('readBusyTimes failures over HTTP', () => {
  let server: CalendarServer;
  beforeAll(async () => {
    server = await startCalendarServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const error = await failure(readBusyTimes(`${server.base}/never/${SECRET}/basic.ics`, MARCH, { timeoutMs: 300 }));
    expect(error).toEqual({
      kind: 'remote',
      exitCode: ExitCode.remote,
      message: `calendar ${server.base}/…/basic.ics: no complete answer within 300 ms`,
    });
  });

  it('gives up on a server that sends the headers and then stalls mid-body', async () => {
    const error = await failure(readBusyTimes(`${server.base}/stall/${SECRET}/basic.ics`, { start: 0, end: 1 }, { timeoutMs: 300 }));
    expect(error.message).toBe(`calendar ${server.base}/…/basic.ics: no complete answer within 300 ms`);
  });

  it('reports a 404 without the secret path', async () => {
    const error = await failure(readBusyTimes(`${server.base}/calendar/ical/dana/${SECRET}/basic.ics`, MARCH));
    expect(error.message).toBe(`calendar ${server.base}/…/basic.ics: the server answered HTTP 404 Not Found`);
    expect(error.exitCode).toBe(ExitCode.remote);
  });

  it('refuses a body that is not ICS (a login page)', async () => {
    const error = await failure(readBusyTimes(`${server.base}/login?token=${SECRET}`, MARCH));
    expect(error.message).toBe(`calendar ${server.base}/…: is not an ICS calendar (no BEGIN:VCALENDAR)`);
  });

  it('stops reading a body larger than 10 MB', async () => {
    const error = await failure(readBusyTimes(`${server.base}/endless/${SECRET}.ics`, MARCH));
    expect(error.message).toBe(`calendar ${server.base}/…: is larger than 10 MB`);
    expect(error.kind).toBe('remote');
  });

  it('reports a server that is not there', async () => {
    const closed = await startCalendarServer();
    const base = closed.base;
    await closed.close();
    const error = await failure(readBusyTimes(`${base}/${SECRET}/basic.ics`, MARCH));
    expect(error.message).toBe(`calendar ${base}/…/basic.ics: unreachable (ECONNREFUSED)`);
  });

  it('never prints the secret part of the address, whatever the failure', async () => {
    const urls = [
      `${server.base}/never/${SECRET}/basic.ics`,
      `${server.base}/calendar/ical/dana%40acme.com/${SECRET}/basic.ics`,
      `${server.base}/login/${SECRET}?key=${SECRET}`,
      `http://user:${SECRET}@127.0.0.1:1/${SECRET}.ics`,
    ];
    for (const url of urls) {
      const error = await failure(readBusyTimes(url, MARCH, { timeoutMs: 200 }));
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain('dana');
    }
  });
});

describe('readBusyTimes failures on files', () => {
  it('refuses a stored address that is not a valid http(s) URL', async () => {
    expect((await failure(readBusyTimes('https://', MARCH))).message).toBe('calendar <invalid URL>: is not a valid URL');
    expect((await failure(readBusyTimes(`ftp://files.example.com/${SECRET}.ics`, MARCH))).message).toBe(
      'calendar ftp://files.example.com/…: ftp:// is not supported (http or https only)',
    );
  });

  it('refuses an owner zone that is not an IANA name', async () => {
    const error = await failure(readBusyTimes('floating.ics', MARCH, { cwd: FIXTURES, zone: 'Eastern' }));
    expect(error).toEqual({
      kind: 'bad_input',
      exitCode: ExitCode.badInput,
      message: 'zone: unknown time zone "Eastern"; expected an IANA name like America/New_York',
    });
  });

  it('reports a missing file', async () => {
    const error = await failure(readBusyTimes('calendars/missing.ics', MARCH, { cwd: FIXTURES }));
    expect(error).toEqual({ kind: 'remote', exitCode: ExitCode.remote, message: 'calendar calendars/missing.ics: no such file' });
  });

  it('refuses a file that is not ICS', async () => {
    const error = await failure(readBusyTimes('not-a-calendar.txt', MARCH, { cwd: FIXTURES }));
    expect(error.message).toBe('calendar not-a-calendar.txt: is not an ICS calendar (no BEGIN:VCALENDAR)');
  });

  it('refuses a directory', async () => {
    const error = await failure(readBusyTimes(FIXTURES, MARCH));
    expect(error.message).toBe(`calendar ${FIXTURES}: is not a file`);
  });

  it('refuses a file over the size cap, naming the cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbook-cal-'));
    writeFileSync(join(dir, 'big.ics'), `BEGIN:VCALENDAR\r\n${'X-FILLER:x\r\n'.repeat(200)}END:VCALENDAR\r\n`);
    const error = await failure(readBusyTimes('big.ics', MARCH, { cwd: dir, maxBytes: 1000 }));
    expect(error.message).toBe('calendar big.ics: is larger than 1000 bytes');
  });
});
