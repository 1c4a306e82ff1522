// What happens after a send fails: retried with exponential backoff up to MAX_ATTEMPTS, then
// failed with the reason; a permanent refusal (5xx recipient, invalid number) fails at once.

export type NotificationOutcome =
  | { status: 'sent'; provider_id: string | null }
  | { status: 'pending'; next_attempt_at: string; last_error: string }
  | { status: 'failed' | 'skipped'; last_error: string };

export const MAX_ATTEMPTS = 5;
const MAX_DELAY_SECONDS = 3600;

export interface SendFailure {
  message: string;
  permanent: boolean;
}

/** Delay before attempt `attempts + 1`: base, 2×base, 4×base…, at most an hour. */
export function backoffSeconds(attempts: number, baseSeconds: number): number {
  return Math.min(MAX_DELAY_SECONDS, baseSeconds * 2 ** Math.max(0, attempts - 1));
}

export function outcomeOfFailure(failure: SendFailure, attempts: number, baseSeconds: number, realNowMs: number): NotificationOutcome {
  if (failure.permanent) return { status: 'failed', last_error: failure.message };
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed', last_error: `${failure.message} (gave up after ${attempts} attempts)` };
  const next = new Date(realNowMs + backoffSeconds(attempts, baseSeconds) * 1000).toISOString();
  return { status: 'pending', next_attempt_at: next, last_error: `${failure.message} (attempt ${attempts} of ${MAX_ATTEMPTS})` };
}
