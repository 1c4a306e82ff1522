import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { Engine } from '../../src/db/dialect.js';
import { findMeeting } from '../../src/db/repos/meetings.js';
import { evaluateLead, isInsideCallingHours } from '../../src/domain/dialing-policy.js';
import { CallbookError } from '../../src/errors.js';
import { dialingSetup } from '../../src/services/dialing-setup.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { placeOneCall } from '../../src/services/place-one-call.js';
import { runTick } from '../../src/services/tick.js';
import { summariseDialing } from '../../src/services/tick-summary.js';
import { TelephonyError } from '../../src/telephony/types.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { standardMeeting } from '../helpers/meeting.js';
import { createTickWorld, fakeDialer, NOW } from '../helpers/tick-world.js';

type World = Awaited<ReturnType<typeof createTickWorld>>;
let world: World;
let engine: Engine = 'sqlite';
let fresh: FreshDatabase | null = null;
afterEach(async () => {
  await world?.close();
  await fresh?.cleanup();
  fresh = null;
});

/** createTickWorld on a fresh database of the engine under test. */
async function engineWorld(options: Omit<Parameters<typeof createTickWorld>[0] & object, 'db'> = {}): Promise<World> {
  fresh = await freshDatabase(engine, import.meta.url);
  return createTickWorld({ ...options, db: await openDatabase(fresh.url) });
}

const noSleep = async () => {};
const tick = (w: World, deps: Parameters<typeof runTick>[2], input: Partial<Parameters<typeof runTick>[1]> = {}) =>
  runTick(w.ctx, { meeting_request_id: null, max_calls: null, dry_run: false, ...input }, { sleep: noSleep, ...deps });

const MIXED = [
  { name: 'Ana Ruiz', phone: '+15551230001' },
  { name: 'Bob Lee', phone: '+15551230002', timezone: 'America/Los_Angeles' },
  { name: 'Cy Diaz', phone: '+15551230003', state: 'responded', attempts: 1 },
  { name: 'Di Moss', phone: '+15551230004' },
  { name: 'Ed Hall', phone: '+15551230005', state: 'no_answer', attempts: 1, next_attempt_at: '2026-03-09T16:00:00.000Z' },
  { name: 'Fay Oh', phone: '+15551230006', state: 'voicemail', attempts: 3 },
  { name: 'Gus Pike', phone: '+15551230007', state: 'opted_out', attempts: 1 },
];

for (const each of ENGINES) {
  describe(`on ${each}`, () => {
    beforeEach(() => {
      engine = each;
    });

    describe('tick --dry-run', () => {
      it('lists who would be called and why every other lead is skipped, and changes nothing', async () => {
        world = await engineWorld();
        await world.addLeads(MIXED);
        await world.addDnc('+15551230004');
        const before = await world.snapshot();
        const r = await tick(world, {}, { dry_run: true });
        expect(r.would_call.map((c) => c.name)).toEqual(['Ana Ruiz']);
        expect(r.would_call[0]?.local_time).toBe('2026-03-09T11:00 America/New_York');
        const reasons = Object.fromEntries(r.skipped.flatMap((g) => g.examples.map((e) => [e.name, e.reason])));
        expect(reasons).toEqual({
          'Bob Lee': 'outside calling hours (it is 08:00 in America/Los_Angeles)',
          'Cy Diaz': 'responded',
          'Di Moss': 'on do-not-call list',
          'Ed Hall': 'retry at 2026-03-09T12:00 America/New_York',
          'Fay Oh': 'attempts used up',
          'Gus Pike': 'opted out',
        });
        expect(r.summary).toMatchObject({ leads: 7, due: 1, skipped: 6, dialed: 0 });
        expect(await world.snapshot()).toEqual(before);
      });

      it('counts every lead by reason in SQL exactly as the policy decides lead by lead', async () => {
        world = await engineWorld();
        const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Asia/Tokyo', 'Australia/Sydney'];
        const states = ['pending', 'no_answer', 'busy', 'responded', 'opted_out', 'failed', 'exhausted', 'calling', 'call_back'];
        const REAL = '2026-12-01T09:00:00.000Z'; // the real clock leases are judged on, far from --now
        const leads = await world.addLeads(
          Array.from({ length: 180 }, (_, i) => {
            const calling = states[i % states.length] === 'calling';
            return {
              name: `Lead ${i}`,
              phone: `+1555990${String(i).padStart(4, '0')}`,
              timezone: zones[i % zones.length],
              state: states[i % states.length],
              attempts: i % 4,
              next_attempt_at: i % 3 === 0 ? '2026-03-09T15:30:00.000Z' : i % 3 === 1 ? '2026-03-09T14:00:00.000Z' : null,
              claim_token: calling ? 'tok:no_answer' : null,
              claimed_at: calling ? '2026-03-09T14:00:00.000Z' : null,
              ...(i % 5 === 0 ? { consent_source: null } : i % 5 === 1 ? { consent_at: null } : {}),
              // Leases: expired or not, a beat seen long ago or just now or never, in "dialing" or not.
              lease_expires_at: calling ? (i % 2 ? '2026-12-01T08:00:00.000Z' : '2026-12-01T09:05:00.000Z') : null,
              lease_beat: 3,
              lease_seen_beat: calling ? (i % 4 < 2 ? 3 : i % 4 === 2 ? 2 : null) : null,
              lease_seen_at: calling ? (i % 8 < 4 ? '2026-12-01T08:40:00.000Z' : '2026-12-01T08:58:00.000Z') : null,
              dialing_call_id: calling && i % 7 === 0 ? 1 : null,
            };
          }),
        );
        for (const l of leads.filter((l) => l.id % 7 === 0)) await world.addDnc(l.phone);
        // The same people in another meeting, some called 2 hours ago, some 30 hours ago.
        const other = await createMeeting(world.ctx, standardMeeting('eve@acme.com'));
        const camp = await world.db
          .insertInto('campaigns')
          .values({ meeting_request_id: other.id, name: 'other', created_at: NOW })
          .returningAll()
          .executeTakeFirstOrThrow();
        for (const l of leads.filter((l) => l.id % 3 === 0)) {
          const twin = await world.db
            .insertInto('leads')
            .values({ ...l, id: undefined, campaign_id: camp.id, meeting_request_id: other.id, state: 'calling' })
            .returningAll()
            .executeTakeFirstOrThrow();
          const at = l.id % 2 ? '2026-03-09T13:00:00.000Z' : '2026-03-08T09:00:00.000Z';
          await world.db
            .insertInto('calls')
            .values({
              lead_id: twin.id,
              meeting_request_id: other.id,
              provider: 'twilio',
              call_sid: `CA${twin.id}`,
              status: 'completed',
              created_at: at,
              updated_at: at,
            })
            .execute();
        }
        const now = DateTime.fromISO(NOW, { zone: 'utc' });
        const setup = await dialingSetup(world.ctx, [world.meeting.id], now, { simulate: false, lease: { now: () => Date.parse(REAL) } });
        const meeting = await findMeeting(world.db, world.meeting.id);
        if (!meeting) throw new Error('meeting missing');
        const dnc = new Set((await world.db.selectFrom('do_not_call').select('phone').execute()).map((r) => r.phone));
        const calledElsewhere = new Set(setup.filter.calledElsewhere.get(world.meeting.id));
        expect(calledElsewhere.size).toBeGreaterThan(0);
        const expected = new Map<string, number>();
        for (const l of leads) {
          const d = evaluateLead(
            { ...l, on_do_not_call: dnc.has(l.phone), called_elsewhere: calledElsewhere.has(l.phone) },
            { now, meeting, rules: setup.rules },
          );
          const key = d.eligible ? 'eligible' : d.category;
          expected.set(key, (expected.get(key) ?? 0) + 1);
        }
        for (const category of ['recent_call', 'no_consent', 'dnc', 'in_call', 'eligible'])
          expect(expected.get(category)).toBeGreaterThan(0);
        const actual = new Map<string, number>();
        for (const g of await summariseDialing(world.ctx, setup, new Map([[meeting.id, meeting]]), now)) {
          const key =
            g.category !== 'due'
              ? g.category
              : isInsideCallingHours(now, g.timezone, world.ctx.config.dialing.callingHours)
                ? 'eligible'
                : 'outside_hours';
          actual.set(key, (actual.get(key) ?? 0) + g.count);
        }
        expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
      });
    });

    describe('tick', () => {
      it('dials only the due leads, storing script, local time and checks before the call, then the sid', async () => {
        world = await engineWorld();
        await world.addLeads(MIXED);
        await world.addDnc('+15551230004');
        const fake = fakeDialer();
        const r = await tick(world, { openDialer: fake.openDialer });
        expect(fake.placed.map((p) => p.to)).toEqual(['+15551230001']);
        expect(r.dialed).toEqual([
          expect.objectContaining({ call_id: 1, call_sid: 'CA00000000000000000000000000000001', name: 'Ana Ruiz' }),
        ]);
        const [call] = await world.calls();
        expect(fake.placed[0]).toMatchObject({
          callId: 1,
          answerUrl: 'https://cb.example.test/twilio/voice?callId=1',
          statusCallbackUrl: 'https://cb.example.test/twilio/status?callId=1',
          machineDetection: true,
          ringTimeoutSeconds: 25,
        });
        expect(call).toMatchObject({
          status: 'queued',
          call_sid: 'CA00000000000000000000000000000001',
          local_time_at_dial: '2026-03-09T11:00 America/New_York',
        });
        expect(call?.script).toMatch(
          /^Hello Ana, this is an automated assistant calling for Callbook on behalf of Dana Smith\. .*say stop or press 9\./,
        );
        expect(JSON.parse(call?.checks ?? '[]')).toContain('not on do-not-call list');
        expect(await world.lead('+15551230001')).toMatchObject({
          state: 'calling',
          attempts: 1,
          claim_token: null,
          last_attempt_at: '2026-03-09T15:00:00.000Z',
        });
        // Fay used all her attempts while still waiting for a call: she is exhausted now.
        expect(await world.lead('+15551230006')).toMatchObject({ state: 'exhausted' });
        expect(r.summary).toMatchObject({ dialed: 1, marked_exhausted: 1 });
      });

      it('waits for the retry delay, then dials again', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ed Hall', phone: '+15551230005', state: 'no_answer', attempts: 1, next_attempt_at: '2026-03-09T16:00:00.000Z' },
        ]);
        const fake = fakeDialer();
        expect((await tick(world, { openDialer: fake.openDialer })).dialed).toHaveLength(0);
        world.setNow('2026-03-09T16:00:00Z');
        expect((await tick(world, { openDialer: fake.openDialer })).dialed).toHaveLength(1);
        expect(await world.lead('+15551230005')).toMatchObject({ attempts: 2, state: 'calling' });
      });

      it('dials nobody once the meeting is confirmed', async () => {
        world = await engineWorld();
        await world.addLeads(MIXED);
        await world.db.updateTable('meeting_requests').set({ status: 'confirmed' }).execute();
        const fake = fakeDialer();
        const r = await tick(world, { openDialer: fake.openDialer }, { meeting_request_id: world.meeting.id });
        expect(fake.placed).toHaveLength(0);
        expect(r.skipped).toEqual([
          {
            category: 'meeting_closed',
            count: 7,
            examples: expect.arrayContaining([expect.objectContaining({ reason: 'meeting confirmed' })]),
          },
        ]);
      });

      it('marks a lead failed for good on a permanent provider error, with the reason', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ana Ruiz', phone: '+15551230001' },
          { name: 'Ben Ode', phone: '+15551230002' },
        ]);
        const invalid = new TelephonyError(
          'Call not placed: the To number is not a valid phone number (Twilio error 21211).',
          false,
          21211,
          400,
          'invalid_number',
        );
        const fake = fakeDialer((req) => (req.to === '+15551230001' ? invalid : null));
        const r = await tick(world, { openDialer: fake.openDialer });
        expect(r.failed).toEqual([expect.objectContaining({ lead_id: 1, permanent: true, error_code: 21211 })]);
        expect(r.dialed.map((d) => d.name)).toEqual(['Ben Ode']);
        expect(await world.lead('+15551230001')).toMatchObject({
          state: 'failed',
          outcome_detail: invalid.message,
          claim_token: null,
          attempts: 1,
        });
        expect((await world.calls())[0]).toMatchObject({ status: 'failed', error_code: 21211 });
        const dry = await tick(world, { openDialer: fake.openDialer }, { dry_run: true });
        expect(dry.skipped.find((g) => g.category === 'failed')?.examples).toEqual([
          { lead_id: 1, name: 'Ana Ruiz', reason: `number failed: ${invalid.message}` },
        ]);
      });

      it('gives a lead back on a retryable error without using an attempt, and stops on rate limits', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ana Ruiz', phone: '+15551230001', state: 'busy', attempts: 1 },
          { name: 'Ben Ode', phone: '+15551230002' },
          { name: 'Cy Diaz', phone: '+15551230003' },
        ]);
        const limited = new TelephonyError(
          'Twilio is rate limiting calls (Twilio error 20429); retry later.',
          true,
          20429,
          429,
          'rate_limited',
        );
        const fake = fakeDialer((req) => (req.to === '+15551230002' ? limited : null));
        const r = await tick(world, { openDialer: fake.openDialer });
        // First calls first: Ben and Cy (no attempt yet) come before Ana; Ben's rate limit ends the tick.
        expect(r.dialed).toEqual([]);
        expect(r.failed).toEqual([expect.objectContaining({ name: 'Ben Ode', permanent: false, retry_at: '2026-03-09T15:01:00.000Z' })]);
        expect(r.stopped).toMatch(/rate limiting/);
        expect(await world.lead('+15551230001')).toMatchObject({ state: 'busy', attempts: 1, claim_token: null });
        expect(await world.lead('+15551230003')).toMatchObject({ state: 'pending', attempts: 0, claim_token: null });
        const ben = await world.lead('+15551230002');
        expect(ben).toMatchObject({ state: 'pending', attempts: 0, claim_token: null, next_attempt_at: '2026-03-09T15:01:00.000Z' });
        // Nobody is left claimed; every lead is dialable again a minute later.
        for (const l of await world.db.selectFrom('leads').selectAll().execute()) expect(l.claim_token).toBeNull();
        world.setNow('2026-03-09T15:01:00Z');
        const again = await tick(world, { openDialer: fakeDialer().openDialer });
        expect(again.dialed.map((d) => d.name)).toEqual(['Ben Ode', 'Cy Diaz', 'Ana Ruiz']);
        expect(await world.lead('+15551230002')).toMatchObject({ attempts: 1 });
      });

      it('stops with a config error when Twilio refuses the account, releasing every claimed lead', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ana Ruiz', phone: '+15551230001' },
          { name: 'Ben Ode', phone: '+15551230002', state: 'no_answer', attempts: 1 },
        ]);
        const auth = new TelephonyError('Call not placed: authentication failed (Twilio error 20003).', false, 20003, 401, 'auth');
        const error = await tick(world, { openDialer: fakeDialer(() => auth).openDialer }).catch((e) => e);
        expect(error).toBeInstanceOf(CallbookError);
        expect(error).toMatchObject({ kind: 'config', message: expect.stringContaining('authentication failed') });
        expect(await world.lead('+15551230001')).toMatchObject({ state: 'pending', attempts: 0, claim_token: null });
        expect(await world.lead('+15551230002')).toMatchObject({ state: 'no_answer', attempts: 1, claim_token: null });
      });

      it('releases the claim of a tick that stopped renewing it, a lease after another tick saw it, and closes its orphan call row', async () => {
        world = await engineWorld();
        await world.addLeads([
          {
            name: 'Stale Sam',
            phone: '+15551230001',
            state: 'calling',
            attempts: 2,
            claim_token: 'dead:no_answer',
            claimed_at: '2026-03-09T14:45:00.000Z',
            lease_expires_at: '2026-12-01T08:55:00.000Z',
          },
          {
            name: 'Fresh Flo',
            phone: '+15551230002',
            state: 'calling',
            attempts: 1,
            claim_token: 'live:pending',
            claimed_at: '2026-03-09T14:57:00.000Z',
            lease_expires_at: '2026-12-01T08:55:00.000Z',
          },
        ]);
        const orphan = {
          meeting_request_id: world.meeting.id,
          provider: 'twilio',
          status: 'queued',
          created_at: '2026-03-09T14:45:00.000Z',
          updated_at: '2026-03-09T14:45:00.000Z',
        };
        await world.db
          .insertInto('calls')
          .values([
            { ...orphan, lead_id: 1 },
            { ...orphan, lead_id: 2, created_at: '2026-03-09T14:57:00.000Z' },
          ])
          .execute();
        let real = Date.parse('2026-12-01T09:00:00.000Z');
        const lease = { now: () => real };
        const fake = fakeDialer();
        // Both leases have run out, but nobody has watched them for a lease yet: nothing is released.
        const first = await tick(world, { openDialer: fake.openDialer, lease });
        expect(first.summary.stale_claims_released).toBe(0);
        expect(fake.placed).toHaveLength(0);
        // Ten real minutes later, Flo's owner has renewed (its beat moved); Sam's has not.
        real += 10 * 60_000;
        await world.db.updateTable('leads').set({ lease_beat: 1 }).where('id', '=', 2).execute();
        const r = await tick(world, { openDialer: fake.openDialer, lease });
        expect(r.summary.stale_claims_released).toBe(1);
        expect(fake.placed.map((p) => p.to)).toEqual(['+15551230001']);
        expect(await world.lead('+15551230001')).toMatchObject({ state: 'calling', attempts: 2, claim_token: null });
        const calls = await world.calls();
        expect(calls[0]).toMatchObject({ status: 'canceled', outcome: 'abandoned' });
        expect(calls[1]).toMatchObject({ status: 'queued', outcome: null });
        expect(await world.lead('+15551230002')).toMatchObject({ claim_token: 'live:pending' });
      });

      it('paces calls to the calls-per-second limit', async () => {
        world = await engineWorld({ env: { CALLBOOK_CPS: '2' } });
        await world.addLeads(Array.from({ length: 5 }, (_, i) => ({ name: `Lead ${i}`, phone: `+1555123000${i}` })));
        let clock = 0;
        const sleeps: number[] = [];
        const sleep = async (ms: number) => {
          sleeps.push(ms);
          clock += ms;
        };
        const r = await runTick(
          world.ctx,
          { meeting_request_id: null, max_calls: 5, dry_run: false },
          { openDialer: fakeDialer().openDialer, sleep, clock: () => clock },
        );
        expect(r.dialed).toHaveLength(5);
        expect(sleeps).toEqual([500, 500, 500, 500]);
      });
    });

    describe('call (one lead now)', () => {
      it('skips the retry delay but refuses outside calling hours, on the do-not-call list, or opted out, saying why', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ed Hall', phone: '+15551230005', state: 'no_answer', attempts: 1, next_attempt_at: '2026-03-09T16:00:00.000Z' },
          { name: 'Bob Lee', phone: '+15551230002', timezone: 'America/Los_Angeles' },
          { name: 'Di Moss', phone: '+15551230004' },
          { name: 'Gus Pike', phone: '+15551230007', state: 'opted_out', attempts: 1 },
        ]);
        await world.addDnc('+15551230004');
        const fake = fakeDialer();
        const call = (lead_id: number) =>
          placeOneCall(world.ctx, { meeting_request_id: world.meeting.id, lead_id, simulate: false }, { openDialer: fake.openDialer });
        expect(await call(1)).toMatchObject({ lead_id: 1, call_sid: 'CA00000000000000000000000000000001' });
        await expect(call(2)).rejects.toMatchObject({
          kind: 'conflict',
          message: 'not calling lead 2 (Bob Lee): outside calling hours (it is 08:00 in America/Los_Angeles)',
        });
        await expect(call(3)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('on do-not-call list') });
        await expect(call(4)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('opted out') });
        await expect(call(99)).rejects.toMatchObject({ kind: 'not_found' });
        expect(fake.placed).toHaveLength(1);
      });
    });

    describe('a call whose final status never arrives', () => {
      it('is closed by a later tick so its lead is not stuck in calling, and the lead is dialed again', async () => {
        world = await engineWorld();
        await world.addLeads([{ name: 'Ana Ruiz', phone: '+15551230001' }]);
        let real = Date.parse('2026-12-01T09:00:00.000Z');
        const first = fakeDialer();
        const deps = { openDialer: first.openDialer, lease: { now: () => real } };
        await tick(world, deps);
        expect((await world.lead('+15551230001')).state).toBe('calling');
        // An hour later the call is still "in progress" for us: it may really be, so nothing moves.
        world.setNow('2026-03-09T16:00:00Z');
        real += 3_600_000;
        const soon = await tick(world, deps);
        expect(soon.summary.lost_calls_closed).toBe(0);
        expect((await world.lead('+15551230001')).state).toBe('calling');
        // A --now a day later alone proves nothing: by the real clock the call is an hour old.
        world.setNow('2026-03-10T15:00:00Z');
        expect((await tick(world, deps)).summary.lost_calls_closed).toBe(0);
        expect(first.placed).toHaveLength(1);
        // The next day by both clocks no call can still be going on: the lead is released and called again.
        real += 24 * 3_600_000;
        const r = await tick(world, deps);
        expect(r.summary.lost_calls_closed).toBe(1);
        expect(first.placed.map((p) => p.to)).toEqual(['+15551230001', '+15551230001']);
        const calls = await world.calls();
        expect(calls[0]).toMatchObject({ status: 'canceled', outcome: 'lost' });
        expect((await world.lead('+15551230001')).attempts).toBe(2);
      });
    });
  });
}

// SQLite only: the pacing counts the work between two calls, and on PostgreSQL each call's round
// trips take a share of the second that this test's 100 ms slack assumes is free.
describe('tick pacing on sqlite', () => {
  beforeEach(() => {
    engine = 'sqlite';
  });

  it('sleeps about N-1 seconds for N calls at 1 call per second with the real clock', async () => {
    world = await engineWorld();
    await world.addLeads(Array.from({ length: 4 }, (_, i) => ({ name: `Lead ${i}`, phone: `+1555123000${i}` })));
    const sleeps: number[] = [];
    await runTick(
      world.ctx,
      { meeting_request_id: null, max_calls: 4, dry_run: false },
      { openDialer: fakeDialer().openDialer, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(sleeps).toHaveLength(3);
    const total = sleeps.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2900);
    expect(total).toBeLessThanOrEqual(3000);
  });
});
