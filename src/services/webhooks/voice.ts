// POST /twilio/voice: the lead (or a machine) picked up.
import type { Context } from '../../context.js';
import { isoUtc } from '../../context.js';
import { transactionPerUnit, type Writer } from '../../db/group-commit.js';
import { callUpdate } from '../../db/repos/calls.js';
import { findLead } from '../../db/repos/campaigns.js';
import { findWebhookCall } from '../../db/repos/webhook-calls.js';
import { isTerminalCallStatus, shouldApplyStatus } from '../../domain/call-status.js';
import { buildAnswerTwiml, buildEmptyTwiml, buildGoodbyeTwiml, buildVoicemailTwiml } from '../../server/twiml.js';
import { messages } from './messages.js';
import { settleLeadOfCall } from './settle-lead.js';
import { gatherUrl } from './urls.js';

export interface WebhookRequest {
  /** Query parameters of the URL Twilio called (callId, turn). */
  query: Record<string, string | undefined>;
  /** The signed form fields. */
  params: Record<string, string | string[]>;
  /** Absolute public base URL for action URLs. */
  baseUrl: string;
}

export function param(params: WebhookRequest['params'], name: string): string {
  const value = params[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Our call id from the webhook URL (?callId=), or null. */
export function callIdOf(req: WebhookRequest): number | null {
  const id = Number(req.query.callId);
  return Number.isSafeInteger(id) && id >= 1 ? id : null;
}

export async function handleVoice(ctx: Context, req: WebhookRequest, writer: Writer = transactionPerUnit(ctx.db)): Promise<string> {
  const sid = param(req.params, 'CallSid');
  const answeredBy = param(req.params, 'AnsweredBy') || null;
  const machine = answeredBy !== null && (answeredBy.startsWith('machine') || answeredBy === 'fax');
  const now = isoUtc(ctx.now());
  // Read and written in one unit: a status callback committed in between must not be overwritten
  // (an 'in-progress' from here on top of a 'completed').
  const call = await writer.run((tx) => {
    const found = findWebhookCall(tx, sid, callIdOf(req));
    if (!found) return undefined;
    const advance = shouldApplyStatus(found, { status: 'in-progress', sequence: null });
    tx.run(
      callUpdate(tx.db, found.id, {
        ...(found.call_sid === null && sid ? { call_sid: sid } : {}),
        ...(advance ? { status: 'in-progress' } : {}),
        ...(answeredBy ? { answered_by: answeredBy } : {}),
        // The first answer opens turn 1; a repeated answer request must not reset a conversation under way.
        ...(found.turn === 0 ? { turn: 1, phase: 'ask' } : {}),
        ...(machine && found.outcome === null ? { outcome: 'voicemail' } : {}),
        updated_at: now,
      }),
    );
    // A machine is a fact about the call; the lead is worked out from all of them (settle-lead.ts).
    settleLeadOfCall(tx, found.id, ctx.config.dialing, now);
    return found;
  });
  if (!call) return buildGoodbyeTwiml(messages.unknownCall);
  // An answer request that comes after the final status (it never should) asks nothing.
  if (isTerminalCallStatus(call.status)) return buildEmptyTwiml();
  if (machine) {
    const text =
      ctx.config.dialing.machineAction === 'message' ? messages.voicemail(ctx.config.businessName, ctx.config.callbackNumber) : null;
    return buildVoicemailTwiml(text);
  }
  let script = call.script;
  if (!script) {
    const lead = await findLead(ctx.db, call.lead_id);
    script = `Hello${lead ? ` ${lead.name.split(/\s+/)[0]}` : ''}, this is an automated assistant calling on behalf of ${ctx.config.businessName} to book a short meeting. When would you be free? To stop these calls, say stop or press 9.`;
  }
  return buildAnswerTwiml({ greeting: script, gatherActionUrl: gatherUrl(req.baseUrl, call.id, Math.max(call.turn, 1)) });
}
