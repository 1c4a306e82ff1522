import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerCallsList } from './list.js';
import { registerCallsShow } from './show.js';

export function registerCalls(program: Command, io: Io): void {
  const calls = program.command('calls').description(COMMAND_DESCRIPTIONS.calls);
  registerCallsList(calls, io);
  registerCallsShow(calls, io);
}
