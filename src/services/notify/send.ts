// `callbook notify` (and every tick): send what the outbox holds.
// The protocol, per row: claim due rows under a token with a lease (one UPDATE, so two senders
// never hold the same row; they stay 'pending') → mark the row 'sending' just before the
// provider is asked → send → record the outcome under the token. What it guarantees:
// - two senders at once never send the same row: the claim is exclusive;
// - a sender killed before 'sending' leaves a pending row whose lease runs out: it is claimed
//   again, and nothing was sent;
// - a sender killed while 'sending' (the provider may or may not have taken the message): once
//   the lease runs out the next sender cannot know. An email is sent again with the SAME
//   Message-ID, so at most one duplicate exists and receivers drop it; a text has no such id,
//   so it is not sent again and is failed as "unknown" (at most once rather than twice).
// Leases and retry times run on the real clock, never on --now: on PostgreSQL the database's
// clock (leaseClock), since senders on several hosts judge one another's leases.
import { randomUUID } from 'node:crypto';
import type { Context } from '../../context.js';
import { leaseClock } from '../../db/dialect.js';
import { claimNotifications, listDueNotifications, listExpiredClaims, settleExpiredClaim } from '../../db/repos/notification-claims.js';
import { countNotificationsByStatus, type NotificationRow } from '../../db/repos/notifications.js';
import { MAX_ATTEMPTS, type NotificationOutcome } from '../../domain/notify/retry.js';
import type { SendSmsRequest, SentSms } from '../../telephony/sms.js';
import type { EmailSender } from './email.js';
import { sendOne } from './send-one.js';
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
              last_error:
                'a sender stopped after sending began and before it recorded the outcome: sent again with the same Message-ID, so a receiver keeps one',
            };
    settled += await settleExpiredClaim(ctx.db, row, outcome, nowIso);
  }
  return settled;
}

export async function runNotify(ctx: Context, input: NotifyInput, deps: NotifyDeps = {}): Promise<NotifyResult> {
  // On PostgreSQL senders on several hosts judge each other's leases: the database's clock.
  const realNow = deps.realNow ?? (await leaseClock(ctx.db));
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
