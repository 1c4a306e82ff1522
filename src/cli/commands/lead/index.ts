import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerLeadRemove, registerLeadReset } from './change.js';
import { registerLeadShow } from './show.js';

export function registerLead(program: Command, io: Io): void {
  const lead = program.command('lead').description(COMMAND_DESCRIPTIONS.lead);
  registerLeadShow(lead, io);
  registerLeadReset(lead, io);
  registerLeadRemove(lead, io);
}
