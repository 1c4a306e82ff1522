import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

export function registerCallsShow(parent: Command, io: Io): void {
  parent
    .command('show')
    .description('one call: the whole conversation in order (bot and lead, what was understood), the slots stored, the status timeline')
    .argument('<id>', 'call id (from `callbook calls list`)')
    .addHelpText('after', '\nExamples:\n  $ callbook calls show 12\n  $ callbook calls show 12 --json | jq .transcript')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const callId = parseId(id, 'id');
      const { showCall } = await import('../../../services/calls.js');
      const call = await withContext(io, globals, (ctx) => showCall(ctx, callId));
      await emit(io, globals, call, async () => (await import('../../render/calls.js')).renderCall);
    });
}
