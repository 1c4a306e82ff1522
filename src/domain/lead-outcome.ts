// The lead's state, worked out from the facts recorded for its call. Twilio's webhooks arrive
// late, twice and out of order (a gather after the final status, a status before the answer),
// so no webhook sets the lead's state from the event in hand: each records its fact on the call
// and then asks this function, which sees them all. The same facts give the same lead whatever
// order they came in, and nothing needs a sweep to be put right afterwards.
//
// Precedence, strongest first (the first that holds decides):
//   1. opted_out       the person asked not to be called again, on this call or any before it
//                      (however late it arrives; never undone by a webhook)
//   -- a lead in a state no call gives (pending after `lead reset`, failed, removed...) belongs to
//      whoever put it there; and a call that is not the lead's latest only counts for 1: the lead
//      has moved on to a newer call, whose facts decide the rest
//   2. not_interested  the person said no
//   3. responded       availability from this call is stored (read back, and not withdrawn)
//   4. calling         the call has not ended yet: nothing is settled (the lead stays in its call)
//   5. call_back       the person asked to be called another time
//   6. voicemail       a machine answered (on the answer request or an async AMD callback)
//   7. busy / no_answer  by the terminal status (completed, no-answer, canceled, failed)
// 5–7 are retried after the retry delay, counted from when the call ended, or become
// `exhausted` once every attempt is used. A lead never goes back to `calling` once its call has
// ended: 4 is the only way to `calling`.
import { isTerminalCallStatus } from './call-status.js';

/** What the webhooks recorded for one call. */
export interface CallFacts {
  status: string;
  answered_by: string | null;
  /** How the conversation ended ('opted_out', 'not_interested', 'call_back', 'voicemail', 'no_input', 'responded'); null while it goes on. */
  outcome: string | null;
  /** Gather turns recorded for the call. */
  turns: number;
  /** Availability slots stored from the call (what the last read-back holds). */
  slots: number;
  ended_at: string | null;
  error_message: string | null;
  /** No newer call of the same lead exists. */
  latest: boolean;
}

/** The lead fields this function decides. */
export interface LeadOutcomeFields {
  state: string;
  outcome_detail: string | null;
  next_attempt_at: string | null;
  claim_token: string | null;
  claimed_at: string | null;
}

export interface LeadOutcomeRules {
  maxAttempts: number;
  retryDelayMinutes: number;
}

/**
 * States that come from calls, which a later fact may change. Any other state was put there by an
 * operator or a tick (pending after `lead reset`, failed for a number the provider refused...) and
 * a webhook leaves it alone, but for an opt-out; and opted_out itself is never undone.
 */
export const CALL_DERIVED_STATES: readonly string[] = [
  'calling',
  'responded',
  'not_interested',
  'call_back',
  'voicemail',
  'busy',
  'no_answer',
  'exhausted',
];

interface Verdict {
  state: string;
  detail: string | null;
  retry: boolean;
}

function isMachine(answeredBy: string | null): boolean {
  return answeredBy !== null && (answeredBy.startsWith('machine') || answeredBy === 'fax');
}

/** Rules 5–7: how an ended call with nothing settled in the conversation counts. */
function endedCall(call: CallFacts): Verdict {
  if (call.outcome === 'call_back') return { state: 'call_back', detail: 'asked to be called back later', retry: true };
  if (call.outcome === 'voicemail' || isMachine(call.answered_by))
    return { state: 'voicemail', detail: 'an answering machine picked up', retry: true };
  switch (call.status) {
    case 'busy':
      return { state: 'busy', detail: 'line busy', retry: true };
    case 'no-answer':
      return { state: 'no_answer', detail: 'no answer', retry: true };
    case 'canceled':
      return { state: 'no_answer', detail: 'call canceled', retry: true };
    case 'failed':
      return { state: 'no_answer', detail: call.error_message ?? 'call failed', retry: true };
  }
  if (call.outcome === 'no_input') return { state: 'no_answer', detail: 'answered but said nothing usable', retry: true };
  if (call.turns > 0) return { state: 'no_answer', detail: 'answered, but no availability was agreed', retry: true };
  return { state: 'no_answer', detail: 'hung up before answering', retry: true };
}

function plusMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/**
 * The lead's fields after everything recorded for `call`. `lead` is the lead as it is now (with
 * its attempts); `now` only stands in for the end of a call whose end time was never stored.
 */
export function deriveLeadOutcome(
  lead: LeadOutcomeFields & { attempts: number },
  call: CallFacts,
  rules: LeadOutcomeRules,
  now: string,
): LeadOutcomeFields {
  const ended = isTerminalCallStatus(call.status);
  const current: LeadOutcomeFields = {
    state: lead.state,
    outcome_detail: lead.outcome_detail,
    next_attempt_at: lead.next_attempt_at,
    claim_token: lead.claim_token,
    claimed_at: lead.claimed_at,
  };
  // The lead's latest call, once ended, gives back the dialer's claim, whatever it decides.
  const claim =
    ended && call.latest ? { claim_token: null, claimed_at: null } : { claim_token: lead.claim_token, claimed_at: lead.claimed_at };
  const settle = (verdict: Verdict): LeadOutcomeFields => {
    if (!verdict.retry) return { state: verdict.state, outcome_detail: verdict.detail, next_attempt_at: null, ...claim };
    if (lead.attempts >= rules.maxAttempts) {
      return {
        state: 'exhausted',
        outcome_detail: `${verdict.detail ?? verdict.state}; all ${lead.attempts} attempts used`,
        next_attempt_at: null,
        ...claim,
      };
    }
    return {
      state: verdict.state,
      outcome_detail: verdict.detail,
      next_attempt_at: plusMinutes(call.ended_at ?? now, rules.retryDelayMinutes),
      ...claim,
    };
  };

  if (lead.state === 'opted_out') return { ...current, ...claim };
  if (call.outcome === 'opted_out') return settle({ state: 'opted_out', detail: 'asked not to be called again', retry: false });
  if (!CALL_DERIVED_STATES.includes(lead.state) || !call.latest) return current;
  if (call.outcome === 'not_interested') return settle({ state: 'not_interested', detail: 'said they are not interested', retry: false });
  if (call.slots > 0) return settle({ state: 'responded', detail: null, retry: false });
  if (!ended) return { ...current, state: 'calling' };
  return settle(endedCall(call));
}
