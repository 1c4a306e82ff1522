import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(() => {
  cli = createCliSandbox();
});
afterEach(() => cli.cleanup());

describe('parse constraints', () => {
  it('prints hard and soft constraints in the JSON contract', async () => {
    const r = await cli.run([
      'parse',
      'constraints',
      'Try to book in the next two weeks, preferably Tue–Thu mornings',
      '--timezone',
      'Asia/Jerusalem',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      hard_constraints: { timezone: 'Asia/Jerusalem' },
      soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
      source: 'heuristic',
    });
    expect(r.json().hard_constraints.window_start.startsWith('2026-03-05')).toBe(true);
  });

  it('reports hard working hours and days, and null for what the instruction did not say', async () => {
    const hours = await cli.run([
      'parse',
      'constraints',
      'next week, only between 10am and 4pm, never on Fridays',
      '--timezone',
      'America/New_York',
      '--json',
    ]);
    expect(hours.code).toBe(0);
    expect(hours.json().hard_constraints).toMatchObject({
      excluded_days: ['fri'],
      working_hours: [{ start: '10:00', end: '16:00' }],
      working_days: null,
    });
    // Hard hours are not also a preference.
    expect(hours.json().soft_constraints.time_ranges).toEqual([]);

    const days = await cli.run([
      'parse',
      'constraints',
      'only Tuesdays and Thursdays, preferably mornings',
      '--timezone',
      'Europe/London',
      '--json',
    ]);
    expect(days.json().hard_constraints).toMatchObject({ working_hours: null, working_days: ['tue', 'thu'] });
    expect(days.json().soft_constraints.time_of_day).toEqual(['morning']);

    const none = await cli.run([
      'parse',
      'constraints',
      'next week, preferably between 10 and 4',
      '--timezone',
      'Asia/Jerusalem',
      '--json',
    ]);
    expect(none.json().hard_constraints).toMatchObject({ working_hours: null, working_days: null });
    expect(none.json().soft_constraints.time_ranges).toEqual([{ start: '10:00', end: '16:00' }]);
  });

  it('shows hard hours and days in the human output', async () => {
    const r = await cli.run(['parse', 'constraints', 'weekdays only, not before 10', '--timezone', 'America/New_York']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('only hours:  10:00-24:00');
    expect(r.stdout).toContain('only days:   mon, tue, wed, thu, fri');
    const plain = await cli.run(['parse', 'constraints', 'next week', '--timezone', 'America/New_York']);
    expect(plain.stdout).toContain('only hours:  -');
    expect(plain.stdout).toContain('only days:   -');
  });

  it('needs a valid timezone', async () => {
    const r = await cli.run(['parse', 'constraints', 'next week', '--timezone', 'Moon/Base']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timezone: expected an IANA timezone');
  });
});

describe('parse availability', () => {
  it('turns what a lead said into slots with the right offset', async () => {
    const r = await cli.run([
      'parse',
      'availability',
      'uh tuesday after two',
      '--window-start',
      '2026-03-09',
      '--window-end',
      '2026-03-13',
      '--timezone',
      'America/Chicago',
      '--duration',
      '30',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ intent: 'availability', slots: [{ start: '2026-03-10T14:00:00-05:00' }] });
  });

  it('names every missing window flag', async () => {
    const r = await cli.run(['parse', 'availability', 'tuesday', '--timezone', 'America/Chicago', '--json']);
    expect(r.code).toBe(2);
    expect(r.json().error.problems.map((p: { field: string }) => p.field)).toEqual(['--window-start', '--window-end', '--duration']);
  });
});

describe('meeting create --instruction and availability add --text', () => {
  it('fills the window and preferences from plain English, and stores parsed text availability', async () => {
    const created = await cli.run([
      'meeting',
      'create',
      '--owner',
      'dana@acme.com',
      '--title',
      'Intro',
      '--duration',
      '30',
      '--timezone',
      'America/New_York',
      '--instruction',
      'next week, preferably Tuesday or Wednesday afternoons',
      '--json',
    ]);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({
      hard_constraints: { window_start: '2026-03-09T00:00:00.000-04:00' },
      soft_constraints: { days_of_week: ['tue', 'wed'], time_of_day: ['afternoon'] },
      instruction_parse: { source: 'heuristic', default_window: false },
    });
    await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'w', '--lead', 'Ana,+15551230001,,America/New_York']);
    const added = await cli.run([
      'availability',
      'add',
      '--meeting',
      '1',
      '--lead',
      '1',
      '--text',
      'Wednesday between 1 and 3pm works',
      '--json',
    ]);
    expect(added.json()).toMatchObject({
      intent: 'availability',
      slots: [{ start: '2026-03-11T13:00:00-04:00', end: '2026-03-11T15:00:00-04:00' }],
    });
    const list = (await cli.run(['availability', 'list', '--meeting', '1', '--json'])).json();
    expect(list.leads[0].slots[0]).toMatchObject({ source: 'text', raw_text: 'Wednesday between 1 and 3pm works' });
  });
});
