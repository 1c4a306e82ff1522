// Rejects webhook requests Twilio did not sign. Hono has no equivalent of twilio.webhook()
// (Express-only), so the check is done here with validateRequest (integrations.md §1).
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import twilio from 'twilio';

/** Form fields exactly as posted: repeated keys become arrays, empty values stay ("Digits" = ""). */
export type TwilioParams = Record<string, string | string[]>;

/** Hono `Variables` for routes behind the middleware: `c.get('twilioParams')`. */
export interface TwilioVariables {
  twilioParams: TwilioParams;
}

export type TwilioEnv = { Variables: TwilioVariables };

export interface VerifyTwilioOptions {
  /** The key Twilio signs with: the primary Auth Token (or the configured webhook signing key). */
  authToken: string;
  /** The base URL Twilio was given (https://x.ngrok.app); null when Twilio calls us directly. */
  publicBaseUrl: string | null;
  /** Only from an explicit SKIP_TWILIO_VALIDATION switch; params are still parsed and stored. */
  skip: boolean;
  /** Told why a request was refused, with the URL it was checked against (a wrong PUBLIC_BASE_URL is the usual cause). */
  onReject?: (reason: 'missing_signature' | 'invalid_signature', url: string) => void;
}

const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;

/** Path and query exactly as requested, so the signed string matches byte for byte. */
export function extractPathAndQuery(requestUrl: string): string {
  const rest = requestUrl.replace(ORIGIN, '');
  const hash = rest.indexOf('#');
  const withoutHash = hash === -1 ? rest : rest.slice(0, hash);
  return withoutHash.startsWith('/') ? withoutHash : `/${withoutHash}`;
}

/**
 * The URL Twilio signed. Behind ngrok or a proxy c.req.url says http://localhost:PORT while
 * Twilio signed https://public-host, so the configured public base wins whenever it is set.
 */
export function resolveSignedUrl(requestUrl: string, publicBaseUrl: string | null): string {
  if (publicBaseUrl === null) return requestUrl;
  return publicBaseUrl.replace(/\/+$/, '') + extractPathAndQuery(requestUrl);
}

/**
 * Twilio posts application/x-www-form-urlencoded bodies; URLSearchParams reads them exactly
 * (empty values kept, repeated keys in order) and far faster than a generic form-data parser
 * on the webhook's hot path.
 */
export function readFormParams(body: string): TwilioParams {
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const seen = params[key];
    if (seen === undefined) params[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else params[key] = [seen, value];
  }
  return params;
}

/**
 * The signature of the URL exactly as requested: one of the forms validateRequest tries (with and
 * without the port), and the one Twilio signed in practice, so the common case costs one HMAC
 * instead of validateRequest's two or more. Anything else falls through to validateRequest.
 */
function signedAsRequested(authToken: string, signature: string, url: string, params: TwilioParams): boolean {
  const expected = Buffer.from(twilio.getExpectedTwilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function verifyTwilioSignature(options: VerifyTwilioOptions): MiddlewareHandler<TwilioEnv> {
  return async (c, next) => {
    // Repeated keys become arrays; validateRequest signs each value (deduped, sorted).
    const params = readFormParams(await c.req.text());
    if (!options.skip) {
      const signature = c.req.header('X-Twilio-Signature');
      const url = resolveSignedUrl(c.req.url, options.publicBaseUrl);
      if (!signature) {
        options.onReject?.('missing_signature', url);
        return c.json({ error: 'Missing X-Twilio-Signature header' }, 403);
      }
      if (
        !signedAsRequested(options.authToken, signature, url, params) &&
        !twilio.validateRequest(options.authToken, signature, url, params)
      ) {
        options.onReject?.('invalid_signature', url);
        return c.json({ error: 'Invalid X-Twilio-Signature' }, 403);
      }
    }
    c.set('twilioParams', params);
    await next();
  };
}
