// JSON API for operators: one lead (show, reset, remove) and the do-not-call list, calling the
// same services as `callbook lead …` and `callbook dnc …`. Mounted by api-routes.ts; app.ts puts
// the bearer token in front of /leads and /dnc like every API path.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { addDoNotCallEntry, listDoNotCallEntries, removeDoNotCallEntry } from '../../services/dnc.js';
import { removeLead, resetLead, showLead } from '../../services/leads.js';
import { parseBody } from '../api-schemas.js';

export const resetBody = z.strictObject({
  attempts: z.boolean({ error: 'expected true or false (a JSON boolean, not a string)' }).default(false),
});

export const dncBody = z.strictObject({
  phone: z.string({ error: 'expected a phone number such as +15551234567' }),
  reason: z.string({ error: 'expected a string' }).nullable().default(null),
});

function id(text: string | undefined, field: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1)
    throw badInput([{ field, message: `expected a positive whole number, got "${text ?? ''}"` }]);
  return value;
}

export function createLeadRoutes(ctx: Context): Hono {
  return (
    new Hono()
      .get('/leads/:id', async (c) => c.json(await showLead(ctx, id(c.req.param('id'), 'id'))))
      .post('/leads/:id/reset', async (c) => {
        const leadId = id(c.req.param('id'), 'id');
        const body = await parseBody(c, resetBody, { optional: true });
        return c.json(await resetLead(ctx, { id: leadId, attempts: body.attempts }));
      })
      .post('/leads/:id/remove', async (c) => c.json(await removeLead(ctx, id(c.req.param('id'), 'id'))))
      .get('/dnc', async (c) => c.json(await listDoNotCallEntries(ctx)))
      .post('/dnc', async (c) => {
        const body = await parseBody(c, dncBody);
        const entry = await addDoNotCallEntry(ctx, { phone: body.phone, reason: body.reason, source: 'api' });
        return c.json(entry, entry.added ? 201 : 200);
      })
      // The number goes URL-encoded (%2B for +); Hono decodes the parameter.
      .delete('/dnc/:phone', async (c) => c.json(await removeDoNotCallEntry(ctx, { phone: c.req.param('phone') })))
  );
}
