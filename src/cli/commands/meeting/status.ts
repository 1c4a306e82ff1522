// meeting reopen|cancel: the meeting-level moves that cancel its live bookings.
import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

export function registerMeetingStatus(parent: Command, io: Io): void {
  for (const [name, description] of [
    ['reopen', 'cancel the live bookings and open the meeting again, so confirm can book anew'],
    ['cancel', 'cancel the live bookings and the meeting: its leads are never dialed again'],
  ] as const) {
    parent
      .command(name)
      .description(description)
      .argument('<id>', 'meeting id')
      .option('--reason <text>', 'why, kept with each cancelled booking')
      .option('--no-notify', 'send no cancellations (the outbox records them as skipped)')
      .action(async (id: string, flags: { reason?: string; notify?: boolean }, command: Command) => {
        const globals = globalsOf(command);
        const meetingId = parseId(id, 'id');
        const { reopenMeeting, cancelMeeting } = await import('../../../services/bookings.js');
        const change = await withContext(io, globals, (ctx) =>
          (name === 'reopen' ? reopenMeeting : cancelMeeting)(ctx, {
            id: meetingId,
            reason: flags.reason ?? null,
            notify: flags.notify !== false,
          }),
        );
        await emit(io, globals, change, async () => (await import('../../render/bookings.js')).renderMeetingBookingsChange);
      });
  }
}
