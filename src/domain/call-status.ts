// Twilio delivers status callbacks late, twice, or out of order. These rules decide whether
// an event moves a call forward; anything else is ignored, so replays change nothing.

export const TERMINAL_CALL_STATUSES = ['completed', 'busy', 'failed', 'no-answer', 'canceled'] as const;
export type TerminalCallStatus = (typeof TERMINAL_CALL_STATUSES)[number];

const RANK: Record<string, number> = { queued: 0, initiated: 1, ringing: 2, 'in-progress': 3 };

export function isTerminalCallStatus(status: string): status is TerminalCallStatus {
  return (TERMINAL_CALL_STATUSES as readonly string[]).includes(status);
}

export function isKnownCallStatus(status: string): boolean {
  return status in RANK || isTerminalCallStatus(status);
}

export interface CallProgress {
  status: string;
  last_sequence: number | null;
}

/** True when the event should be applied to the call. */
export function shouldApplyStatus(current: CallProgress, event: { status: string; sequence: number | null }): boolean {
  if (!isKnownCallStatus(event.status)) return false;
  if (isTerminalCallStatus(current.status)) return false;
  if (event.sequence !== null && current.last_sequence !== null && event.sequence <= current.last_sequence) return false;
  if (isTerminalCallStatus(event.status)) return true;
  return (RANK[event.status] ?? -1) > (RANK[current.status] ?? -1);
}

/** What the conversation established, recorded on the call by the gather webhook. */
export type CallOutcome = 'responded' | 'opted_out' | 'not_interested' | 'call_back' | 'no_input' | 'voicemail';

export interface LeadOutcome {
  state: string;
  /** When a later tick may dial again; null when the lead is done. */
  retry: boolean;
  detail: string | null;
}

/** The lead's state once its call has ended. */
export function leadOutcomeOfCall(call: {
  status: TerminalCallStatus;
  outcome: string | null;
  answered_by: string | null;
  error_message: string | null;
}): LeadOutcome {
  switch (call.outcome) {
    case 'responded':
      return { state: 'responded', retry: false, detail: null };
    case 'opted_out':
      return { state: 'opted_out', retry: false, detail: 'asked not to be called again' };
    case 'not_interested':
      return { state: 'not_interested', retry: false, detail: 'said they are not interested' };
    case 'call_back':
      return { state: 'call_back', retry: true, detail: 'asked to be called back later' };
    case 'voicemail':
      return { state: 'voicemail', retry: true, detail: 'an answering machine picked up' };
  }
  if (call.answered_by?.startsWith('machine') || call.answered_by === 'fax')
    return { state: 'voicemail', retry: true, detail: 'an answering machine picked up' };
  switch (call.status) {
    case 'busy':
      return { state: 'busy', retry: true, detail: 'line busy' };
    case 'no-answer':
      return { state: 'no_answer', retry: true, detail: 'no answer' };
    case 'canceled':
      return { state: 'no_answer', retry: true, detail: 'call canceled' };
    case 'failed':
      return { state: 'no_answer', retry: true, detail: call.error_message ?? 'call failed' };
    default:
      return {
        state: 'no_answer',
        retry: true,
        detail: call.outcome === 'no_input' ? 'answered but said nothing usable' : 'hung up before answering',
      };
  }
}
