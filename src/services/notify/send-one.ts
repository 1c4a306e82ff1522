// One claimed row: compose, check the do-not-call list (texts), send, and record the outcome
// under the claim token. A row recorded by nobody (its lease ran out mid-send) is reported.
import type { Context } from '../../context.js';
import { findDoNotCall, insertDoNotCall } from '../../db/repos/do-not-call.js';
import { type NotificationRow, recordNotification } from '../../db/repos/notifications.js';
import { type NotificationOutcome, outcomeOfFailure, type SendFailure } from '../../domain/notify/retry.js';
import { SMS_OPTED_OUT_CODE } from '../../telephony/sms.js';
import { TelephonyError } from '../../telephony/types.js';
import { composeEmail, composeSms } from './compose.js';
import { classifySmtpError } from './email.js';
import type { NotifyDeps, NotifyResult } from './send.js';
import type { Senders, subjectCache } from './senders.js';
import { toNotificationView } from './views.js';

function failureOf(row: NotificationRow, error: unknown): SendFailure {
  if (row.channel === 'email') return classifySmtpError(error);
  if (error instanceof TelephonyError) return { permanent: !error.retryable, message: error.message };
  return { permanent: false, message: error instanceof Error ? error.message : String(error) };
}

export async function sendOne(
  ctx: Context,
  senders: Senders,
  subjects: ReturnType<typeof subjectCache>,
  row: NotificationRow,
  token: string,
  deps: NotifyDeps,
  result: NotifyResult,
): Promise<void> {
  const realNow = deps.realNow ?? Date.now;
  let outcome: NotificationOutcome;
  try {
    const subject = await subjects.of(row);
    if (row.channel === 'sms') {
      if ((await findDoNotCall(ctx.db, [row.recipient])).has(row.recipient)) {
        outcome = { status: 'skipped', last_error: `${row.recipient} is on the do-not-call list` };
      } else {
        const sent = await senders.sendSms({
          to: row.recipient,
          from: senders.smsFrom,
          body: composeSms(subject, row),
          statusCallbackUrl: senders.smsStatusUrl,
        });
        await deps.afterSend?.(row);
        outcome = { status: 'sent', provider_id: sent.sid };
      }
    } else {
      const sent = await senders.sendEmail(composeEmail(subject, row, subjects.calendars));
      await deps.afterSend?.(row);
      outcome = { status: 'sent', provider_id: sent.providerId };
    }
  } catch (error) {
    if (error instanceof TelephonyError && error.code === SMS_OPTED_OUT_CODE) {
      const at = new Date(realNow()).toISOString();
      await insertDoNotCall(ctx.db, {
        phone: row.recipient,
        reason: 'replied STOP to our texts (Twilio 21610)',
        source: `notification ${row.id}`,
        created_at: at,
      });
    }
    outcome = outcomeOfFailure(failureOf(row, error), row.attempts, ctx.config.notifyRetrySeconds, realNow());
  }
  const at = new Date(realNow()).toISOString();
  const recorded = await recordNotification(ctx.db, row.id, token, outcome, at);
  const view = toNotificationView({
    ...row,
    status: outcome.status,
    last_error: outcome.status === 'sent' ? row.last_error : outcome.last_error,
    provider_id: outcome.status === 'sent' ? outcome.provider_id : row.provider_id,
    sent_at: outcome.status === 'sent' ? at : null,
    next_attempt_at: outcome.status === 'pending' ? outcome.next_attempt_at : row.next_attempt_at,
  });
  if (recorded === 0) {
    result.warnings.push(`notification ${row.id}: its lease ran out while it was being sent; another sender took it over`);
    return;
  }
  if (outcome.status === 'sent') result.sent.push(view);
  else if (outcome.status === 'pending') result.retrying.push(view);
  else if (outcome.status === 'failed') result.failed.push(view);
  else result.skipped.push(view);
}
