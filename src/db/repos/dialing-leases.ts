// Leases of claims: the columns a claim clears, the heartbeat its tick writes while it works, and
// the observations other ticks record, all on the REAL clock (see ownerStopped in dialing-policy.ts).
import { sql } from 'kysely';
import type { Db } from '../connection.js';
import type { DialingFilter } from './dialing-filter.js';

/**
 * The claim columns once the provider has the call: the lease expiry stays, as the real-clock
 * time the call was last known to be ours (the lost-call sweep needs a clock --now cannot move).
 */
export const DIALED = {
  claim_token: null,
  claimed_at: null,
  lease_seen_beat: null,
  lease_seen_at: null,
  dialing_call_id: null,
} as const;

/** The lease columns of a lead nobody owns. */
export const NO_LEASE = {
  claim_token: null,
  claimed_at: null,
  lease_expires_at: null,
  lease_seen_beat: null,
  lease_seen_at: null,
  dialing_call_id: null,
} as const;

/** The heartbeat: bumps the beat and pushes the expiry of this tick's live claims (real clock). */
export async function renewLeases(db: Db, ids: number[], random: string, realNowMs: number, leaseMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('leads')
    .set({ lease_beat: sql<number>`lease_beat + 1`, lease_expires_at: new Date(realNowMs + leaseMs).toISOString() })
    .where('id', 'in', ids)
    .where(sql<boolean>`substr(claim_token, 1, ${random.length + 1}) = ${`${random}:`}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Records, by this tick's real clock, the beat of every claim whose beat changed since it was last seen. */
export async function observeLeases(db: Db, f: DialingFilter): Promise<void> {
  if (f.meetingIds.length === 0) return;
  await db
    .updateTable('leads')
    .set({ lease_seen_beat: sql<number>`lease_beat`, lease_seen_at: f.realNow })
    .where('meeting_request_id', 'in', f.meetingIds)
    .where('state', '=', 'calling')
    .where('claim_token', 'is not', null)
    .where((eb) => eb.or([eb('lease_seen_beat', 'is', null), eb('lease_seen_beat', '!=', eb.ref('lease_beat'))]))
    .execute();
}
