// One Hono app factory for `serve`, the demo and the tests.
import { timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Context } from '../context.js';
import { CallbookError } from '../errors.js';
import type { TurnComputer } from '../services/webhooks/turn.js';
import { createApiRoutes } from './api-routes.js';
import { API_BODY_LIMIT, bodyLimit, errorBody } from './body-limit.js';
import { requestLog } from './request-log.js';
import { createTwilioRoutes } from './twilio-routes.js';

export interface AppDeps {
  ctx: Context;
  /** The key Twilio signs webhooks with; null turns the Twilio routes off (503, saying why). */
  authToken: string | null;
  publicBaseUrl: string | null;
  skipTwilioValidation: boolean;
  /** Bearer token for the JSON API; null keeps the API off. */
  apiToken: string | null;
  placeTestCall?: (input: { meeting_request_id: number; lead_id: number }) => Promise<unknown>;
  log?: (line: string) => void;
  /** Where one line per request goes (serve: stderr); unset logs no requests. */
  requestLog?: (line: string) => void;
  /** Where gather turns are worked out (worker threads from serve and the demo); in-process if unset. */
  turns?: TurnComputer;
}

const API_PATHS = [
  '/meeting-requests',
  '/meeting-requests/*',
  '/campaigns',
  '/campaigns/*',
  '/calls',
  '/calls/*',
  '/constraints/*',
  '/bookings',
  '/bookings/*',
  '/leads/*',
  '/dnc',
  '/dnc/*',
];

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createApp(deps: AppDeps): Hono {
  const log = deps.log ?? (() => {});
  const app = new Hono();
  if (deps.requestLog) app.use('*', requestLog(deps.requestLog));
  app.get('/healthz', async (c) => {
    await deps.ctx.db.selectFrom('meeting_requests').select('id').limit(1).execute();
    return c.json({ ok: true });
  });
  // The contract is public (it holds no data); built on first request, from the body schemas.
  let contract: Record<string, unknown> | null = null;
  app.get('/openapi.json', async (c) => {
    contract ??= (await import('./openapi.js')).buildOpenApi();
    return c.json(contract);
  });
  app.route(
    '/twilio',
    createTwilioRoutes({
      ctx: deps.ctx,
      authToken: deps.authToken,
      publicBaseUrl: deps.publicBaseUrl,
      skipValidation: deps.skipTwilioValidation,
      onReject: (reason, url) => log(`rejected webhook (${reason}); checked against ${url}`),
      ...(deps.turns ? { turns: deps.turns } : {}),
    }),
  );
  const requireApiToken: MiddlewareHandler = async (c, next) => {
    if (deps.apiToken === null) {
      return c.json(
        errorBody(
          'config',
          'the JSON API is off; set CALLBOOK_API_TOKEN to turn it on',
          'e.g. CALLBOOK_API_TOKEN=$(openssl rand -hex 16) callbook serve',
        ),
        403,
      );
    }
    const header = c.req.header('Authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameSecret(token, deps.apiToken))
      return c.json(errorBody('unauthorized', 'expected Authorization: Bearer <CALLBOOK_API_TOKEN>'), 401);
    await next();
  };
  for (const path of API_PATHS) app.use(path, requireApiToken);
  // After the token check, so an unauthenticated sender costs a header comparison; before every
  // API route (the twilio routes above have their own, smaller limit).
  app.use('*', bodyLimit(API_BODY_LIMIT));
  app.route('/', createApiRoutes({ ctx: deps.ctx, ...(deps.placeTestCall ? { placeTestCall: deps.placeTestCall } : {}) }));
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404));
  app.onError((error, c) => {
    if (error instanceof CallbookError) return c.json(error.toJSON(), error.httpStatus as 400);
    if (error instanceof HTTPException) return error.getResponse();
    log(`error on ${c.req.method} ${new URL(c.req.url).pathname}: ${error.stack ?? error.message}`);
    return c.json(errorBody('internal', 'internal error', 'the server log has the details'), 500);
  });
  return app;
}
