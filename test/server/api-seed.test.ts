// The JSON API keeps the original service's field names: every example of its README works as
// written (instruction, meeting_request_id, owner_id, duration_minutes, hard_constraints, …),
// `text` stays an alias where it existed, and phone numbers that are not E.164 are a clear 400.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INPUT_LIMITS } from '../../src/domain/input-limits.js';
import { setOwner } from '../../src/services/owners.js';
import { createWorld } from '../helpers/world.js';

let world: Awaited<ReturnType<typeof createWorld>>;

beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

const post = (path: string, body: unknown) => world.postApi(path, body);

describe('POST /constraints/parse', () => {
  it('takes the seed\'s {"instruction", "timezone"}', async () => {
    const r = await post('/constraints/parse', { instruction: 'next week, preferably Tuesday mornings', timezone: 'Asia/Jerusalem' });
    expect(r.status).toBe(200);
    expect(r.body.hard_constraints.timezone).toBe('Asia/Jerusalem');
    expect(r.body.soft_constraints.days_of_week).toEqual(['tue']);
    expect(r.body.soft_constraints.time_of_day).toEqual(['morning']);
  });

  it('still takes `text` as an alias, and the same answer comes back', async () => {
    const a = await post('/constraints/parse', { instruction: 'next week, mornings', timezone: 'Europe/London' });
    const b = await post('/constraints/parse', { text: 'next week, mornings', timezone: 'Europe/London' });
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });

  it('names instruction when nothing was given, and both when both were', async () => {
    const none = await post('/constraints/parse', { timezone: 'Asia/Jerusalem' });
    expect(none.status).toBe(400);
    expect(none.body.error.problems.map((p: any) => p.field)).toEqual(['instruction']);
    const both = await post('/constraints/parse', { instruction: 'a', text: 'b', timezone: 'Asia/Jerusalem' });
    expect(both.status).toBe(400);
    expect(both.body.error.problems.map((p: any) => p.field)).toEqual(['text']);
  });

  it('names the body field, not a CLI flag, for a bad zone', async () => {
    const r = await post('/constraints/parse', { instruction: 'next week', timezone: 'Mars/Olympus' });
    expect(r.status).toBe(400);
    expect(r.body.error.problems[0].field).toBe('timezone');
  });

  it('refuses an instruction over the cap, naming the field and the cap', async () => {
    const r = await post('/constraints/parse', { instruction: 'x'.repeat(INPUT_LIMITS.instruction + 1), timezone: 'Asia/Jerusalem' });
    expect(r.status).toBe(400);
    expect(r.body.error.problems).toEqual([{ field: 'instruction', message: expect.stringContaining('at most 10,000 characters') }]);
  });
});

describe('POST /meeting-requests', () => {
  const seedMeeting = {
    owner_id: 'am_42',
    title: 'Quarterly review',
    duration_minutes: 45,
    max_bookings: 3,
    hard_constraints: { window_start: '2026-03-16T09:00:00+02:00', window_end: '2026-03-20T17:00:00+02:00', timezone: 'Asia/Jerusalem' },
    soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
  };

  it('creates a meeting from the seed body and answers with the same names', async () => {
    const r = await post('/meeting-requests', seedMeeting);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      owner_id: 'am_42',
      title: 'Quarterly review',
      duration_minutes: 45,
      max_bookings: 3,
      hard_constraints: { timezone: 'Asia/Jerusalem' },
      soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
    });
  });

  it('takes an instruction instead of the window, as the CLI does', async () => {
    const { hard_constraints, soft_constraints, ...rest } = seedMeeting;
    const r = await post('/meeting-requests', {
      ...rest,
      instruction: 'next two weeks, preferably Tue-Thu mornings',
      hard_constraints: { timezone: 'Asia/Jerusalem' },
    });
    expect(r.status).toBe(201);
    expect(r.body.instruction).toBe('next two weeks, preferably Tue-Thu mornings');
    expect(r.body.soft_constraints.time_of_day).toEqual(['morning']);
    expect(r.body.hard_constraints.window_start < r.body.hard_constraints.window_end).toBe(true);
  });

  it("keeps an instruction's hard hours within the owner's working hours, as the CLI does", async () => {
    await setOwner(world.ctx, { id: 'am_42', working_hours: '09:00-12:00', cwd: process.cwd() });
    const { hard_constraints, soft_constraints, ...rest } = seedMeeting;
    const r = await post('/meeting-requests', {
      ...rest,
      instruction: 'next week, only between 10am and 4pm',
      hard_constraints: { timezone: 'Asia/Jerusalem' },
    });
    expect(r.status).toBe(201);
    expect(r.body.hard_constraints.working_hours).toEqual([{ start: '10:00', end: '12:00' }]);
    const outside = await post('/meeting-requests', {
      ...rest,
      instruction: 'next week, only between 1pm and 4pm',
      hard_constraints: { timezone: 'Asia/Jerusalem' },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.problems[0]).toEqual({
      field: 'instruction',
      message: expect.stringContaining("outside the owner's working hours"),
    });
  });

  it('refuses an instruction over the cap', async () => {
    const r = await post('/meeting-requests', { ...seedMeeting, instruction: 'y'.repeat(INPUT_LIMITS.instruction + 1) });
    expect(r.status).toBe(400);
    expect(r.body.error.problems[0]).toEqual({ field: 'instruction', message: expect.stringContaining('10,000') });
  });
});

describe('POST /campaigns', () => {
  it('takes meeting_request_id and leads without a campaign name', async () => {
    const r = await post('/campaigns', {
      meeting_request_id: world.meeting.id,
      leads: [{ name: 'Noa Levi', phone: '+972501234567', email: 'noa@example.com', timezone: 'Asia/Jerusalem' }],
    });
    expect(r.status).toBe(201);
    const leads = await world.db.selectFrom('leads').select(['phone']).where('phone', '=', '+972501234567').execute();
    expect(leads).toHaveLength(1);
  });

  it('takes phone_number as an alias of phone', async () => {
    const r = await post('/campaigns', {
      meeting_request_id: world.meeting.id,
      leads: [{ name: 'Omer', phone_number: '+972501234568', timezone: 'Asia/Jerusalem' }],
    });
    expect(r.status).toBe(201);
    expect(await world.db.selectFrom('leads').select('id').where('phone', '=', '+972501234568').execute()).toHaveLength(1);
  });

  it.each(['555-0100', '+1 (555) 0100', '+99912', 'call me'])(
    'refuses %s as not E.164 with a clear 400, storing nothing',
    async (phone) => {
      const before = (await world.db.selectFrom('leads').select('id').execute()).length;
      const r = await post('/campaigns', {
        meeting_request_id: world.meeting.id,
        leads: [{ name: 'Seed Example', phone, timezone: 'America/New_York' }],
      });
      expect(r.status).toBe(400);
      expect(r.body.error.kind).toBe('bad_input');
      expect(r.body.error.problems[0].field).toMatch(/^leads\[0\]|^leads\.0/);
      expect(r.body.error.problems[0].message).toMatch(/E\.164|\+/);
      expect((await world.db.selectFrom('leads').select('id').execute()).length).toBe(before);
    },
  );
});

describe('POST /meeting-requests/:id/availability', () => {
  it('refuses text over the cap, naming text and the cap, and stores nothing', async () => {
    const r = await post(`/meeting-requests/${world.meeting.id}/availability`, {
      lead_id: 1,
      text: 'free tuesday '.repeat(1000),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.problems).toEqual([{ field: 'text', message: expect.stringContaining('at most 10,000 characters') }]);
    expect(await world.db.selectFrom('participant_availability').selectAll().execute()).toEqual([]);
  });
});
