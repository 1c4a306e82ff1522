// Declares the command tree. Only commander and the command the user named are loaded:
// the others appear in `--help` by name and description alone, so start-up stays close to
// bare Node whatever the number of commands.
import { Command, InvalidArgumentError } from 'commander';
import { CallbookError } from '../errors.js';
import { COMMAND_DESCRIPTIONS, COMMAND_EXAMPLES, OPTION_LIMITS } from './descriptions.js';
import type { Io } from './io.js';

type Register = (program: Command, io: Io) => void;
type CommandName = keyof typeof COMMAND_DESCRIPTIONS;

const LOADERS: Record<CommandName, () => Promise<Register>> = {
  meeting: async () => (await import('./commands/meeting/index.js')).registerMeeting,
  campaign: async () => (await import('./commands/campaign/index.js')).registerCampaign,
  parse: async () => (await import('./commands/parse/index.js')).registerParse,
  availability: async () => (await import('./commands/availability/index.js')).registerAvailability,
  call: async () => (await import('./commands/call.js')).registerCall,
  tick: async () => (await import('./commands/tick.js')).registerTick,
  confirm: async () => (await import('./commands/confirm.js')).registerConfirm,
  serve: async () => (await import('./commands/serve.js')).registerServe,
  demo: async () => (await import('./commands/demo.js')).registerDemo,
  lead: async () => (await import('./commands/lead/index.js')).registerLead,
  dnc: async () => (await import('./commands/dnc/index.js')).registerDnc,
  owner: async () => (await import('./commands/owner/index.js')).registerOwner,
  booking: async () => (await import('./commands/booking/index.js')).registerBooking,
  calls: async () => (await import('./commands/calls/index.js')).registerCalls,
  notify: async () => (await import('./commands/notify.js')).registerNotify,
  db: async () => (await import('./commands/db/index.js')).registerDb,
  completion: async () => (await import('./commands/completion.js')).registerCompletion,
};

const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--db', '--now', '--tz']);

/** `--db ""` (an unset shell variable) must not quietly mean ./callbook.db. */
function databaseFlag(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a file path or a sqlite:/// URL, got an empty string');
  return value;
}

/** The first word that is not a global option: the command the user asked for. */
export function requestedCommand(argv: string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg === 'help' ? (argv[i + 1] ?? null) : arg;
  }
  return null;
}

/** Examples and flag limits from descriptions.ts, on the commands that were loaded. */
function decorateHelp(command: Command, path: string): void {
  const examples = COMMAND_EXAMPLES[path];
  if (examples) command.addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}`);
  for (const option of command.options) {
    const range = option.long ? OPTION_LIMITS[option.long] : undefined;
    if (range && !option.description.includes(range)) option.description = `${option.description} (${range})`;
  }
  for (const sub of command.commands) decorateHelp(sub, path ? `${path} ${sub.name()}` : sub.name());
}

/** `help a b` shows b's help (commander's own help command stops at the first name). */
function addHelpCommand(program: Command): void {
  program.helpCommand(false);
  program
    .command('help [command...]')
    .description('show help for a command, e.g. callbook help meeting create')
    .action((names: string[]) => {
      let target = program;
      for (const name of names) {
        const next = target.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!next)
          throw new CallbookError('bad_input', `unknown command '${names.join(' ')}'`, { hint: 'run callbook --help for the commands' });
        target = next;
      }
      target.help();
    });
}

export async function buildProgram(io: Io, argv: string[], options: { allCommands?: boolean } = {}): Promise<Command> {
  const program = new Command('callbook')
    .description('Book meetings for account managers: phone the leads, learn when each is free, pick the best slot.')
    .version('0.1.0')
    .option('--db <path|url>', 'SQLite file, sqlite:/// or postgres:// URL (default: $DATABASE_URL or ./callbook.db)', databaseFlag)
    .option('--json', 'print machine-readable JSON (errors too, as {"error": …})')
    .option('--now <iso>', 'reference time for everything relative (default: $CALLBOOK_NOW or the clock)')
    .option('--tz <zone>', "show times in this IANA zone (e.g. Europe/London) instead of each meeting's or owner's")
    .option('--debug', 'show stack traces for unexpected errors')
    .option('--no-color', 'plain text without colour (also NO_COLOR=1; FORCE_COLOR=1 forces it)')
    .exitOverride()
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `
Start here:
  $ callbook demo                         the whole flow with simulated calls, no setup
  $ callbook meeting create --help        say what must be booked
Exit codes: 0 ok, 2 bad input, 3 not found, 4 conflict, 5 no feasible slot, 6 config, 7 remote, 8 database busy, 130 interrupted.`,
    );
  const wanted = requestedCommand(argv);
  for (const name of Object.keys(LOADERS) as CommandName[]) {
    if (name === wanted || options.allCommands) (await LOADERS[name]())(program, io);
    else program.command(name).description(COMMAND_DESCRIPTIONS[name]);
  }
  addHelpCommand(program);
  decorateHelp(program, '');
  return program;
}
