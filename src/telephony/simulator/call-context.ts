// Everything one simulated call needs, plus the parameters Twilio puts on every request.
import type { PlaceCallRequest } from '../types.js';
import type { Rng } from './rng.js';
import type { SimEvent, SimReply, SimStats, SimulatedLead } from './types.js';
import type { WebhookRequest, WebhookResult } from './webhook-client.js';

export interface CallContext {
  sid: string;
  accountSid: string;
  req: PlaceCallRequest;
  lead: SimulatedLead;
  /** The lead's answers still to give, one per Gather. */
  replies: SimReply[];
  rng: Rng;
  stats: SimStats;
  post: (request: WebhookRequest) => Promise<WebhookResult>;
  emit: (event: SimEvent) => void;
  statusDisorder: boolean;
  startedAt: Date;
  /** Simulated seconds since the call was placed; drives Timestamp and CallDuration without real waiting. */
  elapsed: number;
  maxRoundTrips: number;
}

export function baseParams(ctx: CallContext): Record<string, string> {
  return {
    AccountSid: ctx.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: ctx.sid,
    Called: ctx.req.to,
    Caller: ctx.req.from,
    Direction: 'outbound-api',
    From: ctx.req.from,
    To: ctx.req.to,
  };
}

/** RFC 2822, as Twilio's Timestamp parameter ("Thu, 05 Mar 2026 15:00:03 +0000"). */
export function formatTimestamp(ctx: CallContext): string {
  const at = new Date(ctx.startedAt.getTime() + Math.round(ctx.elapsed * 1000));
  return at.toUTCString().replace('GMT', '+0000');
}

/** Absolute URLs are kept byte for byte (they are what gets signed); relative ones resolve like Twilio's. */
export function resolveUrl(url: string, base: string): string {
  return /^https?:\/\//i.test(url) ? url : new URL(url, base).href;
}
