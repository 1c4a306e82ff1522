// GET /openapi.json is built from the schemas that validate the bodies: every route of the app is
// in it, every operation's example body passes its own schema (and the live route accepts it
// where it can be run here), and every error, the signature's 403 included, has the one shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_OPERATIONS } from '../../src/server/openapi.js';
import { createWorld } from '../helpers/world.js';

let world: Awaited<ReturnType<typeof createWorld>>;
beforeEach(async () => {
  world = await createWorld();
});
afterEach(() => world.close());

const openApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

async function contract(): Promise<any> {
  const res = await world.app.request('/openapi.json');
  expect(res.status).toBe(200);
  return res.json();
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document with bearer auth and the common error schema', async () => {
    const doc = await contract();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', description: 'CALLBOOK_API_TOKEN' });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['kind', 'message', 'hint', 'problems']);
    expect(doc.paths['/meeting-requests'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });

  it('lists every route the app serves, with its method', async () => {
    const doc = await contract();
    const served = world.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m} ${path}`));
    expect(served.length).toBeGreaterThan(20);
    expect([...new Set(served)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('gives each request body the JSON Schema of the zod schema that validates it, strict where the route is', async () => {
    const doc = await contract();
    const parse = doc.paths['/constraints/parse'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(parse.properties).sort()).toEqual(['instruction', 'text', 'timezone']);
    expect(parse.properties.instruction.maxLength).toBe(10_000);
    expect(parse.additionalProperties).toBe(false);
    const confirm = doc.paths['/meeting-requests/{id}/confirm-best-slot'].post.requestBody;
    expect(confirm.required).toBe(false);
    expect(confirm.content['application/json'].schema.properties.dry_run.type).toBe('boolean');
    const meeting = doc.paths['/meeting-requests'].post.requestBody.content['application/json'].schema;
    expect(meeting.required).toEqual(expect.arrayContaining(['owner_id', 'title', 'duration_minutes', 'max_bookings', 'hard_constraints']));
    // The route refuses unknown keys at every depth, and the document says so.
    expect(meeting.additionalProperties).toBe(false);
    expect(meeting.properties.hard_constraints.additionalProperties).toBe(false);
    expect(meeting.properties.soft_constraints.additionalProperties).toBe(false);
  });

  it.each(API_OPERATIONS.filter((op) => op.body).map((op) => [`${op.method} ${op.path}`, op] as const))(
    '%s: the example body round-trips its schema and the document',
    async (_, op) => {
      const body = op.body as NonNullable<typeof op.body>;
      expect(body.schema.safeParse(body.example).success).toBe(true);
      const doc = await contract();
      const content = Object.values(doc.paths[op.path][op.method].requestBody.content)[0] as any;
      expect(content.example).toEqual(body.example);
      expect(body.schema.safeParse(JSON.parse(JSON.stringify(content.example))).success).toBe(true);
    },
  );

  it('the live routes accept the documented examples of the seed routes', async () => {
    const headers = { Authorization: 'Bearer api-secret', 'Content-Type': 'application/json' };
    for (const path of ['/meeting-requests', '/constraints/parse', '/campaigns']) {
      const op = API_OPERATIONS.find((o) => o.path === path && o.method === 'post');
      let example = op?.body?.example as Record<string, unknown>;
      // The world's leads already hold the example's number.
      if (path === '/campaigns') example = { ...example, leads: [{ name: 'Zoe', phone: '+15551239999', timezone: 'America/New_York' }] };
      const res = await world.app.request(path, { method: 'POST', headers, body: JSON.stringify(example) });
      expect([200, 201]).toContain(res.status);
    }
  });
});

describe('every error has one shape', () => {
  const shape = {
    error: {
      kind: expect.any(String),
      message: expect.any(String),
      hint: expect.toSatisfy((h) => h === null || typeof h === 'string'),
      problems: expect.any(Array),
    },
  };

  it.each([
    ['the signature middleware 403', () => world.post('/twilio/voice?callId=1', { CallSid: 'CA1' }, 'wrong-token'), 403],
    ['a missing signature', () => world.post('/twilio/voice?callId=1', { CallSid: 'CA1' }, 'none'), 403],
    ['a wrong bearer token', () => world.app.request('/meeting-requests', { headers: { Authorization: 'Bearer nope' } }), 401],
    ['an unknown route', () => world.app.request('/nope'), 404],
    ['an unknown id', () => world.app.request('/meeting-requests/999', { headers: { Authorization: 'Bearer api-secret' } }), 404],
    [
      'a bad body',
      () =>
        world.app.request('/constraints/parse', {
          method: 'POST',
          headers: { Authorization: 'Bearer api-secret' },
          body: '{"instruction": 5}',
        }),
      400,
    ],
  ])('%s', async (_, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body).toEqual(shape);
    expect(Object.keys(body.error).sort()).toEqual(['hint', 'kind', 'message', 'problems']);
  });
});
