// `callbook serve`: the webhook listener and JSON API on one port, sharing the database
// with cron ticks and people's commands.
import type { Config } from '../config.js';
import { createContext } from '../context.js';
import { openDatabase } from '../db/connection.js';
import { CallbookError } from '../errors.js';
import { createApp } from '../server/app.js';
import { type RunningServer, startServer } from '../server/start.js';
import { startServerWorkers } from '../server/workers.js';
import { SIMULATOR_AUTH_TOKEN } from './telephony-factory.js';

export interface ServeOptions {
  port: number;
  host: string;
  simulate: boolean;
  /** Start-up notes and errors. */
  log: (line: string) => void;
  /** One line per request (request-log.ts); defaults to `log`. */
  requestLog?: (line: string) => void;
}

export interface Serving extends RunningServer {
  webhookBase: string;
  apiEnabled: boolean;
  /** False when no TWILIO_AUTH_TOKEN was set (and not --simulate): the Twilio routes answer 503. */
  twilioEnabled: boolean;
  /** Where gather turns are worked out (server/workers.ts). */
  turnsWhere: string;
}

/** The key webhooks are checked with; null = no Twilio webhooks (serve runs for the API alone). */
export function webhookAuthToken(config: Config, simulate: boolean): string | null {
  if (config.twilio.authToken) return config.twilio.authToken;
  return simulate ? SIMULATOR_AUTH_TOKEN : null;
}

const LOOPBACK = /^(127\.|localhost$|\[?::1\]?$)/;

/** What the operator reads at start-up (stderr): which parts are on, and what cannot work. Never a secret. */
export function serveBanner(server: Serving, config: Config, options: { simulate: boolean; host: string }): string[] {
  const lines = [`callbook listening on ${server.url}`];
  if (!server.twilioEnabled) lines.push('  Twilio webhooks: off (TWILIO_AUTH_TOKEN is not set; /twilio/* answer 503)');
  else if (options.simulate && !config.twilio.authToken)
    lines.push(`  Twilio webhooks: on (local call simulator, dev token), answer URL ${server.webhookBase}/twilio/voice`);
  else
    lines.push(
      `  Twilio webhooks: on (signatures checked${config.skipTwilioValidation ? ': NOT, SKIP_TWILIO_VALIDATION is set' : ''}), answer URL ${server.webhookBase}/twilio/voice`,
    );
  lines.push(`  JSON API: ${server.apiEnabled ? 'on (bearer token), contract at GET /openapi.json' : 'off (set CALLBOOK_API_TOKEN)'}`);
  if (server.twilioEnabled) lines.push(`  Gather turns: worked out ${server.turnsWhere}`);
  lines.push('  Requests are logged one per line: method, path, status, ms (Twilio webhooks only when refused or failed)');
  if (server.twilioEnabled && config.twilio.authToken && config.publicBaseUrl === null) {
    lines.push(
      LOOPBACK.test(options.host)
        ? `WARNING: Twilio cannot reach ${options.host}: set TWILIO_VOICE_WEBHOOK_URL to the public https address that forwards here (e.g. \`ngrok http ${server.port}\`), or calls will fail`
        : 'WARNING: no TWILIO_VOICE_WEBHOOK_URL: signatures are checked against the address each request names, not the public one Twilio signs; set it to the https address Twilio calls',
    );
  }
  return lines;
}

export async function startServe(config: Config, options: ServeOptions): Promise<Serving> {
  const authToken = webhookAuthToken(config, options.simulate);
  if (config.skipTwilioValidation) options.log('WARNING: SKIP_TWILIO_VALIDATION is set: webhook signatures are NOT checked');
  const db = await openDatabase(config.databaseUrl, { synchronous: true });
  const ctx = createContext(db, config);
  const workers = startServerWorkers(ctx, options.log);
  const app = createApp({
    ctx,
    ...(workers.turns ? { turns: workers.turns } : {}),
    authToken,
    publicBaseUrl: config.publicBaseUrl,
    skipTwilioValidation: config.skipTwilioValidation,
    apiToken: config.apiToken,
    placeTestCall: async (input) => {
      const { placeOneCall } = await import('./place-one-call.js');
      return placeOneCall(ctx, { ...input, simulate: options.simulate }, { wait: false });
    },
    log: options.log,
    requestLog: options.requestLog ?? options.log,
  });
  let server: RunningServer;
  try {
    server = await startServer(app, { port: options.port, host: options.host });
  } catch (error) {
    await workers.stop();
    await db.destroy();
    const code = (error as NodeJS.ErrnoException).code;
    const message = `--port: cannot listen on ${options.host}:${options.port} (${code ?? (error as Error).message})`;
    throw new CallbookError(
      'bad_input',
      message,
      code === 'EADDRINUSE' ? { hint: 'another process uses that port; pick another with --port' } : {},
    );
  }
  return {
    ...server,
    webhookBase: config.publicBaseUrl ?? server.url,
    apiEnabled: config.apiToken !== null,
    twilioEnabled: authToken !== null,
    turnsWhere: workers.describe,
    close: async () => {
      await server.close();
      await workers.stop();
      await db.destroy();
    },
  };
}
