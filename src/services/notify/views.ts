// Outbox rows → the JSON shape of `notify --json` and of `booking show`'s notifications.
import type { Db } from '../../db/connection.js';
import { listNotificationsOfBookings, type NotificationRow } from '../../db/repos/notifications.js';

export interface NotificationView {
  id: number;
  booking_id: number | null;
  meeting_request_id: number;
  sequence: number;
  kind: string;
  channel: string;
  role: string;
  recipient: string;
  name: string | null;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_id: string | null;
  message_id: string;
  next_attempt_at: string | null;
  sent_at: string | null;
}

export function toNotificationView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    booking_id: r.booking_id,
    meeting_request_id: r.meeting_request_id,
    sequence: r.sequence,
    kind: r.kind,
    channel: r.channel,
    role: r.role,
    recipient: r.recipient,
    name: r.recipient_name,
    status: r.status,
    attempts: r.attempts,
    last_error: r.last_error,
    provider_id: r.provider_id,
    message_id: r.message_id,
    next_attempt_at: r.next_attempt_at,
    sent_at: r.sent_at,
  };
}

/** Each booking's notifications, oldest first; for `booking show` and `booking list --json`. */
export async function notificationsByBooking(db: Db, bookingIds: number[]): Promise<Map<number, NotificationView[]>> {
  const out = new Map<number, NotificationView[]>(bookingIds.map((id) => [id, []]));
  for (const row of await listNotificationsOfBookings(db, bookingIds)) {
    if (row.booking_id !== null) out.get(row.booking_id)?.push(toNotificationView(row));
  }
  return out;
}
