import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { insertBooking, listLiveBookingsOfOwner } from '../../src/db/repos/bookings.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(async () => {
  cli = createCliSandbox();
  await cli.run([...MEETING_FLAGS, '--max-bookings', '3', '--mode', 'one-on-one']);
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

/** Books straight through the repo, as confirm does, so these tests do not depend on the optimizer. */
async function book(slots: { start: string; end: string; leads: number[]; meeting?: number }[]) {
  const db = await openDatabase(cli.dbPath);
  try {
    for (const s of slots)
      await db.transaction().execute((trx) =>
        insertBooking(trx, {
          meeting_request_id: s.meeting ?? 1,
          owner_id: 'dana@acme.com',
          start_utc: s.start,
          end_utc: s.end,
          lead_ids: s.leads,
          now: '2026-03-05T12:00:00.000Z',
        }),
      );
  } finally {
    await db.destroy();
  }
}

async function liveOfOwner() {
  const db = await openDatabase(cli.dbPath);
  try {
    return await listLiveBookingsOfOwner(db, 'dana@acme.com', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z');
  } finally {
    await db.destroy();
  }
}

const TUE_10 = { start: '2026-03-10T14:00:00.000Z', end: '2026-03-10T14:30:00.000Z' };
const WED_11 = { start: '2026-03-11T15:00:00.000Z', end: '2026-03-11T15:30:00.000Z' };

describe('booking list and show', () => {
  it('lists bookings with their attendees in the meeting zone and shows one', async () => {
    await book([
      { ...WED_11, leads: [2] },
      { ...TUE_10, leads: [1] },
    ]);
    const list = await cli.run(['booking', 'list', '--json']);
    expect(list.code).toBe(0);
    const bookings = list.json();
    expect(bookings.map((b: { id: number }) => b.id)).toEqual([2, 1]);
    expect(bookings[0]).toMatchObject({
      id: 2,
      uid: 'booking-2@callbook',
      sequence: 0,
      meeting_request_id: 1,
      owner_id: 'dana@acme.com',
      status: 'confirmed',
      slot: { start: '2026-03-10T10:00:00.000-04:00', end: '2026-03-10T10:30:00.000-04:00' },
      attendees: [{ lead_id: 1, name: 'Ana', phone: '+15551230001', local_slot: { start: '2026-03-10T10:00:00.000-04:00' } }],
    });
    const table = await cli.run(['booking', 'list']);
    expect(table.stdout).toContain('Tue 10 Mar, 10:00–10:30 EDT');
    const shown = await cli.run(['booking', 'show', '1']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Booking 1: Intro call');
    expect(shown.stdout).toContain('Ben +15551230002 (Wed 11 Mar, 10:00 CDT, America/Chicago)');
    expect(shown.stdout).toContain('uid:        booking-1@callbook (sequence 0)');
  });

  it('filters by meeting, owner and status, and rejects what does not exist', async () => {
    await book([{ ...TUE_10, leads: [1] }]);
    expect((await cli.run(['booking', 'list', '--meeting', '1', '--json'])).json()).toHaveLength(1);
    expect((await cli.run(['booking', 'list', '--owner', 'dana@acme.com', '--status', 'cancelled', '--json'])).json()).toEqual([]);
    const noMeeting = await cli.run(['booking', 'list', '--meeting', '9']);
    expect(noMeeting.code).toBe(3);
    expect(noMeeting.stderr).toContain('meeting 9 does not exist');
    expect((await cli.run(['booking', 'list', '--owner', 'nobody'])).code).toBe(3);
    const badStatus = await cli.run(['booking', 'list', '--status', 'live']);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('--status: expected one of confirmed, cancelled, got "live"');
    expect((await cli.run(['booking', 'list', '--meeting', 'one'])).code).toBe(2);
    const missing = await cli.run(['booking', 'show', '7']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('booking 7 does not exist');
  });

  it('owner show lists the upcoming live bookings', async () => {
    await book([{ ...TUE_10, leads: [1] }]);
    const shown = await cli.run(['owner', 'show', 'dana@acme.com', '--json']);
    expect(shown.json().upcoming_bookings.map((b: { id: number }) => b.id)).toEqual([1]);
    const past = await cli.run(['owner', 'show', 'dana@acme.com', '--json'], { env: { CALLBOOK_NOW: '2026-03-20T12:00:00Z' } });
    expect(past.json().upcoming_bookings).toEqual([]);
  });
});

describe('booking cancel', () => {
  it("cancels with a reason, raises the sequence and frees the owner's time; twice is a conflict", async () => {
    await book([
      { ...TUE_10, leads: [1] },
      { ...WED_11, leads: [2] },
    ]);
    expect((await liveOfOwner()).map((b) => b.id)).toEqual([1, 2]);
    const r = await cli.run(['booking', 'cancel', '1', '--reason', 'lead asked to move it', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ id: 1, status: 'cancelled', sequence: 1, cancel_reason: 'lead asked to move it' });
    expect((await liveOfOwner()).map((b) => b.id)).toEqual([2]);
    // The lead's live booking is gone, so the same lead can be booked into this meeting again.
    await book([{ ...WED_11, leads: [1] }]);
    const again = await cli.run(['booking', 'cancel', '1']);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('booking 1 is already cancelled');
    expect((await cli.run(['booking', 'show', '1', '--json'])).json().sequence).toBe(1);
    const human = await cli.run(['booking', 'cancel', '2']);
    expect(human.stdout).toContain('Cancelled booking 2');
    expect(human.stdout).toContain("The owner's time is free again");
  });

  it('never holds two live bookings of one lead in one meeting', async () => {
    await book([{ ...TUE_10, leads: [1] }]);
    await expect(book([{ ...WED_11, leads: [1] }])).rejects.toThrow(/UNIQUE/);
    expect((await cli.run(['booking', 'list', '--json'])).json()).toHaveLength(1);
  });
});

describe('meeting reopen and cancel', () => {
  it('reopen cancels the live bookings and opens the meeting again', async () => {
    await book([
      { ...TUE_10, leads: [1] },
      { ...WED_11, leads: [2] },
    ]);
    const db = await openDatabase(cli.dbPath);
    await db.updateTable('meeting_requests').set({ status: 'confirmed' }).execute();
    await db.destroy();
    const r = await cli.run(['meeting', 'reopen', '1', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ meeting_request_id: 1, status: 'open' });
    expect(r.json().cancelled_bookings.map((b: { id: number; status: string }) => [b.id, b.status])).toEqual([
      [1, 'cancelled'],
      [2, 'cancelled'],
    ]);
    expect(await liveOfOwner()).toEqual([]);
    const shown = (await cli.run(['meeting', 'show', '1', '--json'])).json();
    expect(shown.status).toBe('open');
    expect(shown.bookings.map((b: { cancel_reason: string }) => b.cancel_reason)).toEqual(['meeting reopened', 'meeting reopened']);
    const human = await cli.run(['meeting', 'reopen', '1']);
    expect(human.stdout).toContain('Meeting 1 is open again; it had no live bookings.');
  });

  it('cancel cancels the bookings and the meeting; tick no longer dials it; it cannot be reopened', async () => {
    await book([{ ...TUE_10, leads: [1] }]);
    const tickAt = { env: { CALLBOOK_NOW: '2026-03-09T15:00:00Z' } };
    const before = await cli.run(['tick', '--dry-run', '--json'], tickAt);
    expect(before.code).toBe(0);
    expect(before.json().summary.leads).toBe(3);
    const r = await cli.run(['meeting', 'cancel', '1', '--reason', 'deal lost']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Meeting 1 is cancelled: it will not be dialed or booked again; cancelled 1 booking.');
    expect((await cli.run(['booking', 'show', '1', '--json'])).json()).toMatchObject({ status: 'cancelled', cancel_reason: 'deal lost' });
    const after = await cli.run(['tick', '--dry-run', '--json'], tickAt);
    expect(after.json().summary.leads).toBe(0);
    expect(after.json().would_call).toEqual([]);
    const again = await cli.run(['meeting', 'cancel', '1']);
    expect(again.code).toBe(4);
    const reopen = await cli.run(['meeting', 'reopen', '1']);
    expect(reopen.code).toBe(4);
    expect(reopen.stderr).toContain('meeting 1 is cancelled');
    expect((await cli.run(['meeting', 'reopen', '99'])).code).toBe(3);
  });
});
