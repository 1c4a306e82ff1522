// Dials one claimed lead: script first, then the move to "dialing" (the call row, under the claim
// token), then the provider. What a failure means for the lead depends on whose fault it is
// (integrations.md §3), and on whether the provider may have the call anyway.
import type { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { updateCall } from '../db/repos/calls.js';
import type { LeadRow } from '../db/repos/dialing.js';
import { markUnknown, startDialing } from '../db/repos/dialing-calls.js';
import { updateClaimedLead } from '../db/repos/dialing-claims.js';
import type { DialingFilter } from '../db/repos/dialing-filter.js';
import { DIALED, NO_LEASE } from '../db/repos/dialing-leases.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import { previousStateOfClaim } from '../domain/dialing-policy.js';
import { CallbookError } from '../errors.js';
import { TelephonyError } from '../telephony/types.js';
import { scriptForCall } from './script.js';
import type { Dialer } from './telephony-factory.js';

/** A retryable provider error (rate limit, 5xx, network) frees the lead again after about this long. */
export const PROVIDER_RETRY_MINUTES = 1;

export interface DialedCall {
  call_id: number;
  call_sid: string;
  provider: string;
  lead_id: number;
  meeting_request_id: number;
  name: string;
  phone: string;
  local_time_at_dial: string;
  checks: string[];
  script_source: 'fixed' | 'openai';
}

export interface FailedCall {
  call_id: number;
  lead_id: number;
  name: string;
  phone: string;
  /** True when the number will never be tried again. */
  permanent: boolean;
  reason: string;
  error_code: number | null;
  /** When the lead may be dialed again; null when permanent or account-level. */
  retry_at: string | null;
  /** 'rate_limited' and 'account' end the tick. */
  stop: 'rate_limited' | 'account' | null;
}

export type PlaceOutcome =
  | ({ kind: 'dialed' } & DialedCall)
  | ({ kind: 'failed' } & FailedCall)
  /** Not dialed: the claim was no longer ours, or the number was just called for another meeting. */
  | { kind: 'skipped'; lead_id: number; why: 'claim_lost' | 'recent_call' };

/** Gives a claimed lead back: previous state, attempt refunded, claim cleared. */
export async function releaseClaim(
  ctx: Context,
  lead: LeadRow,
  now: DateTime,
  retryAt: string | null = lead.next_attempt_at,
): Promise<void> {
  if (lead.claim_token === null) return;
  await updateClaimedLead(ctx.db, lead.id, lead.claim_token, {
    state: previousStateOfClaim(lead.claim_token),
    attempts: Math.max(lead.attempts - 1, 0),
    next_attempt_at: retryAt,
    ...NO_LEASE,
    updated_at: isoUtc(now),
  });
}

// The request never left this machine: nobody can have been called.
const NEVER_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

/** True when the provider may have created the call although we got no id (a timeout, a reset, a bug). */
function mayHaveReachedProvider(error: unknown): boolean {
  if (!(error instanceof TelephonyError)) return true;
  return error.reason === 'network' && !NEVER_SENT.test(error.message);
}

export async function placeClaimedCall(
  ctx: Context,
  dialer: Dialer,
  setup: { filter: DialingFilter },
  meeting: MeetingRow,
  lead: LeadRow,
  policy: { checks: string[]; local_time: string },
): Promise<PlaceOutcome> {
  const token = lead.claim_token ?? '';
  const now = ctx.now();
  const nowIso = isoUtc(now);
  const script = await scriptForCall(ctx.config, meeting, lead, now);
  const started = await startDialing(ctx.db, setup.filter, lead, token, {
    lead_id: lead.id,
    meeting_request_id: meeting.id,
    provider: dialer.telephony.kind,
    status: 'dialing',
    script: script.text,
    local_time_at_dial: policy.local_time,
    checks: JSON.stringify(policy.checks),
    created_at: nowIso,
    updated_at: nowIso,
  });
  if (!started.ok) {
    // A lost claim belongs to someone else now; a number just called for another meeting waits.
    if (started.why === 'recent_call') await releaseClaim(ctx, lead, now);
    return { kind: 'skipped', lead_id: lead.id, why: started.why };
  }
  const { call } = started;
  const base = { lead_id: lead.id, name: lead.name, phone: lead.phone, call_id: call.id };
  const callUrl = (path: string) => `${dialer.publicBaseUrl}${path}?callId=${call.id}`;
  try {
    const placed = await dialer.telephony.placeCall({
      callId: call.id,
      to: lead.phone,
      from: dialer.from,
      answerUrl: callUrl('/twilio/voice'),
      statusCallbackUrl: callUrl('/twilio/status'),
      machineDetection: true,
      ringTimeoutSeconds: ctx.config.dialing.ringTimeoutSeconds,
    });
    await ctx.db.transaction().execute(async (trx) => {
      // A status callback may have come first and moved the status on; only 'dialing' becomes 'queued'.
      await updateCall(trx, call.id, { call_sid: placed.sid, updated_at: nowIso });
      await trx.updateTable('calls').set({ status: 'queued' }).where('id', '=', call.id).where('status', '=', 'dialing').execute();
      // The lead stays 'calling' until the status webhook ends the call; only the claim is done.
      await updateClaimedLead(trx, lead.id, token, { ...DIALED, updated_at: nowIso });
    });
    return {
      kind: 'dialed',
      ...base,
      call_sid: placed.sid,
      provider: dialer.telephony.kind,
      meeting_request_id: meeting.id,
      local_time_at_dial: policy.local_time,
      checks: policy.checks,
      script_source: script.source,
    };
  } catch (error) {
    const known = error instanceof TelephonyError ? error : null;
    const message = error instanceof Error ? error.message : String(error);
    if (mayHaveReachedProvider(error)) {
      // Never re-dialed blindly: the claim stays in "dialing" and a later tick reconciles it (tick-reconcile.ts).
      await markUnknown(ctx.db, call.id, message, nowIso);
      if (!known) throw error;
      const reason = `${message} (not known whether the call was placed; the lead is held until reconciled)`;
      return { kind: 'failed', ...base, permanent: false, reason, error_code: known.code, retry_at: null, stop: null };
    }
    const failure = known as TelephonyError;
    const permanent = !failure.retryable && !failure.affectsAccount;
    const retryAt = failure.retryable ? isoUtc(now.plus({ minutes: PROVIDER_RETRY_MINUTES })) : null;
    await ctx.db.transaction().execute(async (trx) => {
      await updateCall(trx, call.id, {
        status: 'failed',
        error_code: failure.code,
        error_message: message,
        ended_at: nowIso,
        updated_at: nowIso,
      });
      if (permanent) {
        await updateClaimedLead(trx, lead.id, token, {
          state: 'failed',
          outcome_detail: message,
          next_attempt_at: null,
          ...NO_LEASE,
          updated_at: nowIso,
        });
      } else {
        await releaseClaim({ ...ctx, db: trx }, lead, now, retryAt ?? lead.next_attempt_at);
      }
    });
    const stop = failure.affectsAccount ? 'account' : failure.reason === 'rate_limited' ? 'rate_limited' : null;
    return { kind: 'failed', ...base, permanent, reason: message, error_code: failure.code, retry_at: retryAt, stop };
  }
}

/** The error that ends a tick when the account itself is refused (credentials, caller ID). */
export function accountError(failure: FailedCall): CallbookError {
  const setting = /caller id|From number/i.test(failure.reason) ? 'TWILIO_PHONE_NUMBER' : 'TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN';
  return new CallbookError('config', `Twilio refused the account, not the lead: ${failure.reason}`, {
    hint: `check ${setting}; no lead was charged an attempt, and none is called until this is fixed`,
  });
}
