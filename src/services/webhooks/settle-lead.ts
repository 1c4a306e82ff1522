// The last step of every webhook's write: after recording its fact on the call, the webhook
// re-reads everything recorded for that call and lets deriveLeadOutcome set the lead. It runs in
// the same unit (the same transaction) as the fact, so no other webhook's write can slip between
// the read and the write, and the order the webhooks arrived in cannot show in the result.
import type { Config } from '../../config.js';
import { findLeadOutcomeFacts, writeLeadOutcome } from '../../db/repos/webhook-calls.js';
import type { SyncTx } from '../../db/sync.js';
import { deriveLeadOutcome, type LeadOutcomeFields } from '../../domain/lead-outcome.js';

const FIELDS = ['state', 'outcome_detail', 'next_attempt_at', 'claim_token', 'claimed_at'] as const;

function same(a: LeadOutcomeFields, b: LeadOutcomeFields): boolean {
  return FIELDS.every((field) => a[field] === b[field]);
}

/** Sets the lead of `callId` from the facts recorded for the call; writes only when something changes. */
export function settleLeadOfCall(tx: SyncTx, callId: number, dialing: Config['dialing'], now: string): void {
  const facts = findLeadOutcomeFacts(tx, callId);
  if (!facts) return;
  const next = deriveLeadOutcome(
    facts,
    {
      status: facts.status,
      answered_by: facts.answered_by,
      outcome: facts.outcome,
      turns: facts.turns,
      slots: facts.slots,
      ended_at: facts.ended_at,
      error_message: facts.error_message,
      latest: Boolean(facts.latest),
    },
    { maxAttempts: dialing.maxAttempts, retryDelayMinutes: dialing.retryDelayMinutes },
    now,
  );
  if (!same(next, facts)) writeLeadOutcome(tx, { id: facts.lead_id, ...next, updated_at: now });
}
