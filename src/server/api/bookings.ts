// JSON API for bookings as records: the same services as `booking list|show|cancel`.
// Mounted by api-routes.ts; app.ts puts the bearer token in front of /bookings like every API path.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { cancelBookingById, listBookingViews, showBooking } from '../../services/bookings.js';
import { parseBody } from '../api-schemas.js';

export const cancelBody = z.strictObject({
  reason: z.string({ error: 'expected a string' }).max(500, 'expected at most 500 characters').nullable().default(null),
});

function id(text: string | undefined, field: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw badInput([{ field, message: `expected a positive whole number, got "${text ?? ''}"` }]);
  return value;
}

export function createBookingRoutes(ctx: Context): Hono {
  return new Hono()
    .get('/bookings', async (c) => {
      const meeting = c.req.query('meeting_request_id');
      const owner = c.req.query('owner_id');
      const status = c.req.query('status');
      return c.json(
        await listBookingViews(ctx, {
          ...(meeting !== undefined ? { meeting_request_id: id(meeting, 'meeting_request_id') } : {}),
          ...(owner !== undefined ? { owner_id: owner } : {}),
          ...(status !== undefined ? { status } : {}),
        }),
      );
    })
    .get('/bookings/:id', async (c) => c.json(await showBooking(ctx, id(c.req.param('id'), 'id'))))
    .post('/bookings/:id/cancel', async (c) => {
      const bookingId = id(c.req.param('id'), 'id');
      const body = await parseBody(c, cancelBody, { optional: true });
      return c.json(await cancelBookingById(ctx, { id: bookingId, reason: body.reason }));
    });
}
