import type { Command } from 'commander';
import type { Io } from '../../io.js';
import { emit, globalsOf, parseId, withContext } from '../../runtime.js';

async function render() {
  return import('../../render/leads.js');
}

export function registerLeadShow(parent: Command, io: Io): void {
  parent
    .command('show')
    .description('a lead: state, attempts, consent, and every call with its outcome and transcript')
    .argument('<id>', 'lead id (see `callbook campaign show ID`)')
    .action(async (id: string, _flags: object, command: Command) => {
      const globals = globalsOf(command);
      const leadId = parseId(id, 'id');
      const { showLead } = await import('../../../services/leads.js');
      const detail = await withContext(io, globals, (ctx) => showLead(ctx, leadId));
      await emit(io, globals, detail, async () => (await render()).renderLeadDetail);
    });
}
