// GET /calls/:id: one call with its transcript, the same service as `callbook calls show`.
// Mounted by api-routes.ts; app.ts puts the bearer token in front of /calls/* like every API path.
import { Hono } from 'hono';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { showCall } from '../../services/calls.js';

export function createCallRoutes(ctx: Context): Hono {
  return new Hono().get('/calls/:id{[0-9]+}', async (c) => {
    const text = c.req.param('id');
    const id = Number(text);
    if (!Number.isSafeInteger(id) || id < 1) throw badInput([{ field: 'id', message: `expected a positive whole number, got "${text}"` }]);
    return c.json(await showCall(ctx, id));
  });
}
