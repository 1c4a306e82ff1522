// Twilio's webhooks. Every route sits behind the signature check; handlers only read the
// verified params and call the webhook services.
import { Hono } from 'hono';
import type { Context } from '../context.js';
import { groupCommit } from '../db/group-commit.js';
import { handleMessageStatus } from '../services/notify/message-status.js';
import { handleGather } from '../services/webhooks/gather.js';
import { handleStatus } from '../services/webhooks/status.js';
import { type TurnComputer, turnsInProcess } from '../services/webhooks/turn.js';
import { handleVoice, type WebhookRequest } from '../services/webhooks/voice.js';
import { errorBody } from './body-limit.js';
import { type TwilioEnv, verifyTwilioSignature } from './verify-twilio.js';

export interface TwilioRouteOptions {
  ctx: Context;
  /** Null when serve runs for the API alone: every Twilio route then answers 503 saying why. */
  authToken: string | null;
  publicBaseUrl: string | null;
  skipValidation: boolean;
  onReject?: (reason: string, url: string) => void;
  /** Where gather turns are worked out; in this thread with ctx's parsers unless given. */
  turns?: TurnComputer;
}

function toRequest(
  c: { req: { url: string; query(): Record<string, string> }; get(key: 'twilioParams'): WebhookRequest['params'] },
  publicBaseUrl: string | null,
): WebhookRequest {
  return { query: c.req.query(), params: c.get('twilioParams'), baseUrl: publicBaseUrl ?? new URL(c.req.url).origin };
}

/** Without the auth token no signature can be checked, so no webhook is taken at all. */
function twilioOff(): Hono<TwilioEnv> {
  return new Hono<TwilioEnv>().all('*', (c) =>
    c.json(
      errorBody(
        'config',
        'the Twilio webhooks are off: TWILIO_AUTH_TOKEN is not set, so no webhook signature can be checked',
        'set TWILIO_AUTH_TOKEN (and TWILIO_VOICE_WEBHOOK_URL) and restart callbook serve, or use --simulate for the local call simulator',
      ),
      503,
    ),
  );
}

export function createTwilioRoutes(options: TwilioRouteOptions): Hono<TwilioEnv> {
  const { ctx, publicBaseUrl, authToken } = options;
  if (authToken === null) return twilioOff();
  // Webhooks that arrive together commit together (see group-commit.ts).
  const writer = groupCommit(ctx.db);
  const gather = { writer, turns: options.turns ?? turnsInProcess(ctx.parsers) };
  const twiml = (body: string) => new Response(body, { headers: { 'Content-Type': 'text/xml; charset=utf-8' } });
  return new Hono<TwilioEnv>()
    .use(
      verifyTwilioSignature({
        authToken,
        publicBaseUrl,
        skip: options.skipValidation,
        ...(options.onReject ? { onReject: options.onReject } : {}),
      }),
    )
    .post('/voice', async (c) => twiml(await handleVoice(ctx, toRequest(c, publicBaseUrl), writer)))
    .post('/voice/gather', async (c) => twiml(await handleGather(ctx, toRequest(c, publicBaseUrl), gather)))
    .post('/status', async (c) => {
      await handleStatus(ctx, toRequest(c, publicBaseUrl), writer);
      return c.body(null, 204);
    })
    .post('/message-status', async (c) => {
      await handleMessageStatus(ctx, toRequest(c, publicBaseUrl).params);
      return c.body(null, 204);
    });
}
