// A minimal stand-in for `callbook serve` built from the real middleware and TwiML builders,
// listening on 127.0.0.1 so the simulator talks to it over real HTTP.

import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import {
  buildAnswerTwiml,
  buildEmptyTwiml,
  buildGoodbyeTwiml,
  buildHoldTwiml,
  buildOptOutTwiml,
  buildReadBackTwiml,
  buildRepromptTwiml,
  buildVoicemailTwiml,
} from '../../../src/server/twiml.js';
import type { TwilioEnv, TwilioParams } from '../../../src/server/verify-twilio.js';
import { verifyTwilioSignature } from '../../../src/server/verify-twilio.js';

export const TOKEN = 'sim-test-token';

export interface Received {
  path: string;
  query: Record<string, string>;
  params: TwilioParams;
}

export interface FakeServer {
  base: string;
  received: Received[];
  close(): Promise<void>;
}

const xml = { 'content-type': 'text/xml' };

export async function startFakeServer(): Promise<FakeServer> {
  const received: Received[] = [];
  let base = '';
  const app = new Hono<TwilioEnv>();
  app.use('/twilio/*', verifyTwilioSignature({ authToken: TOKEN, publicBaseUrl: null, skip: false }));
  app.use('/twilio/*', async (c, next) => {
    received.push({ path: new URL(c.req.url).pathname, query: c.req.query(), params: c.get('twilioParams') });
    await next();
  });
  const gatherUrl = (callId: string, turn: number) => `${base}/twilio/voice/gather?callId=${callId}&turn=${turn}`;

  app.post('/twilio/voice', (c) => {
    const callId = c.req.query('callId') ?? '0';
    const answeredBy = c.get('twilioParams').AnsweredBy;
    if (typeof answeredBy === 'string' && answeredBy.startsWith('machine')) {
      return c.body(buildVoicemailTwiml('Hi, this is Acme & Co. We will call back.'), 200, xml);
    }
    if (callId === '99' && c.req.query('held') !== '1') {
      return c.body(
        buildHoldTwiml({ text: 'One moment.', redirectUrl: `${base}/twilio/voice?callId=99&held=1`, pauseSeconds: 1 }),
        200,
        xml,
      );
    }
    const greeting = 'Hi Tom, this is an automated assistant calling for Ana at Acme & Co. Say stop or press 9 to opt out.';
    return c.body(buildAnswerTwiml({ greeting, prompt: 'When are you free?', gatherActionUrl: gatherUrl(callId, 1) }), 200, xml);
  });

  app.post('/twilio/voice/gather', (c) => {
    const callId = c.req.query('callId') ?? '0';
    const turn = Number(c.req.query('turn') ?? '1');
    const p = c.get('twilioParams');
    const speech = typeof p.SpeechResult === 'string' ? p.SpeechResult : '';
    const digits = typeof p.Digits === 'string' ? p.Digits : '';
    if (digits === '9' || speech.includes('stop')) return c.body(buildOptOutTwiml('You will not be called again.'), 200, xml);
    if (turn >= 5) return c.body(buildGoodbyeTwiml('Sorry, we will try another time.'), 200, xml);
    if (speech === '' && digits === '') {
      return c.body(buildRepromptTwiml({ prompt: 'Sorry, when are you free?', gatherActionUrl: gatherUrl(callId, turn + 1) }), 200, xml);
    }
    if (digits === '1' || speech === 'yes') return c.body(buildGoodbyeTwiml('Great, thanks. Goodbye!'), 200, xml);
    return c.body(buildReadBackTwiml({ readBack: `I heard ${speech}.`, gatherActionUrl: gatherUrl(callId, turn + 1) }), 200, xml);
  });

  app.post('/twilio/status', (c) => c.body(buildEmptyTwiml(), 200, xml));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
