import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { addListOptions, applyListOptions, type ListFlags, listOptionsOf } from '../../render/list.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

const FILTERS = { lead: true, since: 'leads with a free slot starting at or after' };

export function registerAvailabilityList(parent: Command, io: Io): void {
  const command = parent
    .command('list')
    .description("what was collected, per lead, and a day × hour heat map in the owner's timezone")
    .requiredOption('--meeting <id>', 'meeting id')
    .addHelpText(
      'after',
      '\nExamples:\n  $ callbook availability list --meeting 1\n  $ callbook availability list --meeting 1 --lead 7 --json',
    );
  addListOptions(command, FILTERS).action(async (flags: ListFlags & { meeting?: string }, cmd: Command) => {
    const globals = globalsOf(cmd);
    const meetingId = parseId(flags.meeting, '--meeting');
    const list = listOptionsOf(flags, io, globals, FILTERS);
    const { listAvailability } = await import('../../../services/availability.js');
    const result = await withContext(io, globals, (ctx) => listAvailability(ctx, meetingId));
    // --since keeps the leads free at or after it; the heat map still counts everyone.
    const latest = (l: (typeof result.leads)[number]) =>
      l.slots
        .map((s) => s.end)
        .sort()
        .at(-1) ?? null;
    const listed = applyListOptions(result.leads, list, { lead: (l) => l.lead_id, at: latest });
    await emit(io, globals, { ...result, leads: listed.items }, async () => {
      const { renderAvailabilityList } = await import('../../render/availability.js');
      return () => renderAvailabilityList(result, { color: io.color }, listed);
    });
  });
}
