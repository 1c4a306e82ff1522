// One claimed row: compose, check the do-not-call list (texts), send, and record the outcome
// under the claim token. A row recorded by nobody (its lease ran out mid-send) is reported.
import type { Context } from '../../context.js';
import { findDoNotCall, insertDoNotCall } from '../../db/repos/do-not-call.js';
import { markSending, recordNotification } from '../../db/repos/notification-claims.js';
import type { NotificationRow } from '../../db/repos/notifications.js';
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
  const iso = () => new Date(realNow()).toISOString();
  let outcome: NotificationOutcome;
  let attempts = row.attempts;
  try {
    // Composed and checked while the row is still 'pending': nothing can have left if this fails.
    const subject = await subjects.of(row);
    const onList = row.channel === 'sms' && (await findDoNotCall(ctx.db, [row.recipient])).has(row.recipient);
    const body = row.channel === 'sms' ? composeSms(subject, row) : null;
    const email = row.channel === 'sms' ? null : composeEmail(subject, row, subjects.calendars);
    if (onList) outcome = { status: 'skipped', last_error: `${row.recipient} is on the do-not-call list` };
    else {
      if ((await markSending(ctx.db, row.id, token, iso())) === 0) {
        result.warnings.push(`notification ${row.id}: its claim ran out before it was sent; another sender has it`);
        return;
      }
      attempts += 1;
      try {
        const providerId =
          body !== null
            ? (await senders.sendSms({ to: row.recipient, from: senders.smsFrom, body, statusCallbackUrl: senders.smsStatusUrl })).sid
            : email
              ? (await senders.sendEmail(email)).providerId
              : null;
        await deps.afterSend?.(row);
        outcome = { status: 'sent', provider_id: providerId };
      } catch (error) {
        if (error instanceof TelephonyError && error.code === SMS_OPTED_OUT_CODE) {
          await insertDoNotCall(ctx.db, {
            phone: row.recipient,
            reason: 'replied STOP to our texts (Twilio 21610)',
            source: `notification ${row.id}`,
            created_at: iso(),
          });
        }
        outcome = outcomeOfFailure(failureOf(row, error), attempts, ctx.config.notifyRetrySeconds, realNow());
      }
    }
  } catch (error) {
    // The message could not even be written (its booking is gone…): retrying will not help.
    outcome = { status: 'failed', last_error: `could not compose the message: ${error instanceof Error ? error.message : String(error)}` };
  }
  const at = new Date(realNow()).toISOString();
  const recorded = await recordNotification(ctx.db, row.id, token, outcome, at);
  const view = toNotificationView({
    ...row,
    attempts,
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
