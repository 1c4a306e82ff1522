import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { insertAvailability } from '../../src/db/repos/availability.js';
import { insertOwner } from '../../src/db/repos/owners.js';
import { CallbookError } from '../../src/errors.js';
import { confirmMeeting } from '../../src/services/confirm.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { standardMeeting } from '../helpers/meeting.js';
import { createTickWorld } from '../helpers/tick-world.js';

const ZONE = 'America/New_York';
const OWNER = 'dana.smith@acme.com';
const utc = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toUTC().toISO() ?? '';

let world: Awaited<ReturnType<typeof createTickWorld>>;
let dir: string;

let made = 0;
async function leads(n: number, state = 'responded') {
  const specs = Array.from({ length: n }, () => {
    made++;
    return { name: `Lead ${made}`, phone: `+1555000${String(made).padStart(4, '0')}`, state };
  });
  return (await world.addLeads(specs)).slice(-n);
}

async function free(leadId: number, from: string, to: string, meetingId = world.meeting.id) {
  await insertAvailability(world.db, [
    {
      meeting_request_id: meetingId,
      lead_id: leadId,
      start_utc: utc(from),
      end_utc: utc(to),
      source: 'manual',
      call_id: null,
      turn: null,
      raw_text: null,
      created_at: '2026-03-09T15:00:00Z',
    },
  ]);
}

async function owner(fields: { calendars?: string[]; buffer_minutes?: number; working_hours?: { start: string; end: string }[] }) {
  // createMeeting made the owner with the defaults; this is `owner set` for the fields a test needs.
  await world.db.deleteFrom('owners').where('id', '=', OWNER).execute();
  await insertOwner(world.db, {
    id: OWNER,
    name: 'Dana',
    email: null,
    timezone: ZONE,
    working_hours: JSON.stringify(fields.working_hours ?? [{ start: '09:00', end: '17:00' }]),
    working_days: JSON.stringify(['mon', 'tue', 'wed', 'thu', 'fri']),
    calendars: JSON.stringify(fields.calendars ?? []),
    buffer_minutes: fields.buffer_minutes ?? 0,
    min_notice_minutes: 120,
    created_at: '2026-03-01T00:00:00Z',
    updated_at: '2026-03-01T00:00:00Z',
  });
}

const countBookings = async () => (await world.db.selectFrom('bookings').select('id').execute()).length;
const local = (iso: string | undefined) => (iso ? DateTime.fromISO(iso, { setZone: true }).setZone(ZONE).toFormat('ccc HH:mm') : 'none');

function ics(events: { summary: string; start: string; end: string }[]): string {
  const path = join(dir, 'work.ics');
  const body = events.map((e) =>
    [
      'BEGIN:VEVENT',
      `UID:${e.summary}@test`,
      'DTSTAMP:20260301T000000Z',
      `DTSTART;TZID=America/New_York:${e.start}`,
      `DTEND;TZID=America/New_York:${e.end}`,
      `SUMMARY:${e.summary}`,
      'END:VEVENT',
    ].join('\r\n'),
  );
  writeFileSync(path, ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...body, 'END:VCALENDAR', ''].join('\r\n'));
  return path;
}

for (const engine of ENGINES) {
  describe(`on ${engine}`, () => {
    let fresh: FreshDatabase;
    beforeEach(async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      world = await createTickWorld({ db: await openDatabase(fresh.url) }); // now: Mon 9 Mar 2026 11:00 New York
      made = 0;
      dir = mkdtempSync(join(tmpdir(), 'callbook-confirm-'));
    });
    afterEach(async () => {
      await world.close();
      await fresh.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    describe('confirm in group mode', () => {
      it('refuses a 23:00 slot outside working hours and says so, even when more leads are free then', async () => {
        const [a, b, c] = await leads(3);
        for (const l of [a, b, c]) await free(l?.id ?? 0, '2026-03-10T22:00', '2026-03-10T23:30');
        await free(c?.id ?? 0, '2026-03-11T10:00', '2026-03-11T10:30');
        const r = await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false });
        expect(local(r.slot?.start)).toBe('Wed 10:00');
        expect(r.bookings).toHaveLength(1);
        expect(r.bookings[0]?.uid).toBe(`booking-${r.bookings[0]?.id}@callbook`);
        expect(r.attendees.map((x) => x.lead_id)).toEqual([c?.id]);
        expect(r.reasons[0]).toBe('1 of 3 leads can attend (the most of any slot)');
        expect(r.reasons).toContain('3 leads are free Tue 10 Mar 22:00 EDT, but it is outside working hours 09:00–17:00');
      });

      it('never books a lead who said no after giving times (not interested, opted out, removed by an operator)', async () => {
        const [yes] = await leads(1);
        const [noThanks] = await leads(1, 'not_interested');
        const [optedOut] = await leads(1, 'opted_out');
        const [removed] = await leads(1, 'removed');
        // The three who said no were all free at 10:00; the one who said yes only at 11:00.
        for (const l of [noThanks, optedOut, removed]) await free(l?.id ?? 0, '2026-03-10T10:00', '2026-03-10T10:30');
        await free(yes?.id ?? 0, '2026-03-10T11:00', '2026-03-10T11:30');
        const r = await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: true });
        expect(local(r.slot?.start)).toBe('Tue 11:00');
        expect(r.attendees.map((x) => x.lead_id)).toEqual([yes?.id]);
      });

      it('says what would fit when nothing does, exits no_feasible_slot and writes nothing', async () => {
        const [a, b] = await leads(2);
        for (const l of [a, b]) await free(l?.id ?? 0, '2026-03-11T18:00', '2026-03-11T19:00');
        const attempt = confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false });
        await expect(attempt).rejects.toBeInstanceOf(CallbookError);
        await expect(attempt).rejects.toMatchObject({
          kind: 'no_feasible_slot',
          message: expect.stringContaining('2 leads are free Wed 11 Mar 18:00 EDT, outside working hours 09:00–17:00'),
        });
        expect(await countBookings()).toBe(0);
      });

      it("keeps out of the owner's calendar events and other bookings, widened by the buffer", async () => {
        await owner({ calendars: [ics([{ summary: 'Dentist', start: '20260310T093000', end: '20260310T100000' }])], buffer_minutes: 15 });
        const other = await createMeeting(world.ctx, { ...standardMeeting(OWNER), title: 'Other' });
        const [a, b] = await leads(2);
        await free(b?.id ?? 0, '2026-03-10T10:30', '2026-03-10T11:00', other.id);
        await world.db
          .updateTable('leads')
          .set({ meeting_request_id: other.id })
          .where('id', '=', b?.id ?? 0)
          .execute();
        await confirmMeeting(world.ctx, { meeting_request_id: other.id, dry_run: false }); // the owner is busy 10:30–11:00
        await free(a?.id ?? 0, '2026-03-10T09:00', '2026-03-10T12:30');
        const r = await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: true, explain: '2026-03-10T09:15' });
        expect(r.explanation).toBe('Tue 10 Mar 09:15 EDT is not possible: busy "Dentist" (1 lead is free then)');
        const explained = async (at: string) =>
          (await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: true, explain: at })).explanation;
        expect(await explained('2026-03-10T10:00')).toBe(
          'Tue 10 Mar 10:00 EDT is not possible: inside the 15 min buffer around busy "Dentist" (1 lead is free then)',
        );
        expect(await explained('2026-03-10T10:15')).toBe(
          'Tue 10 Mar 10:15 EDT is not possible: busy "Other (booking 1)" (1 lead is free then)',
        );
        expect(await explained('2026-03-10T11:00-04:00')).toMatch(/^Tue 10 Mar 11:00 EDT is not possible: inside the 15 min buffer/);
        expect(local(r.slot?.start)).toBe('Tue 11:15');
      });

      it('fails with exit 7 on an unreadable calendar and books nothing, unless told to ignore calendars', async () => {
        await owner({ calendars: [join(dir, 'missing.ics')] });
        const [a] = await leads(1);
        await free(a?.id ?? 0, '2026-03-10T10:00', '2026-03-10T11:00');
        const attempt = confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false });
        await expect(attempt).rejects.toMatchObject({ kind: 'remote', exitCode: 7 });
        expect(await countBookings()).toBe(0);
        const r = await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false, ignore_calendar: true });
        expect(r.warnings).toEqual(['--ignore-calendar: 1 calendar was not read, so their busy time was not checked']);
        expect(r.bookings).toHaveLength(1);
      });

      it('lists leads not reached yet and books once when two confirms race', async () => {
        const [a] = await leads(1);
        await leads(2, 'pending');
        await free(a?.id ?? 0, '2026-03-10T10:00', '2026-03-10T11:00');
        const [x, y] = await Promise.all([
          confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false }),
          confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false }),
        ]);
        expect(await countBookings()).toBe(1);
        expect([x.already_confirmed, y.already_confirmed].sort()).toEqual([false, true]);
        expect(x.unreached_leads).toMatchObject({
          count: 2,
          leads: [
            { name: 'Lead 2', state: 'pending' },
            { name: 'Lead 3', state: 'pending' },
          ],
        });
      });
    });

    describe('confirm in one-on-one mode', () => {
      it('books separate, non-overlapping meetings, one lead each, and never twice', async () => {
        await world.db
          .updateTable('meeting_requests')
          .set({ mode: 'one_on_one', max_bookings: 3 })
          .where('id', '=', world.meeting.id)
          .execute();
        const [a, b, c] = await leads(3);
        await free(a?.id ?? 0, '2026-03-10T09:00', '2026-03-10T12:00'); // answered first, free all morning
        await free(b?.id ?? 0, '2026-03-10T13:00', '2026-03-10T13:30');
        await free(c?.id ?? 0, '2026-03-10T13:00', '2026-03-10T13:30'); // same half hour as b: only one of them fits
        const r = await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false });
        expect(r.mode).toBe('one_on_one');
        expect(r.slot).toBeNull();
        expect(r.bookings.map((x) => [local(x.slot.start), x.attendees.map((t) => t.lead_id)])).toEqual([
          ['Tue 09:00', [a?.id]],
          ['Tue 13:00', [b?.id]],
        ]);
        expect(r.reasons[0]).toBe(
          '2 separate meetings booked, one lead each; 3 of 3 leads can attend at least one allowed time; the cap is 3 bookings',
        );
        expect(r.reasons[1]).toBe('no set of more than 2 non-overlapping times gives each a different lead who can attend');
        expect(await countBookings()).toBe(2);
        const again = await confirmMeeting(world.ctx, { meeting_request_id: world.meeting.id, dry_run: false });
        expect(again.already_confirmed).toBe(true);
        expect(again.bookings.map((x) => x.id)).toEqual(r.bookings.map((x) => x.id));
        expect(await countBookings()).toBe(2);
      });
    });
  });
}
