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
    .addHelpText(
      'after',
      `
The winner is the slot of the meeting's length inside the window (15-minute grid) that the
most leads can attend (capped at max bookings), then the best match with the preferred days
and parts of day, then the earliest. Confirming again shows the booking; it never books twice.
Exit code 5 when no slot fits anyone's availability (nothing is changed).

Example:
  $ callbook confirm 1 --dry-run`,
    )
    .action(async (id: string, flags: { dryRun?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(id, 'id');
      const { confirmMeeting } = await import('../../services/confirm.js');
      const result = await withContext(io, globals, (ctx) =>
        confirmMeeting(ctx, { meeting_request_id: meetingId, dry_run: Boolean(flags.dryRun) }),
      );
      await emit(io, globals, result, async () => (await import('../render/confirm-result.js')).renderConfirmResult);
    });
}
