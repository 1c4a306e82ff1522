// POST /twilio/status: keeps the call row in step with Twilio, then settles the lead from every
// fact recorded for the call (settle-lead.ts), so a gather that comes after the final status
// still counts. Late, repeated and out-of-order callbacks are ignored by shouldApplyStatus.
import type { Context } from '../../context.js';
import { isoUtc } from '../../context.js';
import { transactionPerUnit, type Writer } from '../../db/group-commit.js';
import { callUpdate } from '../../db/repos/calls.js';
import { findWebhookCall } from '../../db/repos/webhook-calls.js';
import { isTerminalCallStatus, shouldApplyStatus } from '../../domain/call-status.js';
import { settleLeadOfCall } from './settle-lead.js';
import { callIdOf, param, type WebhookRequest } from './voice.js';

export interface StatusResult {
  applied: boolean;
  call_id: number | null;
  status: string | null;
}

export async function handleStatus(ctx: Context, req: WebhookRequest, writer: Writer = transactionPerUnit(ctx.db)): Promise<StatusResult> {
  const status = param(req.params, 'CallStatus');
  const sequenceText = param(req.params, 'SequenceNumber');
  const sequence = /^\d+$/.test(sequenceText) ? Number(sequenceText) : null;
  const answeredBy = param(req.params, 'AnsweredBy') || null;
  const sid = param(req.params, 'CallSid');
  return writer.run((tx) => {
    const call = findWebhookCall(tx, sid, callIdOf(req));
    if (!call) return { applied: false, call_id: null, status: null };
    const now = ctx.now();
    const apply = status !== '' && shouldApplyStatus(call, { status, sequence });
    // Async answering-machine results arrive as their own callback, with no CallStatus change.
    const amdOnly = answeredBy !== null && call.answered_by === null;
    if (!apply && !amdOnly) return { applied: false, call_id: call.id, status: call.status };
    const duration = Number(param(req.params, 'CallDuration'));
    const errorCode = Number(param(req.params, 'ErrorCode'));
    const patch = {
      ...(call.call_sid === null && sid ? { call_sid: sid } : {}),
      ...(answeredBy && call.answered_by === null ? { answered_by: answeredBy } : {}),
      ...(apply ? { status, last_sequence: sequence ?? call.last_sequence } : {}),
      ...(apply && Number.isFinite(duration) && param(req.params, 'CallDuration') !== '' ? { duration_seconds: duration } : {}),
      ...(apply && errorCode ? { error_code: errorCode, error_message: param(req.params, 'ErrorMessage') || null } : {}),
      ...(apply && isTerminalCallStatus(status) ? { ended_at: isoUtc(now) } : {}),
      updated_at: isoUtc(now),
    };
    tx.run(callUpdate(tx.db, call.id, patch));
    settleLeadOfCall(tx, call.id, ctx.config.dialing, patch.updated_at);
    return { applied: apply, call_id: call.id, status: apply ? status : call.status };
  });
}
