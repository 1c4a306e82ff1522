// Picks the dialer for `tick` and `call`: Twilio for real calls, or the loopback simulator that
// drives the running `callbook serve --simulate` exactly as Twilio would.
import { randomInt } from 'node:crypto';
import { DateTime } from 'luxon';
import { type Config, requirePublicBaseUrl, requireTwilio } from '../config.js';
import { CallbookError } from '../errors.js';
import type { LocalAvailability, SimulatedLead } from '../telephony/simulator/index.js';
import type { Telephony } from '../telephony/types.js';
import { TelephonyError } from '../telephony/types.js';

/** The dev token the simulator signs with when TWILIO_AUTH_TOKEN is unset; only `serve --simulate` accepts it. */
export const SIMULATOR_AUTH_TOKEN = 'callbook-simulator-token';
export const SIMULATOR_DEFAULT_BASE_URL = 'http://127.0.0.1:8787';
export const SIMULATOR_FROM = '+15005550006';

export interface Dialer {
  telephony: Telephony;
  from: string;
  publicBaseUrl: string;
  /** Resolves when every call this dialer started is over on our side (the simulator plays them in-process). */
  finish(): Promise<void>;
  /** After finish(): calls the provider took that never reached `serve` at all (the simulator knows). */
  unstarted?(): { callId: number; reason: string }[];
}

/** What the simulator needs to invent a plausible person behind a number. */
export interface SimulatedLeadInfo {
  timezone: string;
  window_start: string;
  window_end: string;
}

export interface TelephonyOptions {
  simulate: boolean;
  /** Simulator only: looked up when a call is placed; unknown numbers answer with a generic reply. */
  leadInfo?: (to: string) => SimulatedLeadInfo | undefined;
  seed?: number;
  now?: DateTime;
  /** Where `serve` is (--port / --base-url); overrides PUBLIC_BASE_URL. */
  publicBaseUrl?: string | null;
}

/** Where the simulator reaches `serve` (GET /healthz): the first of CALLBOOK_SIMULATOR_WEBHOOK_URLS when set. */
export function simulatorBaseUrl(config: Config, override?: string | null): string {
  return override ?? config.simulatorWebhookUrls[0] ?? config.publicBaseUrl ?? SIMULATOR_DEFAULT_BASE_URL;
}

/** How long `tick --simulate` and `call --simulate` wait for GET /healthz before giving up. */
export const HEALTHZ_TIMEOUT_MS = 2000;

/**
 * The simulator posts the webhooks from this process: with no `serve` there, every call would be
 * "placed" and then never heard of again. Checked before any lead is claimed.
 */
export async function ensureServeReachable(baseUrl: string, timeoutMs = HEALTHZ_TIMEOUT_MS): Promise<void> {
  const url = `${baseUrl}/healthz`;
  let problem: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    if (res.ok) return;
    problem = `HTTP ${res.status}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    problem = cause ?? (error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(error));
  }
  throw new CallbookError('config', `cannot reach callbook serve at ${url} (${problem}); no lead was claimed`, {
    hint: 'start `callbook serve --simulate` first, or say where it listens with --port N (127.0.0.1) or --base-url URL',
  });
}

/** Two to three weekday ranges inside the window, in the lead's zone, varied by the rng. */
export function sampleAvailability(info: SimulatedLeadInfo, now: DateTime, rng: () => number): LocalAvailability[] {
  const zone = info.timezone;
  const end = DateTime.fromISO(info.window_end, { zone: 'utc' }).setZone(zone);
  let day = DateTime.max(DateTime.fromISO(info.window_start, { zone: 'utc' }), now)
    .setZone(zone)
    .plus({ days: 1 })
    .startOf('day');
  const out: LocalAvailability[] = [];
  while (day < end && out.length < 3) {
    if (day.weekday <= 5 && rng() < 0.7) {
      const startHour = 9 + Math.floor(rng() * 6);
      out.push({
        date: day.toISODate() ?? '',
        start: `${String(startHour).padStart(2, '0')}:00`,
        end: `${String(startHour + 2).padStart(2, '0')}:00`,
      });
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

export async function createTelephony(config: Config, opts: TelephonyOptions): Promise<Dialer> {
  if (!opts.simulate) {
    const twilioConfig = requireTwilio(config);
    const publicBaseUrl = opts.publicBaseUrl ?? requirePublicBaseUrl(config);
    const { createTwilioTelephony } = await import('../telephony/twilio.js');
    try {
      const telephony = await createTwilioTelephony({ accountSid: twilioConfig.accountSid, authToken: twilioConfig.authToken });
      return { telephony, from: twilioConfig.phoneNumber, publicBaseUrl, finish: async () => {} };
    } catch (error) {
      if (error instanceof TelephonyError) throw new CallbookError('config', `TWILIO_ACCOUNT_SID: ${error.message}`);
      throw error;
    }
  }
  const { createSimulator, createRng, makeSimulatedLead } = await import('../telephony/simulator/index.js');
  // Not the clock: two ticks started in the same millisecond drew the same call SIDs (unique in calls).
  const seed = opts.seed ?? randomInt(2 ** 31 - 1);
  const rng = createRng(seed);
  const now = opts.now ?? DateTime.utc();
  const leadFor = (to: string): SimulatedLead => {
    const info = opts.leadInfo?.(to);
    if (!info) return { behaviour: 'answer', replies: [{ speech: 'tomorrow morning works' }, { speech: 'yes' }] };
    return makeSimulatedLead(rng, { availabilityLocal: sampleAvailability(info, now, rng), zone: info.timezone, now });
  };
  // A call none of whose requests reached `serve` was never started, whatever the simulator "placed".
  const callIds = new Map<string, number>();
  const reached = new Set<string>();
  const firstError = new Map<string, string>();
  // The URLs calls are given and signed on; with several `serve` processes behind them, the route says where each request goes.
  const publicBaseUrl = opts.publicBaseUrl ?? config.publicBaseUrl ?? SIMULATOR_DEFAULT_BASE_URL;
  const targets = opts.publicBaseUrl ? [] : config.simulatorWebhookUrls;
  const simulator = createSimulator({
    authToken: config.twilio.authToken ?? SIMULATOR_AUTH_TOKEN,
    route: targets.length > 0 ? { publicBaseUrl, targets } : null,
    seed,
    leadFor,
    now: () => now.toJSDate(),
    onEvent: (event) => {
      if (event.type === 'call-placed') callIds.set(event.callSid, event.callId);
      if (event.type !== 'request') return;
      if (event.status !== null && event.status >= 200 && event.status < 300) reached.add(event.callSid);
      else if (event.error && !firstError.has(event.callSid)) firstError.set(event.callSid, event.error);
    },
  });
  return {
    telephony: simulator,
    from: config.twilio.phoneNumber ?? SIMULATOR_FROM,
    publicBaseUrl,
    finish: () => simulator.whenIdle(),
    unstarted: () =>
      [...callIds]
        .filter(([sid]) => !reached.has(sid))
        .map(([sid, callId]) => ({ callId, reason: firstError.get(sid) ?? 'no webhook reached callbook serve' })),
  };
}
