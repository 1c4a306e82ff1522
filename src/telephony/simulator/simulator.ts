// Plays Twilio's part on loopback: accepts "place a call", then drives the server's webhooks
// over HTTP exactly as Twilio would (signed form posts, TwiML following, disordered callbacks).

import { createSmsRecorder, type SimulatedSms } from '../sms-simulator.js';
import type { PlaceCallRequest, PlacedCall, Telephony } from '../types.js';
import { TelephonyError } from '../types.js';
import type { CallContext } from './call-context.js';
import { playCall } from './play-call.js';
import { createRng, deriveSeed, randomHex } from './rng.js';
import type { SimEvent, SimStats, SimulatedLead } from './types.js';
import { createEmptyStats, recordSimError } from './types.js';
import { createWebhookClient, type WebhookRoute } from './webhook-client.js';

export interface SimulatorOptions {
  /** The token the server validates signatures with. */
  authToken: string;
  seed: number;
  /** The simulated person behind each number. */
  leadFor: (to: string) => SimulatedLead;
  fetch?: typeof fetch;
  /** Duplicate and reorder status callbacks as Twilio may; default true. */
  statusDisorder?: boolean;
  onEvent?: (event: SimEvent) => void;
  /** Start of simulated time for Timestamp; default the wall clock at placeCall. */
  now?: () => Date;
  /** Requests per answered call before the simulated lead hangs up; default 10. */
  maxRoundTrips?: number;
  /** Delay before a placed call starts, so the caller can store the CallSid first; default 10 ms. */
  startDelayMs?: number;
  /** Per-request timeout; default 15 s like Twilio. */
  requestTimeoutMs?: number;
  /**
   * Calls played at the same time; default unlimited. Each call's own requests are fixed by the
   * seed either way; 1 also fixes how calls interleave, for output that must match run to run.
   */
  concurrency?: number;
  /** Several `serve` processes behind the public URL: each request of a call goes to the next. */
  route?: WebhookRoute | null;
}

export interface Simulator extends Telephony {
  readonly kind: 'simulator';
  /** Resolves once every placed call has sent all its requests. */
  whenIdle(): Promise<void>;
  /** Live counters, updated as calls progress. */
  readonly stats: SimStats;
  /** Text messages "sent", in order (recorded, never delivered). */
  readonly messages: SimulatedSms[];
}

const E164 = /^\+[1-9]\d{6,14}$/;

export function createSimulator(opts: SimulatorOptions): Simulator {
  const stats = createEmptyStats();
  const emit = (event: SimEvent): void => opts.onEvent?.(event);
  const post = createWebhookClient({
    authToken: opts.authToken,
    fetch: opts.fetch ?? globalThis.fetch,
    stats,
    emit,
    timeoutMs: opts.requestTimeoutMs ?? 15_000,
    route: opts.route ?? null,
  });
  const sidRng = createRng(opts.seed);
  const accountSid = `AC${randomHex(createRng(deriveSeed(opts.seed, 0x0acc0)), 32)}`;
  const active = new Set<Promise<void>>();
  const limit = Math.max(1, opts.concurrency ?? Number.POSITIVE_INFINITY);
  const waiting: (() => void)[] = [];
  let playing = 0;
  let callIndex = 0;

  async function acquireSlot(): Promise<void> {
    if (playing < limit) {
      playing++;
      return;
    }
    // The finishing call hands its slot over directly, so playing never exceeds the limit.
    await new Promise<void>((resolve) => waiting.push(resolve));
  }

  function releaseSlot(): void {
    const nextInLine = waiting.shift();
    if (nextInLine) nextInLine();
    else playing--;
  }

  async function run(ctx: CallContext): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, opts.startDelayMs ?? 10));
    await acquireSlot();
    try {
      await playCall(ctx);
    } catch (err) {
      // Webhook failures are already counted; this is a simulator bug and must not escape placeCall.
      recordSimError(stats, `call ${ctx.sid} crashed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      stats.callsFinished++;
      releaseSlot();
    }
  }

  const sms = createSmsRecorder();
  return {
    kind: 'simulator',
    stats,
    messages: sms.messages,
    sendSms: sms.sendSms,
    async placeCall(req: PlaceCallRequest): Promise<PlacedCall> {
      if (!E164.test(req.to)) {
        const message = 'Call not placed: the To number is not a valid phone number (Twilio error 21211).';
        throw new TelephonyError(message, false, 21211, 400, 'invalid_number');
      }
      const lead = opts.leadFor(req.to);
      const sid = `CA${randomHex(sidRng, 32)}`;
      callIndex++;
      stats.callsPlaced++;
      stats.byBehaviour[lead.behaviour]++;
      // Each call starts one target further on, so that first requests spread too.
      let sequence = callIndex;
      emit({ type: 'call-placed', callSid: sid, callId: req.callId, to: req.to, behaviour: lead.behaviour });
      const ctx: CallContext = {
        sid,
        accountSid,
        req,
        lead,
        replies: [...lead.replies],
        rng: createRng(deriveSeed(opts.seed, callIndex)),
        stats,
        post: (request) => post({ ...request, sequence: sequence++ }),
        emit,
        statusDisorder: opts.statusDisorder ?? true,
        startedAt: opts.now?.() ?? new Date(),
        elapsed: 0,
        maxRoundTrips: opts.maxRoundTrips ?? 10,
      };
      const done = run(ctx).finally(() => active.delete(done));
      active.add(done);
      return { sid, status: 'queued' };
    },
    async whenIdle(): Promise<void> {
      while (active.size > 0) await Promise.allSettled([...active]);
    },
  };
}
