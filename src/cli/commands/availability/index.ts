import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../../descriptions.js';
import type { Io } from '../../io.js';
import { registerAvailabilityAdd } from './add.js';
import { registerAvailabilityList } from './list.js';

export function registerAvailability(program: Command, io: Io): void {
  const availability = program.command('availability').description(COMMAND_DESCRIPTIONS.availability);
  registerAvailabilityAdd(availability, io);
  registerAvailabilityList(availability, io);
}
