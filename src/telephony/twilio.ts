// The real dialer: the official SDK, loaded on first use so commands that never place a call
// (parse, list, confirm) do not pay for requiring it.
import type twilio from 'twilio';
import type { CallListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/call.js';
import { mapTwilioError } from './errors.js';
import { sendTwilioSms } from './sms-twilio.js';
import type { CallLookup, PlaceCallRequest, PlacedCall, Telephony } from './types.js';
import { TelephonyError } from './types.js';

export interface TwilioTelephonyOptions {
  accountSid: string;
  authToken: string;
  /** Injected in tests to point the SDK at a loopback server (integrations.md §6). */
  httpClient?: twilio.RequestClient;
  /** REST timeout; the SDK default of 30 s is long for a cron tick. */
  timeoutMs?: number;
}

export const STATUS_CALLBACK_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

/**
 * Answering-machine detection is synchronous 'DetectMessageEnd':
 * - the answer webhook receives AnsweredBy, so /twilio/voice alone decides between the script and
 *   a voicemail message (design: "machine answered → leave message or hang up"). Async AMD would
 *   deliver the verdict to a separate callback after the script has started, forcing a live
 *   calls(sid).update() redirect that the narrow Telephony interface does not offer.
 * - 'DetectMessageEnd' rather than 'Enable': a human is reported as fast either way, but for a
 *   machine it waits for the beep (machine_end_beep), so a message we leave is recorded whole.
 * The price is a second or two of silence for a human while detection runs (integrations.md §3).
 */
export function buildCallCreateOptions(req: PlaceCallRequest): CallListInstanceCreateOptions {
  const options: CallListInstanceCreateOptions = {
    to: req.to,
    from: req.from,
    url: req.answerUrl,
    method: 'POST',
    statusCallback: req.statusCallbackUrl,
    statusCallbackEvent: STATUS_CALLBACK_EVENTS,
    statusCallbackMethod: 'POST',
    timeout: req.ringTimeoutSeconds,
  };
  if (req.machineDetection) options.machineDetection = 'DetectMessageEnd';
  return options;
}

export async function createTwilioTelephony(opts: TwilioTelephonyOptions): Promise<Telephony> {
  if (!/^AC[0-9a-f]{32}$/i.test(opts.accountSid)) {
    // Checked here because the SDK's own error would be thrown from deep inside the first call.
    throw new TelephonyError('The Twilio account SID must be AC followed by 32 hex digits.', false, null, null, 'auth');
  }
  const { default: twilioSdk } = await import('twilio');
  const client = twilioSdk(opts.accountSid, opts.authToken, {
    timeout: opts.timeoutMs ?? 15_000,
    ...(opts.httpClient ? { httpClient: opts.httpClient } : {}),
  });
  return {
    kind: 'twilio',
    async placeCall(req: PlaceCallRequest): Promise<PlacedCall> {
      try {
        const call = await client.calls.create(buildCallCreateOptions(req));
        return { sid: call.sid, status: call.status };
      } catch (err) {
        throw mapTwilioError(err, opts.authToken);
      }
    },
    async lookupCall(req: CallLookup): Promise<PlacedCall | null> {
      let calls: { sid: string; status: string; dateCreated: Date }[];
      try {
        calls = await client.calls.list({ to: req.to, from: req.from, pageSize: LOOKUP_LIMIT, limit: LOOKUP_LIMIT });
      } catch (err) {
        throw mapTwilioError(err, opts.authToken);
      }
      return lostCallAmong(calls, req.knownSids);
    },
    sendSms: (req) => sendTwilioSms(client, req, opts.authToken),
  };
}

/** One page of Twilio's call list: far more calls to one number than callbook ever places. */
export const LOOKUP_LIMIT = 200;

/**
 * The lost call among the provider's calls to→from: the newest one whose id we do not have. None
 * unknown on a page that holds them all: surely not placed (null). A full page: there may be more
 * than it shows, so we cannot tell (throws, and the call is held).
 */
export function lostCallAmong(
  calls: readonly { sid: string; status: string; dateCreated: Date | null }[],
  knownSids: readonly string[],
): PlacedCall | null {
  const known = new Set(knownSids);
  const unknown = calls.filter((c) => !known.has(c.sid)).sort((a, b) => (b.dateCreated?.getTime() ?? 0) - (a.dateCreated?.getTime() ?? 0));
  const newest = unknown[0];
  if (newest) return { sid: newest.sid, status: newest.status };
  if (calls.length >= LOOKUP_LIMIT) {
    throw new TelephonyError(
      `Twilio lists ${calls.length} or more calls to this number from this caller id, so a lost call cannot be told apart`,
      false,
      null,
      null,
      'server_error',
    );
  }
  return null;
}
