// callbook notify: send what the outbox holds (tick does it too).
import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { emit, globalsOf, parseIntFlag, withContext } from '../runtime.js';

export function registerNotify(program: Command, io: Io): void {
  program
    .command('notify')
    .description(COMMAND_DESCRIPTIONS.notify)
    .option('--dry-run', 'list what is due; send nothing, change nothing')
    .option('--limit <n>', 'send at most this many')
    .addHelpText(
      'after',
      `
confirm, booking cancel and meeting reopen|cancel write their notifications to an outbox in the
same transaction as the change; this sends them. Email needs CALLBOOK_SMTP_URL (smtp:// or
smtps://, user and password in the URL) and CALLBOOK_EMAIL_FROM; texts need the Twilio settings.
Each message is claimed before it is sent, so two notify runs never send the same one. Failures
are retried with backoff (CALLBOOK_NOTIFY_RETRY_SECONDS, doubled each time), at most 5 attempts.
A run killed between sending an email and recording it sends it once more with the same
Message-ID (receivers keep one); a text in that state is not sent again.

Examples:
  $ callbook notify --dry-run
  $ callbook notify --json`,
    )
    .action(async (flags: { dryRun?: boolean; limit?: string }, command: Command) => {
      const globals = globalsOf(command);
      const limit = parseIntFlag(flags.limit, '--limit', 1, 1_000_000) ?? null;
      const { runNotify } = await import('../../services/notify/send.js');
      const result = await withContext(io, globals, (ctx) => runNotify(ctx, { dry_run: Boolean(flags.dryRun), limit }));
      await emit(io, globals, result, async () => (await import('../render/notify.js')).renderNotify);
    });
}
