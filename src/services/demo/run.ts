// `callbook demo`: the whole job on embedded defaults. A throwaway database, a meeting from
// plain English, simulated leads in their own zones, `serve` on a loopback port, ticks
// through the call simulator on a simulated clock until every lead is settled, then confirm.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig } from '../../config.js';
import { createContext } from '../../context.js';
import { openDatabase } from '../../db/connection.js';
import { type LeadState, RETRYABLE_LEAD_STATES } from '../../domain/types.js';
import { createApp } from '../../server/app.js';
import { startServer } from '../../server/start.js';
import { startServerWorkers } from '../../server/workers.js';
import { createRng, createSimulator, makeSimulatedLead } from '../../telephony/simulator/index.js';
import { deriveSeed } from '../../telephony/simulator/rng.js';
import { addCampaign } from '../campaigns.js';
import { createMeetingFromFlags } from '../meeting-flags.js';
import { SIMULATOR_AUTH_TOKEN, SIMULATOR_FROM } from '../telephony-factory.js';
import { runTick } from '../tick.js';
import { checkDemoInvariants } from './invariants.js';
import { makeDemoPeople } from './people.js';
import { type DemoResult, summariseDemo } from './summary.js';

/** A fixed Monday afternoon in New York: the same seed tells the same story on any day. */
export const DEMO_EPOCH = '2027-01-11T16:00:00Z';
export const DEMO_INSTRUCTION = 'Book a call in the next two weeks, preferably Tuesday to Thursday mornings';

export interface DemoOptions {
  leads: number;
  seed: number;
  /** Keep the database here; null for a throwaway file. */
  dbPath: string | null;
  now: string | null;
  /** Calls played at once; 1 keeps the order of events, and so the result, fixed by the seed. */
  parallel: number;
  /** Worker threads that work out gather turns (CALLBOOK_WEBHOOK_THREADS); default 1, 0 for none. */
  webhookThreads?: number;
  onProgress?: (line: string) => void;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const throwaway = options.dbPath === null;
  const dbPath = options.dbPath ?? join(tmpdir(), `callbook-demo-${randomBytes(6).toString('hex')}.db`);
  const progress = options.onProgress ?? (() => {});
  const started = performance.now();
  let now = DateTime.fromISO(options.now ?? DEMO_EPOCH, { setZone: true }).toUTC();
  const config = loadConfig({
    DATABASE_URL: dbPath,
    CALLBOOK_BUSINESS_NAME: 'Acme Analytics',
    CALLBOOK_CPS: '1',
    CALLBOOK_WEBHOOK_THREADS: String(options.webhookThreads ?? 1),
  });
  const db = await openDatabase(dbPath);
  const ctx = createContext(db, config, { now: () => now });
  const workers = startServerWorkers(ctx, progress);
  const app = createApp({
    ctx,
    authToken: SIMULATOR_AUTH_TOKEN,
    publicBaseUrl: null,
    skipTwilioValidation: false,
    apiToken: null,
    ...(workers.turns ? { turns: workers.turns } : {}),
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  try {
    const meeting = await createMeetingFromFlags(ctx, {
      owner_id: 'dana@acme.example',
      title: 'Intro call with Acme Analytics',
      duration_minutes: 30,
      max_bookings: Math.min(8, options.leads),
      timezone: 'America/New_York',
      window_start: null,
      window_end: null,
      days: null,
      parts: null,
      hours: null,
      exclude_days: null,
      instruction: DEMO_INSTRUCTION,
      mode: null,
      settings: {},
      cwd: process.cwd(),
    });
    const windowStart = DateTime.fromISO(meeting.hard_constraints.window_start, { setZone: true });
    const windowEnd = DateTime.fromISO(meeting.hard_constraints.window_end, { setZone: true });
    const people = makeDemoPeople(options.leads, options.seed, windowStart, windowEnd);
    const byPhone = new Map(people.map((p, i) => [p.phone, { person: p, index: i, attempts: 0 }]));
    await addCampaign(ctx, {
      meeting_request_id: meeting.id,
      name: 'Demo leads',
      leads: people.map((p, i) => ({ raw: p, where: `lead ${i + 1}` })),
    });
    progress(
      `Meeting ${meeting.id}: "${DEMO_INSTRUCTION}" → ${windowStart.toFormat('ccc d LLL')} – ${windowEnd.toFormat('ccc d LLL')} (${meeting.hard_constraints.timezone})`,
    );
    progress(
      `${people.length} simulated leads; webhooks served on ${server.url}; simulated clock starts ${now.setZone('America/New_York').toFormat('ccc d LLL HH:mm')} New York`,
    );

    const simulator = createSimulator({
      authToken: SIMULATOR_AUTH_TOKEN,
      seed: options.seed,
      concurrency: options.parallel,
      now: () => now.toJSDate(),
      leadFor: (to) => {
        const entry = byPhone.get(to);
        if (!entry) return { behaviour: 'no-answer', replies: [] };
        entry.attempts++;
        // Each attempt draws afresh: someone who did not pick up on Monday may on Tuesday.
        const rng = createRng(deriveSeed(options.seed, entry.index * 16 + entry.attempts));
        return makeSimulatedLead(rng, { availabilityLocal: entry.person.free, zone: entry.person.timezone, now: now.toJSDate() });
      },
    });
    const dialer = { telephony: simulator, from: SIMULATOR_FROM, publicBaseUrl: server.url, finish: () => simulator.whenIdle() };
    // Pacing waits on the simulated clock, so a thousand calls at 1 per second take no real time.
    const advanceClock = async (ms: number) => {
      now = now.plus({ milliseconds: ms });
    };
    let rounds = 0;
    for (; rounds < 200; rounds++) {
      const tick = await runTick(
        ctx,
        { meeting_request_id: meeting.id, max_calls: options.leads, dry_run: false },
        { openDialer: async () => dialer, clock: () => now.toMillis(), sleep: advanceClock },
      );
      const open = await countOpenLeads(ctx, meeting.id);
      if (tick.summary.dialed > 0) {
        progress(
          `${now.setZone('America/New_York').toFormat('ccc HH:mm')}  dialed ${tick.summary.dialed}, ${open.responded} responded so far, ${open.retry} to try again`,
        );
      }
      if (open.retry === 0 && open.calling === 0) break;
      // Nothing more is due now: move the simulated clock to the next retry (calling hours permitting).
      now = open.nextAttempt && open.nextAttempt > now ? open.nextAttempt : now.plus({ minutes: 30 });
    }
    // No lead left in calling, none called more often than its attempts: else the demo fails.
    await checkDemoInvariants(ctx, meeting.id);
    return await summariseDemo(ctx, { meetingId: meeting.id, rounds, simulator, started, dbPath: throwaway ? null : dbPath });
  } finally {
    await server.close();
    await workers.stop();
    await db.destroy();
    if (throwaway) for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
}

async function countOpenLeads(ctx: ReturnType<typeof createContext>, meetingId: number) {
  const rows = await ctx.db
    .selectFrom('leads')
    .select(['state', 'attempts', 'next_attempt_at'])
    .where('meeting_request_id', '=', meetingId)
    .execute();
  const retry = rows.filter((r) => RETRYABLE_LEAD_STATES.includes(r.state as LeadState) && r.attempts < ctx.config.dialing.maxAttempts);
  const next = retry
    .map((r) => r.next_attempt_at)
    .filter((t): t is string => t !== null)
    .sort()[0];
  return {
    responded: rows.filter((r) => r.state === 'responded').length,
    calling: rows.filter((r) => r.state === 'calling').length,
    retry: retry.length,
    nextAttempt: next ? DateTime.fromISO(next, { zone: 'utc' }) : null,
  };
}
