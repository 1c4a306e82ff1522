import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Context } from '../../src/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { insertBooking, listBookingsOfMeeting, listLiveBookingsOfOwner } from '../../src/db/repos/bookings.js';
import { findMeeting } from '../../src/db/repos/meetings.js';
import type { ConstraintsResult, Parsers } from '../../src/parsing/types.js';
import { resolveBookingSettings } from '../../src/services/booking-settings.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { createMeetingFromFlags, type MeetingFlags } from '../../src/services/meeting-flags.js';
import { setOwner } from '../../src/services/owners.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { standardMeeting } from '../helpers/meeting.js';
import { createWorld } from '../helpers/world.js';

let world: Awaited<ReturnType<typeof createWorld>>;

const at = (iso: string) => new Date(iso).toISOString();
const book = (ctx: Context, start: string, end: string, leadIds: number[], meetingId = 1) =>
  ctx.db.transaction().execute((trx) =>
    insertBooking(trx, {
      meeting_request_id: meetingId,
      owner_id: 'dana@acme.com',
      start_utc: at(start),
      end_utc: at(end),
      lead_ids: leadIds,
      now: at('2026-03-09T15:00:00Z'),
    }),
  );

for (const engine of ENGINES) {
  describe(`on ${engine}`, () => {
    let fresh: FreshDatabase;
    beforeEach(async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      world = await createWorld({ db: await openDatabase(fresh.url) });
    });
    afterEach(async () => {
      await world.close();
      await fresh.cleanup();
    });

    describe('resolveBookingSettings', () => {
      it('takes the meeting override, else the owner, else the defaults, in the meeting zone', async () => {
        const { ctx } = world;
        const row = async (id: number) => {
          const m = await findMeeting(ctx.db, id);
          if (!m) throw new Error('missing');
          return m;
        };
        const defaults = await resolveBookingSettings(ctx, await row(1));
        expect(defaults).toMatchObject({
          mode: 'group',
          timezone: 'America/New_York',
          working_hours: [{ start: '09:00', end: '17:00' }],
          working_days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          calendars: [],
          buffer_minutes: 0,
          min_notice_minutes: 120,
        });
        expect(defaults.owner.id).toBe('dana@acme.com');
        await setOwner(ctx, { id: 'dana@acme.com', working_hours: '08:00-12:00', buffer: '15', cwd: '/' });
        const override = await createMeeting(ctx, {
          ...standardMeeting(),
          mode: 'one-on-one',
          hard_constraints: { ...standardMeeting().hard_constraints, timezone: 'Europe/London', working_days: ['tue'] },
          min_notice_minutes: 0,
        });
        const s = await resolveBookingSettings(ctx, await row(override.id));
        expect(s).toMatchObject({
          mode: 'one_on_one',
          timezone: 'Europe/London',
          working_hours: [{ start: '08:00', end: '12:00' }],
          working_days: ['tue'],
          buffer_minutes: 15,
          min_notice_minutes: 0,
        });
      });
    });

    describe('bookings repo', () => {
      it("gives the owner's busy time from live bookings only, by overlap, leaving out one meeting on request", async () => {
        const { ctx } = world;
        await book(ctx, '2026-03-10T14:00Z', '2026-03-10T14:30Z', [1]);
        const other = await createMeeting(ctx, standardMeeting());
        await book(ctx, '2026-03-10T16:00Z', '2026-03-10T17:00Z', [2], other.id);
        const busy = (from: string, to: string, except?: number) =>
          listLiveBookingsOfOwner(ctx.db, 'dana@acme.com', at(from), at(to), except).then((rows) => rows.map((r) => r.id));
        expect(await busy('2026-03-10T00:00Z', '2026-03-11T00:00Z')).toEqual([1, 2]);
        // Touching edges do not overlap.
        expect(await busy('2026-03-10T14:30Z', '2026-03-10T16:00Z')).toEqual([]);
        expect(await busy('2026-03-10T14:29Z', '2026-03-10T16:01Z')).toEqual([1, 2]);
        expect(await busy('2026-03-10T00:00Z', '2026-03-11T00:00Z', 1)).toEqual([2]);
        expect(await listLiveBookingsOfOwner(ctx.db, 'someone@else.com', at('2026-03-01T00:00Z'), at('2026-04-01T00:00Z'))).toEqual([]);
      });

      it('returns attendees with each booking and filters live ones', async () => {
        const { ctx } = world;
        const b = await book(ctx, '2026-03-10T14:00Z', '2026-03-10T14:30Z', [2, 1]);
        expect(b.uid).toBe(`booking-${b.id}@callbook`);
        const [listed] = await listBookingsOfMeeting(ctx.db, 1, { live: true });
        expect(listed?.lead_ids).toEqual([2, 1]);
        expect(listed?.attendees.map((a) => a.name)).toEqual(['Ben Ode', 'Ana Ruiz']);
      });
    });

    describe('JSON API /bookings', () => {
      const get = (path: string, token = 'api-secret') => world.app.request(path, { headers: { Authorization: `Bearer ${token}` } });
      const post = (path: string, body: string, token = 'api-secret') =>
        world.app.request(path, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body,
        });

      it('lists, shows and cancels, with the bearer token and the error shape of the other routes', async () => {
        const { ctx } = world;
        await book(ctx, '2026-03-10T14:00Z', '2026-03-10T14:30Z', [1]);
        expect((await get('/bookings', 'wrong')).status).toBe(401);
        expect((await world.app.request('/bookings/1')).status).toBe(401);
        const list = await get('/bookings?meeting_request_id=1&owner_id=dana%40acme.com');
        expect(list.status).toBe(200);
        expect(await list.json()).toMatchObject([{ id: 1, status: 'confirmed', attendees: [{ lead_id: 1, name: 'Ana Ruiz' }] }]);
        expect(await (await get('/bookings/1')).json()).toMatchObject({ id: 1, uid: 'booking-1@callbook' });
        const cancelled = await post('/bookings/1/cancel', JSON.stringify({ reason: 'moved' }));
        expect(cancelled.status).toBe(200);
        expect(await cancelled.json()).toMatchObject({ id: 1, status: 'cancelled', sequence: 1, cancel_reason: 'moved' });
        const twice = await post('/bookings/1/cancel', '');
        expect(twice.status).toBe(409);
        expect(((await twice.json()) as any).error.kind).toBe('conflict');
        expect((await get('/bookings?status=cancelled')).status).toBe(200);
      });

      it('answers 400 naming the field and 404 for an unknown booking, changing nothing', async () => {
        const { ctx } = world;
        await book(ctx, '2026-03-10T14:00Z', '2026-03-10T14:30Z', [1]);
        const missing = await get('/bookings/9');
        expect(missing.status).toBe(404);
        expect(((await missing.json()) as any).error.message).toBe('booking 9 does not exist');
        const badId = await get('/bookings?meeting_request_id=abc');
        expect(badId.status).toBe(400);
        expect(((await badId.json()) as any).error.problems[0].field).toBe('meeting_request_id');
        const badBody = await post('/bookings/1/cancel', JSON.stringify({ reason: 7 }));
        expect(badBody.status).toBe(400);
        expect(((await badBody.json()) as any).error.problems[0].field).toBe('reason');
        const unknown = await post('/bookings/1/cancel', JSON.stringify({ reasn: 'typo' }));
        expect(unknown.status).toBe(400);
        expect(((await (await get('/bookings/1')).json()) as any).status).toBe('confirmed');
      });
    });

    describe('JSON API POST /meeting-requests with booking rules', () => {
      const post = (body: unknown) =>
        world.app.request('/meeting-requests', {
          method: 'POST',
          headers: { Authorization: 'Bearer api-secret', 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });

      it('takes mode, working time, buffer and notice, and shows them as effective hard constraints', async () => {
        const base = standardMeeting();
        const r = await post({
          ...base,
          mode: 'one-on-one',
          hard_constraints: { ...base.hard_constraints, working_hours: [{ start: '10:00', end: '16:00' }], working_days: ['tue', 'wed'] },
          buffer_minutes: 15,
          min_notice_minutes: 1440,
        });
        expect(r.status).toBe(201);
        expect(await r.json()).toMatchObject({
          mode: 'one-on-one',
          hard_constraints: {
            working_hours: [{ start: '10:00', end: '16:00' }],
            working_days: ['tue', 'wed'],
            buffer_minutes: 15,
            min_notice_minutes: 1440,
          },
        });
      });

      it.each([
        [{ mode: 'solo' }, 'mode'],
        [{ buffer_minutes: 300 }, 'buffer_minutes'],
        [{ min_notice_minutes: -1 }, 'min_notice_minutes'],
        [{ calendars: ['ftp://example.com/x.ics'] }, 'calendars.0'],
        [
          { hard_constraints: { ...standardMeeting().hard_constraints, working_hours: [{ start: '17:00', end: '09:00' }] } },
          'working_hours',
        ],
      ])('answers 400 for %j naming %s, and creates nothing', async (extra, field) => {
        const r = await post({ ...standardMeeting(), ...extra });
        expect(r.status).toBe(400);
        expect(((await r.json()) as any).error.problems.map((p: { field: string }) => p.field)).toContain(field);
        expect(await world.db.selectFrom('meeting_requests').select('id').execute()).toHaveLength(1);
      });
    });

    describe('meeting create --instruction: hard working time from the parser', () => {
      function withParser(hard: { working_hours?: { start: string; end: string }[] | null; working_days?: string[] | null }): Context {
        const result = {
          hard_constraints: {
            window_start: '2026-03-10T00:00:00.000-04:00',
            window_end: '2026-03-20T00:00:00.000-04:00',
            timezone: 'America/New_York',
            excluded_days: [],
            working_hours: null,
            working_days: null,
            ...hard,
          },
          soft_constraints: { days_of_week: [], time_of_day: [], time_ranges: [] },
          unparsed: [],
          default_window: false,
          source: 'heuristic',
          fallback_reason: null,
        } as unknown as ConstraintsResult;
        const parsers = { parseConstraints: async () => result } as unknown as Parsers;
        return { ...world.ctx, parsers: async () => parsers };
      }
      const flags = (overrides: Partial<MeetingFlags> = {}): MeetingFlags => ({
        owner_id: 'dana@acme.com',
        title: 'Intro',
        duration_minutes: 30,
        max_bookings: 2,
        timezone: 'America/New_York',
        window_start: null,
        window_end: null,
        days: null,
        parts: null,
        hours: null,
        exclude_days: null,
        instruction: 'next week, not before 10, only Tuesdays and Thursdays',
        mode: null,
        settings: {},
        cwd: '/',
        ...overrides,
      });

      it("keeps what the instruction made hard within the owner's working time", async () => {
        const ctx = withParser({ working_hours: [{ start: '10:00', end: '24:00' }], working_days: ['tue', 'thu', 'sat'] });
        const m = await createMeetingFromFlags(ctx, flags());
        expect(m.hard_constraints.working_hours).toEqual([{ start: '10:00', end: '17:00' }]);
        expect(m.hard_constraints.working_days).toEqual(['tue', 'thu']);
        expect(m.overrides).toEqual(['working_hours', 'working_days']);
      });

      it('lets explicit flags win over the instruction, and says nothing when the parser said nothing', async () => {
        const ctx = withParser({ working_hours: [{ start: '10:00', end: '16:00' }] });
        const m = await createMeetingFromFlags(ctx, flags({ settings: { working_hours: '12-18' } }));
        expect(m.hard_constraints.working_hours).toEqual([{ start: '12:00', end: '18:00' }]);
        const plain = await createMeetingFromFlags(withParser({}), flags());
        expect(plain.overrides).toEqual([]);
      });

      it("refuses hours wholly outside the owner's, naming --instruction, and writes nothing", async () => {
        const ctx = withParser({ working_hours: [{ start: '18:00', end: '21:00' }] });
        await expect(createMeetingFromFlags(ctx, flags())).rejects.toThrow(
          "--instruction: its hours 18:00-21:00 are outside the owner's working hours 09:00-17:00",
        );
        expect(await ctx.db.selectFrom('meeting_requests').select('id').execute()).toHaveLength(1);
      });
    });
  });
}
