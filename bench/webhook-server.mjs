// Child process for bench/webhooks.mjs: serves either callbook's app on a prepared database
// or a bare Hono endpoint that parses the same form, and prints its URL.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [kind, dbPath, token] = process.argv.slice(2);

async function callbookApp() {
  const { loadConfig } = await import('../dist/src/config.js');
  const { createContext } = await import('../dist/src/context.js');
  const { openDatabase } = await import('../dist/src/db/connection.js');
  const { createApp } = await import('../dist/src/server/app.js');
  const config = loadConfig({ DATABASE_URL: dbPath, CALLBOOK_NOW: '2026-03-09T15:00:00Z', TWILIO_AUTH_TOKEN: token });
  const db = await openDatabase(dbPath);
  return createApp({ ctx: createContext(db, config), authToken: token, publicBaseUrl: null, skipTwilioValidation: false, apiToken: null });
}

function bareApp() {
  const reply = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>ok</Say></Response>';
  return new Hono().post('/twilio/voice/gather', async (c) => {
    await c.req.parseBody({ all: true });
    return c.body(reply, 200, { 'Content-Type': 'text/xml' });
  });
}

const app = kind === 'callbook' ? await callbookApp() : bareApp();
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`http://127.0.0.1:${info.port}\n`);
});
process.once('SIGINT', () => process.exit(0));
