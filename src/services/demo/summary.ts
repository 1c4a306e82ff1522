// What the demo shows at the end: each lead's outcome and words, the heat map, the group
// choice, and the one-on-one demos booked around the owner's diary.
import type { Context } from '../../context.js';
import { listCallsOfMeeting, listTurnsOfMeeting } from '../../db/repos/calls.js';
import { listLeadsOfMeeting } from '../../db/repos/campaigns.js';
import { findMeeting } from '../../db/repos/meetings.js';
import { CallbookError } from '../../errors.js';
import type { Simulator } from '../../telephony/simulator/index.js';
import { listAvailability } from '../availability.js';
import { type CallShown, describeInput, showCall } from '../calls.js';
import { type ConfirmResult, confirmMeeting } from '../confirm.js';
import type { DemoInvitations } from '../notify/demo-mail.js';
import type { DemoCalendarEvent } from './calendar.js';

export interface DemoLead {
  lead_id: number;
  name: string;
  timezone: string;
  state: string;
  attempts: number;
  said: string[];
  /** Why a lead gave no availability ("no answer, busy, voicemail"); null for those who did. */
  reason: string | null;
}

/** What the demo set up, as stored: the header names each meeting by the title its bookings carry. */
export interface DemoSetup {
  instruction: string;
  group: { meeting_request_id: number; title: string; leads: number };
  one_on_one: { meeting_request_id: number; title: string; leads: number };
  window: { start: string; end: string };
  timezone: string;
  diary_events: number;
  clock_start: string;
}

/** One tick that placed calls: the lines the demo prints are these, so --json and the text agree. */
export interface DemoRound {
  /** UTC ISO on the simulated clock. */
  at: string;
  dialed: number;
  responded: number;
  to_try_again: number;
}

export interface DemoOneOnOne {
  meeting_request_id: number;
  buffer_minutes: number;
  leads: DemoLead[];
  outcomes: Record<string, number>;
  confirmation: ConfirmResult | null;
  no_slot: string | null;
}

export interface DemoResult {
  /** The group meeting; `leads`, `outcomes`, `availability` and `confirmation` are its own. */
  meeting_request_id: number;
  db_path: string | null;
  setup: DemoSetup;
  rounds: DemoRound[];
  /** A few whole conversations, both sides in order. */
  sample_calls: CallShown[];
  leads: DemoLead[];
  outcomes: Record<string, number>;
  availability: Awaited<ReturnType<typeof listAvailability>>;
  confirmation: ConfirmResult | null;
  no_slot: string | null;
  one_on_one: DemoOneOnOne;
  /** The owner's diary that both confirms read. */
  owner: { id: string; calendar: string; events: DemoCalendarEvent[] };
  /** What the invitations' loopback SMTP server received, and where the .ics files are (set by run.ts). */
  invitations?: DemoInvitations;
  /** Over both meetings. */
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

const SAMPLE_CALLS = 3;

/** "no answer ×2, voicemail": what each call of a lead that never gave a time came to. */
function noAvailabilityReason(
  lead: { state: string; outcome_detail: string | null },
  calls: { status: string; outcome: string | null; answered_by: string | null }[],
): string {
  const what = calls.map((c) =>
    c.outcome && c.outcome !== 'availability'
      ? c.outcome.replaceAll('_', ' ')
      : c.status === 'completed'
        ? 'answered, gave no time'
        : c.status.replaceAll('-', ' '),
  );
  const counted = [...new Set(what)].map((w) => {
    const n = what.filter((x) => x === w).length;
    return n > 1 ? `${w} ×${n}` : w;
  });
  const calledText = counted.length ? counted.join(', ') : 'never called';
  return lead.outcome_detail ? `${lead.outcome_detail} (${calledText})` : `${lead.state.replaceAll('_', ' ')}: ${calledText}`;
}

async function confirmOrWhy(ctx: Context, meetingId: number): Promise<{ confirmation: ConfirmResult | null; no_slot: string | null }> {
  try {
    return { confirmation: await confirmMeeting(ctx, { meeting_request_id: meetingId, dry_run: false }), no_slot: null };
  } catch (error) {
    if (!(error instanceof CallbookError) || error.kind !== 'no_feasible_slot') throw error;
    return { confirmation: null, no_slot: error.message };
  }
}

async function leadsOf(ctx: Context, meetingId: number) {
  const [leads, turns, calls] = await Promise.all([
    listLeadsOfMeeting(ctx.db, meetingId),
    listTurnsOfMeeting(ctx.db, meetingId),
    listCallsOfMeeting(ctx.db, meetingId),
  ]);
  const callsOf = new Map<number, typeof calls>();
  for (const c of calls) callsOf.set(c.lead_id, [...(callsOf.get(c.lead_id) ?? []), c]);
  const said = new Map<number, string[]>();
  for (const t of turns) said.set(t.lead_id, [...(said.get(t.lead_id) ?? []), describeInput(t.input)]);
  const outcomes: Record<string, number> = {};
  for (const lead of leads) outcomes[lead.state] = (outcomes[lead.state] ?? 0) + 1;
  const shown: DemoLead[] = leads.map((l) => ({
    lead_id: l.id,
    name: l.name,
    timezone: l.timezone,
    state: l.state,
    attempts: l.attempts,
    said: said.get(l.id) ?? [],
    reason: l.state === 'responded' ? null : noAvailabilityReason(l, callsOf.get(l.id) ?? []),
  }));
  // Calls where someone spoke, one per lead, the longest conversations first.
  const talked = [...new Set(turns.map((t) => t.call_id))];
  return { leads: shown, outcomes, calls: calls.length, talked };
}

export async function summariseDemo(
  ctx: Context,
  run: {
    setup: DemoSetup;
    rounds: DemoRound[];
    meetingId: number;
    oneOnOneId: number;
    calendar: { path: string; events: DemoCalendarEvent[] };
    simulator: Simulator;
    started: number;
    dbPath: string | null;
  },
): Promise<DemoResult> {
  // The group meeting first: its booking is then busy time the one-on-one demos must avoid.
  const group = await confirmOrWhy(ctx, run.meetingId);
  const single = await confirmOrWhy(ctx, run.oneOnOneId);
  const [groupLeads, singleLeads, availability] = await Promise.all([
    leadsOf(ctx, run.meetingId),
    leadsOf(ctx, run.oneOnOneId),
    listAvailability(ctx, run.meetingId),
  ]);
  const meeting = await findMeeting(ctx.db, run.oneOnOneId);
  const sample_calls = await Promise.all(groupLeads.talked.slice(0, SAMPLE_CALLS).map((id) => showCall(ctx, id)));
  const calls = groupLeads.calls + singleLeads.calls;
  const elapsed = performance.now() - run.started;
  const stats = run.simulator.stats;
  return {
    meeting_request_id: run.meetingId,
    db_path: run.dbPath,
    setup: run.setup,
    rounds: run.rounds,
    sample_calls,
    leads: groupLeads.leads,
    outcomes: groupLeads.outcomes,
    availability,
    confirmation: group.confirmation,
    no_slot: group.no_slot,
    one_on_one: {
      meeting_request_id: run.oneOnOneId,
      buffer_minutes: meeting?.buffer_minutes ?? 0,
      leads: singleLeads.leads,
      outcomes: singleLeads.outcomes,
      confirmation: single.confirmation,
      no_slot: single.no_slot,
    },
    owner: { id: meeting?.owner_id ?? '', calendar: run.calendar.path, events: run.calendar.events },
    stats: {
      calls,
      webhook_requests: stats.requests,
      duplicate_callbacks: stats.duplicateCallbacks,
      late_callbacks: stats.lateCallbacks,
      rejected_requests: stats.rejected,
      errors: stats.errors,
      elapsed_ms: Math.round(elapsed),
      calls_per_second: Math.round((calls / (elapsed / 1000)) * 10) / 10,
    },
  };
}
