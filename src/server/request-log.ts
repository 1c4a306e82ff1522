// One line per request for the operator: method, path, status, milliseconds. Never the body
// (what leads said), the query (Twilio's ids, anything a client put there) or a header (the
// bearer token, the signature); the path with its control characters escaped, so a request for
// /%1B[2J cannot clear the operator's terminal.
import type { MiddlewareHandler } from 'hono';
import { escapeControls } from '../domain/leads.js';

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - started;
      let path: string;
      try {
        path = decodeURIComponent(new URL(c.req.url).pathname);
      } catch {
        path = new URL(c.req.url).pathname;
      }
      log(`${c.req.method} ${escapeControls(path)} ${c.res.status} ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`);
    }
  };
}
