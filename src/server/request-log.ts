// One line per request for the operator: method, path, status, milliseconds. Never the body
// (what leads said), the query (Twilio's ids, anything a client put there) or a header (the
// bearer token, the signature); the path with its control characters escaped, so a request for
// /%1B[2J cannot clear the operator's terminal.
// Twilio webhooks that succeed are not logged: they come several times a second per live call,
// each is stored with its reply (`lead show` has the transcript) and Twilio's console lists them,
// and at webhook rates a line each was a write to stderr per request on the server's one thread.
// A refused or failed webhook (403, 413, 503, 500...) is logged like any other request.
import type { MiddlewareHandler } from 'hono';
import { escapeControls } from '../domain/leads.js';

/** A path made only of these (and no dot segment) needs no decoding, escaping or normalising: read straight from the URL. */
const PLAIN_PATH = /^\/[A-Za-z0-9_~./-]*$/;

/** The request's path as the log shows it: percent-decoded, dot segments resolved, control characters escaped. */
export function loggedPath(requestUrl: string): string {
  const start = requestUrl.indexOf('/', requestUrl.indexOf('://') + 3);
  if (start !== -1) {
    let end = start;
    while (end < requestUrl.length && requestUrl[end] !== '?' && requestUrl[end] !== '#') end++;
    const raw = requestUrl.slice(start, end);
    if (PLAIN_PATH.test(raw) && !raw.includes('/.')) return raw;
  }
  const { pathname } = new URL(requestUrl);
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  return escapeControls(path);
}

/** Routes whose successful requests are not logged (the Twilio webhooks). */
const QUIET_WHEN_OK = '/twilio/';

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    let failed = true;
    try {
      await next();
      failed = false;
    } finally {
      const status = c.res.status;
      if (failed || status >= 400 || !c.req.path.startsWith(QUIET_WHEN_OK)) {
        const ms = performance.now() - started;
        log(`${c.req.method} ${loggedPath(c.req.url)} ${status} ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`);
      }
    }
  };
}
