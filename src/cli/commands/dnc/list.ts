import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { addListOptions, applyListOptions, type ListFlags, listOptionsOf } from '../../render/list.js';
import { emit, globalsOf, withContext } from '../../runtime.js';

async function render() {
  return import('../../render/dnc.js');
}

export function registerDncList(parent: Command, io: Io): void {
  const filters = { since: 'numbers added since' };
  addListOptions(parent.command('list').description('numbers never dialed, with why and since when'), filters).action(
    async (flags: ListFlags, command: Command) => {
      const globals = globalsOf(command);
      const page = listOptionsOf(flags, io, globals, filters);
      const { listDoNotCallEntries } = await import('../../../services/dnc.js');
      const entries = await withContext(io, globals, (ctx) => listDoNotCallEntries(ctx));
      const listed = applyListOptions(entries, page, { at: (e) => e.created_at });
      await emit(io, globals, listed.items, async () => {
        const { renderDncList } = await render();
        return () => renderDncList(entries, listed);
      });
    },
  );
}
