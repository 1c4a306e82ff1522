// The JSON API with the original service's routes, calling the same services as the CLI.
import { Hono } from 'hono';
import type { Context } from '../context.js';
import { listCallsOfMeeting } from '../db/repos/calls.js';
import { badInput } from '../errors.js';
import { addAvailability, listAvailability } from '../services/availability.js';
import { addCampaign, listCampaignsOf, showCampaign } from '../services/campaigns.js';
import { confirmMeeting } from '../services/confirm.js';
import { createMeeting } from '../services/meeting-create.js';
import { listMeetingsWithProgress, requireMeeting, showMeeting } from '../services/meetings.js';

async function jsonBody(req: { text(): Promise<string> }, options: { optional?: boolean } = {}): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (options.optional && text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badInput([{ field: 'body', message: 'expected a JSON object' }]);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badInput([{ field: 'body', message: 'expected a JSON object' }]);
  return body as Record<string, unknown>;
}

function id(text: string | undefined, field: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    throw badInput([{ field, message: `expected a positive whole number, got "${text ?? ''}"` }]);
  return value;
}

export interface ApiRouteOptions {
  ctx: Context;
  /** POST /calls/test; absent when no telephony is configured for this server. */
  placeTestCall?: (input: { meeting_request_id: number; lead_id: number }) => Promise<unknown>;
}

export function createApiRoutes({ ctx, placeTestCall }: ApiRouteOptions): Hono {
  return new Hono()
    .post('/meeting-requests', async (c) => c.json(await createMeeting(ctx, (await jsonBody(c.req)) as never), 201))
    .get('/meeting-requests', async (c) => c.json(await listMeetingsWithProgress(ctx)))
    .get('/meeting-requests/:id', async (c) => c.json(await showMeeting(ctx, id(c.req.param('id'), 'id'))))
    .get('/meeting-requests/:id/availability', async (c) => c.json(await listAvailability(ctx, id(c.req.param('id'), 'id'))))
    .post('/meeting-requests/:id/availability', async (c) => {
      const body = await jsonBody(c.req);
      const slots = Array.isArray(body.slots) ? (body.slots as { start: string; end: string }[]) : [];
      const text = typeof body.text === 'string' ? body.text : null;
      return c.json(
        await addAvailability(ctx, {
          meeting_request_id: id(c.req.param('id'), 'id'),
          lead_id: id(String(body.lead_id), 'lead_id'),
          slots,
          text,
        }),
        201,
      );
    })
    .post('/meeting-requests/:id/confirm-best-slot', async (c) => {
      const body = await jsonBody(c.req, { optional: true });
      return c.json(await confirmMeeting(ctx, { meeting_request_id: id(c.req.param('id'), 'id'), dry_run: body.dry_run === true }));
    })
    .post('/campaigns', async (c) => {
      const body = await jsonBody(c.req);
      const leads = Array.isArray(body.leads) ? body.leads : [];
      const result = await addCampaign(ctx, {
        meeting_request_id: id(String(body.meeting_request_id), 'meeting_request_id'),
        name: typeof body.name === 'string' ? body.name : '',
        leads: leads.map((raw, i) => ({ raw: raw && typeof raw === 'object' ? raw : {}, where: `leads[${i}]` })),
      });
      return c.json(result, 201);
    })
    .get('/campaigns', async (c) => {
      const meeting = c.req.query('meeting_request_id');
      return c.json(await listCampaignsOf(ctx, meeting === undefined ? null : id(meeting, 'meeting_request_id')));
    })
    .get('/campaigns/:id', async (c) => c.json(await showCampaign(ctx, id(c.req.param('id'), 'id'))))
    .get('/calls', async (c) => {
      const meetingId = id(c.req.query('meeting_request_id'), 'meeting_request_id');
      await requireMeeting(ctx, meetingId);
      return c.json(await listCallsOfMeeting(ctx.db, meetingId));
    })
    .post('/constraints/parse', async (c) => {
      const body = await jsonBody(c.req);
      const text = typeof body.text === 'string' ? body.text : '';
      const timezone = typeof body.timezone === 'string' ? body.timezone : '';
      const { parseConstraintsText } = await import('../services/parse.js');
      return c.json(await parseConstraintsText({ ...ctx.config, now: ctx.now().toISO() }, { text, timezone }));
    })
    .post('/calls/test', async (c) => {
      const body = await jsonBody(c.req);
      if (!placeTestCall) return c.json({ error: { kind: 'config', message: 'this server has no telephony configured' } }, 503);
      return c.json(
        await placeTestCall({
          meeting_request_id: id(String(body.meeting_request_id), 'meeting_request_id'),
          lead_id: id(String(body.lead_id), 'lead_id'),
        }),
        201,
      );
    });
}
