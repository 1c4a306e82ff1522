// What the simulator is told about each lead, and what it reports back.

export type SimBehaviour = 'answer' | 'voicemail' | 'no-answer' | 'busy' | 'failed';

/** One answer to one <Gather>; `silence` lets the gather time out. */
export type SimReply = { speech: string; confidence?: number } | { digits: string } | { silence: true };

export interface SimulatedLead {
  behaviour: SimBehaviour;
  /** Consumed one per Gather; when they run out the lead stays silent. */
  replies: SimReply[];
}

export type SimRequestKind = 'status' | 'answer' | 'gather' | 'redirect';

export type SimEvent =
  | { type: 'call-placed'; callSid: string; callId: number; to: string; behaviour: SimBehaviour }
  | {
      type: 'request';
      callSid: string;
      kind: SimRequestKind;
      /** The URL signed, as Twilio was given it. */
      url: string;
      /** Where it was sent instead, when a route spreads requests over several `serve` processes. */
      deliveredTo?: string;
      params: Record<string, string>;
      /** HTTP status, null when the request never got an answer. */
      status: number | null;
      error: string | null;
      /** True for a deliberate repeat of a status callback already sent. */
      duplicate: boolean;
    }
  | { type: 'say'; callSid: string; text: string }
  | { type: 'reply'; callSid: string; reply: SimReply }
  | { type: 'call-ended'; callSid: string; callStatus: string; durationSeconds: number };

export interface SimStats {
  callsPlaced: number;
  callsFinished: number;
  requests: number;
  answerRequests: number;
  gatherRequests: number;
  redirectRequests: number;
  statusCallbacks: number;
  /** Status callbacks sent twice on purpose. */
  duplicateCallbacks: number;
  /** Status callbacks held back and delivered after later ones. */
  lateCallbacks: number;
  /** Requests that failed: network error or a non-2xx answer. */
  errors: number;
  /** Of those, answers 403 (the server refused the signature). */
  rejected: number;
  byBehaviour: Record<SimBehaviour, number>;
  /** The first few error descriptions, for a demo summary or a failing test. */
  errorSamples: string[];
}

export function createEmptyStats(): SimStats {
  return {
    callsPlaced: 0,
    callsFinished: 0,
    requests: 0,
    answerRequests: 0,
    gatherRequests: 0,
    redirectRequests: 0,
    statusCallbacks: 0,
    duplicateCallbacks: 0,
    lateCallbacks: 0,
    errors: 0,
    rejected: 0,
    byBehaviour: { answer: 0, voicemail: 0, 'no-answer': 0, busy: 0, failed: 0 },
    errorSamples: [],
  };
}

const MAX_ERROR_SAMPLES = 20;

export function recordSimError(stats: SimStats, text: string): void {
  stats.errors++;
  if (stats.errorSamples.length < MAX_ERROR_SAMPLES) stats.errorSamples.push(text);
}
