// The answered part of a call: fetch TwiML, walk its verbs like Twilio, answer each Gather with
// the lead's next reply, and follow actions and redirects until a hangup or the round-trip cap.

import type { CallContext } from './call-context.js';
import { baseParams, resolveUrl } from './call-context.js';
import type { TwimlVerb } from './twiml-reader.js';
import { readTwiml } from './twiml-reader.js';
import type { SimRequestKind } from './types.js';
import { recordSimError } from './types.js';

interface NextRequest {
  kind: SimRequestKind;
  url: string;
  method: 'GET' | 'POST';
  extra: Record<string, string>;
}

const SPOKEN_WORDS_PER_SECOND = 2.5;
const REPLY_SECONDS = 3;

function methodOf(verb: TwimlVerb): 'GET' | 'POST' {
  return verb.attrs.method?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}

function listen(ctx: CallContext, verb: TwimlVerb): void {
  if (verb.name === 'Say') {
    ctx.emit({ type: 'say', callSid: ctx.sid, text: verb.text });
    ctx.elapsed += Math.ceil(verb.text.split(/\s+/).length / SPOKEN_WORDS_PER_SECOND);
  } else if (verb.name === 'Pause') {
    ctx.elapsed += Number(verb.attrs.length ?? 1) || 1;
  } else if (verb.name === 'Play') {
    ctx.elapsed += REPLY_SECONDS;
  }
}

/** The action request for a Gather, or undefined when Twilio would fall through to the next verb. */
function answerGather(ctx: CallContext, verb: TwimlVerb, currentUrl: string): NextRequest | undefined {
  for (const child of verb.children) listen(ctx, child);
  const inputs = (verb.attrs.input ?? 'dtmf').split(/\s+/);
  const reply = ctx.replies.shift() ?? { silence: true as const };
  ctx.emit({ type: 'reply', callSid: ctx.sid, reply });
  let extra: Record<string, string> | null = null;
  if ('speech' in reply && reply.speech.trim() !== '' && inputs.includes('speech')) {
    const confidence = reply.confidence ?? 0.6 + ctx.rng() * 0.39;
    extra = { SpeechResult: reply.speech, Confidence: confidence.toFixed(8) };
  } else if ('digits' in reply && reply.digits !== '' && inputs.includes('dtmf')) {
    const numDigits = Number(verb.attrs.numDigits ?? 0);
    extra = { Digits: numDigits > 0 ? reply.digits.slice(0, numDigits) : reply.digits };
  }
  if (extra === null) {
    ctx.elapsed += Number(verb.attrs.timeout ?? 5) || 5;
    if (verb.attrs.actionOnEmptyResult !== 'true') return undefined;
    extra = inputs.includes('speech') ? { SpeechResult: '' } : { Digits: '' };
  } else {
    ctx.elapsed += REPLY_SECONDS;
  }
  // Without an action Twilio requests the current document again.
  return { kind: 'gather', url: resolveUrl(verb.attrs.action ?? currentUrl, currentUrl), method: methodOf(verb), extra };
}

/** Next request to make, or null when the call ends here. */
function walkVerbs(ctx: CallContext, verbs: TwimlVerb[], currentUrl: string): NextRequest | null {
  for (const verb of verbs) {
    switch (verb.name) {
      case 'Gather': {
        const next = answerGather(ctx, verb, currentUrl);
        if (next) return next;
        break;
      }
      case 'Redirect':
        return { kind: 'redirect', url: resolveUrl(verb.text, currentUrl), method: methodOf(verb), extra: {} };
      case 'Hangup':
      case 'Reject':
        return null;
      default:
        // Say, Pause, Play take time; Dial, Record and the rest have nothing to simulate.
        listen(ctx, verb);
    }
  }
  // Falling off the end of a document ends the call.
  return null;
}

export async function converse(ctx: CallContext, answeredBy: string | null): Promise<void> {
  let next: NextRequest | null = {
    kind: 'answer',
    url: ctx.req.answerUrl,
    method: 'POST',
    extra: answeredBy === null ? {} : { AnsweredBy: answeredBy },
  };
  for (let round = 0; next !== null && round < ctx.maxRoundTrips; round++) {
    const res = await ctx.post({
      callSid: ctx.sid,
      kind: next.kind,
      url: next.url,
      method: next.method,
      params: { ...baseParams(ctx), CallStatus: 'in-progress', ...next.extra },
      idempotencyToken: `${ctx.sid}-${round}`,
    });
    // Twilio plays its application-error message and hangs up on any failure.
    if (res.status === null || res.status < 200 || res.status >= 300) return;
    let verbs: TwimlVerb[];
    try {
      verbs = readTwiml(res.body);
    } catch (err) {
      recordSimError(ctx.stats, `${next.kind} ${next.url} returned invalid TwiML: ${(err as Error).message}`);
      return;
    }
    next = walkVerbs(ctx, verbs, next.url);
  }
}
