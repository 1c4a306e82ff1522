// All settings in one place, read once from the environment (and .env) plus global flags.
// Each command asks only for the part it needs: `parse` never requires Twilio keys.
import { DateTime } from 'luxon';
import { type EmailSettings, readEmailSettings } from './domain/notify/email-settings.js';
import { CallbookError, type FieldProblem } from './errors.js';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  phoneNumber: string;
}

export interface Config {
  databaseUrl: string;
  /** Fixed reference time (--now / CALLBOOK_NOW), or null for the real clock. */
  now: string | null;
  openai: { apiKey: string | null; baseUrl: string | null; model: string; timeoutMs: number };
  twilio: { accountSid: string | null; authToken: string | null; phoneNumber: string | null };
  /** The public URL Twilio calls (ngrok…): webhook signatures are checked against it. */
  publicBaseUrl: string | null;
  /**
   * CALLBOOK_SIMULATOR_WEBHOOK_URLS: `serve` processes the simulator sends each call's webhooks to
   * in turn, as a load balancer at the public URL would (still signed on the public URL); empty:
   * straight to the public URL.
   */
  simulatorWebhookUrls: string[];
  skipTwilioValidation: boolean;
  apiToken: string | null;
  businessName: string;
  callbackNumber: string | null;
  /** Worker threads that parse gather answers in `serve` (deterministic parser only); 0 keeps it in-process. */
  webhookThreads: number;
  dialing: {
    callingHours: { start: number; end: number };
    maxAttempts: number;
    retryDelayMinutes: number;
    callsPerSecond: number;
    ringTimeoutSeconds: number;
    machineAction: 'message' | 'hangup';
    /** A number called for another meeting this many hours ago or less is not dialed (0: off). */
    minHoursBetweenCalls: number;
    /** Real calls skip leads without consent_source/consent_at (TCPA, integrations.md §4). */
    requireConsent: boolean;
  };
  /** CALLBOOK_SMTP_URL / CALLBOOK_EMAIL_FROM; their problems are reported by the outbox, never thrown. */
  email: EmailSettings;
  /** First retry delay of a failed notification, doubled at each attempt (CALLBOOK_NOTIFY_RETRY_SECONDS). */
  notifyRetrySeconds: number;
}

export type Env = Record<string, string | undefined>;

export interface GlobalFlags {
  db?: string | undefined;
  now?: string | undefined;
}

/** Never earlier than 8 a.m. nor later than 9 p.m. in the lead's time (47 CFR 64.1200(c)(1)). */
const LEGAL_CALLING_HOURS = { start: 8 * 60, end: 21 * 60 };

function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

function readInt(env: Env, name: string, fallback: number, min: number, max: number, problems: FieldProblem[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    problems.push({ field: name, message: `expected a number from ${min} to ${max}, got "${raw}"` });
    return fallback;
  }
  return value;
}

function readSwitch(env: Env, name: string, fallback: boolean, problems: FieldProblem[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  problems.push({ field: name, message: `expected 1 or 0, got "${env[name]}"` });
  return fallback;
}

/**
 * A gather webhook waits for the model while the lead listens to silence, and Twilio gives up on a
 * webhook after 15 s. Every webhook answers within 10 s: the model gets at most 8 s, leaving the
 * deterministic fallback, the database write and the network their share.
 */
export const MAX_OPENAI_TIMEOUT_MS = 8000;

function readOpenAITimeout(env: Env, problems: FieldProblem[]): number {
  const raw = env.CALLBOOK_OPENAI_TIMEOUT_MS;
  if (raw === undefined || raw.trim() === '' || !(Number(raw) > MAX_OPENAI_TIMEOUT_MS)) {
    return readInt(env, 'CALLBOOK_OPENAI_TIMEOUT_MS', 4000, 100, MAX_OPENAI_TIMEOUT_MS, problems);
  }
  problems.push({
    field: 'CALLBOOK_OPENAI_TIMEOUT_MS',
    message: `expected at most ${MAX_OPENAI_TIMEOUT_MS} ms, got "${raw}": a gather webhook waits for the model while the lead hears silence, Twilio gives up after 15 s, and every webhook must answer within 10 s (a slower model falls back to the deterministic parser)`,
  });
  return MAX_OPENAI_TIMEOUT_MS;
}

/** Connections each process keeps to PostgreSQL (CALLBOOK_PG_POOL): N serve processes hold N times this. */
export const DEFAULT_PG_POOL = 10;

function pgPoolOf(env: Env, problems: FieldProblem[]): number {
  const raw = env.CALLBOOK_PG_POOL?.trim() ?? '';
  if (raw === '') return DEFAULT_PG_POOL;
  const size = Number(raw);
  if (/^\d+$/.test(raw) && size >= 1 && size <= 1000) return size;
  problems.push({ field: 'CALLBOOK_PG_POOL', message: `expected a whole number from 1 to 1000, got "${env.CALLBOOK_PG_POOL}"` });
  return DEFAULT_PG_POOL;
}

/** CALLBOOK_PG_POOL, or the config error naming it. */
export function readPgPool(env: Env): number {
  const problems: FieldProblem[] = [];
  const size = pgPoolOf(env, problems);
  const problem = problems[0];
  if (problem) throw new CallbookError('config', `invalid settings:\n  - ${problem.field}: ${problem.message}`, { problems });
  return size;
}

function empty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value.trim();
}

/** Reads every setting and reports every problem at once. */
export function loadConfig(env: Env, flags: GlobalFlags = {}): Config {
  const problems: FieldProblem[] = [];
  const now = empty(flags.now) ?? empty(env.CALLBOOK_NOW);
  if (now !== null && !DateTime.fromISO(now, { setZone: true }).isValid) {
    problems.push({ field: flags.now ? '--now' : 'CALLBOOK_NOW', message: `expected an ISO-8601 instant, got "${now}"` });
  }
  const hoursText = empty(env.CALLBOOK_CALLING_HOURS) ?? '09:00-20:00';
  const [from, to] = hoursText.split('-').map(parseClock);
  let callingHours = { start: 9 * 60, end: 20 * 60 };
  if (from == null || to == null || from >= to) {
    problems.push({ field: 'CALLBOOK_CALLING_HOURS', message: `expected HH:MM-HH:MM such as 09:00-20:00, got "${hoursText}"` });
  } else if (from < LEGAL_CALLING_HOURS.start || to > LEGAL_CALLING_HOURS.end) {
    problems.push({ field: 'CALLBOOK_CALLING_HOURS', message: "must stay inside 08:00-21:00 in the lead's local time (US calling rules)" });
  } else {
    callingHours = { start: from, end: to };
  }
  pgPoolOf(env, problems);
  const machineAction = empty(env.CALLBOOK_VOICEMAIL) ?? 'message';
  if (machineAction !== 'message' && machineAction !== 'hangup') {
    problems.push({ field: 'CALLBOOK_VOICEMAIL', message: `expected "message" or "hangup", got "${machineAction}"` });
  }
  const config: Config = {
    databaseUrl: empty(flags.db) ?? empty(env.DATABASE_URL) ?? './callbook.db',
    now,
    openai: {
      apiKey: empty(env.OPENAI_API_KEY),
      baseUrl: empty(env.OPENAI_BASE_URL),
      model: empty(env.CALLBOOK_OPENAI_MODEL) ?? 'gpt-4o-mini',
      timeoutMs: readOpenAITimeout(env, problems),
    },
    twilio: {
      accountSid: empty(env.TWILIO_ACCOUNT_SID),
      authToken: empty(env.TWILIO_AUTH_TOKEN),
      phoneNumber: empty(env.TWILIO_PHONE_NUMBER),
    },
    publicBaseUrl: publicBaseUrlFrom(env),
    simulatorWebhookUrls: simulatorWebhookUrlsFrom(env, problems),
    skipTwilioValidation: env.SKIP_TWILIO_VALIDATION === '1' || env.SKIP_TWILIO_VALIDATION === 'true',
    apiToken: empty(env.CALLBOOK_API_TOKEN),
    businessName: empty(env.CALLBOOK_BUSINESS_NAME) ?? 'Callbook',
    callbackNumber: empty(env.CALLBOOK_CALLBACK_NUMBER),
    webhookThreads: readInt(env, 'CALLBOOK_WEBHOOK_THREADS', 1, 0, 16, problems),
    dialing: {
      callingHours,
      maxAttempts: readInt(env, 'CALLBOOK_MAX_ATTEMPTS', 3, 1, 20, problems),
      retryDelayMinutes: readInt(env, 'CALLBOOK_RETRY_DELAY_MINUTES', 60, 0, 10_080, problems),
      callsPerSecond: readInt(env, 'CALLBOOK_CPS', 1, 0.1, 100, problems),
      ringTimeoutSeconds: readInt(env, 'CALLBOOK_RING_TIMEOUT', 25, 5, 600, problems),
      machineAction: machineAction === 'hangup' ? 'hangup' : 'message',
      minHoursBetweenCalls: readInt(env, 'CALLBOOK_MIN_HOURS_BETWEEN_CALLS', 24, 0, 720, problems),
      requireConsent: readSwitch(env, 'CALLBOOK_REQUIRE_CONSENT', true, problems),
    },
    email: readEmailSettings(env),
    notifyRetrySeconds: readInt(env, 'CALLBOOK_NOTIFY_RETRY_SECONDS', 60, 0, 86_400, problems),
  };
  if (problems.length > 0) {
    throw new CallbookError('config', `invalid settings:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`, {
      problems,
      hint: 'fix them in the environment or in .env',
    });
  }
  return config;
}

function simulatorWebhookUrlsFrom(env: Env, problems: FieldProblem[]): string[] {
  const raw = empty(env.CALLBOOK_SIMULATOR_WEBHOOK_URLS);
  if (raw === null) return [];
  const urls = raw.split(',').map((u) => u.trim().replace(/\/+$/, ''));
  const bad = urls.find((u) => {
    try {
      const url = new URL(u);
      return (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '';
    } catch {
      return true;
    }
  });
  if (bad === undefined) return urls;
  problems.push({
    field: 'CALLBOOK_SIMULATOR_WEBHOOK_URLS',
    message: `expected base URLs separated by commas, such as http://127.0.0.1:8787,http://127.0.0.1:8788; "${bad}" is not an http(s) URL without query`,
  });
  return [];
}

/** TWILIO_VOICE_WEBHOOK_URL names the answer URL; its origin is the public base. */
function publicBaseUrlFrom(env: Env): string | null {
  const base = empty(env.PUBLIC_BASE_URL);
  if (base) return base.replace(/\/+$/, '');
  const voice = empty(env.TWILIO_VOICE_WEBHOOK_URL);
  if (!voice) return null;
  try {
    const url = new URL(voice);
    const path = url.pathname.replace(/\/twilio\/voice\/?$/, '').replace(/\/+$/, '');
    return `${url.origin}${path}`;
  } catch {
    throw new CallbookError('config', `TWILIO_VOICE_WEBHOOK_URL: expected an absolute URL, got "${voice}"`);
  }
}

/** Twilio settings for commands that place real calls; names every missing variable. */
export function requireTwilio(config: Config): TwilioConfig {
  const missing = (['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_PHONE_NUMBER'] as const).filter(
    (name) =>
      (name === 'TWILIO_ACCOUNT_SID' && !config.twilio.accountSid) ||
      (name === 'TWILIO_AUTH_TOKEN' && !config.twilio.authToken) ||
      (name === 'TWILIO_PHONE_NUMBER' && !config.twilio.phoneNumber),
  );
  if (missing.length > 0 || !config.twilio.accountSid || !config.twilio.authToken || !config.twilio.phoneNumber) {
    throw new CallbookError('config', `missing Twilio settings: ${missing.join(', ')}`, {
      hint: 'set them in the environment or in .env (see README, "Environment"), or pass --simulate to use the call simulator',
    });
  }
  return { accountSid: config.twilio.accountSid, authToken: config.twilio.authToken, phoneNumber: config.twilio.phoneNumber };
}

export function requirePublicBaseUrl(config: Config): string {
  if (!config.publicBaseUrl) {
    throw new CallbookError('config', 'missing TWILIO_VOICE_WEBHOOK_URL (or PUBLIC_BASE_URL)', {
      hint: 'set it to the public HTTPS address that reaches `callbook serve`, e.g. https://abc.ngrok.app/twilio/voice',
    });
  }
  return config.publicBaseUrl;
}
