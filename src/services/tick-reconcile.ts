// Claims a tick left in "dialing" when it died (or whose provider request timed out): the
// provider may have the call although we never got its id, so the lead is never re-dialed on a
// guess. The rule, applied once the claim's owner has stopped renewing it (ownerStopped):
// - the call row has an id or a later status (a webhook came): the provider has it; the claim
//   is cleared and the webhooks, or the lost-call sweep, settle the lead;
// - else, if the telephony can look the call up: found, the same; not found, nobody was called,
//   so the lead goes back to where it was with the attempt refunded;
// - else the call is 'unknown' and the lead is held (its webhooks still settle it if the call
//   happened) until UNKNOWN_CALL_HOURS after its lease ran out, by the real clock; it is then
//   closed as a used attempt (no_answer, retried later, or exhausted).
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import {
  closeUnconfirmed,
  confirmDialed,
  knownCallSidsTo,
  listOrphanDialing,
  markUnknown,
  type OrphanDialing,
  UNCONFIRMED_CALL_STATUSES,
} from '../db/repos/dialing-calls.js';
import { LOST_CALL_HOURS } from '../db/repos/dialing-claims.js';
import type { DialingFilter } from '../db/repos/dialing-filter.js';
import { previousStateOfClaim } from '../domain/dialing-policy.js';
import type { Dialer } from './telephony-factory.js';

/** Longer than any call can last (Twilio ends calls within four hours), like the lost-call sweep. */
export const UNKNOWN_CALL_HOURS = LOST_CALL_HOURS;

export interface ReconcileCounts {
  confirmed: number;
  released: number;
  held: number;
  closed: number;
}

async function askProvider(ctx: Context, o: OrphanDialing, dialer: Dialer | null): Promise<'absent' | 'cannot_tell' | { sid: string }> {
  if (!dialer?.telephony.lookupCall || !o.call) return 'cannot_tell';
  try {
    const knownSids = await knownCallSidsTo(ctx.db, o.lead.phone);
    const found = await dialer.telephony.lookupCall({ callId: o.call.id, to: o.lead.phone, from: dialer.from, knownSids });
    return found ? { sid: found.sid } : 'absent';
  } catch {
    return 'cannot_tell';
  }
}

export async function reconcileDialing(ctx: Context, f: DialingFilter, getDialer: () => Promise<Dialer | null>): Promise<ReconcileCounts> {
  const counts: ReconcileCounts = { confirmed: 0, released: 0, held: 0, closed: 0 };
  const now = isoUtc(ctx.now());
  for (const o of await listOrphanDialing(ctx.db, f)) {
    const call = o.call;
    if (call && (call.call_sid !== null || !(UNCONFIRMED_CALL_STATUSES as readonly string[]).includes(call.status))) {
      await confirmDialed(ctx.db, o, null, now);
      counts.confirmed++;
      continue;
    }
    const answer = call ? await askProvider(ctx, o, await getDialer()) : 'absent';
    if (typeof answer === 'object') {
      await confirmDialed(ctx.db, o, answer.sid, now);
      counts.confirmed++;
    } else if (answer === 'absent') {
      const back = { state: previousStateOfClaim(o.lead.claim_token), attempts: Math.max(o.lead.attempts - 1, 0) };
      await closeUnconfirmed(
        ctx.db,
        o,
        { status: 'canceled', outcome: 'not_placed', error_message: 'the provider has no such call' },
        back,
        now,
      );
      counts.released++;
    } else if (Date.parse(o.lead.lease_expires_at ?? '') + UNKNOWN_CALL_HOURS * 3_600_000 < Date.parse(f.realNow)) {
      const exhausted = o.lead.attempts >= f.maxAttempts;
      const detail = `not known whether the call was placed; closed ${UNKNOWN_CALL_HOURS} hours after its tick stopped`;
      await closeUnconfirmed(
        ctx.db,
        o,
        { status: 'canceled', outcome: 'unknown', error_message: detail },
        { state: exhausted ? 'exhausted' : 'no_answer', outcome_detail: detail, next_attempt_at: exhausted ? null : now },
        now,
      );
      counts.closed++;
    } else {
      if (call) await markUnknown(ctx.db, call.id, 'the tick that placed this call stopped before the provider answered', now);
      counts.held++;
    }
  }
  return counts;
}
