// Sends one webhook the way Twilio does: form-encoded, signed against exactly the URL posted to.
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
}

export interface WebhookClientOptions {
  authToken: string;
  fetch: typeof fetch;
  stats: SimStats;
  emit: (event: SimEvent) => void;
  /** Twilio gives up after 15 s (error 11205). */
  timeoutMs: number;
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

export function createWebhookClient(opts: WebhookClientOptions): (req: WebhookRequest) => Promise<WebhookResult> {
  return async (req) => {
    // A GET carries the parameters in the query string, and Twilio then signs the URL alone.
    const target = req.method === 'GET' ? withQuery(req.url, req.params) : req.url;
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
      const res = await opts.fetch(target, {
        method: req.method,
        headers,
        ...(req.method === 'POST' ? { body: new URLSearchParams(req.params).toString() } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      result = { status: res.status, body: await res.text() };
      if (res.status < 200 || res.status >= 300) {
        error = `${req.kind} ${req.url} answered HTTP ${res.status}`;
        if (res.status === 403) opts.stats.rejected++;
      }
    } catch (err) {
      result = { status: null, body: '' };
      error = `${req.kind} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (error !== null) recordSimError(opts.stats, error);
    opts.emit({
      type: 'request',
      callSid: req.callSid,
      kind: req.kind,
      url: target,
      params: req.params,
      status: result.status,
      error,
      duplicate: req.duplicate ?? false,
    });
    return result;
  };
}
