// Status callbacks with Twilio's delivery guarantees, i.e. none: when disorder is on, some are
// repeated and some held back until after later ones, while SequenceNumber keeps the true order.

import type { CallContext } from './call-context.js';
import { baseParams, formatTimestamp } from './call-context.js';
import { chance } from './rng.js';

const TERMINAL = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
const HOLD_PROBABILITY = 0.25;
const DUPLICATE_PROBABILITY = 0.2;

interface Pending {
  params: Record<string, string>;
  duplicate: boolean;
}

export interface StatusChannel {
  send(callStatus: string, extra?: Record<string, string>): Promise<void>;
  /** Delivers whatever was held back; call after the terminal status. */
  flush(): Promise<void>;
}

export function createStatusChannel(ctx: CallContext): StatusChannel {
  let sequence = 0;
  const later: Pending[] = [];
  const deliver = async ({ params, duplicate }: Pending): Promise<void> => {
    await ctx.post({
      callSid: ctx.sid,
      kind: 'status',
      url: ctx.req.statusCallbackUrl,
      method: 'POST',
      params,
      idempotencyToken: `${ctx.sid}-status-${params.SequenceNumber}`,
      duplicate,
    });
  };
  return {
    async send(callStatus, extra = {}) {
      const params = {
        ...baseParams(ctx),
        CallStatus: callStatus,
        SequenceNumber: String(sequence++),
        Timestamp: formatTimestamp(ctx),
        CallbackSource: 'call-progress-events',
        ...extra,
      };
      if (ctx.statusDisorder && !TERMINAL.has(callStatus) && chance(ctx.rng, HOLD_PROBABILITY)) {
        ctx.stats.lateCallbacks++;
        later.push({ params, duplicate: false });
        return;
      }
      await deliver({ params, duplicate: false });
      if (ctx.statusDisorder && chance(ctx.rng, DUPLICATE_PROBABILITY)) {
        ctx.stats.duplicateCallbacks++;
        // Half the repeats arrive at once, half after the call has ended.
        if (chance(ctx.rng, 0.5)) await deliver({ params, duplicate: true });
        else later.push({ params, duplicate: true });
      }
    },
    async flush() {
      for (const pending of later.splice(0)) await deliver(pending);
    },
  };
}
