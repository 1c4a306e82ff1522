import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

describe('meeting create', () => {
  it('creates a meeting and prints the JSON contract', async () => {
    const r = await cli.run([...MEETING_FLAGS, '--json']);
    expect(r.code).toBe(0);
    const m = r.json();
    expect(m).toMatchObject({
      id: 1,
      meeting_request_id: 1,
      owner_id: 'dana@acme.com',
      duration_minutes: 30,
      max_bookings: 1,
      status: 'open',
      hard_constraints: {
        window_start: '2026-03-09T00:00:00.000-04:00',
        window_end: '2026-03-14T00:00:00.000-04:00',
        timezone: 'America/New_York',
      },
      soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
    });
  });

  it('without a terminal, names every missing flag and writes nothing', async () => {
    const r = await cli.run(['meeting', 'create', '--owner', 'x', '--json']);
    expect(r.code).toBe(2);
    const fields = r.json().error.problems.map((p: { field: string }) => p.field);
    expect(fields).toEqual(['--title', '--duration', '--timezone', '--window-start', '--window-end']);
    const list = await cli.run(['meeting', 'list', '--json']);
    expect(list.json()).toEqual([]);
  });

  it.each([
    [['--timezone', 'Mars/Olympus'], 'timezone'],
    [['--duration', '0'], '--duration: expected a whole number from 5 to 480'],
    [['--window-end', '2026-03-01'], 'window_end'],
    [['--window-start', 'next tuesday'], 'window_start'],
    [['--days', 'tue,funday'], 'soft_constraints.days_of_week.1'],
  ])('rejects %j naming the field %s', async (override, field) => {
    const flags = [...MEETING_FLAGS];
    for (let i = 0; i < override.length; i += 2) flags[flags.indexOf(override[i] as string) + 1] = override[i + 1] as string;
    const r = await cli.run(flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(field);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect((await cli.run(['meeting', 'list', '--json'])).json()).toEqual([]);
  });

  it('shows progress and reports an unknown id with exit code 3', async () => {
    await cli.run(MEETING_FLAGS);
    const shown = await cli.run(['meeting', 'show', '1', '--json']);
    expect(shown.json().progress).toEqual({ leads: 0, called: 0, responded: 0, slots: 0 });
    const missing = await cli.run(['meeting', 'show', '42']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('meeting 42 does not exist');
  });

  it('lists meetings as a table for people', async () => {
    await cli.run(MEETING_FLAGS);
    const r = await cli.run(['meeting', 'list']);
    expect(r.stdout).toContain('Intro call');
    expect(r.stdout).toContain('Mon 9 Mar – Fri 13 Mar');
  });
});

const ICS = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'END:VCALENDAR', ''].join('\r\n');

describe('meeting create: mode and working time', () => {
  it('defaults to group mode and the owner defaults (Mon-Fri 09:00-17:00, 2 h notice, no buffer)', async () => {
    const m = (await cli.run([...MEETING_FLAGS, '--json'])).json();
    expect(m.mode).toBe('group');
    expect(m.hard_constraints).toMatchObject({
      working_hours: [{ start: '09:00', end: '17:00' }],
      working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      calendars: [],
      buffer_minutes: 0,
      min_notice_minutes: 120,
    });
    expect(m.overrides).toEqual([]);
  });

  it("inherits the owner's settings and overrides them for this meeting only", async () => {
    cli.file('dana.ics', ICS);
    await cli.run(['owner', 'set', 'dana@acme.com', '--working-hours', '08:00-12:00', '--buffer', '10', '--calendar', 'dana.ics']);
    const r = await cli.run([
      ...MEETING_FLAGS,
      '--mode',
      'one-on-one',
      '--max-bookings',
      '4',
      '--working-days',
      'mon,wed',
      '--min-notice',
      '1d',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const m = r.json();
    expect(m.mode).toBe('one-on-one');
    expect(m.hard_constraints).toMatchObject({
      working_hours: [{ start: '08:00', end: '12:00' }],
      working_days: ['mon', 'wed'],
      calendars: [`${cli.dir}/dana.ics`],
      buffer_minutes: 10,
      min_notice_minutes: 1440,
    });
    expect(m.overrides).toEqual(['working_days', 'min_notice_minutes']);
    // The owner's own profile is unchanged.
    expect((await cli.run(['owner', 'show', 'dana@acme.com', '--json'])).json().working_days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    const shown = await cli.run(['meeting', 'show', '1']);
    expect(shown.stdout).toContain('mode:         one-on-one');
    expect(shown.stdout).toContain('working time: mon,wed (this meeting) 08:00-12:00 (owner)');
    expect(shown.stdout).toContain('notice:       at least 1 d ahead (this meeting)');
    expect(shown.stdout).toContain('buffer:       10 min around other meetings (owner)');
    expect((await cli.run(['meeting', 'list'])).stdout).toContain('one-on-one');
  });

  it('--instruction turns "only between 10am and 4pm" into hard working hours for this meeting', async () => {
    const r = await cli.run([
      ...MEETING_FLAGS.slice(0, 10),
      '--instruction',
      'next week, only between 10am and 4pm, never on Fridays',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const m = r.json();
    expect(m.hard_constraints).toMatchObject({ working_hours: [{ start: '10:00', end: '16:00' }], excluded_days: ['fri'] });
    expect(m.overrides).toEqual(['working_hours']);
    const shown = await cli.run(['meeting', 'show', '1']);
    expect(shown.stdout).toContain('working time: mon-fri (owner) 10:00-16:00 (this meeting)');
    const outside = await cli.run([...MEETING_FLAGS.slice(0, 10), '--instruction', 'next week, only after 6pm']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("--instruction: its hours 18:00-24:00 are outside the owner's working hours 09:00-17:00");
  });

  it('a meeting with --working-hours any books around the clock', async () => {
    const m = (await cli.run([...MEETING_FLAGS, '--working-hours', 'any', '--json'])).json();
    expect(m.hard_constraints.working_hours).toEqual([{ start: '00:00', end: '24:00' }]);
  });

  it.each([
    [['--mode', 'solo'], '--mode: expected group or one-on-one, got "solo"'],
    [['--working-hours', '17:00-09:00'], '--working-hours: expected each range to end after it starts'],
    [['--working-hours', 'mornings'], '--working-hours: expected ranges like 09:00-12:00,13:00-17:00 (or 9-17), or "any"'],
    [['--working-days', 'mon,funday'], '--working-days: expected days like mon-fri'],
    [['--buffer', '241'], '--buffer: expected 0 to 240 minutes, got "241"'],
    [['--buffer', '-5'], '--buffer: expected a duration like 90m, 2h, 1d or a number of minutes in 0 to 240 minutes'],
    [['--min-notice', '45d'], '--min-notice: expected 0 to 30 days, got "45d"'],
    [['--calendar', 'notes.txt'], '--calendar: "notes.txt": is not an ICS calendar'],
    [['--calendar', 'webcal://example.com/x.ics'], '--calendar: webcal:// is not supported'],
  ])('rejects %j with exit 2 and writes neither meeting nor owner', async (flags, message) => {
    cli.file('notes.txt', 'not a calendar\n');
    const r = await cli.run([...MEETING_FLAGS, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect((await cli.run(['meeting', 'list', '--json'])).json()).toEqual([]);
    expect((await cli.run(['owner', 'list', '--json'])).json()).toEqual([]);
  });
});

describe('demo command', () => {
  it('runs the whole flow with --json and keeps the database with --db', async () => {
    const r = await cli.run(['demo', '--leads', '4', '--seed', '2', '--json']);
    expect(r.code).toBe(0);
    const result = r.json();
    expect(result.leads).toHaveLength(4);
    expect(result.db_path).toBe(cli.dbPath);
    const meetings = (await cli.run(['meeting', 'list', '--json'])).json();
    expect(meetings[0].progress.leads).toBe(4);
    expect(meetings.map((m: { mode: string }) => m.mode)).toEqual(['group', 'one-on-one']);
    // The owner's diary is kept beside the database, so a later confirm --db still reads it.
    const owner = (await cli.run(['owner', 'show', 'dana@acme.example', '--json'])).json();
    expect(owner.calendars).toEqual([`${cli.dir}/test.calendar.ics`]);
    const bookings = (await cli.run(['booking', 'list', '--json'])).json();
    const byMeeting = (id: number) => bookings.filter((b: { meeting_request_id: number }) => b.meeting_request_id === id);
    expect(byMeeting(1).length).toBe(result.confirmation ? 1 : 0);
    expect(byMeeting(2).length).toBe(result.one_on_one.confirmation?.bookings.length ?? 0);
    expect(owner.upcoming_bookings).toHaveLength(bookings.length);
  });

  it('rejects a bad --leads value', async () => {
    const r = await cli.run(['demo', '--leads', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--leads: expected a whole number from 1 to 5000');
  });
});
