// What the voice bot says when the lead picks up. Built before dialing and stored on the call,
// so /twilio/voice only reads it (integrations.md §5). The disclosure (who calls, for whom, that
// it is automated) and the opt-out sentence are always ours, never the model's (§4).
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { describeDuration, describeWindowForSpeech, firstName } from '../domain/speech.js';

export interface ScriptMeeting {
  owner_id: string;
  title: string;
  duration_minutes: number;
  window_start: string;
  window_end: string;
}

export interface ScriptLead {
  name: string;
  timezone: string;
}

export interface ScriptOptions {
  businessName: string;
  callbackNumber: string | null;
  now: DateTime | string;
}

export interface PersonaliseOptions extends ScriptOptions {
  apiKey: string;
  baseUrl: string | null;
  model: string;
  timeoutMs: number;
}

export interface CallScript {
  text: string;
  source: 'fixed' | 'openai';
  /** Why the personalised script was not used; null when it was, or when none was asked for. */
  fallback_reason: string | null;
}

export const MAX_SCRIPT_LENGTH = 600;
export const OPT_OUT_SENTENCE = 'If you would rather not get these calls, say stop or press 9.';

/** "dana.smith@acme.com" → "Dana Smith": owners are stored as ids, often e-mail addresses. */
export function speakableOwner(ownerId: string): string {
  const local = ownerId.split('@')[0] ?? ownerId;
  const words = local.split(/[._\-+\s]+/).filter((w) => /^[a-z]+$/i.test(w));
  if (words.length === 0) return 'our account manager';
  return words.map((w) => (w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w)).join(' ');
}

/** Said digit by digit in groups, so text-to-speech does not read a number in the billions. */
function speakablePhone(phone: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return us ? `${us[1]}-${us[2]}-${us[3]}` : phone.replace(/^\+/, 'plus ');
}

function parts(meeting: ScriptMeeting, lead: ScriptLead, opts: ScriptOptions) {
  const owner = speakableOwner(meeting.owner_id);
  const first = firstName(lead.name);
  const window = describeWindowForSpeech(meeting.window_start, meeting.window_end, lead.timezone, opts.now);
  return {
    owner,
    first,
    window,
    disclosure: `Hello${first ? ` ${first}` : ''}, this is an automated assistant calling for ${opts.businessName} on behalf of ${owner}.`,
    callback: opts.callbackNumber ? ` You can call us back at ${speakablePhone(opts.callbackNumber)}.` : '',
    ask: `${owner} would like to book a ${describeDuration(meeting.duration_minutes)} meeting with you, ${meeting.title}, ${window}. When would you be free?`,
  };
}

export function buildScript(meeting: ScriptMeeting, lead: ScriptLead, opts: ScriptOptions): string {
  const p = parts(meeting, lead, opts);
  return `${p.disclosure} ${OPT_OUT_SENTENCE}${p.callback} ${p.ask}`;
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const name = error instanceof Error ? error.constructor.name : '';
  if (name === 'APIConnectionTimeoutError') return `openai timed out after ${timeoutMs} ms`;
  if (name === 'APIConnectionError') return 'openai connection failed';
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return `openai http ${status}`;
  return error instanceof Error ? error.message.slice(0, 120) : String(error);
}

/** A lightly personalised ask from OpenAI, wrapped in our own disclosure and opt-out; the fixed script on any failure. */
export async function personaliseScript(meeting: ScriptMeeting, lead: ScriptLead, opts: PersonaliseOptions): Promise<CallScript> {
  const fixed = buildScript(meeting, lead, opts);
  const p = parts(meeting, lead, opts);
  const prefix = `${p.disclosure} ${OPT_OUT_SENTENCE}${p.callback} `;
  try {
    const { default: OpenAI } = await import('openai');
    const client = new OpenAI({
      apiKey: opts.apiKey,
      timeout: opts.timeoutMs,
      maxRetries: 0,
      ...(opts.baseUrl ? { baseURL: opts.baseUrl } : {}),
    });
    const completion = await client.chat.completions.create({
      model: opts.model,
      temperature: 0.4,
      max_tokens: 160,
      messages: [
        {
          role: 'system',
          content:
            'You write two or three short, warm sentences spoken by a phone assistant. Ask the person when they are free for the meeting described, ' +
            'using the time window exactly as given. Do not greet, do not introduce yourself, do not mention opting out. ' +
            'Plain text only, one paragraph, end with a question, under 300 characters.',
        },
        {
          role: 'user',
          content: JSON.stringify({
            person: p.first,
            requested_by: p.owner,
            company: opts.businessName,
            meeting: meeting.title,
            length: `${describeDuration(meeting.duration_minutes)}`,
            window: p.window,
          }),
        },
      ],
    });
    const text = (completion.choices[0]?.message.content ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (text.length < 20) throw new Error('openai answer was empty');
    if (!text.includes('?')) throw new Error('openai answer asks nothing');
    if (/[<>{}]|https?:/i.test(text)) throw new Error('openai answer contains markup');
    const script = `${prefix}${text}`;
    if (script.length > MAX_SCRIPT_LENGTH) throw new Error(`openai answer too long (${script.length} characters)`);
    return { text: script, source: 'openai', fallback_reason: null };
  } catch (error) {
    return { text: fixed, source: 'fixed', fallback_reason: reasonOf(error, opts.timeoutMs) };
  }
}

/** The script for one call: personalised when OPENAI_API_KEY is set, else the fixed one (no SDK loaded). */
export async function scriptForCall(config: Config, meeting: ScriptMeeting, lead: ScriptLead, now: DateTime): Promise<CallScript> {
  const base = { businessName: config.businessName, callbackNumber: config.callbackNumber, now };
  if (!config.openai.apiKey) return { text: buildScript(meeting, lead, base), source: 'fixed', fallback_reason: null };
  return personaliseScript(meeting, lead, {
    ...base,
    apiKey: config.openai.apiKey,
    baseUrl: config.openai.baseUrl,
    model: config.openai.model,
    timeoutMs: config.openai.timeoutMs,
  });
}
