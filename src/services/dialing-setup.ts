// What a tick and `callbook call` set up before dialing: the policy's rules and the SQL filter
// from the config, the claim token, and how to open a dialer (real or simulated).
import { randomBytes } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import type { DialingFilter } from '../db/repos/dialing-filter.js';
import { DEFAULT_LEASE_MINUTES, type DialingRules } from '../domain/dialing-policy.js';
import { RETRYABLE_LEAD_STATES } from '../domain/types.js';
import type { Dialer, SimulatedLeadInfo } from './telephony-factory.js';

export type OpenDialer = (leadInfo: (to: string) => SimulatedLeadInfo | undefined) => Promise<Dialer>;

export function dialingRules(ctx: Context, extra: Partial<DialingRules> = {}): DialingRules {
  const { callingHours, maxAttempts } = ctx.config.dialing;
  return { callingHours, maxAttempts, leaseMinutes: DEFAULT_LEASE_MINUTES, ...extra };
}

export function dialingFilter(ctx: Context, meetingIds: number[], now: DateTime): DialingFilter {
  return {
    meetingIds,
    now: isoUtc(now),
    leaseCutoff: isoUtc(now.minus({ minutes: DEFAULT_LEASE_MINUTES })),
    maxAttempts: ctx.config.dialing.maxAttempts,
    retryableStates: RETRYABLE_LEAD_STATES,
  };
}

export function defaultOpenDialer(ctx: Context, simulate: boolean): OpenDialer {
  return async (leadInfo) => {
    const { createTelephony } = await import('./telephony-factory.js');
    return createTelephony(ctx.config, { simulate, leadInfo, now: ctx.now() });
  };
}

export function randomToken(): string {
  return randomBytes(9).toString('base64url');
}
