// POST /twilio/status: keeps the call row in step with Twilio and, once the call has ended,
// settles the lead. Late, repeated and out-of-order callbacks are ignored by shouldApplyStatus.
import type { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Context } from '../../context.js';
import { isoUtc } from '../../context.js';
import { transactionPerUnit, type Writer } from '../../db/group-commit.js';
import { callUpdate, leadUpdate } from '../../db/repos/calls.js';
import { type LeadRow, leadById } from '../../db/repos/campaigns.js';
import { findWebhookCall } from '../../db/repos/webhook-calls.js';
import { isTerminalCallStatus, leadOutcomeOfCall, shouldApplyStatus } from '../../domain/call-status.js';
import { callIdOf, param, type WebhookRequest } from './voice.js';

export interface StatusResult {
  applied: boolean;
  call_id: number | null;
  status: string | null;
}

/** States the conversation already settled; a later callback must not undo them. */
const SETTLED = new Set(['responded', 'opted_out', 'not_interested', 'failed']);

function settleLead(lead: LeadRow, call: Parameters<typeof leadOutcomeOfCall>[0], config: Config, now: DateTime) {
  if (SETTLED.has(lead.state)) return { claim_token: null, claimed_at: null, updated_at: isoUtc(now) };
  const outcome = leadOutcomeOfCall(call);
  const exhausted = outcome.retry && lead.attempts >= config.dialing.maxAttempts;
  return {
    state: exhausted ? 'exhausted' : outcome.state,
    outcome_detail: exhausted ? `${outcome.detail ?? outcome.state}; all ${lead.attempts} attempts used` : outcome.detail,
    next_attempt_at: outcome.retry && !exhausted ? isoUtc(now.plus({ minutes: config.dialing.retryDelayMinutes })) : null,
    claim_token: null,
    claimed_at: null,
    updated_at: isoUtc(now),
  };
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
    if (apply && isTerminalCallStatus(status)) {
      const lead = tx.first(leadById(tx.db, call.lead_id));
      if (lead) {
        const ended = {
          status,
          outcome: call.outcome,
          answered_by: answeredBy ?? call.answered_by,
          error_message: patch.error_message ?? call.error_message,
        };
        tx.run(leadUpdate(tx.db, lead.id, settleLead(lead, ended, ctx.config, now)));
      }
    }
    return { applied: apply, call_id: call.id, status: apply ? status : call.status };
  });
}
