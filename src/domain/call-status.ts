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
