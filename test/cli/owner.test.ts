import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'END:VCALENDAR', ''].join('\r\n');

describe('owner set', () => {
  it('creates an owner with the defaults, then changes only the flags given', async () => {
    const created = await cli.run(['owner', 'set', 'dana@acme.com', '--name', 'Dana Levi', '--timezone', 'America/New_York', '--json']);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({
      id: 'dana@acme.com',
      name: 'Dana Levi',
      timezone: 'America/New_York',
      working_hours: [{ start: '09:00', end: '17:00' }],
      working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      calendars: [],
      buffer_minutes: 0,
      min_notice_minutes: 120,
    });
    cli.file('dana.ics', ICS);
    const changed = await cli.run([
      'owner',
      'set',
      'dana@acme.com',
      '--working-hours',
      '13:00-17:00,09:00-12:00',
      '--working-days',
      'mon,wed,fri',
      '--calendar',
      'dana.ics',
      '--calendar',
      'https://calendar.google.com/calendar/ical/dana%40acme.com/private-0123456789abcdef0123/basic.ics',
      '--buffer',
      '15',
      '--min-notice',
      '1d',
      '--json',
    ]);
    expect(changed.code).toBe(0);
    const owner = changed.json();
    expect(owner).toMatchObject({
      name: 'Dana Levi',
      working_hours: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
      working_days: ['mon', 'wed', 'fri'],
      buffer_minutes: 15,
      min_notice_minutes: 1440,
    });
    // The file is stored as an absolute path; the secret iCal URL is never printed whole.
    expect(owner.calendars[0]).toBe(`${cli.dir}/dana.ics`);
    expect(owner.calendars[1]).toBe('https://calendar.google.com/…/basic.ics');
    expect(changed.stdout).not.toContain('private-0123456789abcdef');
  });

  it('takes "any" for the whole day and "none" to clear the calendars', async () => {
    cli.file('dana.ics', ICS);
    await cli.run(['owner', 'set', 'dana', '--calendar', 'dana.ics']);
    const r = await cli.run(['owner', 'set', 'dana', '--working-hours', 'any', '--working-days', 'any', '--calendar', 'none', '--json']);
    expect(r.json()).toMatchObject({
      working_hours: [{ start: '00:00', end: '24:00' }],
      working_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      calendars: [],
    });
    const shown = await cli.run(['owner', 'show', 'dana']);
    expect(shown.stdout).toContain('working time: any any');
  });

  it.each([
    [['--working-hours', '17:00-09:00'], '--working-hours: expected each range to end after it starts, got "17:00-09:00"'],
    [['--working-hours', '9am to 5pm'], '--working-hours: expected ranges like 09:00-12:00,13:00-17:00 (or 9-17), or "any"'],
    [['--working-days', 'mon-funday'], '--working-days: expected days like mon-fri'],
    [['--buffer', '300'], '--buffer: expected 0 to 240 minutes, got "300"'],
    [['--buffer', 'lots'], '--buffer: expected a duration like 90m, 2h, 1d or a number of minutes in 0 to 240 minutes'],
    [['--min-notice', '31d'], '--min-notice: expected 0 to 30 days, got "31d"'],
    [['--calendar', 'notes.txt'], '--calendar: "notes.txt": is not an ICS calendar'],
    [['--calendar', 'missing.ics'], '--calendar: "missing.ics": no such file'],
    [['--calendar', 'ftp://example.com/cal.ics'], '--calendar: ftp:// is not supported'],
    [['--timezone', 'Mars/Olympus'], '--timezone: expected an IANA timezone'],
    [['--email', 'dana'], '--email: expected an email address'],
  ])('rejects %j with exit 2, naming the flag, and writes nothing', async (flags, message) => {
    cli.file('notes.txt', 'just some notes\n');
    const r = await cli.run(['owner', 'set', 'dana@acme.com', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect((await cli.run(['owner', 'list', '--json'])).json()).toEqual([]);
  });

  it('lists every problem at once', async () => {
    const r = await cli.run(['owner', 'set', 'dana', '--working-hours', '5-3', '--buffer', '-1', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['--working-hours', '--buffer']);
  });
});

describe('owner list and show', () => {
  it('a meeting that names an unknown owner creates it with the defaults in the meeting zone', async () => {
    expect((await cli.run(MEETING_FLAGS)).code).toBe(0);
    const list = await cli.run(['owner', 'list', '--json']);
    expect(list.json()).toMatchObject([
      { id: 'dana@acme.com', timezone: 'America/New_York', working_days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
    ]);
    const table = await cli.run(['owner', 'list']);
    expect(table.stdout).toContain('mon-fri 09:00-17:00');
  });

  it('show prints the effective settings and no bookings yet; an unknown id is exit 3', async () => {
    await cli.run(['owner', 'set', 'dana@acme.com', '--buffer', '10', '--min-notice', '4h']);
    const shown = await cli.run(['owner', 'show', 'dana@acme.com']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('working time: mon-fri 09:00-17:00');
    expect(shown.stdout).toContain('notice:       at least 4 h ahead');
    expect(shown.stdout).toContain('buffer:       10 min');
    expect(shown.stdout).toContain('upcoming bookings: none');
    expect((await cli.run(['owner', 'show', 'dana@acme.com', '--json'])).json().upcoming_bookings).toEqual([]);
    const missing = await cli.run(['owner', 'show', 'nobody']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('owner nobody does not exist');
  });
});
