// What the demo shows at the end: each lead's outcome and words, the heat map, the choice.
import type { Context } from '../../context.js';
import { listCallsOfMeeting, listTurnsOfMeeting } from '../../db/repos/calls.js';
import { listLeadsOfMeeting } from '../../db/repos/campaigns.js';
import { CallbookError } from '../../errors.js';
import type { Simulator } from '../../telephony/simulator/index.js';
import { listAvailability } from '../availability.js';
import { type ConfirmResult, confirmMeeting } from '../confirm.js';

export interface DemoLead {
  lead_id: number;
  name: string;
  timezone: string;
  state: string;
  attempts: number;
  said: string[];
}

export interface DemoResult {
  meeting_request_id: number;
  db_path: string | null;
  rounds: number;
  leads: DemoLead[];
  outcomes: Record<string, number>;
  availability: Awaited<ReturnType<typeof listAvailability>>;
  confirmation: ConfirmResult | null;
  no_slot: string | null;
  stats: {
    calls: number;
    webhook_requests: number;
    duplicate_callbacks: number;
    late_callbacks: number;
    rejected_requests: number;
    errors: number;
    elapsed_ms: number;
    calls_per_second: number;
  };
}

/** Turn inputs are stored as the words, or "digits:N" for keys. */
function describeInput(input: string): string {
  if (input === '') return '(silence)';
  return input.startsWith('digits:') ? `(pressed ${input.slice(7)})` : input;
}

export async function summariseDemo(
  ctx: Context,
  run: { meetingId: number; rounds: number; simulator: Simulator; started: number; dbPath: string | null },
): Promise<DemoResult> {
  let confirmation: ConfirmResult | null = null;
  let noSlot: string | null = null;
  try {
    confirmation = await confirmMeeting(ctx, { meeting_request_id: run.meetingId, dry_run: false });
  } catch (error) {
    if (!(error instanceof CallbookError) || error.kind !== 'no_feasible_slot') throw error;
    noSlot = error.message;
  }
  const [leads, turns, calls, availability] = await Promise.all([
    listLeadsOfMeeting(ctx.db, run.meetingId),
    listTurnsOfMeeting(ctx.db, run.meetingId),
    listCallsOfMeeting(ctx.db, run.meetingId),
    listAvailability(ctx, run.meetingId),
  ]);
  const said = new Map<number, string[]>();
  for (const t of turns) said.set(t.lead_id, [...(said.get(t.lead_id) ?? []), describeInput(t.input)]);
  const outcomes: Record<string, number> = {};
  for (const lead of leads) outcomes[lead.state] = (outcomes[lead.state] ?? 0) + 1;
  const elapsed = performance.now() - run.started;
  const stats = run.simulator.stats;
  return {
    meeting_request_id: run.meetingId,
    db_path: run.dbPath,
    rounds: run.rounds,
    leads: leads.map((l) => ({
      lead_id: l.id,
      name: l.name,
      timezone: l.timezone,
      state: l.state,
      attempts: l.attempts,
      said: said.get(l.id) ?? [],
    })),
    outcomes,
    availability,
    confirmation,
    no_slot: noSlot,
    stats: {
      calls: calls.length,
      webhook_requests: stats.requests,
      duplicate_callbacks: stats.duplicateCallbacks,
      late_callbacks: stats.lateCallbacks,
      rejected_requests: stats.rejected,
      errors: stats.errors,
      elapsed_ms: Math.round(elapsed),
      calls_per_second: Math.round((calls.length / (elapsed / 1000)) * 10) / 10,
    },
  };
}
