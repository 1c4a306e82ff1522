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
    expect(r.stdout).toContain('9 Mar – 13 Mar');
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
  });

  it('rejects a bad --leads value', async () => {
    const r = await cli.run(['demo', '--leads', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--leads: expected a whole number from 1 to 5000');
  });
});
