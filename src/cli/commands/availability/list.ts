import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

export function registerAvailabilityList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description("what was collected, per lead, and a day × hour heat map in the owner's timezone")
    .requiredOption('--meeting <id>', 'meeting id')
    .action(async (flags: { meeting?: string }, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(flags.meeting, '--meeting');
      const { listAvailability } = await import('../../../services/availability.js');
      const result = await withContext(io, globals, (ctx) => listAvailability(ctx, meetingId));
      await emit(io, globals, result, async () => {
        const { renderAvailabilityList } = await import('../../render/availability.js');
        return (r) => renderAvailabilityList(r, { color: io.color });
      });
    });
}
