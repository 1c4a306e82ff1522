import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { addListOptions, applyListOptions, type ListFlags, listOptionsOf, moreLine } from '../../render/list.js';
import { emit, globalsOf, withContext } from '../../runtime.js';
import { registerOwnerSet } from './set.js';

export function registerOwner(program: Command, io: Io): void {
  const owner = program.command('owner').description(COMMAND_DESCRIPTIONS.owner);
  registerOwnerSet(owner, io);
  addListOptions(owner.command('list').description('owners with their working time, notice, buffer and calendars')).action(
    async (flags: ListFlags, command: Command) => {
      const globals = globalsOf(command);
      const page = listOptionsOf(flags, io, globals);
      const { listOwnerViews } = await import('../../../services/owners.js');
      const listed = applyListOptions(await withContext(io, globals, (ctx) => listOwnerViews(ctx)), page);
      await emit(io, globals, listed.items, async () => {
        const { renderOwnerList } = await import('../../render/owners.js');
        return (items) => [renderOwnerList(items), moreLine(listed)].filter(Boolean).join('\n');
      });
    },
  );
  owner
    .command('show')
    .description("one owner's effective settings and upcoming live bookings")
    .argument('<id>', 'owner id, e.g. dana@acme.com')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const { showOwner } = await import('../../../services/owners.js');
      const shown = await withContext(io, globals, (ctx) => showOwner(ctx, id));
      await emit(io, globals, shown, async () => {
        const { renderOwner } = await import('../../render/owners.js');
        return (o) => renderOwner(o);
      });
    });
}
