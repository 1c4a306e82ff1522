// Rows → the JSON shapes of the design (field names of the original service). Instants are
// shown with the offset of the zone they belong to; at rest they stay UTC.
import { DateTime } from 'luxon';
import type { LeadRow } from '../db/repos/campaigns.js';
import type { MeetingRow } from '../db/repos/meetings.js';
import type { DayOfWeek, HardConstraints, MeetingStatus, Slot, SoftConstraints } from '../domain/types.js';

export interface MeetingView {
  id: number;
  meeting_request_id: number;
  owner_id: string;
  title: string;
  duration_minutes: number;
  max_bookings: number;
  hard_constraints: HardConstraints;
  soft_constraints: SoftConstraints;
  instruction: string | null;
  status: MeetingStatus;
  confirmed_slot: Slot | null;
  created_at: string;
}

export function inZone(isoUtc: string, zone: string): string {
  return DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone).toISO() ?? isoUtc;
}

export function toMeetingView(row: MeetingRow): MeetingView {
  return {
    id: row.id,
    meeting_request_id: row.id,
    owner_id: row.owner_id,
    title: row.title,
    duration_minutes: row.duration_minutes,
    max_bookings: row.max_bookings,
    hard_constraints: {
      window_start: inZone(row.window_start, row.timezone),
      window_end: inZone(row.window_end, row.timezone),
      timezone: row.timezone,
      excluded_days: JSON.parse(row.excluded_days) as DayOfWeek[],
    },
    soft_constraints: JSON.parse(row.soft_constraints) as SoftConstraints,
    instruction: row.instruction,
    status: row.status as MeetingStatus,
    confirmed_slot:
      row.confirmed_start && row.confirmed_end
        ? { start: inZone(row.confirmed_start, row.timezone), end: inZone(row.confirmed_end, row.timezone) }
        : null,
    created_at: row.created_at,
  };
}

/** A lead as the API and --json show it: the row's own fields, its outcome as `detail`, no claim. */
export type LeadView = Pick<
  LeadRow,
  | 'id'
  | 'campaign_id'
  | 'meeting_request_id'
  | 'name'
  | 'phone'
  | 'email'
  | 'timezone'
  | 'state'
  | 'attempts'
  | 'last_attempt_at'
  | 'next_attempt_at'
> & { detail: string | null };

export function toLeadView(row: LeadRow): LeadView {
  return {
    id: row.id,
    campaign_id: row.campaign_id,
    meeting_request_id: row.meeting_request_id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    timezone: row.timezone,
    state: row.state,
    attempts: row.attempts,
    last_attempt_at: row.last_attempt_at,
    next_attempt_at: row.next_attempt_at,
    detail: row.outcome_detail,
  };
}
