import type { Command } from 'commander';
import { badInput } from '../../errors.js';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseIntFlag } from '../runtime.js';

interface Flags {
  leads?: string;
  seed?: string;
  parallel?: string;
  force?: boolean;
}

/** "calls placed 120 of 2012 leads, answered 80, slots collected 210", redrawn in place. */
function progressLine(p: { leads: number; calls_placed: number; answered: number; slots_collected: number }): string {
  return `\r\u001b[Kcalls placed ${p.calls_placed} (${p.leads} leads), answered ${p.answered}, slots collected ${p.slots_collected}`;
}

export function registerDemo(program: Command, io: Io): void {
  program
    .command('demo')
    .description(COMMAND_DESCRIPTIONS.demo)
    .option('--leads <n>', 'how many simulated leads (1-5000)', '12')
    .option('--seed <n>', 'the same seed gives the same result', '1')
    .option('--parallel <n>', 'simulated calls played at once, 1-64; above 1 the order of answers may vary', '1')
    .option('--force', 'run in a --db that already holds meetings, owners or leads (the demo adds its fake leads to them)')
    .addHelpText(
      'after',
      `
The demo sets up an owner with an ICS diary and two meetings from plain English: a group
intro call (one slot, many attendees) and one-on-one product demos (one lead each, a 15-min
buffer). It adds simulated leads in their own timezones, serves the webhooks on a loopback
port, and ticks through the call simulator on a simulated clock until every lead is settled;
then it confirms both, around the diary and each other.
No Twilio, no OpenAI, no setup. The database is thrown away unless --db is given (the diary
is then kept beside it, demo.db → demo.calendar.ics); a --db that already holds data is
refused (exit 4) unless --force. With --db postgres://… (an empty database) the calls run on a
file as always and the result is then copied there (db copy); the diary stays in the folder
it names. The simulated clock starts at --now or $CALLBOOK_NOW, else
Mon 11 Jan 2027, 11:00 New York. On a terminal, stderr shows the calls as they go; Ctrl+C
stops the demo and closes its open calls (exit 130).

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
      const now = globals.now ?? (io.env.CALLBOOK_NOW?.trim() || null);
      if (now !== null && Number.isNaN(Date.parse(now))) {
        throw badInput([{ field: globals.now ? '--now' : 'CALLBOOK_NOW', message: `expected an ISO-8601 instant, got "${now}"` }]);
      }
      const { runDemo } = await import('../../services/demo/run.js');
      // Ctrl+C stops the run between two calls; the service then closes what it left open.
      const stop = new AbortController();
      const onSigint = () => stop.abort();
      process.once('SIGINT', onSigint);
      let drawn = false;
      const result = await runDemo({
        leads,
        seed,
        parallel,
        webhookThreads,
        force: flags.force === true,
        signal: stop.signal,
        // A postgres:// URL as it is (the calls run on a file, then move there); a file relative to the folder.
        dbPath: globals.db ? await demoDatabase(globals.db, io.cwd) : null,
        now,
        // Progress is for a person watching: on a terminal only, on stderr, never in the result.
        ...(io.stderrIsTTY
          ? {
              onProgress: (p) => {
                drawn = true;
                io.stderr(progressLine(p));
              },
            }
          : {}),
        onLog: (line) => io.stderr(`${line}\n`),
      }).finally(() => {
        process.removeListener('SIGINT', onSigint);
        if (drawn) io.stderr('\r\u001b[K');
      });
      await emit(io, globals, result, async () => {
        const { renderDemo } = await import('../render/demo.js');
        const { setDateDisplay } = await import('../render/dates.js');
        return (r) => {
          // "The current year" is the simulated clock's, not the real one.
          setDateDisplay({ now: r.setup.clock_start, zone: globals.tz ?? null });
          return renderDemo(r, { color: io.color });
        };
      });
    });
}

async function demoDatabase(db: string, cwd: string): Promise<string> {
  const { POSTGRES_URL } = await import('../../db/postgres/url.js');
  if (POSTGRES_URL.test(db.trim())) return db.trim();
  return (await import('node:path')).resolve(cwd, db);
}
