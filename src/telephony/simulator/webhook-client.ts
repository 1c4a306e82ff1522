// Sends one webhook the way Twilio does: form-encoded, signed against exactly the URL Twilio was
// given. With a route, that URL is the public one a load balancer answers, and each request goes
// on to the next `serve` process behind it, as the balancer would forward it.
import twilio from 'twilio';
import type { SimEvent, SimRequestKind, SimStats } from './types.js';
import { recordSimError } from './types.js';

export interface WebhookResult {
  status: number | null;
  body: string;
}

export interface WebhookRequest {
  callSid: string;
  kind: SimRequestKind;
  url: string;
  method: 'GET' | 'POST';
  params: Record<string, string>;
  /** Same token on a repeat of the same event, as Twilio's retries carry (integrations.md §2). */
  idempotencyToken: string;
  duplicate?: boolean;
  /** The request's place among its call's requests: with a route, each goes to the target after the last one's. */
  sequence?: number;
}

/** Several `serve` processes behind one public URL (CALLBOOK_SIMULATOR_WEBHOOK_URLS). */
export interface WebhookRoute {
  /** What the URLs are signed on, and what a request's path is taken relative to. */
  publicBaseUrl: string;
  /** Where requests are delivered, in turn: the same path and query under each. */
  targets: readonly string[];
}

export interface WebhookClientOptions {
  authToken: string;
  fetch: typeof fetch;
  stats: SimStats;
  emit: (event: SimEvent) => void;
  /** Twilio gives up after 15 s (error 11205). */
  timeoutMs: number;
  route?: WebhookRoute | null;
}

const COUNTER_BY_KIND = {
  status: 'statusCallbacks',
  answer: 'answerRequests',
  gather: 'gatherRequests',
  redirect: 'redirectRequests',
} as const;

function withQuery(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** The URL a load balancer at the public base forwards `signed` to: the same path under the n-th target. */
export function routedUrl(signed: string, route: WebhookRoute | null | undefined, n: number): string {
  const base = route?.publicBaseUrl.replace(/\/+$/, '') ?? '';
  const target = route?.targets[n % route.targets.length];
  const rest = signed.slice(base.length);
  if (target === undefined || !signed.startsWith(base) || !/^([/?]|$)/.test(rest)) return signed;
  return target.replace(/\/+$/, '') + rest;
}

export function createWebhookClient(opts: WebhookClientOptions): (req: WebhookRequest) => Promise<WebhookResult> {
  let sent = 0;
  return async (req) => {
    // A GET carries the parameters in the query string, and Twilio then signs the URL alone.
    const target = req.method === 'GET' ? withQuery(req.url, req.params) : req.url;
    const delivered = routedUrl(target, opts.route, req.sequence ?? sent);
    sent++;
    const via = delivered === target ? '' : ` via ${new URL(delivered).origin}`;
    const signedParams = req.method === 'GET' ? {} : req.params;
    const headers: Record<string, string> = {
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(opts.authToken, target, signedParams),
      'I-Twilio-Idempotency-Token': req.idempotencyToken,
      'User-Agent': 'TwilioProxy/1.1 (callbook simulator)',
    };
    if (req.method === 'POST') headers['Content-Type'] = 'application/x-www-form-urlencoded';
    opts.stats.requests++;
    opts.stats[COUNTER_BY_KIND[req.kind]]++;
    let result: WebhookResult;
    let error: string | null = null;
    try {
      const res = await opts.fetch(delivered, {
        method: req.method,
        headers,
        ...(req.method === 'POST' ? { body: new URLSearchParams(req.params).toString() } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      result = { status: res.status, body: await res.text() };
      if (res.status < 200 || res.status >= 300) {
        error = `${req.kind} ${req.url}${via} answered HTTP ${res.status}`;
        if (res.status === 403) opts.stats.rejected++;
      }
    } catch (err) {
      result = { status: null, body: '' };
      error = `${req.kind} ${req.url}${via} failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (error !== null) recordSimError(opts.stats, error);
    opts.emit({
      type: 'request',
      callSid: req.callSid,
      kind: req.kind,
      url: target,
      ...(delivered === target ? {} : { deliveredTo: delivered }),
      params: req.params,
      status: result.status,
      error,
      duplicate: req.duplicate ?? false,
    });
    return result;
  };
}
