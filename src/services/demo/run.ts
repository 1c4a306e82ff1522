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
import { POSTGRES_URL } from '../../db/postgres/url.js';
import { abandonOpenCalls } from '../../db/repos/demo-world.js';
import { type LeadState, RETRYABLE_LEAD_STATES } from '../../domain/types.js';
import { createApp } from '../../server/app.js';
import { startServer } from '../../server/start.js';
import { startServerWorkers } from '../../server/workers.js';
import { createRng, createSimulator, makeSimulatedLead } from '../../telephony/simulator/index.js';
import { deriveSeed } from '../../telephony/simulator/rng.js';
import { deliverDemoInvitations, startDemoMailbox } from '../notify/demo-mail.js';
import { SIMULATOR_AUTH_TOKEN, SIMULATOR_FROM } from '../telephony-factory.js';
import { runTick } from '../tick.js';
import { type DemoProgress, interrupted, PROGRESS_EVERY_MS, refuseStoredData } from './guard.js';
import { checkDemoInvariants } from './invariants.js';
import { createDemoMeetings, DEMO_INSTRUCTION } from './meetings.js';
import { type DemoResult, type DemoRound, type DemoSetup, summariseDemo } from './summary.js';

export type { DemoProgress };
export { DEMO_INSTRUCTION };

/** A fixed Monday afternoon in New York: the same seed tells the same story on any day. */
export const DEMO_EPOCH = '2027-01-11T16:00:00Z';

export interface DemoOptions {
  leads: number;
  seed: number;
  /** Keep the database here; null for a throwaway file. */
  dbPath: string | null;
  /** The simulated clock's start (--now / CALLBOOK_NOW); null for DEMO_EPOCH. */
  now: string | null;
  /** Add the demo to a database that already holds meetings, owners or leads. */
  force?: boolean;
  /** Stops the run (Ctrl+C): the open calls are closed and no lead is left in `calling`. */
  signal?: AbortSignal;
  /** Calls played at once; 1 keeps the order of events, and so the result, fixed by the seed. */
  parallel: number;
  /** Worker threads that work out gather turns (CALLBOOK_WEBHOOK_THREADS); default 1, 0 for none. */
  webhookThreads?: number;
  /** Counts while the calls run, a few times a second (the CLI shows them on a terminal). */
  onProgress?: (progress: DemoProgress) => void;
  /** Messages of the server's threads (a worker that died, a checkpoint that failed). */
  onLog?: (line: string) => void;
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  if (options.dbPath !== null && POSTGRES_URL.test(options.dbPath.trim())) return runDemoIntoPostgres(options, options.dbPath);
  const throwaway = options.dbPath === null;
  // A throwaway run keeps its database and the owner's diary in one temp folder; a kept database
  // gets its diary beside it (demo.db → demo.calendar.ics), so a later `confirm --db` still reads it.
  const folder = throwaway ? mkdtempSync(join(tmpdir(), 'callbook-demo-')) : null;
  const dbPath = options.dbPath ?? join(folder ?? tmpdir(), 'demo.db');
  const calendarPath = folder
    ? join(folder, 'dana-calendar.ics')
    : join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.calendar.ics`);
  const report = options.onProgress ?? (() => {});
  const log = options.onLog ?? (() => {});
  const started = performance.now();
  let now = DateTime.fromISO(options.now ?? DEMO_EPOCH, { setZone: true }).toUTC();
  // Invitations go to an SMTP server of the demo's own, on loopback; their .ics files outlive a throwaway run.
  const mailbox = await startDemoMailbox('Acme Analytics');
  const invitesFolder = folder
    ? mkdtempSync(join(tmpdir(), 'callbook-demo-invitations-'))
    : join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.invitations`);
  const config = loadConfig({
    ...mailbox.env,
    DATABASE_URL: dbPath,
    CALLBOOK_BUSINESS_NAME: 'Acme Analytics',
    CALLBOOK_CPS: '1',
    CALLBOOK_WEBHOOK_THREADS: String(options.webhookThreads ?? 1),
  });
  const db = await openDatabase(dbPath);
  if (!throwaway && !options.force) {
    try {
      await refuseStoredData(db, dbPath);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  const ctx = createContext(db, config, { now: () => now });
  const workers = startServerWorkers(ctx, log);
  const app = createApp({
    ctx,
    authToken: SIMULATOR_AUTH_TOKEN,
    publicBaseUrl: null,
    skipTwilioValidation: false,
    apiToken: null,
    ...(workers.turns ? { turns: workers.turns } : {}),
  });
  const server = await startServer(app, { port: 0, host: '127.0.0.1' });
  let meetingIds: number[] = [];
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const demo = await createDemoMeetings(ctx, { leads: options.leads, seed: options.seed, calendarPath });
    const { windowStart, windowEnd } = demo;
    meetingIds = [demo.groupId, demo.oneOnOneId];
    const byPhone = new Map(demo.people.map(({ person, index }) => [person.phone, { person, index, attempts: 0 }]));
    const setup: DemoSetup = {
      instruction: DEMO_INSTRUCTION,
      group: { meeting_request_id: demo.groupId, title: demo.groupTitle, leads: options.leads },
      one_on_one: { meeting_request_id: demo.oneOnOneId, title: demo.oneOnOneTitle, leads: demo.oneOnOneLeads },
      window: { start: windowStart.toISO() ?? '', end: windowEnd.toISO() ?? '' },
      timezone: 'America/New_York',
      diary_events: demo.calendar.events.length,
      clock_start: now.toISO() ?? '',
    };

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
    const progress = async () => {
      if (finished) return;
      const slots = await db
        .selectFrom('participant_availability')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      // The run may have ended while the count was read: a late line would land after the result.
      if (finished) return;
      report({
        leads: demo.people.length,
        calls_placed: simulator.stats.callsPlaced,
        answered: simulator.stats.answerRequests,
        slots_collected: Number(slots?.n ?? 0),
      });
    };
    if (options.onProgress) timer = setInterval(() => void progress().catch(() => {}), PROGRESS_EVERY_MS);
    const rounds: DemoRound[] = [];
    for (let round = 0; round < 200; round++) {
      if (options.signal?.aborted) throw interrupted();
      const tick = await runTick(
        ctx,
        { meeting_request_id: null, max_calls: demo.people.length, dry_run: false },
        {
          openDialer: async () => dialer,
          clock: () => now.toMillis(),
          // Pacing is where a long tick waits between calls: the place to notice Ctrl+C.
          sleep: async (ms) => {
            if (options.signal?.aborted) throw interrupted();
            await advanceClock(ms);
          },
        },
      );
      const open = await countOpenLeads(ctx, [demo.groupId, demo.oneOnOneId]);
      if (tick.summary.dialed > 0) {
        rounds.push({ at: tick.now, dialed: tick.summary.dialed, responded: open.responded, to_try_again: open.retry });
      }
      if (open.retry === 0 && open.calling === 0) break;
      // Nothing more is due now: move the simulated clock to the next retry (calling hours permitting).
      now = open.nextAttempt && open.nextAttempt > now ? open.nextAttempt : now.plus({ minutes: 30 });
    }
    // No lead left in calling, none called more often than its attempts: else the demo fails.
    await checkDemoInvariants(ctx, demo.groupId);
    await checkDemoInvariants(ctx, demo.oneOnOneId);
    await progress();
    finished = true;
    const result = await summariseDemo(ctx, {
      setup,
      meetingId: demo.groupId,
      oneOnOneId: demo.oneOnOneId,
      calendar: demo.calendar,
      rounds,
      simulator,
      started,
      dbPath: throwaway ? null : dbPath,
    });
    result.invitations = await deliverDemoInvitations(ctx, mailbox, invitesFolder);
    return result;
  } catch (error) {
    // Stopped half-way (Ctrl+C, an error): no call of this process can still be live, so none stays open.
    finished = true;
    if (timer) clearInterval(timer);
    await server.close().catch(() => {});
    if (meetingIds.length > 0) await abandonOpenCalls(db, meetingIds, now.toUTC().toISO() ?? '');
    throw error;
  } finally {
    finished = true;
    if (timer) clearInterval(timer);
    await server.close().catch(() => {});
    await workers.stop();
    await mailbox.sink.close();
    await db.destroy();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The demo onto PostgreSQL. Its serve and ticks share one process and a simulated clock; on
 * PostgreSQL serve's synchronous connection could wait on a row lock this process's tick holds
 * and stall both. So the calls run on a database file, as always, and the result is moved with
 * `db copy` (every table, ids kept, in one transaction) into the empty target. The owner's diary
 * and the invitations stay in a folder the result names, since the owner's calendar points there.
 */
async function runDemoIntoPostgres(options: DemoOptions, target: string): Promise<DemoResult> {
  const { copyDatabase, refuseNonEmptyDatabase } = await import('../db-admin.js');
  // Before a minute of calls: db copy fills only an empty database (--force cannot change that).
  await refuseNonEmptyDatabase(target, '--db');
  const folder = mkdtempSync(join(tmpdir(), 'callbook-demo-'));
  const file = join(folder, 'demo.db');
  try {
    const result = await runDemo({ ...options, dbPath: file, force: false });
    const copied = await copyDatabase({ from: file, to: target });
    return { ...result, db_path: copied.to.database };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
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
