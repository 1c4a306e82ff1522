import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(async () => {
  cli = createCliSandbox();
  await cli.run([...MEETING_FLAGS.map((f) => (f === '30' ? '60' : f)), '--max-bookings', '2']);
  await cli.run([
    'campaign',
    'add',
    '--meeting',
    '1',
    '--name',
    'M',
    '--lead',
    'Ana,+15551230001,,America/New_York',
    '--lead',
    'Ben,+15551230002,,America/Chicago',
    '--lead',
    'Cleo,+442079460958,,Europe/London',
  ]);
});
afterEach(() => cli.cleanup());

const add = (lead: number, start: string, end: string) =>
  cli.run(['availability', 'add', '--meeting', '1', '--lead', String(lead), '--start', start, '--end', end, '--json']);

describe('availability add and list', () => {
  it("reads times without an offset in the lead's timezone and marks the lead responded", async () => {
    const r = await add(2, '2026-03-10T09:00', '2026-03-10T11:00');
    expect(r.code).toBe(0);
    expect(r.json().slots).toEqual([{ start: '2026-03-10T09:00:00.000-05:00', end: '2026-03-10T11:00:00.000-05:00' }]);
    const shown = (await cli.run(['campaign', 'show', '1', '--json'])).json();
    expect(shown.leads[1].state).toBe('responded');
  });

  it('rejects end before start, a time outside the window, and a lead of another meeting', async () => {
    const backwards = await add(1, '2026-03-10T11:00', '2026-03-10T09:00');
    expect(backwards.code).toBe(2);
    expect(backwards.json().error.problems[0]).toEqual({ field: 'end', message: 'expected to be after start' });
    const outside = await add(1, '2026-04-10T09:00', '2026-04-10T11:00');
    expect(outside.json().error.message).toContain('inside the meeting window');
    const unknown = await add(99, '2026-03-10T09:00', '2026-03-10T11:00');
    expect(unknown.code).toBe(3);
    expect((await cli.run(['availability', 'list', '--meeting', '1', '--json'])).json().leads).toEqual([]);
  });

  it('lists per lead with a heat map in the owner timezone', async () => {
    await add(1, '2026-03-10T09:00', '2026-03-10T10:00');
    await add(2, '2026-03-10T08:00', '2026-03-10T09:00');
    const r = await cli.run(['availability', 'list', '--meeting', '1', '--json']);
    const day = r.json().heatmap.days.find((d: { date: string }) => d.date === '2026-03-10');
    expect(day.hours[9]).toBe(2);
    const text = await cli.run(['availability', 'list', '--meeting', '1']);
    expect(text.stdout).toContain('Ana');
    expect(text.stdout).toContain('Leads free per hour (America/New_York)');
  });
});

describe('confirm', () => {
  it('books the slot most leads can attend, shows it in every zone, and never books twice', async () => {
    await add(1, '2026-03-10T09:00', '2026-03-10T12:00'); // New York
    await add(2, '2026-03-10T09:00', '2026-03-10T10:30'); // Chicago = 10:00–11:30 New York
    await add(3, '2026-03-09T13:00', '2026-03-09T17:00'); // London, Monday only
    const dry = await cli.run(['confirm', '1', '--dry-run', '--json']);
    expect(dry.json()).toMatchObject({
      dry_run: true,
      status: 'open',
      slot: { start: '2026-03-10T10:00:00.000-04:00', end: '2026-03-10T11:00:00.000-04:00' },
    });
    expect((await cli.run(['meeting', 'show', '1', '--json'])).json().status).toBe('open');

    const r = await cli.run(['confirm', '1', '--json']);
    expect(r.code).toBe(0);
    const result = r.json();
    expect(result.status).toBe('confirmed');
    expect(result.attendees.map((a: { name: string; local_slot: { start: string } }) => [a.name, a.local_slot.start])).toEqual([
      ['Ana', '2026-03-10T10:00:00.000-04:00'],
      ['Ben', '2026-03-10T09:00:00.000-05:00'],
    ]);
    expect(result.reasons.length).toBeGreaterThan(0);

    const again = await cli.run(['confirm', '1', '--json']);
    expect(again.json()).toMatchObject({ already_confirmed: true, slot: result.slot });
    expect(again.json().attendees).toHaveLength(2);
    const text = await cli.run(['confirm', '1']);
    expect(text.stdout).toContain('already confirmed');
  });

  it('exits 5 and changes nothing when no slot fits', async () => {
    await add(1, '2026-03-10T09:00', '2026-03-10T09:30'); // shorter than the 60-minute meeting
    const r = await cli.run(['confirm', '1']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('no slot');
    expect((await cli.run(['meeting', 'show', '1', '--json'])).json().status).toBe('open');
  });
});
