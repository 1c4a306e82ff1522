// Child process for bench/webhooks.mjs: the bare Hono endpoint that parses the same form as a
// gather, the baseline callbook's figures are set against. Prints its URL. (callbook's side is
// `callbook serve` itself: see startChild in webhook-common.mjs.)
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const reply = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>ok</Say></Response>';
const app = new Hono().post('/twilio/voice/gather', async (c) => {
  await c.req.parseBody({ all: true });
  return c.body(reply, 200, { 'Content-Type': 'text/xml' });
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`http://127.0.0.1:${info.port}\n`);
});
process.once('SIGINT', () => process.exit(0));
