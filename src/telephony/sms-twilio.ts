// Twilio Programmable Messaging: messages.create with a status callback. The SDK's errors go
// through the same mapping as calls, with the messaging codes made permanent.
import type twilio from 'twilio';
import { mapTwilioError } from './errors.js';
import { type SendSmsRequest, type SentSms, SMS_PERMANENT_CODES } from './sms.js';
import { TelephonyError } from './types.js';

type TwilioClient = ReturnType<typeof twilio>;

export async function sendTwilioSms(client: TwilioClient, req: SendSmsRequest, authToken?: string): Promise<SentSms> {
  try {
    const message = await client.messages.create({
      to: req.to,
      from: req.from,
      body: req.body,
      ...(req.statusCallbackUrl ? { statusCallback: req.statusCallbackUrl } : {}),
    });
    return { sid: message.sid, status: message.status };
  } catch (error) {
    const mapped = mapTwilioError(error, authToken);
    const known = mapped.code === null ? undefined : SMS_PERMANENT_CODES[mapped.code];
    if (!known) return Promise.reject(mapped);
    throw new TelephonyError(`Text not sent: ${known} (Twilio error ${mapped.code}).`, false, mapped.code, mapped.status, 'rejected');
  }
}
