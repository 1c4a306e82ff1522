import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseId, withContext } from '../runtime.js';

interface ConfirmFlags {
  dryRun?: boolean;
  explain?: string;
  ignoreCalendar?: boolean;
  /** false with --no-notify. */
  notify?: boolean;
  notifyUnbooked?: boolean;
}

export function registerConfirm(program: Command, io: Io): void {
  program
    .command('confirm')
    .description(COMMAND_DESCRIPTIONS.confirm)
    .argument('<id>', 'meeting id')
    .option('--dry-run', 'only show what would be chosen; change nothing')
    .option('--explain <slot>', 'say why this start time (ISO, offset optional = meeting zone) was not chosen; changes nothing')
    .option('--ignore-calendar', "book without reading the owner's calendars (a warning says so)")
    .option('--no-notify', 'send no invitations (the outbox records them as skipped)')
    .option('--notify-unbooked', 'also tell the leads who answered but were not booked that no time suited everyone')
    .addHelpText(
      'after',
      `
Only starts on the owner's 15-minute grid that pass every hard constraint are considered: the
window, working hours and days, excluded days, the minimum notice, busy time from the owner's
calendars and other bookings (widened by the buffer), and the leads' availability.
  group:      one slot, the most attendees (capped at max bookings), then the preferences, then
              the earliest; the earliest responders are booked when more can come.
  one-on-one: up to max bookings separate meetings, one lead each, never overlapping.
Confirming again shows the booking; it never books twice. Exit code 5 when nothing fits (the
reasons say what would), 7 when a calendar cannot be read; nothing is changed in either case.
Each booking queues its invitations (email with an ICS, a text where Twilio is set) in the
same transaction; \`callbook notify\` or the next tick sends them.

Examples:
  $ callbook confirm 1 --dry-run
  $ callbook confirm 1 --explain 2026-03-10T23:00`,
    )
    .action(async (id: string, flags: ConfirmFlags, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(id, 'id');
      const { confirmMeeting } = await import('../../services/confirm.js');
      const result = await withContext(io, globals, (ctx) =>
        confirmMeeting(ctx, {
          meeting_request_id: meetingId,
          dry_run: Boolean(flags.dryRun),
          explain: flags.explain ?? null,
          ignore_calendar: Boolean(flags.ignoreCalendar),
          no_notify: flags.notify === false,
          notify_unbooked: Boolean(flags.notifyUnbooked),
        }),
      );
      await emit(io, globals, result, async () => (await import('../render/confirm-result.js')).renderConfirmResult);
    });
}
