// The JSON API reads its bodies strictly: wrong types and unknown keys are a 400 naming the field,
// never a silent default (a "true" string once booked a meeting for real) nor a 500.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/world.js';

let world: Awaited<ReturnType<typeof createWorld>>;

beforeEach(async () => {
  world = await createWorld();
});
afterEach(async () => {
  await world.close();
});

const post = (path: string, body: unknown) => world.postApi(path, body);

function fields(body: { error: { problems: { field: string }[] } }): string[] {
  return body.error.problems.map((p) => p.field);
}

const SLOT = { start: '2026-03-10T09:00:00-04:00', end: '2026-03-10T10:00:00-04:00' };

describe('confirm-best-slot', () => {
  beforeEach(async () => {
    expect((await post(`/meeting-requests/${world.meeting.id}/availability`, { lead_id: 1, slots: [SLOT] })).status).toBe(201);
  });

  it('refuses dry_run as a string and books nothing', async () => {
    const r = await post(`/meeting-requests/${world.meeting.id}/confirm-best-slot`, { dry_run: 'true' });
    expect(r.status).toBe(400);
    expect(r.body.error.kind).toBe('bad_input');
    expect(fields(r.body)).toEqual(['dry_run']);
    const meeting = await world.db.selectFrom('meeting_requests').select('status').executeTakeFirstOrThrow();
    expect(meeting.status).toBe('open');
  });

  it('refuses an unknown key (a misspelt dry_run) and books nothing', async () => {
    const r = await post(`/meeting-requests/${world.meeting.id}/confirm-best-slot`, { dryRun: true });
    expect(r.status).toBe(400);
    expect(fields(r.body)).toEqual(['dryRun']);
    expect((await world.db.selectFrom('meeting_requests').select('status').executeTakeFirstOrThrow()).status).toBe('open');
  });

  it('still looks without booking on a JSON true, and books on an empty body', async () => {
    expect((await post(`/meeting-requests/${world.meeting.id}/confirm-best-slot`, { dry_run: true })).status).toBe(200);
    expect((await world.db.selectFrom('meeting_requests').select('status').executeTakeFirstOrThrow()).status).toBe('open');
    expect((await post(`/meeting-requests/${world.meeting.id}/confirm-best-slot`, '')).status).toBe(200);
    expect((await world.db.selectFrom('meeting_requests').select('status').executeTakeFirstOrThrow()).status).toBe('confirmed');
  });
});

describe('availability', () => {
  it.each([
    ['a number for a slot start', { lead_id: 1, slots: [{ start: 5, end: SLOT.end }] }, ['slots.0.start']],
    ['an array for lead_id', { lead_id: [1], slots: [SLOT] }, ['lead_id']],
    ['a string for lead_id', { lead_id: '1', slots: [SLOT] }, ['lead_id']],
    ['slots that are not an array', { lead_id: 1, slots: 'tomorrow' }, ['slots']],
    ['an unknown key in a slot', { lead_id: 1, slots: [{ ...SLOT, zone: 'UTC' }] }, ['slots.0.zone']],
    ['text that is not a string', { lead_id: 1, text: 42 }, ['text']],
  ])('answers 400 naming the field for %s, and stores nothing', async (_, body, expected) => {
    const r = await post(`/meeting-requests/${world.meeting.id}/availability`, body);
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ kind: 'bad_input', message: expect.any(String), hint: null, problems: expect.any(Array) });
    expect(fields(r.body)).toEqual(expected);
    expect(await world.db.selectFrom('participant_availability').selectAll().execute()).toEqual([]);
  });

  it('answers 400 to a body that is not a JSON object', async () => {
    for (const body of ['[1]', 'null', '{"lead_id":', '"text"']) {
      const r = await post(`/meeting-requests/${world.meeting.id}/availability`, body);
      expect(r.status).toBe(400);
      expect(fields(r.body)).toEqual(['body']);
    }
  });
});

describe('campaigns, meetings, constraints and test calls', () => {
  it.each([
    ['/campaigns', { meeting_request_id: [1], name: 'w', leads: [] }, ['meeting_request_id']],
    ['/campaigns', { meeting_request_id: 1, name: 'w', leads: 'ana' }, ['leads']],
    ['/campaigns', { meeting_request_id: 1, name: 'w', leads: [{ name: 'Ana', phone: 5551230009 }] }, ['leads.0.phone']],
    ['/campaigns', { meeting_request_id: 1, name: 'w', leads: [{ name: 'Ana', fone: '+15551230009' }] }, ['leads.0.fone']],
    ['/campaigns', { meeting_request_id: 1, name: 'w', leads: [], force: true }, ['force']],
    ['/constraints/parse', { text: 'next week', timezone: 7 }, ['timezone']],
    ['/constraints/parse', { text: 'next week', tz: 'UTC' }, ['tz']],
    ['/calls/test', { meeting_request_id: 1, lead_id: true }, ['lead_id']],
  ])('POST %s with %j answers 400 naming the field', async (path, body, expected) => {
    const r = await post(path, body);
    expect(r.status).toBe(400);
    expect(fields(r.body)).toEqual(expected);
  });

  it('refuses unknown keys in a meeting, nested ones included, and creates nothing', async () => {
    const meeting = {
      owner_id: 'dana@acme.com',
      title: 'Intro',
      duration_minutes: 30,
      max_bookings: 1,
      hard_constraints: { window_start: '2026-03-10', window_end: '2026-03-20', timezone: 'America/New_York' },
    };
    const before = (await world.db.selectFrom('meeting_requests').selectAll().execute()).length;
    const top = await post('/meeting-requests', { ...meeting, titel: 'typo' });
    expect(top.status).toBe(400);
    expect(fields(top.body)).toEqual(['titel']);
    const nested = await post('/meeting-requests', { ...meeting, hard_constraints: { ...meeting.hard_constraints, tz: 'UTC' } });
    expect(nested.status).toBe(400);
    expect(fields(nested.body)).toEqual(['hard_constraints.tz']);
    expect((await world.db.selectFrom('meeting_requests').selectAll().execute()).length).toBe(before);
    expect((await post('/meeting-requests', meeting)).status).toBe(201);
  });
});
