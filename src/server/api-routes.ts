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
import { createBookingRoutes } from './api/bookings.js';
import { createCallRoutes } from './api/calls.js';
import { createLeadRoutes } from './api/leads.js';
import { fillFromInstruction } from './api-instruction.js';
import { availabilityBody, campaignBody, confirmBody, constraintsBody, meetingBody, parseBody, testCallBody } from './api-schemas.js';
import { errorBody } from './body-limit.js';

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
    .post('/meeting-requests', async (c) =>
      c.json(await createMeeting(ctx, (await fillFromInstruction(ctx, await meetingBody(c))) as never), 201),
    )
    .get('/meeting-requests', async (c) => c.json(await listMeetingsWithProgress(ctx)))
    .get('/meeting-requests/:id', async (c) => c.json(await showMeeting(ctx, id(c.req.param('id'), 'id'))))
    .get('/meeting-requests/:id/availability', async (c) => c.json(await listAvailability(ctx, id(c.req.param('id'), 'id'))))
    .post('/meeting-requests/:id/availability', async (c) => {
      const meeting_request_id = id(c.req.param('id'), 'id');
      const body = await parseBody(c, availabilityBody);
      return c.json(await addAvailability(ctx, { meeting_request_id, ...body }), 201);
    })
    .post('/meeting-requests/:id/confirm-best-slot', async (c) => {
      const meeting_request_id = id(c.req.param('id'), 'id');
      const body = await parseBody(c, confirmBody, { optional: true });
      return c.json(
        await confirmMeeting(ctx, {
          meeting_request_id,
          dry_run: body.dry_run,
          explain: body.explain,
          explain_field: 'explain',
          ignore_calendar: body.ignore_calendar,
          no_notify: !body.notify,
          notify_unbooked: body.notify_unbooked,
        }),
      );
    })
    .post('/campaigns', async (c) => {
      const body = await parseBody(c, campaignBody);
      const result = await addCampaign(ctx, {
        meeting_request_id: body.meeting_request_id,
        name: body.name,
        leads: body.leads.map(({ phone_number, ...raw }, i) => ({
          raw: { ...raw, phone: raw.phone ?? phone_number },
          where: `leads[${i}]`,
        })),
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
      const body = await parseBody(c, constraintsBody);
      const field = body.instruction === undefined ? 'text' : 'instruction';
      const { parseConstraintsText } = await import('../services/parse.js');
      return c.json(
        await parseConstraintsText(
          { ...ctx.config, now: ctx.now().toISO() },
          { text: body.instruction ?? body.text ?? '', timezone: body.timezone ?? '', fields: { text: field, timezone: 'timezone' } },
        ),
      );
    })
    .post('/calls/test', async (c) => {
      const body = await parseBody(c, testCallBody);
      if (!placeTestCall)
        return c.json(errorBody('config', 'this server has no telephony configured', 'run serve with Twilio keys or --simulate'), 503);
      return c.json(await placeTestCall(body), 201);
    })
    .route('/', createBookingRoutes(ctx))
    .route('/', createLeadRoutes(ctx))
    .route('/', createCallRoutes(ctx));
}
