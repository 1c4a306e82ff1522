// Writes one confirm's bookings in a single transaction. The meeting's status guard (open →
// confirmed) makes a second or concurrent confirm of the same meeting a no-op; a re-read of the
// owner's diary inside the transaction stops a confirm of another meeting that landed meanwhile
// from double-booking the owner.
import type { Context } from '../context.js';
import { isoUtc } from '../context.js';
import { insertBooking, listLiveBookingsOfOwner } from '../db/repos/bookings.js';
import { type MeetingRow, markMeetingConfirmed } from '../db/repos/meetings.js';
import { listRespondedUnbooked } from '../db/repos/notifications.js';
import { formatWhen } from '../domain/booking/constraint-text.js';
import { CallbookError } from '../errors.js';
import type { BookingSettings } from './booking-settings.js';
import type { PlannedBooking } from './confirm-view.js';
import { enqueueBookingNotifications, enqueueUnbookedNotifications } from './notify/enqueue.js';

/** What confirm tells people (issue 10): --no-notify records the rows as skipped; warnings say what cannot go out. */
export interface ConfirmNotify {
  send: boolean;
  unbooked: boolean;
  warnings: string[];
}

/** The bookings as written (ids and uids set), or null when the meeting was no longer open. */
export async function writeBookings(
  ctx: Context,
  meeting: MeetingRow,
  settings: BookingSettings,
  planned: readonly PlannedBooking[],
  notify: ConfirmNotify = { send: true, unbooked: false, warnings: [] },
): Promise<PlannedBooking[] | null> {
  const now = isoUtc(ctx.now());
  const first = planned[0];
  if (!first) return [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const buffer = settings.buffer_minutes * 60_000;
  return ctx.db.transaction().execute(async (trx) => {
    // One-on-one meetings record their earliest booking as the confirmed slot; the bookings hold the rest.
    if ((await markMeetingConfirmed(trx, meeting.id, { start: iso(first.start), end: iso(first.end) }, now)) === 0) return null;
    const from = Math.min(...planned.map((p) => p.start)) - buffer;
    const to = Math.max(...planned.map((p) => p.end)) + buffer;
    const taken = await listLiveBookingsOfOwner(trx, meeting.owner_id, iso(from), iso(to), meeting.id);
    for (const p of planned) {
      const clash = taken.find((t) => Date.parse(t.start_utc) < p.end + buffer && Date.parse(t.end_utc) > p.start - buffer);
      if (clash) {
        throw new CallbookError(
          'conflict',
          `the owner was booked at ${formatWhen(Date.parse(clash.start_utc), meeting.timezone)} (booking ${clash.id}) while this confirm ran; nothing was booked`,
          { hint: `run \`callbook confirm ${meeting.id}\` again` },
        );
      }
    }
    const written: PlannedBooking[] = [];
    for (const p of planned) {
      const row = await insertBooking(trx, {
        meeting_request_id: meeting.id,
        owner_id: meeting.owner_id,
        start_utc: iso(p.start),
        end_utc: iso(p.end),
        lead_ids: p.lead_ids,
        now,
      });
      written.push({ ...p, id: row.id, uid: row.uid });
      // The invitations commit with the booking, or neither does.
      notify.warnings.push(...(await enqueueBookingNotifications(trx, { ...ctx, notify: notify.send }, row.id, 'invite')).warnings);
    }
    if (notify.unbooked) {
      const people = await listRespondedUnbooked(trx, meeting.id);
      notify.warnings.push(...(await enqueueUnbookedNotifications(trx, { ...ctx, notify: notify.send }, meeting.id, people)).warnings);
    }
    return written;
  });
}
