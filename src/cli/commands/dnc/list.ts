import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, withContext } from '../../runtime.js';

async function render() {
  return import('../../render/dnc.js');
}

export function registerDncList(parent: Command, io: Io): void {
  parent
    .command('list')
    .description('numbers never dialed, with why and since when')
    .action(async (_flags: object, command: Command) => {
      const globals = globalsOf(command);
      const { listDoNotCallEntries } = await import('../../../services/dnc.js');
      const entries = await withContext(io, globals, (ctx) => listDoNotCallEntries(ctx));
      await emit(io, globals, entries, async () => (await render()).renderDncList);
    });
}
