import { DateTime } from 'luxon';
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { insertAvailability } from '../db/repos/availability.js';
import { findLead, type LeadRow } from '../db/repos/campaigns.js';
import { requireWithinLimit } from '../domain/input-limits.js';
import { parseWindowEdge } from '../domain/meeting-input.js';
import type { ReplyIntent, Slot } from '../domain/types.js';
import { badInput, CallbookError, notFound } from '../errors.js';
import { forEachLeadAvailability, heatmapOfLeads, type LeadAvailability } from './availability-list.js';
import { requireMeeting } from './meetings.js';
import { inZone } from './views.js';

export interface AddAvailabilityInput {
  meeting_request_id: number;
  lead_id: number;
  /** Explicit slots; a time without an offset is read in the lead's timezone. */
  slots: { start: string; end: string }[];
  /** Or what the lead wrote (email, SMS), parsed like a call transcript. */
  text: string | null;
}

export interface AddAvailabilityResult {
  meeting_request_id: number;
  lead_id: number;
  slots: Slot[];
  intent: ReplyIntent;
  source: string;
  fallback_reason: string | null;
  unparsed: string[];
}

export async function requireLeadOfMeeting(ctx: Context, meetingId: number, leadId: number): Promise<LeadRow> {
  const lead = await findLead(ctx.db, leadId);
  if (!lead) throw notFound('lead', leadId);
  if (lead.meeting_request_id !== meetingId) {
    throw new CallbookError('bad_input', `lead: lead ${leadId} belongs to meeting ${lead.meeting_request_id}, not meeting ${meetingId}`);
  }
  return lead;
}

export async function addAvailability(ctx: Context, input: AddAvailabilityInput): Promise<AddAvailabilityResult> {
  const meeting = await requireMeeting(ctx, input.meeting_request_id);
  const lead = await requireLeadOfMeeting(ctx, meeting.id, input.lead_id);
  if (input.text === null && input.slots.length === 0) {
    throw badInput([{ field: 'slots', message: 'expected --start and --end, or --text "what the lead said"' }]);
  }
  let slots: Slot[];
  let meta: Omit<AddAvailabilityResult, 'meeting_request_id' | 'lead_id' | 'slots'> = {
    intent: 'availability',
    source: 'manual',
    fallback_reason: null,
    unparsed: [],
  };
  if (input.text !== null) {
    requireWithinLimit('text', input.text, 'availabilityText');
    const parsers = await ctx.parsers();
    const parsed = await parsers.parseAvailability({
      text: input.text,
      window_start: inZone(meeting.window_start, lead.timezone),
      window_end: inZone(meeting.window_end, lead.timezone),
      timezone: lead.timezone,
      duration_minutes: meeting.duration_minutes,
      now: ctx.now().setZone(lead.timezone).toISO() ?? '',
    });
    slots = parsed.slots;
    meta = { intent: parsed.intent, source: parsed.source, fallback_reason: parsed.fallback_reason, unparsed: parsed.unparsed };
  } else {
    slots = input.slots.map((slot, i) => validateManualSlot(slot, i, lead.timezone, meeting.window_start, meeting.window_end));
  }
  const now = isoUtc(ctx.now());
  await ctx.db.transaction().execute(async (trx) => {
    await insertAvailability(
      trx,
      slots.map((slot) => ({
        meeting_request_id: meeting.id,
        lead_id: lead.id,
        start_utc: isoUtc(parseInstant(slot.start)),
        end_utc: isoUtc(parseInstant(slot.end)),
        source: input.text !== null ? 'text' : 'manual',
        call_id: null,
        turn: null,
        raw_text: input.text,
        created_at: now,
      })),
    );
    if (slots.length > 0) {
      await trx.updateTable('leads').set({ state: 'responded', updated_at: now }).where('id', '=', lead.id).execute();
    }
  });
  return { meeting_request_id: meeting.id, lead_id: lead.id, slots, ...meta };
}

function parseInstant(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true });
}

function validateManualSlot(slot: { start: string; end: string }, i: number, zone: string, windowStart: string, windowEnd: string): Slot {
  const where = (f: string) => (i === 0 ? f : `slots.${i}.${f}`);
  const start = parseWindowEdge(slot.start, zone, 'start');
  const end = parseWindowEdge(slot.end, zone, 'end');
  const problems = [];
  if (!start) problems.push({ field: where('start'), message: `expected an ISO-8601 date-time, got "${slot.start}"` });
  if (!end) problems.push({ field: where('end'), message: `expected an ISO-8601 date-time, got "${slot.end}"` });
  if (start && end && end <= start) problems.push({ field: where('end'), message: 'expected to be after start' });
  if (start && end && (end.toMillis() <= Date.parse(windowStart) || start.toMillis() >= Date.parse(windowEnd))) {
    problems.push({
      field: where('start'),
      message: `expected a time inside the meeting window ${inZone(windowStart, zone)} – ${inZone(windowEnd, zone)}`,
    });
  }
  if (problems.length > 0 || !start || !end) throw badInput(problems);
  return { start: start.toISO() ?? '', end: end.toISO() ?? '' };
}

export type { LeadAvailability } from './availability-list.js';

/** The meeting's leads that offered times, with their slots and the heat map, all in memory (`--json` streams instead). */
export async function listAvailability(ctx: Context, meetingId: number) {
  const meeting = await requireMeeting(ctx, meetingId);
  const leads: LeadAvailability[] = [];
  const heatmap = heatmapOfLeads(meeting);
  await forEachLeadAvailability(ctx, meeting.id, (lead, intervals) => {
    leads.push(lead);
    heatmap.add(intervals);
  });
  return { meeting_request_id: meeting.id, timezone: meeting.timezone, leads, heatmap: heatmap.result() };
}
