import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseId, withContext } from '../runtime.js';

export function registerConfirm(program: Command, io: Io): void {
  program
    .command('confirm')
    .description(COMMAND_DESCRIPTIONS.confirm)
    .argument('<id>', 'meeting id')
    .option('--dry-run', 'only show what would be chosen; change nothing')
    .option('--explain <slot>', 'say why this start time (ISO, offset optional = meeting zone) was not chosen; changes nothing')
    .option('--ignore-calendar', "book without reading the owner's calendars (a warning says so)")
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

Examples:
  $ callbook confirm 1 --dry-run
  $ callbook confirm 1 --explain 2026-03-10T23:00`,
    )
    .action(async (id: string, flags: { dryRun?: boolean; explain?: string; ignoreCalendar?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(id, 'id');
      const { confirmMeeting } = await import('../../services/confirm.js');
      const result = await withContext(io, globals, (ctx) =>
        confirmMeeting(ctx, {
          meeting_request_id: meetingId,
          dry_run: Boolean(flags.dryRun),
          explain: flags.explain ?? null,
          ignore_calendar: Boolean(flags.ignoreCalendar),
        }),
      );
      await emit(io, globals, result, async () => (await import('../render/confirm-result.js')).renderConfirmResult);
    });
}
