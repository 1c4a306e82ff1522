import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerDncAdd, registerDncRemove } from './change.js';
import { registerDncList } from './list.js';

export function registerDnc(program: Command, io: Io): void {
  const dnc = program.command('dnc').description(COMMAND_DESCRIPTIONS.dnc);
  registerDncList(dnc, io);
  registerDncAdd(dnc, io);
  registerDncRemove(dnc, io);
}
