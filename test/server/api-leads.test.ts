import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/world.js';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.close());

function api(method: string, path: string, body?: unknown, token = 'api-secret') {
  return world.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

describe('lead routes', () => {
  it('GET /leads/:id shows the lead with its calls and turns', async () => {
    await world.startCall(1, 'CA00000000000000000000000000000001');
    await world.db
      .insertInto('call_turns')
      .values({
        call_id: 1,
        turn: 1,
        input: 'stop',
        intent: 'opt_out',
        parser_source: 'heuristic',
        response: '<Response/>',
        created_at: '2026-03-09T15:00:10.000Z',
      })
      .execute();
    const res = await api('GET', '/leads/1');
    expect(res.status).toBe(200);
    const lead = (await res.json()) as any;
    expect(lead).toMatchObject({ id: 1, name: 'Ana Ruiz', state: 'calling', attempts: 1, consent: null });
    expect(lead.calls).toHaveLength(1);
    expect(lead.calls[0].turns).toEqual([expect.objectContaining({ turn: 1, input: 'stop', intent: 'opt_out', understood: [] })]);
  });

  it('POST /leads/:id/reset refuses a live call (409), then resets once it is over', async () => {
    await world.startCall(1, 'CA00000000000000000000000000000001');
    const live = await api('POST', '/leads/1/reset', { attempts: true });
    expect(live.status).toBe(409);
    expect(((await live.json()) as any).error).toMatchObject({ kind: 'conflict', message: expect.stringContaining('call in progress') });
    await world.db.updateTable('calls').set({ status: 'completed' }).execute();
    const res = await api('POST', '/leads/1/reset', { attempts: true });
    expect(res.status).toBe(200);
    expect((await res.json()) as any).toMatchObject({
      previous_state: 'calling',
      previous_attempts: 1,
      lead: { state: 'pending', attempts: 0 },
    });
    const noBody = await api('POST', '/leads/2/reset');
    expect(noBody.status).toBe(200);
  });

  it('POST /leads/:id/remove keeps the lead as removed', async () => {
    const res = await api('POST', '/leads/2/remove');
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).lead).toMatchObject({ id: 2, state: 'removed' });
    expect((await world.db.selectFrom('leads').select('state').where('id', '=', 2).executeTakeFirstOrThrow()).state).toBe('removed');
  });

  it.each([
    ['GET', '/leads/9', undefined, 404, 'not_found'],
    ['GET', '/leads/abc', undefined, 400, 'bad_input'],
    ['POST', '/leads/1/reset', { attempts: 'yes' }, 400, 'bad_input'],
    ['POST', '/leads/1/reset', { attemps: true }, 400, 'bad_input'],
    ['POST', '/leads/9/remove', undefined, 404, 'not_found'],
  ])('%s %s %j answers %i', async (method, path, body, status, kind) => {
    const before = await world.snapshot();
    const res = await api(method, path, body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as any).error).toMatchObject({ kind, message: expect.any(String), problems: expect.any(Array) });
    expect(await world.snapshot()).toEqual(before);
  });
});

describe('do-not-call routes', () => {
  it('POST /dnc adds (201, then 200 when listed), GET /dnc lists, DELETE /dnc/:phone removes', async () => {
    const added = await api('POST', '/dnc', { phone: '(555) 123-0001', reason: 'asked by email' });
    expect(added.status).toBe(201);
    expect((await added.json()) as any).toMatchObject({
      phone: '+15551230001',
      reason: 'asked by email',
      source: 'api',
      added: true,
      leads: 1,
    });
    const again = await api('POST', '/dnc', { phone: '+15551230001' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as any).added).toBe(false);
    const list = await api('GET', '/dnc');
    expect(((await list.json()) as any).map((e: { phone: string }) => e.phone)).toEqual(['+15551230001']);
    const removed = await api('DELETE', `/dnc/${encodeURIComponent('+15551230001')}`);
    expect(removed.status).toBe(200);
    expect((await removed.json()) as any).toEqual({ phone: '+15551230001', removed: true });
    expect((await (await api('GET', '/dnc')).json()) as any).toEqual([]);
  });

  it.each([
    ['POST', '/dnc', { phone: 'call me' }, 400, 'phone'],
    ['POST', '/dnc', { number: '+15551230001' }, 400, 'number'],
    ['POST', '/dnc', '{not json', 400, 'body'],
    ['DELETE', '/dnc/nope', undefined, 400, 'phone'],
    ['DELETE', `/dnc/${encodeURIComponent('+15551239999')}`, undefined, 404, null],
  ])('%s %s %j answers %i', async (method, path, body, status, field) => {
    const res = await api(method, path, body);
    expect(res.status).toBe(status);
    const { error } = (await res.json()) as any;
    if (field) expect(error.problems.map((p: { field: string }) => p.field)).toContain(field);
    expect((await (await api('GET', '/dnc')).json()) as any).toEqual([]);
  });

  it('needs the bearer token like every API path', async () => {
    for (const [method, path] of [
      ['GET', '/leads/1'],
      ['POST', '/leads/1/reset'],
      ['POST', '/leads/1/remove'],
      ['GET', '/dnc'],
      ['POST', '/dnc'],
      ['DELETE', '/dnc/%2B15551230001'],
    ] as const) {
      const res = await api(method, path, method === 'POST' ? {} : undefined, 'wrong');
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as any).error.kind).toBe('unauthorized');
    }
    expect((await world.db.selectFrom('leads').select('state').where('id', '=', 1).executeTakeFirstOrThrow()).state).toBe('pending');
  });
});

describe('POST /campaigns', () => {
  it('skips a number already a lead of the meeting in another campaign, naming the lead', async () => {
    const res = await api('POST', '/campaigns', {
      meeting_request_id: 1,
      name: 'second',
      leads: [
        { name: 'Ana again', phone: '555-123-0001', timezone: 'America/New_York' },
        { name: 'Cleo', phone: '+442079460958', timezone: '', consent_source: 'web form', consent_at: '2026-02-01' },
      ],
    });
    expect(res.status).toBe(201);
    expect((await res.json()) as any).toMatchObject({
      added: 1,
      skipped_duplicates: 1,
      duplicates: [{ where: 'leads[0]', phone: '+15551230001', duplicate_of_lead: 1, campaign_id: 1 }],
      filled_timezones: 1,
      with_consent: 1,
    });
  });

  it('refuses a fixed-offset zone and a control character, naming the lead and field', async () => {
    const res = await api('POST', '/campaigns', {
      meeting_request_id: 1,
      name: 'second',
      leads: [
        { name: 'Dee', phone: '+15551230009', timezone: 'Etc/GMT+5' },
        { name: 'Eve\u0001', phone: '+15551230010', timezone: 'America/New_York' },
      ],
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as any;
    expect(error.problems.map((p: { field: string }) => p.field)).toEqual(['leads[0].timezone', 'leads[1].name']);
  });
});
