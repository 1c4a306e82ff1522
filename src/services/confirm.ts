import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { insertBookings, listAvailabilityOfMeeting, listBookingsOfMeeting } from '../db/repos/availability.js';
import { listLeadsOfMeeting } from '../db/repos/campaigns.js';
import { type MeetingRow, markMeetingConfirmed } from '../db/repos/meetings.js';
import { type Candidate, findBestSlot, type OptimizerLead } from '../domain/optimizer.js';
import type { DayOfWeek, Slot, SoftConstraints } from '../domain/types.js';
import { CallbookError } from '../errors.js';
import { requireMeeting } from './meetings.js';
import { inZone } from './views.js';

export interface Attendee {
  lead_id: number;
  name: string;
  email: string | null;
  phone: string;
  timezone: string;
  /** The slot in the attendee's own timezone. */
  local_slot: Slot;
}

export interface RunnerUp {
  slot: Slot;
  attendees: number;
  available: number;
  soft_score: number;
  soft_matches: string[];
}

export interface ConfirmResult {
  meeting_request_id: number;
  title: string;
  timezone: string;
  duration_minutes: number;
  status: string;
  slot: Slot;
  attendees: Attendee[];
  runners_up: RunnerUp[];
  reasons: string[];
  soft_matches: string[];
  dry_run: boolean;
  already_confirmed: boolean;
}

function slotIn(startMs: number, endMs: number, zone: string): Slot {
  return { start: inZone(new Date(startMs).toISOString(), zone), end: inZone(new Date(endMs).toISOString(), zone) };
}

async function loadLeads(ctx: Context, meeting: MeetingRow) {
  const [leads, rows] = await Promise.all([listLeadsOfMeeting(ctx.db, meeting.id), listAvailabilityOfMeeting(ctx.db, meeting.id)]);
  const usable = new Map(leads.filter((l) => l.state !== 'opted_out').map((l) => [l.id, l]));
  // Leads are handed to the optimizer in the order they answered: first come, first booked.
  const ordered = new Map<number, OptimizerLead>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    const lead = usable.get(row.lead_id);
    if (!lead) continue;
    let entry = ordered.get(lead.id);
    if (!entry) {
      entry = { lead_id: lead.id, name: lead.name, timezone: lead.timezone, intervals: [] };
      ordered.set(lead.id, entry);
    }
    entry.intervals.push({ start: Date.parse(row.start_utc), end: Date.parse(row.end_utc) });
  }
  return { byId: usable, optimizerLeads: [...ordered.values()] };
}

function attendeesOf(
  ids: number[],
  byId: Map<number, { id: number; name: string; email: string | null; phone: string; timezone: string }>,
  start: number,
  end: number,
): Attendee[] {
  return ids.flatMap((id) => {
    const lead = byId.get(id);
    return lead
      ? [
          {
            lead_id: id,
            name: lead.name,
            email: lead.email,
            phone: lead.phone,
            timezone: lead.timezone,
            local_slot: slotIn(start, end, lead.timezone),
          },
        ]
      : [];
  });
}

async function existingConfirmation(ctx: Context, meeting: MeetingRow): Promise<ConfirmResult> {
  const [bookings, leads] = await Promise.all([listBookingsOfMeeting(ctx.db, meeting.id), listLeadsOfMeeting(ctx.db, meeting.id)]);
  const byId = new Map(leads.map((l) => [l.id, l]));
  const start = Date.parse(meeting.confirmed_start ?? '');
  const end = Date.parse(meeting.confirmed_end ?? '');
  return {
    meeting_request_id: meeting.id,
    title: meeting.title,
    timezone: meeting.timezone,
    duration_minutes: meeting.duration_minutes,
    status: meeting.status,
    slot: slotIn(start, end, meeting.timezone),
    attendees: attendeesOf(
      bookings.map((b) => b.lead_id),
      byId,
      start,
      end,
    ),
    runners_up: [],
    reasons: ['the meeting was already confirmed; nothing was booked again'],
    soft_matches: [],
    dry_run: false,
    already_confirmed: true,
  };
}

export async function confirmMeeting(ctx: Context, input: { meeting_request_id: number; dry_run: boolean }): Promise<ConfirmResult> {
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  if (meeting.status === 'confirmed') return existingConfirmation(ctx, meeting);
  if (meeting.status !== 'open') throw new CallbookError('conflict', `meeting ${meeting.id} is ${meeting.status}`);
  const { byId, optimizerLeads } = await loadLeads(ctx, meeting);
  const result = findBestSlot({
    window_start: Date.parse(meeting.window_start),
    window_end: Date.parse(meeting.window_end),
    timezone: meeting.timezone,
    duration_minutes: meeting.duration_minutes,
    max_bookings: meeting.max_bookings,
    grid_minutes: 15,
    excluded_days: JSON.parse(meeting.excluded_days) as DayOfWeek[],
    soft: JSON.parse(meeting.soft_constraints) as SoftConstraints,
    leads: optimizerLeads,
    runners_up: 3,
  });
  const best = result.best;
  if (!best) {
    throw new CallbookError(
      'no_feasible_slot',
      `no slot in meeting ${meeting.id}'s window fits any lead's availability (${optimizerLeads.length} leads with availability)`,
      {
        hint: 'collect more availability (`callbook tick`, `callbook availability add`) or widen the window; nothing was changed',
      },
    );
  }
  const view = (c: Candidate): RunnerUp => ({
    slot: slotIn(c.start, c.end, meeting.timezone),
    attendees: c.attendee_ids.length,
    available: c.available_count,
    soft_score: c.soft_score,
    soft_matches: c.soft_matches,
  });
  const confirmed: ConfirmResult = {
    meeting_request_id: meeting.id,
    title: meeting.title,
    timezone: meeting.timezone,
    duration_minutes: meeting.duration_minutes,
    status: input.dry_run ? meeting.status : 'confirmed',
    slot: slotIn(best.start, best.end, meeting.timezone),
    attendees: attendeesOf(best.attendee_ids, byId, best.start, best.end),
    runners_up: result.runners_up.map(view),
    reasons: result.reasons,
    soft_matches: best.soft_matches,
    dry_run: input.dry_run,
    already_confirmed: false,
  };
  if (input.dry_run) return confirmed;
  const now = isoUtc(ctx.now());
  const booked = await ctx.db.transaction().execute(async (trx) => {
    const startUtc = new Date(best.start).toISOString();
    const endUtc = new Date(best.end).toISOString();
    // The status guard makes a concurrent second confirm a no-op instead of a double booking.
    if ((await markMeetingConfirmed(trx, meeting.id, { start: startUtc, end: endUtc }, now)) === 0) return false;
    await insertBookings(
      trx,
      best.attendee_ids.map((lead_id) => ({
        meeting_request_id: meeting.id,
        lead_id,
        start_utc: startUtc,
        end_utc: endUtc,
        created_at: now,
      })),
    );
    return true;
  });
  return booked ? confirmed : existingConfirmation(ctx, await requireMeeting(ctx, meeting.id));
}
