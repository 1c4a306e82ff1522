// The shapes `confirm` returns (--json and the API), built from optimizer output or stored bookings.
// Every instant is shown in the zone of the person reading it: the owner's for slots, each lead's
// for that lead's local_slot.
import type { LeadContact } from '../db/repos/campaigns.js';
import type { Slot } from '../domain/types.js';
import type { UnreachedLeads } from './confirm-load.js';
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

export interface BookingView {
  /** null in a dry run: nothing was written. */
  id: number | null;
  uid: string | null;
  slot: Slot;
  attendees: Attendee[];
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
  mode: 'group' | 'one_on_one';
  status: string;
  /** Group mode: the one slot. One-on-one: null (each booking has its own). */
  slot: Slot | null;
  /** Group mode: the slot's attendees. One-on-one: every booking's attendee, in booking order. */
  attendees: Attendee[];
  bookings: BookingView[];
  runners_up: RunnerUp[];
  reasons: string[];
  soft_matches: string[];
  /** Leads still pending or being called when the meeting was confirmed. */
  unreached_leads: UnreachedLeads;
  warnings: string[];
  /** The answer to --explain, else null. */
  explanation: string | null;
  dry_run: boolean;
  already_confirmed: boolean;
}

export function slotIn(startMs: number, endMs: number, zone: string): Slot {
  return { start: inZone(new Date(startMs).toISOString(), zone), end: inZone(new Date(endMs).toISOString(), zone) };
}

export function attendeesOf(ids: readonly number[], byId: ReadonlyMap<number, LeadContact>, start: number, end: number): Attendee[] {
  return ids.flatMap((id) => {
    const lead = byId.get(id);
    if (!lead) return [];
    return [
      {
        lead_id: id,
        name: lead.name,
        email: lead.email,
        phone: lead.phone,
        timezone: lead.timezone,
        local_slot: slotIn(start, end, lead.timezone),
      },
    ];
  });
}

export interface PlannedBooking {
  start: number;
  end: number;
  lead_ids: number[];
  id: number | null;
  uid: string | null;
}

export function bookingViews(planned: readonly PlannedBooking[], byId: ReadonlyMap<number, LeadContact>, zone: string): BookingView[] {
  return planned.map((p) => ({
    id: p.id,
    uid: p.uid,
    slot: slotIn(p.start, p.end, zone),
    attendees: attendeesOf(p.lead_ids, byId, p.start, p.end),
  }));
}
