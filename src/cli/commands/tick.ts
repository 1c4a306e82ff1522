import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseId, parseIntFlag, withContext } from '../runtime.js';
import { BASE_URL_HELP, PORT_HELP, type ServeFlags, serveLocation } from './call.js';

interface TickFlags extends ServeFlags {
  meeting?: string;
  maxCalls?: string;
  dryRun?: boolean;
  simulate?: boolean;
  examples?: string;
}

export function registerTick(program: Command, io: Io): void {
  program
    .command('tick')
    .description(COMMAND_DESCRIPTIONS.tick)
    .option('--meeting <id>', 'only this meeting (default: every open meeting)')
    .option('--max-calls <n>', 'place at most this many calls (default 10)')
    .option('--dry-run', 'show who would be called and why the others are skipped; change nothing')
    .option('--simulate', 'dial through the local simulator; needs `callbook serve --simulate` running')
    .option('--examples <n>', 'skipped leads shown per reason (default 3)')
    .option('--port <n>', PORT_HELP)
    .option('--base-url <url>', BASE_URL_HELP)
    .addHelpText(
      'after',
      `
A lead is called when it has not answered yet, has attempts left (CALLBOOK_MAX_ATTEMPTS), its
retry delay has passed (CALLBOOK_RETRY_DELAY_MINUTES), it is inside calling hours in its OWN
timezone (CALLBOOK_CALLING_HOURS, default 09:00-20:00), it is not on the do-not-call list, and
its meeting is still open, its number was not called for another meeting within
CALLBOOK_MIN_HOURS_BETWEEN_CALLS hours (24), and, for real calls, it has a consent record
(CALLBOOK_REQUIRE_CONSENT=0 turns that off). Leads are claimed atomically and a tick renews its
claims while it works, so ticks may overlap whatever their --now; calls are paced to
CALLBOOK_CPS per second. With --simulate, serve must answer GET /healthz at --port / --base-url.

Example (crontab, every minute):
  * * * * * cd /srv/callbook && npx callbook tick --max-calls 10 --json >> tick.log`,
    )
    .action(async (flags: TickFlags, command: Command) => {
      const globals = globalsOf(command);
      const input = {
        meeting_request_id: flags.meeting === undefined ? null : parseId(flags.meeting, '--meeting'),
        max_calls: parseIntFlag(flags.maxCalls, '--max-calls', 0, 1000) ?? null,
        dry_run: Boolean(flags.dryRun),
        simulate: Boolean(flags.simulate),
        examples: parseIntFlag(flags.examples, '--examples', 0, 1000) ?? 3,
        base_url: serveLocation(flags),
      };
      const { runTick } = await import('../../services/tick.js');
      // A long tick (--max-calls 30 at 1 call/s) shows the calls placed so far, on a terminal's stderr only.
      const progress = io.stderrIsTTY
        ? {
            onProgress: (p: { claimed: number; placed: number; failed: number }) =>
              io.stderr(`\r\u001b[Kcalls placed ${p.placed} of ${p.claimed}${p.failed ? `, ${p.failed} failed` : ''}`),
          }
        : {};
      const result = await withContext(io, globals, (ctx) => runTick(ctx, input, progress)).finally(() => {
        if (io.stderrIsTTY) io.stderr('\r\u001b[K');
      });
      await emit(io, globals, result, async () => (await import('../render/tick.js')).renderTick);
    });
}
