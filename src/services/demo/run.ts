// `callbook demo`: the whole job on embedded defaults. A throwaway database, an owner with an
// ICS diary, a group meeting and one-on-one demos from plain English, simulated leads in their
// own zones, `serve` on a loopback port, ticks through the call simulator on a simulated clock
// until every lead is settled, then confirm both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
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
import { SIMULATOR_AUTH_TOKEN, SIMULATOR_FROM } from '../telephony-factory.js';
import { runTick } from '../tick.js';
import { checkDemoInvariants } from './invariants.js';
import { createDemoMeetings, DEMO_INSTRUCTION } from './meetings.js';
import { type DemoResult, summariseDemo } from './summary.js';

export { DEMO_INSTRUCTION };

/** A fixed Monday afternoon in New York: the same seed tells the same story on any day. */
export const DEMO_EPOCH = '2027-01-11T16:00:00Z';

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
  // A throwaway run keeps its database and the owner's diary in one temp folder; a kept database
  // gets its diary beside it (demo.db → demo.calendar.ics), so a later `confirm --db` still reads it.
  const folder = throwaway ? mkdtempSync(join(tmpdir(), 'callbook-demo-')) : null;
  const dbPath = options.dbPath ?? join(folder ?? tmpdir(), 'demo.db');
  const calendarPath = folder
    ? join(folder, 'dana-calendar.ics')
    : join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.calendar.ics`);
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
    const demo = await createDemoMeetings(ctx, { leads: options.leads, seed: options.seed, calendarPath });
    const { windowStart, windowEnd } = demo;
    const byPhone = new Map(demo.people.map(({ person, index }) => [person.phone, { person, index, attempts: 0 }]));
    progress(
      `Meeting ${demo.groupId} (group) and ${demo.oneOnOneId} (one-on-one): "${DEMO_INSTRUCTION}" → ${windowStart.toFormat('ccc d LLL')} – ${windowEnd.toFormat('ccc d LLL')} (America/New_York)`,
    );
    progress(`Owner dana@acme.example: Mon–Fri 09:00–17:00 New York, diary ${calendarPath} (${demo.calendar.events.length} events)`);
    progress(
      `${demo.people.length} simulated leads (${options.leads} group, ${demo.oneOnOneLeads} one-on-one); webhooks served on ${server.url}; simulated clock starts ${now.setZone('America/New_York').toFormat('ccc d LLL HH:mm')} New York`,
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
        { meeting_request_id: null, max_calls: demo.people.length, dry_run: false },
        { openDialer: async () => dialer, clock: () => now.toMillis(), sleep: advanceClock },
      );
      const open = await countOpenLeads(ctx, [demo.groupId, demo.oneOnOneId]);
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
    await checkDemoInvariants(ctx, demo.groupId);
    await checkDemoInvariants(ctx, demo.oneOnOneId);
    return await summariseDemo(ctx, {
      meetingId: demo.groupId,
      oneOnOneId: demo.oneOnOneId,
      calendar: demo.calendar,
      rounds,
      simulator,
      started,
      dbPath: throwaway ? null : dbPath,
    });
  } finally {
    await server.close();
    await workers.stop();
    await db.destroy();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

async function countOpenLeads(ctx: ReturnType<typeof createContext>, meetingIds: number[]) {
  const rows = await ctx.db
    .selectFrom('leads')
    .select(['state', 'attempts', 'next_attempt_at'])
    .where('meeting_request_id', 'in', meetingIds)
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
