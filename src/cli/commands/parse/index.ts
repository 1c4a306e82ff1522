import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerParseAvailability } from './availability.js';
import { registerParseConstraints } from './constraints.js';

export function registerParse(program: Command, io: Io): void {
  const parse = program.command('parse').description(COMMAND_DESCRIPTIONS.parse);
  registerParseConstraints(parse, io);
  registerParseAvailability(parse, io);
}
