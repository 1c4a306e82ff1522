// booking ics ID: the invitation as a file (RFC 5545), for a calendar or a mail client.
import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

export function registerBookingIcs(booking: Command, io: Io): void {
  booking
    .command('ics')
    .description('print the booking as an iCalendar invitation (METHOD:REQUEST, or CANCEL once cancelled)')
    .argument('<id>', 'booking id')
    .addHelpText(
      'after',
      `
The UID stays the booking's for life and SEQUENCE grows with each change, so calendars update
the one event. Times are UTC; every calendar shows them in its own zone.

Example:
  $ callbook booking ics 3 > meeting.ics`,
    )
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const bookingId = parseId(id, 'id');
      const { bookingCalendar } = await import('../../../services/notify/calendar.js');
      const calendar = await withContext(io, globals, (ctx) => bookingCalendar(ctx, bookingId));
      // The file itself, CRLF line ends as RFC 5545 wants; --json wraps it with its uid and sequence.
      await emit(io, globals, calendar, async () => (c) => c.ics.replace(/\r\n$/, ''));
    });
}
