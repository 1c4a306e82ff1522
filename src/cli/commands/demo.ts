import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseIntFlag } from '../runtime.js';

interface Flags {
  leads?: string;
  seed?: string;
  parallel?: string;
}

export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description(COMMAND_DESCRIPTIONS.demo)
    .option('--leads <n>', 'how many simulated leads (1-5000)', '12')
    .option('--seed <n>', 'the same seed gives the same result', '1')
    .option('--parallel <n>', 'simulated calls played at once; above 1 the order of answers may vary', '1')
    .addHelpText(
      'after',
      `
The demo sets up an owner with an ICS diary and two meetings from plain English: a group
intro call (one slot, many attendees) and one-on-one product demos (one lead each, a 15-min
buffer). It adds simulated leads in their own timezones, serves the webhooks on a loopback
port, and ticks through the call simulator on a simulated clock until every lead is settled;
then it confirms both, around the diary and each other.
No Twilio, no OpenAI, no setup. The database is thrown away unless --db is given (the diary
is then kept beside it, demo.db → demo.calendar.ics).

Examples:
  $ callbook demo
  $ callbook demo --leads 200 --seed 7 --db demo.db && callbook --db demo.db availability list --meeting 1
  $ callbook --db demo.db booking list && callbook --db demo.db owner show dana@acme.example`,
    )
    .action(async (flags: Flags, command: Command) => {
      const globals = globalsOf(command);
      const leads = parseIntFlag(flags.leads, '--leads', 1, 5000) ?? 12;
      const seed = parseIntFlag(flags.seed, '--seed', 0, 2 ** 31 - 1) ?? 1;
      const parallel = parseIntFlag(flags.parallel, '--parallel', 1, 64) ?? 1;
      const webhookThreads = parseIntFlag(io.env.CALLBOOK_WEBHOOK_THREADS, 'CALLBOOK_WEBHOOK_THREADS', 0, 16) ?? 1;
      const { runDemo } = await import('../../services/demo/run.js');
      const result = await runDemo({
        leads,
        seed,
        parallel,
        webhookThreads,
        dbPath: globals.db ? (await import('node:path')).resolve(io.cwd, globals.db) : null,
        now: globals.now ?? null,
        onProgress: (line) => (globals.json ? io.stderr(`${line}\n`) : io.stdout(`${line}\n`)),
      });
      await emit(io, globals, result, async () => {
        const { renderDemo } = await import('../render/demo.js');
        return (r) => renderDemo(r, { color: io.color });
      });
    });
}
