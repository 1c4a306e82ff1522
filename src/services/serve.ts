// `callbook serve`: the webhook listener and JSON API on one port, sharing the database
// with cron ticks and people's commands.
import type { Config } from '../config.js';
import { createContext } from '../context.js';
import { openDatabase } from '../db/connection.js';
import { refuseWebhooksOnPostgresUrl } from '../db/postgres/limits.js';
import { CallbookError } from '../errors.js';
import { createApp } from '../server/app.js';
import { type RunningServer, startServer } from '../server/start.js';
import { startServerWorkers } from '../server/workers.js';
import { SIMULATOR_AUTH_TOKEN } from './telephony-factory.js';

export interface ServeOptions {
  port: number;
  host: string;
  simulate: boolean;
  log: (line: string) => void;
}

export interface Serving extends RunningServer {
  webhookBase: string;
  apiEnabled: boolean;
}

export function webhookAuthToken(config: Config, simulate: boolean): string {
  if (config.twilio.authToken) return config.twilio.authToken;
  if (simulate) return SIMULATOR_AUTH_TOKEN;
  throw new CallbookError('config', 'missing TWILIO_AUTH_TOKEN: it is needed to check the signature of every webhook', {
    hint: 'set it in the environment or .env, or run `callbook serve --simulate` for the local call simulator',
  });
}

export async function startServe(config: Config, options: ServeOptions): Promise<Serving> {
  const authToken = webhookAuthToken(config, options.simulate);
  if (config.skipTwilioValidation) options.log('WARNING: SKIP_TWILIO_VALIDATION is set: webhook signatures are NOT checked');
  refuseWebhooksOnPostgresUrl(config.databaseUrl, 'serve');
  const db = await openDatabase(config.databaseUrl);
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
    close: async () => {
      await server.close();
      await workers.stop();
      await db.destroy();
    },
  };
}
