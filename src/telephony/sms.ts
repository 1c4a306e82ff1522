// Text messages through the telephony seam: the Twilio client and the simulator both send them,
// so the outbox never knows which one it talks to.

export interface SendSmsRequest {
  /** E.164. */
  to: string;
  /** A Twilio number (or messaging-capable sender), E.164. */
  from: string;
  body: string;
  /** Where Twilio posts the message's status (queued, sent, delivered, undelivered, failed); null for none. */
  statusCallbackUrl: string | null;
}

export interface SentSms {
  /** Twilio's MessageSid (SM + 32 hex). */
  sid: string;
  status: string;
}

/** Twilio's "the recipient replied STOP to this sender": never text (nor call) them again. */
export const SMS_OPTED_OUT_CODE = 21610;

/** Not a valid, SMS-capable or routable number: the same request will fail forever. */
export const SMS_PERMANENT_CODES: Record<number, string> = {
  21211: 'the To number is not a valid phone number',
  21614: 'the To number cannot receive text messages',
  21612: 'Twilio cannot route a text message to this number',
  21610: 'the recipient replied STOP to this sender and has opted out of texts',
};
