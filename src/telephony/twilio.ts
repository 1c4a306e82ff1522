// The real dialer: the official SDK, loaded on first use so commands that never place a call
// (parse, list, confirm) do not pay for requiring it.
import type twilio from 'twilio';
import type { CallListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/call.js';
import { mapTwilioError } from './errors.js';
import { sendTwilioSms } from './sms-twilio.js';
import type { PlaceCallRequest, PlacedCall, Telephony } from './types.js';
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
    sendSms: (req) => sendTwilioSms(client, req, opts.authToken),
  };
}
