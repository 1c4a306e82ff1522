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

const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//test//EN',
  'BEGIN:VEVENT',
  'UID:standup@test',
  'DTSTAMP:20260301T000000Z',
  'DTSTART;TZID=America/New_York:20260310T100000',
  'DTEND;TZID=America/New_York:20260310T110000',
  'SUMMARY:Standup',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('confirm inside the owner hard constraints', () => {
  it('refuses a 23:00 booking, exits 5 and says what would fit', async () => {
    await add(1, '2026-03-10T22:00', '2026-03-10T23:30'); // New York
    await add(2, '2026-03-10T21:00', '2026-03-10T22:30'); // Chicago: the same hour and a half
    const r = await cli.run(['confirm', '1']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('2 leads are free Tue 10 Mar 22:00 EDT, outside working hours 09:00–17:00');
    expect((await cli.run(['meeting', 'show', '1', '--json'])).json().status).toBe('open');
    expect((await cli.run(['booking', 'list', '--json'])).json()).toEqual([]);
  });

  it('--explain says why a start was not chosen and changes nothing', async () => {
    await add(1, '2026-03-10T09:00', '2026-03-10T12:00');
    await add(2, '2026-03-10T22:00', '2026-03-10T23:30'); // Chicago: 23:00–00:30 New York
    const r = await cli.run(['confirm', '1', '--explain', '2026-03-10T23:00', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      dry_run: true,
      status: 'open',
      explanation: 'Tue 10 Mar 23:00 EDT is not possible: outside working hours 09:00–17:00 (1 lead is free then)',
    });
    const text = await cli.run(['confirm', '1', '--explain', '2026-03-10T10:00']);
    expect(text.stdout).toContain(
      'explain: Tue 10 Mar 10:00 EDT was not chosen: as many can attend (1) as at the chosen Tue 10 Mar 09:00 EDT and it matches as many preferences, but it is later',
    );
    const bad = await cli.run(['confirm', '1', '--explain', 'tuesday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--explain: expected an ISO start time');
    expect((await cli.run(['meeting', 'show', '1', '--json'])).json().status).toBe('open');
  });

  it("keeps clear of the owner's calendar; exits 7 when it cannot be read unless --ignore-calendar", async () => {
    const calendar = cli.file('work.ics', ICS);
    expect((await cli.run(['owner', 'set', 'dana@acme.com', '--calendar', calendar])).code).toBe(0);
    await add(1, '2026-03-10T10:00', '2026-03-10T12:00');
    const dry = await cli.run(['confirm', '1', '--dry-run', '--json']);
    expect(dry.json().slot.start).toBe('2026-03-10T11:00:00.000-04:00');

    cli.file('work.ics', 'not a calendar');
    const broken = await cli.run(['confirm', '1']);
    expect(broken.code).toBe(7);
    expect(broken.stderr).toContain('work.ics');
    expect((await cli.run(['meeting', 'show', '1', '--json'])).json().status).toBe('open');

    const ignored = await cli.run(['confirm', '1', '--ignore-calendar']);
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toContain('warning: --ignore-calendar: 1 calendar was not read');
    expect(ignored.stdout).toContain('booking 1: Tue 10 Mar, 10:00–11:00 EDT');
    expect(ignored.stdout).toContain('warning: 2 leads have not been reached yet: Ben (pending), Cleo (pending)');
  });
});

describe('confirm in one-on-one mode', () => {
  it('books separate meetings, one lead each, in every zone, and never twice', async () => {
    const created = await cli.run([
      ...MEETING_FLAGS.map((f) => (f === '30' ? '60' : f)),
      '--mode',
      'one-on-one',
      '--max-bookings',
      '3',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const id = String(created.json().id);
    await cli.run([
      'campaign',
      'add',
      '--meeting',
      id,
      '--name',
      'O',
      '--lead',
      'Dee,+15551230011,,America/New_York',
      '--lead',
      'Eli,+15551230012,,Europe/London',
    ]);
    const leads = (await cli.run(['campaign', 'show', '2', '--json'])).json().leads as { id: number }[];
    const addTo = (lead: number, start: string, end: string) =>
      cli.run(['availability', 'add', '--meeting', id, '--lead', String(lead), '--start', start, '--end', end]);
    await addTo(leads[0]?.id ?? 0, '2026-03-10T09:00', '2026-03-10T11:00'); // New York
    await addTo(leads[1]?.id ?? 0, '2026-03-10T14:00', '2026-03-10T15:00'); // London = 10:00–11:00 New York

    const r = await cli.run(['confirm', id, '--json']);
    expect(r.code).toBe(0);
    const result = r.json();
    expect(result.mode).toBe('one_on_one');
    expect(result.slot).toBeNull();
    expect(
      result.bookings.map((b: { uid: string; slot: { start: string }; attendees: { name: string; local_slot: { start: string } }[] }) => [
        b.slot.start,
        b.attendees.map((a) => [a.name, a.local_slot.start]),
        b.uid.endsWith('@callbook'),
      ]),
    ).toEqual([
      ['2026-03-10T09:00:00.000-04:00', [['Dee', '2026-03-10T09:00:00.000-04:00']], true],
      ['2026-03-10T10:00:00.000-04:00', [['Eli', '2026-03-10T14:00:00.000+00:00']], true],
    ]);
    const again = await cli.run(['confirm', id]);
    expect(again.stdout).toContain('already confirmed (2 bookings)');
    expect(again.stdout).toContain('Eli (+15551230012): Tue 10 Mar, 14:00–15:00 GMT');
  });
});
