import type { Command } from 'commander';
import { badInput } from '../../../errors.js';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

interface Flags {
  meeting?: string;
  lead?: string;
  start?: string;
  end?: string;
  text?: string;
}

export function registerAvailabilityAdd(parent: Command, io: Io): void {
  parent
    .command('add')
    .description('record availability that arrived another way (email reply, SMS): explicit times or the words')
    .requiredOption('--meeting <id>', 'meeting id')
    .requiredOption('--lead <id>', 'lead id (see `callbook campaign show ID`)')
    .option('--start <iso>', "slot start; without an offset it is read in the lead's timezone")
    .option('--end <iso>', 'slot end')
    .option('--text <words>', 'what the lead wrote, parsed like a call transcript')
    .addHelpText(
      'after',
      `
Examples:
  $ callbook availability add --meeting 1 --lead 7 --start 2026-03-10T09:00 --end 2026-03-10T11:00
  $ callbook availability add --meeting 1 --lead 7 --text "Thursday after 2pm works, or Friday morning"`,
    )
    .action(async (flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(flags.meeting, '--meeting');
      const leadId = parseId(flags.lead, '--lead');
      const hasSlot = flags.start !== undefined || flags.end !== undefined;
      if (hasSlot && flags.text !== undefined)
        throw badInput([{ field: '--text', message: 'give either --start/--end or --text, not both' }]);
      if (hasSlot && (flags.start === undefined || flags.end === undefined)) {
        throw badInput([{ field: flags.start === undefined ? '--start' : '--end', message: 'expected both --start and --end' }]);
      }
      const { addAvailability } = await import('../../../services/availability.js');
      const result = await withContext(io, globals, (ctx) =>
        addAvailability(ctx, {
          meeting_request_id: meetingId,
          lead_id: leadId,
          slots: hasSlot ? [{ start: flags.start ?? '', end: flags.end ?? '' }] : [],
          text: flags.text ?? null,
        }),
      );
      await emit(io, globals, result, async () => (await import('../../render/availability.js')).renderAvailabilityAdded);
    });
}
