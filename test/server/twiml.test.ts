import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  buildAnswerTwiml,
  buildEmptyTwiml,
  buildGoodbyeTwiml,
  buildHoldTwiml,
  buildOptOutTwiml,
  buildReadBackTwiml,
  buildRepromptTwiml,
  buildVoicemailTwiml,
  DEFAULT_CONFIRM_PROMPT,
} from '../../src/server/twiml.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false });
const ACTION = 'https://callbook.ngrok.app/twilio/voice/gather?callId=1&turn=2';

function parse(xml: string): any {
  return parser.parse(xml);
}

describe('buildAnswerTwiml', () => {
  const greeting = 'Hi Tom & <Jerry>, this is an automated assistant calling for Ana at Smith & Sons. Say stop or press 9 to opt out.';
  const xml = buildAnswerTwiml({ greeting, prompt: 'When are you free?', gatherActionUrl: ACTION, voice: 'Polly.Joanna' });

  it('escapes & and < in spoken text and in the action URL', () => {
    expect(xml).toContain('Hi Tom &amp; &lt;Jerry&gt;');
    expect(xml).toContain('Smith &amp; Sons');
    expect(xml).toContain('callId=1&amp;turn=2');
    expect(xml).not.toContain('<Jerry>');
  });

  it('nests the script in a Gather with every attribute set', () => {
    const gather = parse(xml).Response.Gather;
    expect(gather['@input']).toBe('speech dtmf');
    expect(gather['@action']).toBe(ACTION);
    expect(gather['@method']).toBe('POST');
    expect(gather['@speechTimeout']).toBe('auto');
    expect(gather['@actionOnEmptyResult']).toBe('true');
    expect(gather['@timeout']).toBe('6');
    expect(gather['@numDigits']).toBe('1');
    expect(gather['@language']).toBe('en-US');
    expect(gather['@hints']).toContain('tuesday');
    expect(gather['@speechModel']).toBeUndefined();
    const says = gather.Say.map((s: { '#text': string }) => s['#text']);
    expect(says).toEqual([greeting, 'When are you free?']);
    expect(gather.Say[0]['@voice']).toBe('Polly.Joanna');
  });

  it('refuses a relative action URL', () => {
    expect(() => buildAnswerTwiml({ greeting: 'hi', gatherActionUrl: '/twilio/voice/gather?callId=1' })).toThrow(/absolute/);
  });

  it('passes custom hints and language', () => {
    const gather = parse(buildAnswerTwiml({ greeting: 'hola', gatherActionUrl: ACTION, language: 'es-US', hints: ['lunes', 'martes'] }))
      .Response.Gather;
    expect(gather['@language']).toBe('es-US');
    expect(gather['@hints']).toBe('lunes, martes');
    expect(gather.Say['@language']).toBe('es-US');
  });
});

describe('gathers after the first turn', () => {
  it('reads back and asks to confirm', () => {
    const gather = parse(buildReadBackTwiml({ readBack: 'I have Tuesday the 10th.', gatherActionUrl: ACTION })).Response.Gather;
    expect(gather['@action']).toBe(ACTION);
    expect(gather.Say.map((s: unknown) => (typeof s === 'string' ? s : (s as { '#text': string })['#text']))).toEqual([
      'I have Tuesday the 10th.',
      DEFAULT_CONFIRM_PROMPT,
    ]);
  });

  it('reprompts', () => {
    const doc = parse(buildRepromptTwiml({ prompt: 'Sorry, which days work for you?', gatherActionUrl: ACTION }));
    expect(doc.Response.Gather.Say).toBe('Sorry, which days work for you?');
    expect(doc.Response.Gather['@actionOnEmptyResult']).toBe('true');
  });
});

describe('endings', () => {
  it('says goodbye and hangs up', () => {
    const doc = parse(buildGoodbyeTwiml('Thanks, Jo & Co. Goodbye!'));
    expect(doc.Response.Say).toBe('Thanks, Jo & Co. Goodbye!');
    expect(doc.Response).toHaveProperty('Hangup');
    expect(buildGoodbyeTwiml('x').indexOf('<Say')).toBeLessThan(buildGoodbyeTwiml('x').indexOf('<Hangup'));
  });

  it('confirms an opt-out and hangs up', () => {
    const doc = parse(buildOptOutTwiml("You won't be called again."));
    expect(doc.Response.Say).toBe("You won't be called again.");
    expect(doc.Response).toHaveProperty('Hangup');
  });

  it('leaves a voicemail or just hangs up', () => {
    expect(parse(buildVoicemailTwiml('Please call us back.')).Response.Say).toBe('Please call us back.');
    const silent = parse(buildVoicemailTwiml(null)).Response;
    expect(silent).not.toHaveProperty('Say');
    expect(silent).toHaveProperty('Hangup');
  });

  it('holds with a redirect', () => {
    const xml = buildHoldTwiml({ text: 'One moment.', redirectUrl: `${ACTION}&wait=1`, pauseSeconds: 1 });
    const doc = parse(xml).Response;
    expect(doc.Say).toBe('One moment.');
    expect(doc.Pause['@length']).toBe('1');
    expect(doc.Redirect['#text']).toBe(`${ACTION}&wait=1`);
    expect(doc.Redirect['@method']).toBe('POST');
  });

  it('builds an empty document', () => {
    expect(buildEmptyTwiml()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

describe('stored text with control characters', () => {
  // Characters XML 1.0 cannot carry, ESC/CSI sequences and C1 controls a terminal would act on: [stored, spoken].
  const hostile: [string, string][] = [
    ['Ana\x01 Ruiz', 'Ana Ruiz'],
    ['Ana\x00', 'Ana'],
    ['Ben\x1b[31m Red\x1b[0m', 'Ben Red'],
    ['Cleo\x7f', 'Cleo'],
    ['Dee\x9b2J Dot', 'Dee Dot'],
    ['Eve\uffff', 'Eve'],
    ['Fay\ud800 Half', 'Fay Half'],
    ['Gus\tand\nGil', 'Gus and Gil'],
  ];

  it.each(hostile)('case %#: builds every document instead of throwing, speaking only printable text', (text, spoken) => {
    const docs = [
      buildAnswerTwiml({ greeting: `Hello ${text}`, prompt: text, gatherActionUrl: ACTION }),
      buildReadBackTwiml({ readBack: text, confirmPrompt: text, gatherActionUrl: ACTION }),
      buildRepromptTwiml({ prompt: text, gatherActionUrl: ACTION }),
      buildGoodbyeTwiml(text),
      buildOptOutTwiml(text),
      buildVoicemailTwiml(text),
      buildHoldTwiml({ text, redirectUrl: ACTION }),
    ];
    for (const xml of docs) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
      expect(xml).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udfff]/);
      expect(parse(xml).Response).toBeDefined();
    }
    expect(parse(buildGoodbyeTwiml(text)).Response.Say).toBe(spoken);
    expect(parse(docs[0] ?? '').Response.Gather.Say[0]).toBe(`Hello ${spoken}`);
  });

  it('answers /twilio/voice with TwiML, not a 500, for a lead whose stored name holds \\x01', async () => {
    const { createWorld } = await import('../helpers/world.js');
    const { buildScript } = await import('../../src/services/script.js');
    const world = await createWorld();
    try {
      await world.db.updateTable('leads').set({ name: 'Ana\x01 Ruiz' }).where('id', '=', 1).execute();
      const call = await world.startCall(1, 'CA00000000000000000000000000000001');
      const script = buildScript(
        {
          ...world.meeting,
          window_start: world.meeting.hard_constraints.window_start,
          window_end: world.meeting.hard_constraints.window_end,
        },
        { name: 'Ana\x01 Ruiz', timezone: 'America/New_York' },
        { businessName: 'Acme', callbackNumber: null, now: '2026-03-09T15:00:00Z' },
      );
      expect(script).toContain('\x01');
      await world.db.updateTable('calls').set({ script }).where('id', '=', call.id).execute();
      const res = await world.post(`/twilio/voice?callId=${call.id}`, {
        CallSid: 'CA00000000000000000000000000000001',
        AccountSid: 'AC123',
        CallStatus: 'in-progress',
      });
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('<Gather');
      expect(body).toContain('Hello Ana, this is an automated assistant');
      expect(body).not.toContain('\x01');
      // The unnamed default greeting (no stored script) takes the same road.
      await world.db.updateTable('calls').set({ script: null }).where('id', '=', call.id).execute();
      const again = await world.post(`/twilio/voice?callId=${call.id}`, {
        CallSid: 'CA00000000000000000000000000000001',
        AccountSid: 'AC123',
        CallStatus: 'in-progress',
      });
      expect(again.status).toBe(200);
    } finally {
      await world.close();
    }
  });
});
