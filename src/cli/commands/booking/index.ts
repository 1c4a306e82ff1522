import type { Command } from 'commander';
import { badInput } from '../../../errors.js';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { addListOptions, applyListOptions, type ListFlags, listOptionsOf, moreLine } from '../../render/list.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';
import { registerBookingIcs } from './ics.js';

export function registerBooking(program: Command, io: Io): void {
  const booking = program.command('booking').description(COMMAND_DESCRIPTIONS.booking);
  const list = booking
    .command('list')
    .description('bookings, soonest first')
    .option('--meeting <id>', "only this meeting's")
    .option('--owner <id>', "only this owner's")
    .option('--status <status>', 'confirmed or cancelled')
    .addHelpText(
      'after',
      '\nExamples:\n  $ callbook booking list --status confirmed --since 2026-03-09\n  $ callbook booking list --lead 7 --json',
    );
  addListOptions(list, { lead: true, since: 'bookings starting at or after' }).action(
    async (flags: ListFlags & { meeting?: string; owner?: string; status?: string }, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = flags.meeting === undefined ? undefined : parseId(flags.meeting, '--meeting');
      const { listBookingViews, BOOKING_STATUSES } = await import('../../../services/bookings.js');
      if (flags.status !== undefined && !(BOOKING_STATUSES as string[]).includes(flags.status))
        throw badInput([{ field: '--status', message: `expected one of ${BOOKING_STATUSES.join(', ')}, got "${flags.status}"` }]);
      const bookings = await withContext(io, globals, (ctx) =>
        listBookingViews(ctx, {
          ...(meetingId !== undefined ? { meeting_request_id: meetingId } : {}),
          ...(flags.owner !== undefined ? { owner_id: flags.owner } : {}),
          ...(flags.status !== undefined ? { status: flags.status } : {}),
        }),
      );
      const page = listOptionsOf(flags, io, globals);
      const listed = applyListOptions(
        bookings.filter((b) => page.lead === null || b.attendees.some((a) => a.lead_id === page.lead)),
        page,
        { at: (b) => b.slot.start },
      );
      await emit(io, globals, listed.items, async () => {
        const { renderBookingList } = await import('../../render/bookings.js');
        return (items) => [renderBookingList(items), moreLine(listed)].filter(Boolean).join('\n');
      });
    },
  );
  booking
    .command('show')
    .description('one booking: slot, attendees, status, invitation uid')
    .argument('<id>', 'booking id')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const bookingId = parseId(id, 'id');
      const { showBooking } = await import('../../../services/bookings.js');
      const shown = await withContext(io, globals, (ctx) => showBooking(ctx, bookingId));
      await emit(io, globals, shown, async () => {
        const [{ renderBooking }, { renderNotificationList }] = await Promise.all([
          import('../../render/bookings.js'),
          import('../../render/notify.js'),
        ]);
        return (b) => [renderBooking(b), '  notifications:', ...renderNotificationList(b.notifications)].join('\n');
      });
    });
  booking
    .command('cancel')
    .description("cancel one booking: the owner's time is free again")
    .argument('<id>', 'booking id')
    .option('--reason <text>', 'why, kept with the booking')
    .option('--no-notify', 'send no cancellations (the outbox records them as skipped)')
    .action(async (id: string, flags: { reason?: string; notify?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const bookingId = parseId(id, 'id');
      const { cancelBookingById } = await import('../../../services/bookings.js');
      const cancelled = await withContext(io, globals, (ctx) =>
        cancelBookingById(ctx, { id: bookingId, reason: flags.reason ?? null, notify: flags.notify !== false }),
      );
      await emit(io, globals, cancelled, async () => {
        const { renderBooking } = await import('../../render/bookings.js');
        return (b) => renderBooking(b, { cancelled: true });
      });
    });
  registerBookingIcs(booking, io);
}
