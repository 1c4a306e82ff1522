// TwiML documents for the voice webhooks, built with the SDK's VoiceResponse so names such as
// "Smith & <Sons>" are escaped by its XML builder rather than by hand (integrations.md §3).
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';

export interface VoiceOptions {
  /** Twilio voice, e.g. 'Polly.Joanna'; Twilio's default when absent. */
  voice?: string;
  /** BCP-47 tag used for both <Say> and speech recognition; defaults to en-US. */
  language?: string;
}

export interface GatherTwimlInput extends VoiceOptions {
  /** Absolute URL including ?callId=&turn=, so a retried request can be recognised. */
  gatherActionUrl: string;
  /** Speech-recognition hints; defaults to the vocabulary of availability answers. */
  hints?: string[];
}

export interface AnswerTwimlInput extends GatherTwimlInput {
  /** The script: greeting by first name, who calls for whom, automated-assistant disclosure, opt-out instructions, the ask. */
  greeting: string;
  /** A closing question said after the greeting, inside the same Gather (optional). */
  prompt?: string;
}

export interface ReadBackTwimlInput extends GatherTwimlInput {
  /** What we understood, e.g. "I have Tuesday the 10th from 9 to 11 in the morning." */
  readBack: string;
  confirmPrompt?: string;
}

export interface RepromptTwimlInput extends GatherTwimlInput {
  prompt: string;
}

export const DEFAULT_CONFIRM_PROMPT = "If that's right, say yes or press 1. Otherwise, tell me again when you're free.";

export const DEFAULT_HINTS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'tomorrow',
  'next week',
  'this week',
  'morning',
  'afternoon',
  'evening',
  'a.m.',
  'p.m.',
  'noon',
  'any time',
  'after',
  'before',
  'between',
  'yes',
  'no',
  'correct',
  'stop',
  'remove me',
  'not interested',
  'call me back',
];

// Twilio waits this long after the prompt finishes before giving up on the caller.
const GATHER_TIMEOUT_SECONDS = 6;

function assertAbsoluteUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Gather action URL must be absolute, got "${url}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`Gather action URL must be http(s), got "${url}"`);
  }
}

type SayAttributes = VoiceResponse.SayAttributes;

// ESC/CSI sequences go whole (their parameters are not words), line breaks and tabs become spaces,
// and every other character XML 1.0 cannot carry (C0/C1 controls, lone surrogates, U+FFFE/F) is
// dropped. xmlbuilder throws on them, and a throw here is a 500 on a live call: stored text (a
// lead's name in the script) must never be able to do that.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[@-_]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSPEAKABLE = /[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe to put in a <Say>: no control characters, single spaces. */
export function speakableText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(UNSPEAKABLE, '').replace(/\s+/g, ' ').trim();
}

function say(parent: { say(attrs: SayAttributes, text: string): unknown }, opts: VoiceOptions, text: string | null): void {
  const clean = text === null ? '' : speakableText(text);
  if (clean !== '') parent.say(sayAttributes(opts), clean);
}

function sayAttributes(opts: VoiceOptions): SayAttributes {
  const attrs: SayAttributes = {};
  if (opts.voice) attrs.voice = opts.voice as SayAttributes['voice'];
  if (opts.language) attrs.language = opts.language as SayAttributes['language'];
  return attrs;
}

/**
 * Everything spoken goes inside the Gather: Twilio listens while nested <Say>s play, so a lead
 * who presses 9 or says "stop" during the disclosure is heard at once (the opt-out must be
 * available right after identification), and actionOnEmptyResult sends silence to our action
 * URL instead of falling off the end of the document and hanging up.
 */
function buildGather(input: GatherTwimlInput, texts: string[]): string {
  assertAbsoluteUrl(input.gatherActionUrl);
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({
    input: ['speech', 'dtmf'],
    action: input.gatherActionUrl,
    method: 'POST',
    // 'auto' ends at the first pause; it must not be combined with speechModel (Twilio error 13335).
    speechTimeout: 'auto',
    actionOnEmptyResult: true,
    timeout: GATHER_TIMEOUT_SECONDS,
    // Single keys only (1 = yes, 9 = opt out): without numDigits Twilio waits for '#' or the timeout.
    numDigits: 1,
    language: (input.language ?? 'en-US') as VoiceResponse.GatherAttributes['language'],
    hints: (input.hints ?? DEFAULT_HINTS).join(', '),
  });
  for (const text of texts) say(gather, input, text);
  return response.toString();
}

export function buildAnswerTwiml(input: AnswerTwimlInput): string {
  return buildGather(input, [input.greeting, input.prompt ?? '']);
}

export function buildReadBackTwiml(input: ReadBackTwimlInput): string {
  return buildGather(input, [input.readBack, input.confirmPrompt ?? DEFAULT_CONFIRM_PROMPT]);
}

export function buildRepromptTwiml(input: RepromptTwimlInput): string {
  return buildGather(input, [input.prompt]);
}

function buildSayThenHangup(text: string | null, opts: VoiceOptions): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, opts, text);
  response.hangup();
  return response.toString();
}

export function buildGoodbyeTwiml(text: string, opts: VoiceOptions = {}): string {
  return buildSayThenHangup(text, opts);
}

/** Same shape as goodbye; a separate name so the opt-out path reads as such at the call site. */
export function buildOptOutTwiml(text: string, opts: VoiceOptions = {}): string {
  return buildSayThenHangup(text, opts);
}

/** AMD 'DetectMessageEnd' answers after the beep, so a message starts recording at once; null just hangs up. */
export function buildVoicemailTwiml(text: string | null, opts: VoiceOptions = {}): string {
  return buildSayThenHangup(text, opts);
}

/**
 * Buys time when an answer needs slow work (integrations.md §5): "One moment", a pause, then
 * Twilio fetches redirectUrl, which should carry the same callId and turn.
 */
export function buildHoldTwiml(input: { text: string | null; redirectUrl: string; pauseSeconds?: number } & VoiceOptions): string {
  assertAbsoluteUrl(input.redirectUrl);
  const response = new twilio.twiml.VoiceResponse();
  say(response, input, input.text);
  if (input.pauseSeconds) response.pause({ length: input.pauseSeconds });
  response.redirect({ method: 'POST' }, input.redirectUrl);
  return response.toString();
}

/** For status callbacks and anything else that needs a valid, empty document. */
export function buildEmptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
