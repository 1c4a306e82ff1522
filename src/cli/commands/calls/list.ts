import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { addListOptions, type ListFlags, listOptionsOf } from '../../render/list.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

const CALL_STATUSES = ['queued', 'dialing', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'];
const FILTERS = { states: CALL_STATUSES, lead: true, since: 'calls started since' };

export function registerCallsList(parent: Command, io: Io): void {
  const command = parent
    .command('list')
    .description('calls placed, newest first: lead, status, outcome, length, turns and slots collected')
    .option('--meeting <id>', "only this meeting's calls")
    .option('--outcome <outcome>', 'only calls with this outcome (availability, voicemail, opted_out, no_availability, …)')
    .addHelpText(
      'after',
      `
Examples:
  $ callbook calls list --meeting 1 --limit 20
  $ callbook calls list --lead 7 --state completed
  $ callbook calls list --outcome voicemail --since 2026-03-09 --json`,
    );
  addListOptions(command, FILTERS).action(async (flags: ListFlags & { meeting?: string; outcome?: string }, cmd: Command) => {
    const globals = globalsOf(cmd);
    const list = listOptionsOf(flags, io, globals, FILTERS);
    const meetingId = flags.meeting === undefined ? null : parseId(flags.meeting, '--meeting');
    const { listCalls } = await import('../../../services/calls.js');
    const result = await withContext(io, globals, (ctx) =>
      listCalls(ctx, {
        meetingId,
        leadId: list.lead,
        outcome: flags.outcome?.trim() || null,
        status: list.state,
        since: list.since,
        limit: list.limit,
        offset: list.offset,
      }),
    );
    await emit(io, globals, result, async () => (await import('../../render/calls.js')).renderCallList);
  });
}
