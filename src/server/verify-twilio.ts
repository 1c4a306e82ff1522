// Rejects webhook requests Twilio did not sign. Hono has no equivalent of twilio.webhook()
// (Express-only), so the check is done here: the same URL forms as twilio.validateRequest
// (integrations.md §1), but no work for a request that cannot be genuine, and one HMAC for one that is.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse, stringify } from 'node:querystring';
import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { declaresTooMuch, errorBody, readTextWithin, TWILIO_BODY_LIMIT, tooLarge } from './body-limit.js';

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
  /** Bytes of body accepted before the signature is checked (TWILIO_BODY_LIMIT). */
  bodyLimit?: number;
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

/** What Twilio sends: base64 of an HMAC-SHA1, 20 bytes. Anything else is refused before the body is read. */
const SIGNATURE_FORM = /^[A-Za-z0-9+/]{27}=$/;

export function parseSignature(header: string | undefined): Buffer | null {
  if (header === undefined || !SIGNATURE_FORM.test(header)) return null;
  const bytes = Buffer.from(header, 'base64');
  return bytes.length === 20 ? bytes : null;
}

const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)(:\d*)?(.*)$/is;

function withoutPort(url: string): string {
  const m = URL_PARTS.exec(url);
  return m ? `${m[1]}${m[2] ?? ''}${m[3]}${m[5]}` : url;
}

function withDefaultPort(url: string): string {
  const m = URL_PARTS.exec(url);
  if (!m || m[4]) return url;
  const port = m[1]?.toLowerCase() === 'https://' ? ':443' : ':80';
  return `${m[1]}${m[2] ?? ''}${m[3]}${port}${m[5]}`;
}

function withLegacyQuery(url: string): string {
  const q = url.indexOf('?');
  if (q === -1 || q === url.length - 1) return url;
  return `${url.slice(0, q)}?${stringify(parse(url.slice(q + 1)))}`;
}

/**
 * The URLs validateRequest would accept, cheapest first and each once: the URL exactly as
 * requested (what Twilio signs in practice: one HMAC for a genuine request), then without and
 * with the default port, then the WHATWG-normalised and legacy-query forms.
 */
export function signatureCandidates(url: string): string[] {
  let normalized = url;
  try {
    normalized = new URL(url).toString();
  } catch {
    // Not a URL the parser accepts: only the forms derived from the text itself.
  }
  const forms = [url, withoutPort(url), withDefaultPort(url), withoutPort(normalized), withDefaultPort(normalized)];
  forms.push(withLegacyQuery(withoutPort(normalized)), withLegacyQuery(withDefaultPort(normalized)));
  return [...new Set(forms)];
}

/** The parameters as Twilio appends them to the URL: keys sorted, repeated values deduped and sorted. */
function signedParams(params: TwilioParams): string {
  let data = '';
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (Array.isArray(value)) for (const v of [...new Set(value)].sort()) data += key + v;
    else data += key + value;
  }
  return data;
}

/** Same result as twilio.validateRequest, with the parameter string built once and the exact URL tried first. */
export function isSignedByTwilio(authToken: string, signature: Buffer, url: string, params: TwilioParams): boolean {
  const data = Buffer.from(signedParams(params), 'utf8');
  const matches = (candidate: string) =>
    timingSafeEqual(createHmac('sha1', authToken).update(Buffer.from(candidate, 'utf8')).update(data).digest(), signature);
  // The other forms are worked out only when the exact URL did not match.
  return matches(url) || signatureCandidates(url).slice(1).some(matches);
}

function forbidden(c: HonoContext, message: string): Response {
  return c.json(
    errorBody(
      'forbidden',
      message,
      'webhooks must be signed by Twilio with TWILIO_AUTH_TOKEN for TWILIO_VOICE_WEBHOOK_URL / PUBLIC_BASE_URL',
    ),
    403,
  );
}

/**
 * Cheapest refusals first, none of which read the body: a Content-Length over the limit (413), a
 * missing or malformed signature (403). Then the body is read up to the limit (413 past it),
 * parsed, and its signature checked.
 */
export function verifyTwilioSignature(options: VerifyTwilioOptions): MiddlewareHandler<TwilioEnv> {
  const limit = options.bodyLimit ?? TWILIO_BODY_LIMIT;
  return async (c, next) => {
    if (declaresTooMuch(c, limit)) return tooLarge(c, limit);
    const url = options.skip ? '' : resolveSignedUrl(c.req.url, options.publicBaseUrl);
    const header = c.req.header('X-Twilio-Signature');
    const signature = options.skip ? null : parseSignature(header);
    if (!options.skip && signature === null) {
      const missing = header === undefined || header === '';
      options.onReject?.(missing ? 'missing_signature' : 'invalid_signature', url);
      return forbidden(
        c,
        missing ? 'missing X-Twilio-Signature header' : 'malformed X-Twilio-Signature header (expected base64 of 20 bytes)',
      );
    }
    const body = await readTextWithin(c, limit);
    if (body === null) return tooLarge(c, limit);
    // Repeated keys become arrays; each value is signed (deduped, sorted).
    const params = readFormParams(body);
    if (signature !== null && !isSignedByTwilio(options.authToken, signature, url, params)) {
      options.onReject?.('invalid_signature', url);
      return forbidden(c, 'invalid X-Twilio-Signature');
    }
    c.set('twilioParams', params);
    await next();
  };
}
