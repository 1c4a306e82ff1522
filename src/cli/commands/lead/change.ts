import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

async function render() {
  return import('../../render/leads.js');
}

export function registerLeadReset(parent: Command, io: Io): void {
  parent
    .command('reset')
    .description('put a lead back to pending, so the next tick may dial it (refused while a call is in progress)')
    .argument('<id>', 'lead id')
    .option('--attempts', 'also zero its attempts, giving it the full retry budget again')
    .addHelpText('after', '\nA number on the do-not-call list stays undialed: take it off with `callbook dnc remove NUMBER` first.')
    .action(async (id: string, flags: { attempts?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const leadId = parseId(id, 'id');
      const { resetLead } = await import('../../../services/leads.js');
      const change = await withContext(io, globals, (ctx) => resetLead(ctx, { id: leadId, attempts: flags.attempts === true }));
      await emit(io, globals, change, async () => (await render()).renderLeadChange);
    });
}

export function registerLeadRemove(parent: Command, io: Io): void {
  parent
    .command('remove')
    .description('stop dialing a lead for good; it stays in the history with its calls (`lead reset` brings it back)')
    .argument('<id>', 'lead id')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const leadId = parseId(id, 'id');
      const { removeLead } = await import('../../../services/leads.js');
      const change = await withContext(io, globals, (ctx) => removeLead(ctx, leadId));
      await emit(io, globals, change, async () => (await render()).renderLeadChange);
    });
}
