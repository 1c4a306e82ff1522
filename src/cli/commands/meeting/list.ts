import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { addListOptions, applyListOptions, type ListFlags, listOptionsOf } from '../../render/list.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

const FILTERS = { states: ['open', 'confirmed', 'cancelled'], since: 'meetings whose window ends at or after' };

export function registerMeetingList(parent: Command, io: Io): void {
  const command = parent
    .command('list')
    .description('meetings with their status and progress')
    .addHelpText('after', '\nExamples:\n  $ callbook meeting list --state open\n  $ callbook meeting list --since 2026-03-01 --json');
  addListOptions(command, FILTERS).action(async (flags: ListFlags, cmd: Command) => {
    const globals = globalsOf(cmd);
    const list = listOptionsOf(flags, io, globals, FILTERS);
    const { listMeetingsWithProgress } = await import('../../../services/meetings.js');
    const meetings = await withContext(io, globals, (ctx) => listMeetingsWithProgress(ctx));
    const listed = applyListOptions(meetings, list, { state: (m) => m.status, at: (m) => m.hard_constraints.window_end });
    await emit(io, globals, listed.items, async () => {
      const [{ renderMeetingList }, { moreLine }] = await Promise.all([import('../../render/meetings.js'), import('../../render/list.js')]);
      return (items) => [renderMeetingList(items), moreLine(listed)].filter(Boolean).join('\n');
    });
  });
}

export function registerMeetingShow(parent: Command, io: Io): void {
  parent
    .command('show')
    .description('one meeting: constraints, status, and progress (leads called, responded, slots collected)')
    .argument('<id>', 'meeting id')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const meetingId = parseId(id, 'id');
      const { showMeeting } = await import('../../../services/meetings.js');
      const meeting = await withContext(io, globals, (ctx) => showMeeting(ctx, meetingId));
      await emit(io, globals, meeting, async () => {
        const { renderMeeting } = await import('../../render/meetings.js');
        return (m) => renderMeeting(m);
      });
    });
}
