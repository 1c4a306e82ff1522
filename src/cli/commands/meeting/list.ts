import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

export function registerMeetingList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('meetings with their status and progress')
    .action(async (_flags: object, command: Command) => {
      const globals = globalsOf(command);
      const { listMeetingsWithProgress } = await import('../../../services/meetings.js');
      const meetings = await withContext(io, globals, (ctx) => listMeetingsWithProgress(ctx));
      await emit(io, globals, meetings, async () => (await import('../../render/meetings.js')).renderMeetingList);
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
