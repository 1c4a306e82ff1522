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
Routes: POST /twilio/voice, /twilio/voice/gather, /twilio/status (503 without TWILIO_AUTH_TOKEN:
serve then runs for the API alone); GET /healthz; GET /openapi.json and the JSON API
(/meeting-requests, /campaigns, /constraints/parse, /calls/test…) when CALLBOOK_API_TOKEN is set.
The banner (stderr) says which parts are on; each request is logged on stderr in one line
(Twilio webhooks only when refused or failed: the stored turns and Twilio's console have the rest).
Answers are parsed on CALLBOOK_WEBHOOK_THREADS worker threads (default 1; 0 keeps them in-process).
Stops cleanly on Ctrl+C or SIGTERM: in-flight requests finish first.`,
    )
    .action(async (flags: { port?: string; host: string; simulate?: boolean }, command: Command) => {
      const globals = globalsOf(command);
      const config = configOf(io, globals);
      const port = parseIntFlag(flags.port ?? io.env.PORT, '--port', 0, 65_535) ?? 8787;
      const { serveBanner, startServe } = await import('../../services/serve.js');
      const log = (line: string) => io.stderr(`${new Date().toISOString()} ${line}\n`);
      const server = await startServe(config, { port, host: flags.host, simulate: Boolean(flags.simulate), log });
      // The banner is talk with the operator (stderr); stdout carries only the --json summary.
      // In one write, so whoever reads stderr (a log collector, a test waiting for the URL) gets the banner whole.
      io.stderr(
        serveBanner(server, config, { simulate: Boolean(flags.simulate), host: flags.host })
          .map((line) => `${line}\n`)
          .join(''),
      );
      if (globals.json) {
        const summary = {
          url: server.url,
          webhooks: server.twilioEnabled ? `${server.webhookBase}/twilio/voice` : null,
          twilio: server.twilioEnabled,
          api: server.apiEnabled,
          simulate: Boolean(flags.simulate),
        };
        io.stdout(`${JSON.stringify(summary)}\n`);
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
