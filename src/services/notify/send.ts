// `callbook notify` (and every tick): send what the outbox holds.
// The protocol, per row: claim it under a token with a lease (one UPDATE, so two senders never
// hold the same row) → send → record the outcome under the token. What it guarantees:
// - two senders at once never send the same row: the claim is exclusive;
// - a sender killed after claiming leaves the row 'sending'; once the lease runs out the next
//   sender cannot know whether the message left. An email is sent again with the SAME
//   Message-ID, so at most one duplicate exists and receivers drop it; a text has no such id,
//   so it is not sent again and is failed as "unknown" (at most once rather than twice).
// Leases and retry times run on the real clock, never on --now.
import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import { findDoNotCall, insertDoNotCall } from '../../db/repos/do-not-call.js';
import {
  claimNotifications,
  countNotificationsByStatus,
  listDueNotifications,
  listExpiredClaims,
  type NotificationRow,
  recordNotification,
  settleExpiredClaim,
} from '../../db/repos/notifications.js';
import { MAX_ATTEMPTS, type NotificationOutcome, outcomeOfFailure, type SendFailure } from '../../domain/notify/retry.js';
import type { SendSmsRequest, SentSms } from '../../telephony/sms.js';
import { SMS_OPTED_OUT_CODE } from '../../telephony/sms.js';
import { TelephonyError } from '../../telephony/types.js';
import { composeEmail, composeSms } from './compose.js';
import { classifySmtpError, type EmailSender } from './email.js';
import { openSenders, type Senders, subjectCache } from './senders.js';
import { type NotificationView, toNotificationView } from './views.js';

export interface NotifyInput {
  dry_run: boolean;
  /** Stop after this many sends (default: everything due). */
  limit?: number | null;
}

export interface NotifyDeps {
  email?: EmailSender | null;
  sms?: { sendSms(req: SendSmsRequest): Promise<SentSms> } | null;
  /** The real clock in ms (leases, retry times). */
  realNow?: () => number;
  leaseMs?: number;
  concurrency?: number;
  /** Tests: runs between a successful send and its record (a kill -9 lands here). */
  afterSend?: (row: NotificationRow) => Promise<void>;
}

export interface NotifyResult {
  dry_run: boolean;
  sent: NotificationView[];
  retrying: NotificationView[];
  failed: NotificationView[];
  skipped: NotificationView[];
  would_send: NotificationView[];
  /** Rows a stopped sender left 'sending', settled now (resent for email, failed as unknown for texts). */
  recovered: number;
  /** Channels that have due rows but cannot send in this process, and why. */
  warnings: string[];
  /** The whole outbox after this run: rows per status. */
  outbox: Record<string, number>;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;

function failureOf(row: NotificationRow, error: unknown): SendFailure {
  if (row.channel === 'email') return classifySmtpError(error);
  if (error instanceof TelephonyError) return { permanent: !error.retryable, message: error.message };
  return { permanent: false, message: error instanceof Error ? error.message : String(error) };
}

async function recoverExpired(ctx: Context, realNow: number): Promise<number> {
  const nowIso = new Date(realNow).toISOString();
  let settled = 0;
  for (const row of await listExpiredClaims(ctx.db, nowIso)) {
    const outcome: NotificationOutcome =
      row.channel === 'sms'
        ? {
            status: 'failed',
            last_error: 'unknown: the sender stopped between sending and recording; not sent again, to avoid a second text',
          }
        : row.attempts >= MAX_ATTEMPTS
          ? { status: 'failed', last_error: `unknown: the sender stopped between sending and recording (${row.attempts} attempts)` }
          : {
              status: 'pending',
              next_attempt_at: nowIso,
              last_error: 'the sender stopped between sending and recording: sent again with the same Message-ID, so a receiver keeps one',
            };
    settled += await settleExpiredClaim(ctx.db, row, outcome, nowIso);
  }
  return settled;
}

export async function runNotify(ctx: Context, input: NotifyInput, deps: NotifyDeps = {}): Promise<NotifyResult> {
  const realNow = deps.realNow ?? Date.now;
  const result: NotifyResult = {
    dry_run: input.dry_run,
    sent: [],
    retrying: [],
    failed: [],
    skipped: [],
    would_send: [],
    recovered: 0,
    warnings: [],
    outbox: {},
  };
  const limit = input.limit ?? Number.POSITIVE_INFINITY;
  if (input.dry_run) {
    const due = await listDueNotifications(ctx.db, new Date(realNow()).toISOString(), Math.min(limit, 10_000));
    result.would_send = due.map(toNotificationView);
    result.outbox = await countNotificationsByStatus(ctx.db);
    return result;
  }
  result.recovered = await recoverExpired(ctx, realNow());
  const senders: Senders = await openSenders(ctx, deps, result.warnings);
  const subjects = subjectCache(ctx);
  const token = randomUUID();
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  let budget = limit;
  try {
    while (budget > 0) {
      const now = realNow();
      const claimed = await claimNotifications(ctx.db, {
        token,
        realNow: new Date(now).toISOString(),
        leaseUntil: new Date(now + (deps.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
        limit: Math.min(budget, concurrency * 4),
        channels: senders.channels,
      });
      if (claimed.length === 0) break;
      budget -= claimed.length;
      const queue = [...claimed];
      const worker = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) await sendOne(ctx, senders, subjects, row, token, deps, result);
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
    }
  } finally {
    senders.close();
  }
  result.outbox = await countNotificationsByStatus(ctx.db);
  return result;
}

async function sendOne(
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
