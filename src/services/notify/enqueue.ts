// Writes a booking change's notifications into the outbox, inside the caller's transaction, so
// the change and its messages commit together or not at all. Sending happens later (notify.ts).
// confirm, booking cancel and meeting reopen/cancel call these with their own transaction.
import type { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connection.js';
import { findDoNotCall } from '../../db/repos/do-not-call.js';
import {
  insertNotifications,
  listInvitedOfBooking,
  type NotificationInsert,
  supersedePendingInvites,
} from '../../db/repos/notifications.js';
import type { NotifyPerson } from '../../domain/notify/content.js';
import { type ChannelState, type PlannedNotification, planNotifications } from '../../domain/notify/recipients.js';
import { loadBookingSubject, loadMeetingSubject } from './subject.js';

export interface EnqueueDeps {
  config: Config;
  now(): DateTime;
  /** false (--no-notify): the rows are recorded as skipped, nothing will be sent. */
  notify?: boolean;
}

export interface EnqueueSummary {
  queued: number;
  skipped: number;
  failed: number;
  /** One line per reason a notification will not go out (config, addresses), for the command's warnings. */
  warnings: string[];
}

export function channelsOf(config: Config): ChannelState {
  const e = config.email;
  const twilio = config.twilio;
  return {
    email: e.smtpUrl === null && e.from === null ? null : e.problems,
    sms: Boolean(twilio.accountSid && twilio.authToken && twilio.phoneNumber),
  };
}

const NO_NOTIFY = 'not sent: --no-notify';

function summarise(rows: PlannedNotification[], inserted: number): EnqueueSummary {
  const reasons = new Map<string, number>();
  for (const r of rows) {
    if (r.status === 'pending' || r.last_error === null || r.last_error === NO_NOTIFY) continue;
    const key = `${r.channel === 'sms' ? 'text' : 'email'} to ${r.role === 'owner' ? 'the owner' : r.recipient_name}: ${r.last_error}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  return {
    queued: rows.filter((r) => r.status === 'pending').length,
    skipped: rows.filter((r) => r.status === 'skipped').length,
    failed: rows.filter((r) => r.status === 'failed').length,
    warnings: inserted === 0 && rows.length > 0 ? [] : [...reasons.keys()].map((k) => `no ${k}`),
  };
}

async function write(
  trx: Db,
  rows: PlannedNotification[],
  key: { booking_id: number | null; meeting_request_id: number; sequence: number; kind: string },
  now: string,
) {
  const inserts: NotificationInsert[] = rows.map((r) => ({
    ...key,
    ...r,
    attempts: 0,
    next_attempt_at: null,
    provider_id: null,
    claim_token: null,
    lease_expires_at: null,
    created_at: now,
    updated_at: now,
    sent_at: null,
  }));
  return insertNotifications(trx, inserts);
}

/** invite: the owner and every attendee; cancel: everyone an invitation of this booking may have reached. */
export async function enqueueBookingNotifications(
  trx: Db,
  deps: EnqueueDeps,
  bookingId: number,
  kind: 'invite' | 'cancel',
): Promise<EnqueueSummary> {
  const now = deps.now().toUTC().toISO() ?? '';
  const { booking, subject } = await loadBookingSubject(trx, deps.config, bookingId, kind);
  const skipReason = deps.notify === false ? NO_NOTIFY : null;
  let rows: PlannedNotification[];
  if (kind === 'invite') {
    const dnc = await findDoNotCall(
      trx,
      booking.attendees.map((a) => a.phone),
    );
    rows = planNotifications({
      kind,
      owner: subject.owner,
      people: booking.attendees,
      channels: channelsOf(deps.config),
      doNotCall: dnc,
      skipReason,
    });
  } else {
    const invited = await listInvitedOfBooking(trx, bookingId);
    await supersedePendingInvites(trx, bookingId, now);
    rows = invited.map((r) => ({
      channel: r.channel === 'sms' ? 'sms' : 'email',
      recipient: r.recipient,
      role: r.role === 'owner' ? 'owner' : 'attendee',
      lead_id: r.lead_id,
      recipient_name: r.recipient_name ?? r.recipient,
      recipient_timezone: r.recipient_timezone ?? subject.owner.timezone,
      status: skipReason ? 'skipped' : 'pending',
      last_error: skipReason,
    }));
  }
  const inserted = await write(
    trx,
    rows,
    { booking_id: booking.id, meeting_request_id: booking.meeting_request_id, sequence: booking.sequence, kind },
    now,
  );
  return summarise(rows, inserted);
}

/** confirm --notify-unbooked: leads who were called and answered but are in none of the meeting's live bookings. */
export async function enqueueUnbookedNotifications(
  trx: Db,
  deps: EnqueueDeps,
  meetingId: number,
  people: NotifyPerson[],
): Promise<EnqueueSummary> {
  const now = deps.now().toUTC().toISO() ?? '';
  const { subject } = await loadMeetingSubject(trx, deps.config, meetingId);
  const dnc = await findDoNotCall(
    trx,
    people.map((p) => p.phone),
  );
  const rows = planNotifications({
    kind: 'unbooked',
    owner: subject.owner,
    people,
    channels: channelsOf(deps.config),
    doNotCall: dnc,
    skipReason: deps.notify === false ? NO_NOTIFY : null,
  });
  const inserted = await write(trx, rows, { booking_id: null, meeting_request_id: meetingId, sequence: 0, kind: 'unbooked' }, now);
  return summarise(rows, inserted);
}
