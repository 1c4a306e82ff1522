import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, withContext } from '../../runtime.js';

async function render() {
  return import('../../render/dnc.js');
}

export function registerDncAdd(parent: Command, io: Io): void {
  parent
    .command('add')
    .description('never dial a number again, in any meeting (normalised to E.164; national numbers read as US)')
    .argument('<number>', 'phone number, e.g. +15551234567 or "(212) 555-0101"')
    .option('--reason <text>', 'why, e.g. "asked by email on 2026-03-01"', 'added by an operator')
    .action(async (number: string, flags: { reason: string }, command: Command) => {
      const globals = globalsOf(command);
      const { addDoNotCallEntry } = await import('../../../services/dnc.js');
      const change = await withContext(io, globals, (ctx) =>
        addDoNotCallEntry(ctx, { phone: number, reason: flags.reason, source: 'cli', phone_field: 'NUMBER' }),
      );
      await emit(io, globals, change, async () => (await render()).renderDncAdded);
    });
}

export function registerDncRemove(parent: Command, io: Io): void {
  parent
    .command('remove')
    .description('take a number off the list (its leads stay as they are; `lead reset ID` makes one dialable)')
    .argument('<number>', 'phone number')
    .action(async (number: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const { removeDoNotCallEntry } = await import('../../../services/dnc.js');
      const result = await withContext(io, globals, (ctx) => removeDoNotCallEntry(ctx, { phone: number, phone_field: 'NUMBER' }));
      await emit(io, globals, result, async () => (await render()).renderDncRemoved);
    });
}
