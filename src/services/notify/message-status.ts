// POST /twilio/message-status: Twilio's delivery report for a text (queued, sent, delivered,
// undelivered, failed). A text that never arrived is failed in the outbox with Twilio's code;
// 21610 (the recipient replied STOP) also puts the number on the do-not-call list. Repeats and
// reports for messages we do not know change nothing.
import { type Context, isoUtc } from '../../context.js';
import { insertDoNotCall } from '../../db/repos/do-not-call.js';
import { failSentSms } from '../../db/repos/notification-claims.js';
import { SMS_OPTED_OUT_CODE, SMS_PERMANENT_CODES } from '../../telephony/sms.js';
import { param, type WebhookRequest } from '../webhooks/voice.js';

/** The signed form fields of the callback: MessageSid, MessageStatus, ErrorCode. */
export async function handleMessageStatus(ctx: Context, params: WebhookRequest['params']): Promise<{ changed: boolean }> {
  const errorCode = Number(param(params, 'ErrorCode'));
  const report = { sid: param(params, 'MessageSid'), status: param(params, 'MessageStatus'), error_code: errorCode > 0 ? errorCode : null };
  if (report.status !== 'undelivered' && report.status !== 'failed') return { changed: false };
  const now = isoUtc(ctx.now());
  const code = report.error_code;
  const known = code === null ? undefined : SMS_PERMANENT_CODES[code];
  const reason = `Twilio reported the text ${report.status}${code === null ? '' : ` (error ${code}${known ? `: ${known}` : ''})`}`;
  const row = await failSentSms(ctx.db, report.sid, reason, now);
  if (row && code === SMS_OPTED_OUT_CODE) {
    await insertDoNotCall(ctx.db, {
      phone: row.recipient,
      reason: 'replied STOP to our texts (Twilio 21610)',
      source: `notification ${row.id}`,
      created_at: now,
    });
  }
  return { changed: row !== undefined };
}
