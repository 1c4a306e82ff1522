// The simulator's texts: recorded, never sent. Numbers it cannot text fail as Twilio would.
import { type SendSmsRequest, type SentSms, SMS_PERMANENT_CODES } from './sms.js';
import { TelephonyError } from './types.js';

export interface SimulatedSms extends SendSmsRequest {
  sid: string;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function createSmsRecorder(options: { optedOut?: ReadonlySet<string> } = {}) {
  const messages: SimulatedSms[] = [];
  return {
    messages,
    async sendSms(req: SendSmsRequest): Promise<SentSms> {
      if (!E164.test(req.to))
        throw new TelephonyError(`Text not sent: ${SMS_PERMANENT_CODES[21211]} (Twilio error 21211).`, false, 21211, 400, 'invalid_number');
      if (options.optedOut?.has(req.to))
        throw new TelephonyError(`Text not sent: ${SMS_PERMANENT_CODES[21610]} (Twilio error 21610).`, false, 21610, 400, 'rejected');
      const sid = `SM${(messages.length + 1).toString(16).padStart(32, '0')}`;
      messages.push({ ...req, sid });
      return { sid, status: 'queued' };
    },
  };
}
