// The narrow seam services dial through. Both the Twilio client and the loopback simulator
// implement it, so nothing above this file knows which one is placing the call.
import type { SendSmsRequest, SentSms } from './sms.js';

export interface PlaceCallRequest {
  /** Our calls.id; only used for correlation (logs, simulator events), never sent to Twilio. */
  callId: number;
  /** E.164, e.g. +15551234567. */
  to: string;
  /** A Twilio number or verified caller ID, E.164. */
  from: string;
  /** Absolute URL of the answer webhook (POST /twilio/voice?callId=…). */
  answerUrl: string;
  /** Absolute URL of the status webhook (POST /twilio/status?callId=…). */
  statusCallbackUrl: string;
  /** Ask for answering-machine detection; the answer webhook then carries AnsweredBy. */
  machineDetection: boolean;
  ringTimeoutSeconds: number;
}

export interface PlacedCall {
  /** Twilio's CallSid (CA + 32 hex). */
  sid: string;
  /** Usually 'queued'. */
  status: string;
}

/** What we know of a call we asked for but got no id back (the tick died, or the request timed out). */
export interface CallLookup {
  /** Our calls.id, as in the answer and status URLs (?callId=…). */
  callId: number;
  to: string;
  from: string;
  /**
   * The provider's ids of every call to this number we have on record, whatever the meeting: a
   * call the provider holds that is not among them is the one we lost. Comparing ids needs no
   * clock (ours may be a --now, the provider's is its own).
   */
  knownSids: readonly string[];
}

export interface Telephony {
  readonly kind: 'twilio' | 'simulator';
  placeCall(req: PlaceCallRequest): Promise<PlacedCall>;
  /**
   * Optional: whether the provider created that call. null means it surely did not; throw when it
   * cannot tell. Without it such calls are held as 'unknown' (see services/tick-reconcile.ts).
   * A call it names that was someone else's (another system on the same caller id) costs an
   * attempt; a wrong null would dial the lead twice, so null must be sure.
   */
  lookupCall?(req: CallLookup): Promise<PlacedCall | null>;
  /** Optional: one text message (Twilio Messaging, or recorded by the simulator); see sms.ts. */
  sendSms?(req: SendSmsRequest): Promise<SentSms>;
}

/** Why a call could not be placed, coarse enough for a service to pick a lead state or a log line. */
export type TelephonyErrorReason =
  | 'invalid_number'
  | 'geo_permission'
  | 'blocked'
  | 'unreachable'
  | 'caller_id'
  | 'auth'
  | 'rejected'
  | 'rate_limited'
  | 'server_error'
  | 'network';

export class TelephonyError extends Error {
  override readonly name = 'TelephonyError';

  constructor(
    message: string,
    /** True when the same request may succeed later (rate limit, 5xx, network); false means do not retry this contact. */
    readonly retryable: boolean,
    /** Twilio's error code (21211, 20429, …) when the API returned one. */
    readonly code: number | null,
    /** HTTP status of the REST response; null for connection errors. */
    readonly status: number | null,
    readonly reason: TelephonyErrorReason = retryable ? 'server_error' : 'rejected',
  ) {
    super(message);
  }

  /** Account-level problems (credentials, caller ID) are not the lead's fault: every call will fail the same way. */
  get affectsAccount(): boolean {
    return this.reason === 'auth' || this.reason === 'caller_id';
  }
}
