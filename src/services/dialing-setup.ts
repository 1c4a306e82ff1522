// What a tick and `callbook call` set up before dialing: the policy's rules and the SQL filter
// from the config (built together so they stay in step), the lease clock, the claim token, and
// how to open a dialer (real or simulated).
import { randomBytes } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { leaseClock } from '../db/dialect.js';
import { phonesCalledFor } from '../db/repos/dialing.js';
import type { DialingFilter } from '../db/repos/dialing-filter.js';
import { DEFAULT_LEASE_MINUTES, type DialingRules } from '../domain/dialing-policy.js';
import { RETRYABLE_LEAD_STATES } from '../domain/types.js';
import type { Dialer, SimulatedLeadInfo } from './telephony-factory.js';

export type OpenDialer = (leadInfo: (to: string) => SimulatedLeadInfo | undefined) => Promise<Dialer>;

/** The REAL clock leases run on (never --now), how long a lease lasts, and how often a working tick renews it. */
export interface LeaseClock {
  /** Epoch milliseconds. */
  now: () => number;
  leaseMs: number;
  renewMs: number;
}

export const DEFAULT_LEASE: LeaseClock = { now: () => Date.now(), leaseMs: DEFAULT_LEASE_MINUTES * 60_000, renewMs: 60_000 };

export interface DialingSetup {
  filter: DialingFilter;
  rules: DialingRules;
  lease: LeaseClock;
}

export interface SetupOptions {
  /** Simulated calls need no consent record. */
  simulate: boolean;
  lease?: Partial<LeaseClock>;
  ignoreRetryDelay?: boolean;
}

export async function dialingSetup(ctx: Context, meetingIds: number[], now: DateTime, options: SetupOptions): Promise<DialingSetup> {
  // The database's clock where several hosts share the database (db/dialect.ts), the host's otherwise.
  const lease = { ...DEFAULT_LEASE, now: await leaseClock(ctx.db), ...options.lease };
  const { callingHours, maxAttempts, minHoursBetweenCalls, requireConsent } = ctx.config.dialing;
  const realNow = new Date(lease.now()).toISOString();
  const recentSince = minHoursBetweenCalls > 0 ? isoUtc(now.minus({ hours: minHoursBetweenCalls })) : null;
  const called = recentSince !== null && meetingIds.length > 0 ? await phonesCalledFor(ctx.db, recentSince) : [];
  const calledElsewhere = new Map(
    meetingIds.map((id) => [id, [...new Set(called.filter((c) => c.meeting_request_id !== id).map((c) => c.phone))]]),
  );
  const consent = requireConsent && !options.simulate;
  const filter: DialingFilter = {
    meetingIds,
    now: isoUtc(now),
    realNow,
    leaseSeenCutoff: new Date(lease.now() - lease.leaseMs).toISOString(),
    leaseMs: lease.leaseMs,
    maxAttempts,
    retryableStates: RETRYABLE_LEAD_STATES,
    calledElsewhere,
    recentSince,
    requireConsent: consent,
  };
  const rules: DialingRules = {
    callingHours,
    maxAttempts,
    lease: { realNow, leaseMs: lease.leaseMs },
    minHoursBetweenCalls,
    requireConsent: consent,
    ...(options.ignoreRetryDelay ? { ignoreRetryDelay: true } : {}),
  };
  return { filter, rules, lease };
}

export function defaultOpenDialer(ctx: Context, simulate: boolean, publicBaseUrl?: string | null): OpenDialer {
  return async (leadInfo) => {
    const { createTelephony } = await import('./telephony-factory.js');
    return createTelephony(ctx.config, { simulate, leadInfo, now: ctx.now(), publicBaseUrl: publicBaseUrl ?? null });
  };
}

export function randomToken(): string {
  return randomBytes(9).toString('base64url');
}
