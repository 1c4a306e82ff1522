// The Kysely view of the database. snake_case columns, `T | null` for nullable ones,
// instants as ISO-8601 UTC strings, JSON as text. Generated<> marks columns the database fills.
import type { Generated } from 'kysely';

export interface MeetingRequestTable {
  id: Generated<number>;
  owner_id: string;
  title: string;
  duration_minutes: number;
  max_bookings: number;
  window_start: string;
  window_end: string;
  timezone: string;
  /** JSON array of DayOfWeek. */
  excluded_days: string;
  /** JSON SoftConstraints. */
  soft_constraints: string;
  instruction: string | null;
  status: string;
  confirmed_start: string | null;
  confirmed_end: string | null;
  /** 'group' | 'one_on_one'. */
  mode: Generated<string>;
  /** Per-meeting overrides of the owner's settings; NULL = inherit. JSON TimeRange[]. */
  working_hours: string | null;
  /** JSON DayOfWeek[]. */
  working_days: string | null;
  /** JSON string[] of ICS file paths / http(s) URLs. */
  calendars: string | null;
  buffer_minutes: number | null;
  min_notice_minutes: number | null;
  created_at: string;
  updated_at: string;
}

export interface OwnerTable {
  /** What `--owner` names, e.g. "dana@acme.com". */
  id: string;
  name: string | null;
  email: string | null;
  timezone: string | null;
  /** JSON TimeRange[]; "any" is stored as [{"start":"00:00","end":"24:00"}]. */
  working_hours: string;
  /** JSON DayOfWeek[]. */
  working_days: string;
  /** JSON string[] of ICS file paths / http(s) URLs. */
  calendars: Generated<string>;
  buffer_minutes: Generated<number>;
  min_notice_minutes: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CampaignTable {
  id: Generated<number>;
  meeting_request_id: number;
  name: string;
  created_at: string;
}

export interface LeadTable {
  id: Generated<number>;
  campaign_id: number;
  meeting_request_id: number;
  name: string;
  phone: string;
  email: string | null;
  timezone: string;
  state: string;
  attempts: number;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  /** Set while a tick owns the lead; a claim older than the lease is free again. */
  claimed_at: string | null;
  claim_token: string | null;
  outcome_detail: string | null;
  /** Where the lead's consent to be called came from (web form, signed contract…), and when. */
  consent_source: string | null;
  consent_at: string | null;
  /** The owning tick's lease, by the REAL clock (never --now), and the counter it bumps at each renewal. */
  lease_expires_at: string | null;
  lease_beat: Generated<number>;
  /** The beat another tick last saw, and when by its real clock: a claim is stale once that beat is a lease old. */
  lease_seen_beat: number | null;
  lease_seen_at: string | null;
  /** Set under the claim token just before the provider is asked: the claim is then reconciled, never released blindly. */
  dialing_call_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface CallTable {
  id: Generated<number>;
  lead_id: number;
  meeting_request_id: number;
  provider: string;
  call_sid: string | null;
  status: string;
  last_sequence: number | null;
  answered_by: string | null;
  script: string | null;
  /** The last gather turn we issued; a request for an older turn is a replay. */
  turn: Generated<number>;
  /** What that turn asked: 'ask' (when are you free) or 'confirm' (a read-back). */
  phase: Generated<string>;
  empty_turns: Generated<number>;
  outcome: string | null;
  error_code: number | null;
  error_message: string | null;
  /** The lead's wall-clock time when dialing, e.g. "2026-03-10T10:15 America/New_York". */
  local_time_at_dial: string | null;
  /** JSON array of the dialing checks this attempt passed. */
  checks: string | null;
  duration_seconds: number | null;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
}

export interface CallTurnTable {
  id: Generated<number>;
  call_id: number;
  turn: Generated<number>;
  input: string;
  intent: string;
  parser_source: string;
  /** The TwiML we answered with, returned again as-is when Twilio repeats the request. */
  response: string;
  created_at: string;
}

export interface ParticipantAvailabilityTable {
  id: Generated<number>;
  meeting_request_id: number;
  lead_id: number;
  start_utc: string;
  end_utc: string;
  /** 'call', 'manual' or 'text'. */
  source: string;
  call_id: number | null;
  turn: number | null;
  raw_text: string | null;
  created_at: string;
}

/** One meeting in the owner's diary; its attendees are in booking_attendees. */
export interface BookingTable {
  id: Generated<number>;
  meeting_request_id: number;
  owner_id: string;
  start_utc: string;
  end_utc: string;
  /** 'confirmed' | 'cancelled'. */
  status: Generated<string>;
  /** "booking-<id>@callbook": the UID of its calendar invitations. */
  uid: string;
  /** Grows with each change, for calendar invitations. */
  sequence: Generated<number>;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

export interface BookingAttendeeTable {
  id: Generated<number>;
  booking_id: number;
  lead_id: number;
  meeting_request_id: number;
  created_at: string;
  /** The booking's cancellation time; NULL while live (a unique index allows one live booking per lead and meeting). */
  cancelled_at: string | null;
}

export interface DoNotCallTable {
  phone: string;
  reason: string;
  source: string;
  created_at: string;
}

/** The notifications outbox: one row per booking, sequence, recipient and channel (issue 10). */
export interface NotificationTable {
  id: Generated<number>;
  /** NULL for 'unbooked' notices, which are about the meeting. */
  booking_id: number | null;
  meeting_request_id: number;
  /** The booking's sequence the message describes (0 for 'unbooked'). */
  sequence: number;
  /** 'invite' | 'cancel' | 'unbooked'. */
  kind: string;
  /** 'email' | 'sms'. */
  channel: string;
  /** An email address, an E.164 number, or "owner:<id>" when the owner has no address. */
  recipient: string;
  /** 'owner' | 'attendee' | 'lead'. */
  role: string;
  lead_id: number | null;
  recipient_name: string | null;
  recipient_timezone: string | null;
  /** 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'. */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  /** SMTP's answer id / Twilio's SM sid, recorded after the send. */
  provider_id: string | null;
  /** Set while a sender owns the row; the lease is judged on the real clock. */
  claim_token: string | null;
  lease_expires_at: string | null;
  /** Fixed at insert: a retry carries the same Message-ID, so receivers de-duplicate. */
  message_id: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface Database {
  meeting_requests: MeetingRequestTable;
  campaigns: CampaignTable;
  leads: LeadTable;
  calls: CallTable;
  call_turns: CallTurnTable;
  participant_availability: ParticipantAvailabilityTable;
  bookings: BookingTable;
  booking_attendees: BookingAttendeeTable;
  owners: OwnerTable;
  do_not_call: DoNotCallTable;
  notifications: NotificationTable;
}
