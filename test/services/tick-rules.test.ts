// Issue 9, items 3, 6 and 7 on the dialing side, and the reconciliation of item 1: what a tick
// does with a call that never started, a number called for another meeting, a lead without
// consent on a real (Twilio) path, and a call left in "dialing" by a tick that died.
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { Engine } from '../../src/db/dialect.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { placeOneCall } from '../../src/services/place-one-call.js';
import { createTelephony, type Dialer } from '../../src/services/telephony-factory.js';
import { runTick } from '../../src/services/tick.js';
import type { CallLookup, PlaceCallRequest, PlacedCall } from '../../src/telephony/types.js';
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

const tick = (w: World, deps: Parameters<typeof runTick>[2], input: Partial<Parameters<typeof runTick>[1]> = {}) =>
  runTick(w.ctx, { meeting_request_id: null, max_calls: null, dry_run: false, ...input }, { sleep: async () => {}, ...deps });

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Lead 1's earlier call, unanswered, with the provider's id. */
async function earlierCall(fields: { call_sid: string; created_at: string }) {
  await world.db
    .insertInto('calls')
    .values({ lead_id: 1, meeting_request_id: world.meeting.id, provider: 'twilio', status: 'no-answer', updated_at: NOW, ...fields })
    .execute();
}

/** Twilio as our Telephony interface sees it, without the network: records dials, may look calls up. */
function fakeTwilio(lookup?: (req: CallLookup) => Promise<PlacedCall | null>) {
  const placed: PlaceCallRequest[] = [];
  const looked: CallLookup[] = [];
  const dialer: Dialer = {
    telephony: {
      kind: 'twilio',
      async placeCall(req) {
        placed.push(req);
        return { sid: `CA${String(placed.length).padStart(32, 'a')}`, status: 'queued' };
      },
      ...(lookup
        ? {
            lookupCall: (req: CallLookup) => {
              looked.push(req);
              return lookup(req);
            },
          }
        : {}),
    },
    from: '+15557654321',
    publicBaseUrl: 'https://cb.example.ngrok.app',
    finish: async () => {},
  };
  return { placed, looked, openDialer: async () => dialer };
}

for (const each of ENGINES) {
  describe(`on ${each}`, () => {
    beforeEach(() => {
      engine = each;
    });

    describe('a call that could not be started (serve unreachable)', () => {
      it('is a failed attempt, retried after the retry delay, and reported as failed, not dialed', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ana Ruiz', phone: '+15551230001' },
          { name: 'Ben Ode', phone: '+15551230002' },
        ]);
        const port = await closedPort();
        const r = await tick(world, {
          openDialer: (leadInfo) =>
            createTelephony(world.ctx.config, { simulate: true, leadInfo, publicBaseUrl: `http://127.0.0.1:${port}` }),
        });
        expect(r.summary).toMatchObject({ dialed: 0, failed: 2 });
        expect(r.failed.map((f) => f.reason)).toEqual([
          expect.stringMatching(new RegExp(`^the call could not be started: .*127\\.0\\.0\\.1:${port}`)),
          expect.stringMatching(/^the call could not be started/),
        ]);
        for (const phone of ['+15551230001', '+15551230002']) {
          expect(await world.lead(phone)).toMatchObject({
            state: 'no_answer',
            attempts: 1,
            next_attempt_at: '2026-03-09T16:00:00.000Z',
            claim_token: null,
          });
        }
        expect((await world.calls()).map((c) => c.status)).toEqual(['failed', 'failed']);
      });
    });

    describe('callbook call whose call never reaches serve', () => {
      it('fails as "not started", counts the attempt and schedules the retry', async () => {
        world = await engineWorld();
        await world.addLeads([{ name: 'Ana Ruiz', phone: '+15551230001' }]);
        const port = await closedPort();
        const openDialer = (leadInfo: Parameters<typeof createTelephony>[1]['leadInfo']) =>
          createTelephony(world.ctx.config, {
            simulate: true,
            ...(leadInfo ? { leadInfo } : {}),
            publicBaseUrl: `http://127.0.0.1:${port}`,
          });
        await expect(
          placeOneCall(world.ctx, { meeting_request_id: world.meeting.id, lead_id: 1, simulate: true }, { openDialer }),
        ).rejects.toMatchObject({
          kind: 'remote',
          message: expect.stringContaining('call to lead 1 not started: the call could not be started'),
        });
        expect(await world.lead('+15551230001')).toMatchObject({
          state: 'no_answer',
          attempts: 1,
          next_attempt_at: '2026-03-09T16:00:00.000Z',
        });
      });
    });

    describe('a number called for another meeting', () => {
      async function twoMeetings() {
        world = await engineWorld();
        const [ana] = await world.addLeads([{ name: 'Ana Ruiz', phone: '+15551230001' }]);
        if (!ana) throw new Error('lead missing');
        const other = await createMeeting(world.ctx, standardMeeting('eve@acme.com'));
        const camp = await world.db
          .insertInto('campaigns')
          .values({ meeting_request_id: other.id, name: 'second', created_at: NOW })
          .returningAll()
          .executeTakeFirstOrThrow();
        const twin = await world.db
          .insertInto('leads')
          .values({ ...ana, id: undefined, campaign_id: camp.id, meeting_request_id: other.id })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { ana, twin, other };
      }

      it('is not dialed for this one within CALLBOOK_MIN_HOURS_BETWEEN_CALLS, and the dry run says why', async () => {
        const { twin, other } = await twoMeetings();
        const fake = fakeDialer();
        // The second meeting's tick calls her first.
        const first = await tick(world, { openDialer: fake.openDialer }, { meeting_request_id: other.id });
        expect(first.dialed.map((d) => d.lead_id)).toEqual([twin.id]);
        world.setNow('2026-03-09T20:00:00Z'); // 5 hours later, 16:00 in New York
        const dry = await tick(world, {}, { dry_run: true, meeting_request_id: world.meeting.id });
        expect(dry.would_call).toEqual([]);
        expect(dry.skipped).toEqual([
          {
            category: 'recent_call',
            count: 1,
            examples: [{ lead_id: 1, name: 'Ana Ruiz', reason: 'called for another meeting within the last 24 hours' }],
          },
        ]);
        expect((await tick(world, { openDialer: fake.openDialer }, { meeting_request_id: world.meeting.id })).dialed).toEqual([]);
        await expect(
          placeOneCall(world.ctx, { meeting_request_id: world.meeting.id, lead_id: 1, simulate: false }, { openDialer: fake.openDialer }),
        ).rejects.toMatchObject({
          kind: 'conflict',
          message: expect.stringContaining('called for another meeting within the last 24 hours'),
        });
        // A day and a bit later she may be called for this meeting too.
        world.setNow('2026-03-10T16:00:00Z');
        const later = await tick(world, { openDialer: fake.openDialer }, { meeting_request_id: world.meeting.id });
        expect(later.dialed.map((d) => d.lead_id)).toEqual([1]);
      });

      it('keeps the retry policy for the same lead, and the setting can turn the rule off', async () => {
        world = await engineWorld({ env: { CALLBOOK_RETRY_DELAY_MINUTES: '60' } });
        await world.addLeads([
          { name: 'Ana Ruiz', phone: '+15551230001', state: 'no_answer', attempts: 1, next_attempt_at: '2026-03-09T14:00:00.000Z' },
        ]);
        await earlierCall({ call_sid: 'CA1', created_at: '2026-03-09T13:00:00.000Z' });
        // Her own earlier call, two hours ago, does not hold back her retry.
        expect((await tick(world, { openDialer: fakeDialer().openDialer })).dialed.map((d) => d.name)).toEqual(['Ana Ruiz']);
        await world.close();
        const { other } = await twoMeetings();
        world.ctx.config.dialing.minHoursBetweenCalls = 0;
        const fake = fakeDialer();
        await tick(world, { openDialer: fake.openDialer }, { meeting_request_id: other.id });
        expect((await tick(world, { openDialer: fake.openDialer }, { meeting_request_id: world.meeting.id })).dialed).toHaveLength(1);
        expect(fake.placed.map((p) => p.to)).toEqual(['+15551230001', '+15551230001']);
      });
    });

    describe('consent on the real (Twilio) path', () => {
      it('skips leads without consent_source/consent_at as no_consent, unless CALLBOOK_REQUIRE_CONSENT=0', async () => {
        world = await engineWorld();
        await world.addLeads([
          { name: 'Ana Ruiz', phone: '+15551230001' },
          { name: 'Ben Ode', phone: '+15551230002', consent_source: null },
          { name: 'Cy Diaz', phone: '+15551230003', consent_at: null },
        ]);
        const twilio = fakeTwilio();
        const dry = await tick(world, { openDialer: twilio.openDialer }, { dry_run: true });
        expect(dry.would_call.map((c) => c.name)).toEqual(['Ana Ruiz']);
        expect(dry.skipped.map((g) => [g.category, g.count])).toEqual([['no_consent', 2]]);
        const r = await tick(world, { openDialer: twilio.openDialer });
        expect(twilio.placed.map((p) => p.to)).toEqual(['+15551230001']);
        expect(r.skipped).toEqual([
          {
            category: 'no_consent',
            count: 2,
            examples: [
              { lead_id: 2, name: 'Ben Ode', reason: 'no consent on record (consent_source, consent_at)' },
              { lead_id: 3, name: 'Cy Diaz', reason: 'no consent on record (consent_source, consent_at)' },
            ],
          },
        ]);
        expect(JSON.parse((await world.calls())[0]?.checks ?? '[]')).toContain('consent on record (web form, 2026-02-01T00:00:00.000Z)');
        await expect(
          placeOneCall(world.ctx, { meeting_request_id: world.meeting.id, lead_id: 2, simulate: false }, { openDialer: twilio.openDialer }),
        ).rejects.toMatchObject({
          kind: 'conflict',
          message: 'not calling lead 2 (Ben Ode): no consent on record (consent_source, consent_at)',
        });
        world.ctx.config.dialing.requireConsent = false;
        await tick(world, { openDialer: twilio.openDialer });
        expect(twilio.placed.map((p) => p.to)).toEqual(['+15551230001', '+15551230002', '+15551230003']);
      });
    });

    describe('a call left in "dialing" by a tick that died', () => {
      const REAL = Date.parse('2026-12-01T09:00:00.000Z');
      async function orphan() {
        world = await engineWorld();
        await world.addLeads([
          {
            name: 'Ana Ruiz',
            phone: '+15551230001',
            state: 'calling',
            attempts: 1,
            claim_token: 'dead:pending',
            claimed_at: NOW,
            lease_expires_at: '2026-12-01T08:30:00.000Z',
            dialing_call_id: 1,
          },
        ]);
        await world.db
          .insertInto('calls')
          .values({
            lead_id: 1,
            meeting_request_id: world.meeting.id,
            provider: 'twilio',
            status: 'dialing',
            created_at: NOW,
            updated_at: NOW,
          })
          .execute();
      }
      /** Two ticks a lease apart: the first sees the beat, the second finds it unchanged. */
      async function twoTicks(deps: Parameters<typeof runTick>[2]) {
        let real = REAL;
        const lease = { now: () => real };
        await tick(world, { ...deps, lease });
        real += 11 * 60_000;
        return tick(world, { ...deps, lease });
      }

      it('is never re-dialed when the provider cannot tell: held as unknown, closed as a used attempt 8 hours on', async () => {
        await orphan();
        const twilio = fakeTwilio();
        const r = await twoTicks({ openDialer: twilio.openDialer });
        expect(twilio.placed).toEqual([]);
        expect(r.summary).toMatchObject({ dialing_unknown: 1, stale_claims_released: 0 });
        expect((await world.calls())[0]).toMatchObject({ status: 'unknown', call_sid: null });
        expect(await world.lead('+15551230001')).toMatchObject({ state: 'calling', attempts: 1 });
        // Even a --now a day later does not release it: the hold runs on the real clock.
        world.setNow('2026-03-10T15:00:00Z');
        expect((await tick(world, { openDialer: twilio.openDialer, lease: { now: () => REAL + 20 * 60_000 } })).dialed).toEqual([]);
        const closed = await tick(world, { openDialer: twilio.openDialer, lease: { now: () => REAL + 9 * 3_600_000 } });
        expect(closed.summary.dialing_reconciled).toBe(1);
        expect((await world.calls())[0]).toMatchObject({ status: 'canceled', outcome: 'unknown' });
        // The attempt counts (attempts 1 → 2 with this new call): the lead follows the retry policy again.
        expect(closed.dialed.map((d) => d.lead_id)).toEqual([1]);
        expect(await world.lead('+15551230001')).toMatchObject({ attempts: 2 });
      });

      it('takes the id from the provider when it has the call, and refunds the attempt when it has not', async () => {
        await orphan();
        const found = fakeTwilio(async () => ({ sid: 'CA123', status: 'in-progress' }));
        const r = await twoTicks({ openDialer: found.openDialer });
        expect(found.looked).toEqual([{ callId: 1, to: '+15551230001', from: '+15557654321', knownSids: [] }]);
        expect(found.placed).toEqual([]);
        expect(r.summary.dialing_reconciled).toBe(1);
        expect((await world.calls())[0]).toMatchObject({ call_sid: 'CA123' });
        expect(await world.lead('+15551230001')).toMatchObject({ state: 'calling', claim_token: null, attempts: 1 });
        await world.close();

        await orphan();
        const absent = fakeTwilio(async () => null);
        const again = await twoTicks({ openDialer: absent.openDialer });
        expect((await world.calls())[0]).toMatchObject({ status: 'canceled', outcome: 'not_placed' });
        // Nobody was called, so the attempt is refunded and the lead dialed afresh.
        expect(absent.placed.map((p) => p.to)).toEqual(['+15551230001']);
        expect(again.dialed).toHaveLength(1);
        expect(await world.lead('+15551230001')).toMatchObject({ attempts: 1 });
      });

      it("shows the provider every id on record for the number, an earlier attempt's included", async () => {
        await orphan();
        // Lead 1's first attempt, answered by nobody: Twilio lists it too, under an id we have.
        await earlierCall({ call_sid: 'CA-first-attempt', created_at: NOW });
        const absent = fakeTwilio(async () => null);
        await twoTicks({ openDialer: absent.openDialer });
        expect(absent.looked).toEqual([{ callId: 1, to: '+15551230001', from: '+15557654321', knownSids: ['CA-first-attempt'] }]);
      });

      it('is held, not re-dialed, when the provider request timed out', async () => {
        world = await engineWorld();
        await world.addLeads([{ name: 'Ana Ruiz', phone: '+15551230001' }]);
        const { TelephonyError } = await import('../../src/telephony/types.js');
        const timeout = new TelephonyError('Could not reach Twilio (ETIMEDOUT): timeout of 15000ms exceeded', true, null, null, 'network');
        const fake = fakeDialer(() => timeout);
        const r = await tick(world, { openDialer: fake.openDialer });
        expect(r.failed[0]).toMatchObject({ retry_at: null, reason: expect.stringContaining('not known whether the call was placed') });
        expect((await world.calls())[0]).toMatchObject({ status: 'unknown' });
        const next = await tick(world, { openDialer: fakeDialer().openDialer });
        expect(next.dialed).toEqual([]);
        expect(await world.lead('+15551230001')).toMatchObject({ state: 'calling', attempts: 1 });
      });
    });
  });
}
