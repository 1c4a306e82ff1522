// POST /twilio/voice: the lead (or a machine) picked up.
import type { Context } from '../../context.js';
import { isoUtc } from '../../context.js';
import { type CallRow, findCall, findCallBySid, updateCall } from '../../db/repos/calls.js';
import { findLead } from '../../db/repos/campaigns.js';
import { shouldApplyStatus } from '../../domain/call-status.js';
import { buildAnswerTwiml, buildGoodbyeTwiml, buildVoicemailTwiml } from '../../server/twiml.js';
import { messages } from './messages.js';

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

/** The call a webhook is about: by CallSid first, else by our id in the query (before the sid was stored). */
export async function findWebhookCall(ctx: Context, req: WebhookRequest): Promise<CallRow | undefined> {
  const sid = param(req.params, 'CallSid');
  const bySid = sid ? await findCallBySid(ctx.db, sid) : undefined;
  if (bySid) return bySid;
  const id = Number(req.query.callId);
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  const call = await findCall(ctx.db, id);
  // A call that already has another sid is not this one: refuse rather than cross wires.
  return call && (call.call_sid === null || call.call_sid === sid) ? call : undefined;
}

export function gatherUrl(baseUrl: string, callId: number, turn: number): string {
  return `${baseUrl}/twilio/voice/gather?callId=${callId}&turn=${turn}`;
}

export async function handleVoice(ctx: Context, req: WebhookRequest): Promise<string> {
  const call = await findWebhookCall(ctx, req);
  if (!call) return buildGoodbyeTwiml(messages.unknownCall);
  const sid = param(req.params, 'CallSid');
  const answeredBy = param(req.params, 'AnsweredBy') || null;
  const machine = answeredBy !== null && (answeredBy.startsWith('machine') || answeredBy === 'fax');
  const now = isoUtc(ctx.now());
  const advance = shouldApplyStatus(call, { status: 'in-progress', sequence: null });
  await updateCall(ctx.db, call.id, {
    ...(call.call_sid === null && sid ? { call_sid: sid } : {}),
    ...(advance ? { status: 'in-progress' } : {}),
    ...(answeredBy ? { answered_by: answeredBy } : {}),
    // The first answer opens turn 1; a repeated answer request must not reset a conversation under way.
    ...(call.turn === 0 ? { turn: 1, phase: 'ask' } : {}),
    ...(machine ? { outcome: 'voicemail' } : {}),
    updated_at: now,
  });
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
