// What must hold after every demo run, whatever the seed: no lead is left in `calling` (every
// call ended and settled its lead without a sweep), and no lead was dialed more often than the
// attempts it was charged (no double dial). A run that breaks either is a bug in callbook, not
// a bad input, so it fails loudly with the counts and the leads concerned.
import type { Context } from '../../context.js';
import { listCallsOfMeeting } from '../../db/repos/calls.js';
import { listLeadsOfMeeting } from '../../db/repos/campaigns.js';

export interface InvariantLead {
  id: number;
  state: string;
  attempts: number;
}

export interface InvariantCall {
  lead_id: number;
  /** Null when the provider never took the call (a claim given back, a refused request): nobody was dialed. */
  call_sid: string | null;
}

export interface InvariantViolations {
  /** Leads still in `calling` after the run. */
  calling: number[];
  /** Leads dialed more often than the attempts they were charged. */
  overDialed: { lead_id: number; calls: number; attempts: number }[];
}

export function findInvariantViolations(leads: readonly InvariantLead[], calls: readonly InvariantCall[]): InvariantViolations {
  const dialed = new Map<number, number>();
  for (const call of calls) if (call.call_sid !== null) dialed.set(call.lead_id, (dialed.get(call.lead_id) ?? 0) + 1);
  return {
    calling: leads.filter((lead) => lead.state === 'calling').map((lead) => lead.id),
    overDialed: leads
      .map((lead) => ({ lead_id: lead.id, calls: dialed.get(lead.id) ?? 0, attempts: lead.attempts }))
      .filter((row) => row.calls > row.attempts),
  };
}

export class DemoInvariantError extends Error {
  readonly violations: InvariantViolations;

  constructor(violations: InvariantViolations, leadCount: number) {
    const parts: string[] = [];
    if (violations.calling.length > 0) {
      parts.push(`${violations.calling.length} of ${leadCount} leads left in calling (lead ${violations.calling.join(', ')})`);
    }
    if (violations.overDialed.length > 0) {
      const detail = violations.overDialed.map((v) => `lead ${v.lead_id}: ${v.calls} calls for ${v.attempts} attempts`).join('; ');
      parts.push(`${violations.overDialed.length} of ${leadCount} leads called more often than their attempts (${detail})`);
    }
    super(`demo invariant broken: ${parts.join('; ')}`);
    this.name = 'DemoInvariantError';
    this.violations = violations;
  }
}

/** Throws DemoInvariantError when the rows break an invariant. */
export function assertInvariants(leads: readonly InvariantLead[], calls: readonly InvariantCall[]): void {
  const violations = findInvariantViolations(leads, calls);
  if (violations.calling.length > 0 || violations.overDialed.length > 0) throw new DemoInvariantError(violations, leads.length);
}

/** Reads the meeting's leads and calls and checks them. */
export async function checkDemoInvariants(ctx: Context, meetingId: number): Promise<void> {
  const [leads, calls] = await Promise.all([listLeadsOfMeeting(ctx.db, meetingId), listCallsOfMeeting(ctx.db, meetingId)]);
  assertInvariants(leads, calls);
}
