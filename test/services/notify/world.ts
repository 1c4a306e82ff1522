// A migrated database with one booked meeting whose owner and attendees have email addresses,
// its invitations in the outbox, and a loopback SMTP server to send them to.
import type { Context } from '../../../src/context.js';
import type { Db } from '../../../src/db/connection.js';
import { insertBooking } from '../../../src/db/repos/bookings.js';
import { enqueueBookingNotifications } from '../../../src/services/notify/enqueue.js';
import { setOwner } from '../../../src/services/owners.js';
import { createWorld } from '../../helpers/world.js';
import { type SmtpPeer, startSmtpPeer } from './smtp-peer.js';

export async function createNotifyWorld(env: Record<string, string> = {}, database?: Db) {
  const smtp = await startSmtpPeer();
  const world = await createWorld({
    ...(database ? { db: database } : {}),
    env: { CALLBOOK_SMTP_URL: smtp.url, CALLBOOK_EMAIL_FROM: 'Callbook <bookings@acme.com>', CALLBOOK_NOTIFY_RETRY_SECONDS: '0', ...env },
  });
  const { ctx, db } = world;
  await setOwner(ctx, { id: 'dana@acme.com', name: 'Dana Smith', email: 'dana@acme.com', timezone: 'America/New_York', cwd: '/' });
  await db.updateTable('leads').set({ email: 'ana@example.com' }).where('id', '=', 1).execute();
  await db.updateTable('leads').set({ email: 'ben@example.com' }).where('id', '=', 2).execute();
  return { ...world, smtp, book: (c: Context = ctx) => bookAndEnqueue(c), close: async () => Promise.all([world.close(), smtp.close()]) };
}

export async function bookAndEnqueue(ctx: Context, meetingId = 1) {
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await insertBooking(trx, {
      meeting_request_id: meetingId,
      owner_id: 'dana@acme.com',
      start_utc: '2026-03-10T14:00:00.000Z',
      end_utc: '2026-03-10T14:30:00.000Z',
      lead_ids: [1, 2],
      now: '2026-03-09T15:00:00.000Z',
    });
    const summary = await enqueueBookingNotifications(trx, ctx, booking.id, 'invite');
    return { booking, summary };
  });
}

export type NotifyWorld = Awaited<ReturnType<typeof createNotifyWorld>>;
export type { SmtpPeer };
