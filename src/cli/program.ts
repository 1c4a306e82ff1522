// Declares every command and flag. Only commander loads here: each action imports what it
// needs when it runs, so `callbook --help` stays close to bare Node start-up.
import { Command } from 'commander';
import { registerAvailabilityAdd } from './commands/availability/add.js';
import { registerAvailabilityList } from './commands/availability/list.js';
import { registerCampaignAdd } from './commands/campaign/add.js';
import { registerCampaignList, registerCampaignShow } from './commands/campaign/list.js';
import { registerConfirm } from './commands/confirm.js';
import { registerMeetingCreate } from './commands/meeting/create.js';
import { registerMeetingList, registerMeetingShow } from './commands/meeting/list.js';
import { registerParseAvailability } from './commands/parse/availability.js';
import { registerParseConstraints } from './commands/parse/constraints.js';
import type { Io } from './io.js';

export function buildProgram(io: Io): Command {
  const program = new Command('callbook')
    .description('Book meetings for account managers: phone the leads, learn when each is free, pick the best slot.')
    .version('0.1.0')
    .option('--db <path|url>', 'SQLite file or sqlite:/// URL (default: $DATABASE_URL or ./callbook.db)')
    .option('--json', 'print machine-readable JSON (errors too, as {"error": …})')
    .option('--now <iso>', 'reference time for everything relative (default: $CALLBOOK_NOW or the clock)')
    .option('--debug', 'show stack traces for unexpected errors')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Start here:
  $ callbook demo                         the whole flow with simulated calls, no setup
  $ callbook meeting create --help        say what must be booked
Exit codes: 0 ok, 2 bad input, 3 not found, 4 conflict, 5 no feasible slot, 6 config, 7 remote, 130 interrupted.`,
    );

  const meeting = program.command('meeting').description('create and inspect meeting requests');
  registerMeetingCreate(meeting, io);
  registerMeetingList(meeting, io);
  registerMeetingShow(meeting, io);

  const campaign = program.command('campaign').description('attach leads to a meeting and follow their state');
  registerCampaignAdd(campaign, io);
  registerCampaignList(campaign, io);
  registerCampaignShow(campaign, io);

  const parse = program.command('parse').description('turn plain English into structure (no database needed)');
  registerParseConstraints(parse, io);
  registerParseAvailability(parse, io);

  const availability = program.command('availability').description('record and review when leads are free');
  registerAvailabilityAdd(availability, io);
  registerAvailabilityList(availability, io);

  registerConfirm(program, io);
  return program;
}
