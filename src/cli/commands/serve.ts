import type { Command } from 'commander';
import { COMMAND_DESCRIPTIONS } from '../descriptions.js';
import type { Io } from '../io.js';
import { configOf, globalsOf, parseIntFlag } from '../runtime.js';

export function registerServe(program: Command, io: Io): void {
  program
    .command('serve')
    .description(COMMAND_DESCRIPTIONS.serve)
    .option('--port <port>', 'port to listen on (default: $PORT or 8787)')
    .option('--host <host>', 'address to bind; 0.0.0.0 to accept from other machines', '127.0.0.1')
    .option('--simulate', 'accept calls from the local call simulator (signed with a dev token when TWILIO_AUTH_TOKEN is unset)')
    .addHelpText(
      'after',
      `
Behind ngrok (or any HTTPS tunnel), set the public address Twilio calls, so signatures
are checked against it:
  $ ngrok http 8787
  $ TWILIO_VOICE_WEBHOOK_URL=https://abc.ngrok.app/twilio/voice callbook serve
Routes: POST /twilio/voice, /twilio/voice/gather, /twilio/status; GET /healthz; the JSON
API (/meeting-requests, /campaigns, /constraints/parse, /calls/test…) when CALLBOOK_API_TOKEN is set.
Answers are parsed on CALLBOOK_WEBHOOK_THREADS worker threads (default 1; 0 keeps them in-process).
Stops cleanly on Ctrl+C or SIGTERM: in-flight requests finish first.`,
    )
    .action(async (flags: { port?: string; host: string; simulate?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const config = configOf(io, globals);
      const port = parseIntFlag(flags.port ?? io.env.PORT, '--port', 0, 65_535) ?? 8787;
      const { startServe } = await import('../../services/serve.js');
      const log = (line: string) => io.stderr(`${new Date().toISOString()} ${line}\n`);
      const server = await startServe(config, { port, host: flags.host, simulate: Boolean(flags.simulate), log });
      const summary = {
        url: server.url,
        webhooks: `${server.webhookBase}/twilio/voice`,
        api: server.apiEnabled,
        simulate: Boolean(flags.simulate),
      };
      if (globals.json) io.stdout(`${JSON.stringify(summary)}\n`);
      else {
        io.stdout(
          `callbook listening on ${server.url}\n  Twilio answer URL: ${summary.webhooks}\n  JSON API: ${summary.api ? 'on (bearer token)' : 'off (set CALLBOOK_API_TOKEN)'}\n`,
        );
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing in-flight requests`);
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          server.close().then(resolve, resolve);
        };
        const onInt = () => stop('SIGINT');
        const onTerm = () => stop('SIGTERM');
        process.once('SIGINT', onInt);
        process.once('SIGTERM', onTerm);
      });
    });
}
