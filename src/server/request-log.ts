// One line per request for the operator: method, path, status, milliseconds. Never the body
// (what leads said), the query (Twilio's ids, anything a client put there) or a header (the
// bearer token, the signature); the path with its control characters escaped, so a request for
// /%1B[2J cannot clear the operator's terminal.
// Twilio webhooks that succeed are not logged: they come several times a second per live call,
// each is stored with its reply (`lead show` has the transcript) and Twilio's console lists them,
// and at webhook rates a line each was a write to stderr per request on the server's one thread.
// A refused or failed webhook (403, 413, 503, 500...) is logged like any other request, refusals
// up to a rate (refusalLimiter).
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

/** Statuses of requests turned away before any work: a flood of them is junk, or an attack. */
const REFUSED = new Set([401, 403, 404, 405, 413]);

export interface RequestLogOptions {
  /** Refused requests logged per second before the rest are only counted (default 10). */
  refusedPerSecond?: number;
  /** Milliseconds, for tests. */
  now?: () => number;
}

/**
 * Refused requests are logged up to a rate: at a thousand forged posts a second, a line each
 * would flood the operator's log and cost the server a write per request. The rest of each second
 * are counted, and the count is logged once the second is over (on the next request, or by a
 * timer if none comes).
 */
function refusalLimiter(log: (line: string) => void, perSecond: number, now: () => number) {
  let windowStart = now();
  let logged = 0;
  let held = new Map<number, number>();
  let flushQueued = false;
  const flush = (at: number) => {
    if (at - windowStart < 1000) return;
    if (held.size > 0) {
      const total = [...held.values()].reduce((a, b) => a + b, 0);
      const byStatus = [...held].sort(([a], [b]) => a - b).map(([status, n]) => `${status} × ${n}`);
      const seconds = ((at - windowStart) / 1000).toFixed(1);
      log(`${total} more refused requests not logged in the last ${seconds} s (${byStatus.join(', ')})`);
      held = new Map();
    }
    windowStart = at;
    logged = 0;
  };
  return {
    /** Whether this refused request gets its own line. */
    admit(status: number): boolean {
      flush(now());
      if (logged < perSecond) {
        logged += 1;
        return true;
      }
      held.set(status, (held.get(status) ?? 0) + 1);
      if (!flushQueued) {
        flushQueued = true;
        setTimeout(() => {
          flushQueued = false;
          flush(now());
        }, 1000).unref();
      }
      return false;
    },
    flush: () => flush(now()),
  };
}

export function requestLog(log: (line: string) => void, options: RequestLogOptions = {}): MiddlewareHandler {
  const now = options.now ?? (() => performance.now());
  const refusals = refusalLimiter(log, options.refusedPerSecond ?? 10, now);
  return async (c, next) => {
    const started = performance.now();
    let failed = true;
    try {
      await next();
      failed = false;
    } finally {
      const status = c.res.status;
      if (failed || status >= 400 || !c.req.path.startsWith(QUIET_WHEN_OK)) {
        if (!REFUSED.has(status) || refusals.admit(status)) {
          if (!REFUSED.has(status)) refusals.flush();
          const ms = performance.now() - started;
          log(`${c.req.method} ${loggedPath(c.req.url)} ${status} ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`);
        }
      }
    }
  };
}
