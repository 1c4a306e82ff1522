// Turns whatever the Twilio SDK throws into a TelephonyError the dialer can act on. Duck-typed
// (status/code fields) so this file never loads the SDK and also covers the RFC 9457
// TwilioServiceException that newer endpoints throw instead of RestException.

import type { TelephonyErrorReason } from './types.js';
import { TelephonyError } from './types.js';

interface PermanentCode {
  reason: TelephonyErrorReason;
  text: string;
}

// Codes that will fail the same way on every retry. Sources: twilio.com/docs/errors/<code>.
const PERMANENT_CODES: Record<number, PermanentCode> = {
  21211: { reason: 'invalid_number', text: 'the To number is not a valid phone number' },
  21217: { reason: 'invalid_number', text: 'the To number does not appear to be valid' },
  21401: { reason: 'invalid_number', text: 'the phone number is not valid' },
  21214: { reason: 'unreachable', text: 'the To number cannot be reached' },
  21215: { reason: 'geo_permission', text: 'calls to this destination are blocked by the account Geo Permissions' },
  13227: { reason: 'geo_permission', text: 'calls to this destination are blocked by the account Geo Permissions' },
  32205: { reason: 'geo_permission', text: 'calls to this destination are blocked by the account Geo Permissions' },
  21216: {
    reason: 'blocked',
    text: 'Twilio blocks calls to this number (for +1 numbers: does the account have a Primary Customer Profile?)',
  },
  21219: { reason: 'blocked', text: 'a trial account can only call verified numbers' },
  21210: { reason: 'caller_id', text: 'the From number is not a Twilio number or verified caller ID' },
  21212: { reason: 'caller_id', text: 'the From number is not a valid caller ID' },
  21213: { reason: 'caller_id', text: 'a From number (caller ID) is required' },
  20003: { reason: 'auth', text: 'authentication failed: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN' },
  20404: { reason: 'auth', text: 'the account or resource was not found: check TWILIO_ACCOUNT_SID' },
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_NETWORK',
  'ERR_CANCELED',
]);

interface RestLike {
  status: number;
  code?: unknown;
  message?: unknown;
  moreInfo?: unknown;
  detail?: unknown;
}

function isRestLike(err: unknown): err is RestLike {
  return typeof err === 'object' && err !== null && typeof (err as { status?: unknown }).status === 'number';
}

/** Replaces the secret wherever a third-party message might have echoed it. */
function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

export function mapTwilioError(err: unknown, authToken?: string): TelephonyError {
  if (err instanceof TelephonyError) return err;
  if (isRestLike(err)) return mapRestError(err, authToken);
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const raw = err instanceof Error ? err.message : String(err);
  const detail = scrub(raw, authToken);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new TelephonyError(`Could not reach Twilio (${code}): ${detail}`, true, null, null, 'network');
  }
  // Anything else is most likely a transport problem too (axios wraps them); retrying is the safe default.
  return new TelephonyError(`Twilio request failed: ${detail}`, true, null, null, 'network');
}

function mapRestError(err: RestLike, authToken: string | undefined): TelephonyError {
  const code = typeof err.code === 'number' && err.code !== 0 ? err.code : null;
  const twilioText = typeof err.message === 'string' ? scrub(err.message, authToken) : '';
  const suffix = code === null ? '' : ` (Twilio error ${code})`;
  const more = typeof err.moreInfo === 'string' ? ` See ${err.moreInfo}` : '';
  if (code === 20429 || err.status === 429) {
    return new TelephonyError(`Twilio is rate limiting calls${suffix}; retry later.`, true, code, err.status, 'rate_limited');
  }
  if (err.status >= 500) {
    const msg = `Twilio had a server error (HTTP ${err.status})${suffix}; retry later.`;
    return new TelephonyError(msg, true, code, err.status, 'server_error');
  }
  const known = code === null ? undefined : PERMANENT_CODES[code];
  if (known) {
    return new TelephonyError(`Call not placed: ${known.text}${suffix}.${more}`, false, code, err.status, known.reason);
  }
  if (err.status === 401) {
    const msg = `Call not placed: Twilio rejected the credentials (HTTP 401)${suffix}.`;
    return new TelephonyError(msg, false, code, err.status, 'auth');
  }
  const text = twilioText || `HTTP ${err.status}`;
  return new TelephonyError(`Call not placed: Twilio rejected the request: ${text}${suffix}.${more}`, false, code, err.status);
}
