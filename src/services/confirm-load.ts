// What confirm reads before it chooses: the leads' offered availability in response order, the
// owner's busy time (calendars read fresh, and the owner's other live callbook bookings), and the
// leads nobody has reached yet. A calendar that cannot be read fails here, before anything is written.
import type { Context } from '../context.js';
import { forEachIntervalOfMeeting } from '../db/repos/availability.js';
import { listLiveBookingsOfOwner } from '../db/repos/bookings.js';
import { type LeadToBook, listLeadContacts, listLeadsToBookOfMeeting } from '../db/repos/campaigns.js';
import { findMeeting, type MeetingRow } from '../db/repos/meetings.js';
import { withPassingCache } from '../db/row-iterator.js';
import type { BusyTime } from '../domain/booking/hard-constraints.js';
import type { OptimizerLead } from '../domain/booking/slot-analysis.js';
import { type LeadState, UNBOOKABLE_LEAD_STATES } from '../domain/types.js';
import type { BookingSettings } from './booking-settings.js';

export interface UnreachedLeads {
  count: number;
  leads: { lead_id: number; name: string; state: string }[];
}

export async function loadLeads(ctx: Context, meeting: MeetingRow) {
  // Only the columns used, rows read as arrays in id order straight from the table, and both
  // reads in one pass with SQLite's default page cache (nothing read here is read again).
  return withPassingCache(ctx.db, async () => {
    const leads = await listLeadsToBookOfMeeting(ctx.db, meeting.id);
    const usable = new Map<number, LeadToBook>();
    for (const lead of leads) if (!UNBOOKABLE_LEAD_STATES.includes(lead.state as LeadState)) usable.set(lead.id, lead);
    // Leads are handed to the optimizer in the order they answered (slots in id order): first come, first booked.
    const ordered = new Map<number, OptimizerLead>();
    await forEachIntervalOfMeeting(ctx.db, meeting.id, (leadId, start, end) => {
      let entry = ordered.get(leadId);
      if (!entry) {
        const lead = usable.get(leadId);
        if (!lead) return;
        entry = { lead_id: lead.id, name: lead.name, timezone: lead.timezone, intervals: [] };
        ordered.set(leadId, entry);
      }
      entry.intervals.push({ start, end });
    });
    return { optimizerLeads: [...ordered.values()], unreached: unreachedOf(leads) };
  });
}

/** The leads nobody has reached yet (for a confirmation shown again: no slots are read). */
export async function loadUnreached(ctx: Context, meeting: MeetingRow): Promise<UnreachedLeads> {
  return unreachedOf(await listLeadsToBookOfMeeting(ctx.db, meeting.id));
}

/** The attendees' contact fields, for the bookings shown (every lead of them is the meeting's). */
export async function loadContacts(ctx: Context, meeting: MeetingRow, bookings: readonly { lead_ids: readonly number[] }[]) {
  return listLeadContacts(
    ctx.db,
    meeting.id,
    bookings.flatMap((b) => b.lead_ids),
  );
}

/** Leads still waiting for a first call or on one now: booking without them may be premature. */
function unreachedOf(leads: readonly LeadToBook[]): UnreachedLeads {
  const waiting = leads.filter((l) => l.state === 'pending' || l.state === 'calling');
  return { count: waiting.length, leads: waiting.map((l) => ({ lead_id: l.id, name: l.name, state: l.state })) };
}

/** The span busy time must cover: the window, widened so events just outside it still reach in by the buffer. */
export function busyRange(meeting: MeetingRow, settings: BookingSettings) {
  const margin = (settings.buffer_minutes + meeting.duration_minutes) * 60_000;
  return { start: Date.parse(meeting.window_start) - margin, end: Date.parse(meeting.window_end) + margin };
}

export async function loadBusy(
  ctx: Context,
  meeting: MeetingRow,
  settings: BookingSettings,
  options: { ignoreCalendar: boolean },
): Promise<{ busy: BusyTime[]; warnings: string[] }> {
  const range = busyRange(meeting, settings);
  const warnings: string[] = [];
  const busy: BusyTime[] = [];
  if (options.ignoreCalendar) {
    const n = settings.calendars.length;
    warnings.push(
      n === 0
        ? '--ignore-calendar: the owner has no calendars to skip'
        : `--ignore-calendar: ${n} ${n === 1 ? 'calendar was' : 'calendars were'} not read, so their busy time was not checked`,
    );
  } else {
    // Read one after another: a failure names its calendar, and nothing is booked (exit 7). The
    // reader (node-ical and its date libraries) is loaded only for an owner who has calendars.
    if (settings.calendars.length > 0) {
      const { readBusyTimes } = await import('./calendars/index.js');
      for (const source of settings.calendars) busy.push(...(await readBusyTimes(source, range, { zone: settings.timezone })));
    }
  }
  busy.push(...(await loadOwnerBookings(ctx, meeting, range)));
  return { busy, warnings };
}

async function loadOwnerBookings(ctx: Context, meeting: MeetingRow, range: { start: number; end: number }): Promise<BusyTime[]> {
  const rows = await listLiveBookingsOfOwner(
    ctx.db,
    meeting.owner_id,
    new Date(range.start).toISOString(),
    new Date(range.end).toISOString(),
    meeting.id,
  );
  const titles = new Map<number, string>();
  for (const id of new Set(rows.map((r) => r.meeting_request_id)))
    titles.set(id, (await findMeeting(ctx.db, id))?.title ?? `meeting ${id}`);
  return rows.map((r) => ({
    start: Date.parse(r.start_utc),
    end: Date.parse(r.end_utc),
    source: 'callbook',
    summary: `${titles.get(r.meeting_request_id) ?? 'meeting'} (booking ${r.id})`,
  }));
}
