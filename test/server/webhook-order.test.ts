// A gather that arrives after the call's final status (the parser was slow, or Twilio retried)
// must still count, and must not leave the lead in `calling` or make it due for another call
// after it said no. Sent as Twilio sends them, signed, to the real app.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { evaluateLead } from '../../src/domain/dialing-policy.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { createWorld } from '../helpers/world.js';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;

const SID = 'CA00000000000000000000000000000001';
const base = { CallSid: SID, AccountSid: 'AC123', From: '+15550000000', To: '+15551230001', Direction: 'outbound-api' };
const answer = () => world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress' });
const say = (turn: number, words: string) =>
  world.post(`/twilio/voice/gather?callId=1&turn=${turn}`, { ...base, CallStatus: 'in-progress', SpeechResult: words, Digits: '' });
const status = (CallStatus: string, SequenceNumber: string) =>
  world.post('/twilio/status?callId=1', { ...base, CallStatus, SequenceNumber, CallDuration: '30' });

/** Whether a tick a day later (inside calling hours, inside the window) would dial lead 1 again. */
async function dueAgain(): Promise<boolean> {
  const lead = await world.db.selectFrom('leads').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const meeting = await world.db.selectFrom('meeting_requests').selectAll().executeTakeFirstOrThrow();
  const dnc = await world.db.selectFrom('do_not_call').select('phone').where('phone', '=', lead.phone).executeTakeFirst();
  // As a simulated tick would judge it (no consent needed), on the same clock for the lease.
  const decision = evaluateLead(
    { ...lead, on_do_not_call: dnc !== undefined, called_elsewhere: false },
    {
      now: DateTime.fromISO('2026-03-10T15:00:00Z', { zone: 'utc' }),
      meeting: { status: meeting.status, window_end: meeting.window_end },
      rules: { ...world.ctx.config.dialing, requireConsent: false, lease: { realNow: '2026-03-10T15:00:00Z', leaseMs: 10 * 60_000 } },
    },
  );
  return decision.eligible;
}

for (const engine of ENGINES) {
  describe(`on ${engine}`, () => {
    let fresh: FreshDatabase;
    beforeEach(async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      // As serve opens it: on PostgreSQL, the one synchronous connection the webhook units run on.
      world = await createWorld({ db: await openDatabase(fresh.url, { synchronous: true }) });
      await world.startCall(1, SID);
    });
    afterEach(async () => {
      await world.close();
      await fresh.cleanup();
    });

    describe('a gather after the final status', () => {
      it('"no that is not right" after completed: the read-back is withdrawn and the lead is retried, not left calling', async () => {
        await answer();
        expect(await (await say(1, 'tuesday morning')).text()).toContain('turn=2');
        expect((await status('completed', '3')).status).toBe(204);
        const late = await (await say(2, 'no that is not right')).text();
        // Nobody is on the line any more: no new question.
        expect(late).not.toContain('<Gather');
        const s = await world.snapshot();
        expect(s.turns.map((t) => t.turn)).toEqual([1, 2]);
        expect(s.slots).toEqual([]);
        expect(s.leads[0]).toMatchObject({ state: 'no_answer', next_attempt_at: '2026-03-09T16:00:00.000Z', claim_token: null });
        expect(await dueAgain()).toBe(true);
      });

      it('"I\'m not interested" after a read-back and completed: not interested, never dialed again', async () => {
        await answer();
        await say(1, 'tuesday morning');
        await status('completed', '3');
        await say(2, "I'm not interested");
        const s = await world.snapshot();
        expect(s.leads[0]).toMatchObject({ state: 'not_interested', next_attempt_at: null });
        expect(await dueAgain()).toBe(false);
      });

      it('"I\'m not interested" after an unclear answer and completed: the no_answer is corrected', async () => {
        await answer();
        await say(1, 'banana');
        await status('completed', '3');
        expect((await world.snapshot()).leads[0]?.state).toBe('no_answer');
        await say(2, "I'm not interested");
        expect((await world.snapshot()).leads[0]).toMatchObject({ state: 'not_interested', next_attempt_at: null });
        expect(await dueAgain()).toBe(false);
      });

      it('a correction after completed replaces the slots, and repeated, reordered callbacks change nothing', async () => {
        await answer();
        await say(1, 'tuesday morning');
        await status('completed', '3');
        await status('in-progress', '2');
        await say(2, 'actually thursday afternoon is better');
        await status('completed', '3');
        await say(2, 'actually thursday afternoon is better');
        const s = await world.snapshot();
        expect(s.slots.map((x) => [x.turn, x.start_utc.slice(0, 10)])).toEqual([[2, '2026-03-12']]);
        expect(s.leads[0]).toMatchObject({ state: 'responded', claim_token: null });
        expect(s.calls[0]).toMatchObject({ status: 'completed' });
      });

      it('an answer request racing the final status does not reopen the call', async () => {
        const [voice] = await Promise.all([answer(), status('completed', '3')]);
        expect(voice.status).toBe(200);
        const s = await world.snapshot();
        expect(s.calls[0]?.status).toBe('completed');
        expect(s.leads[0]).toMatchObject({ state: 'no_answer', claim_token: null });
        // And once it has ended, a late answer request asks nothing.
        expect(await (await answer()).text()).not.toContain('<Gather');
      });

      it('a turn that was being worked out while completed arrived still settles the lead', async () => {
        await answer();
        await say(1, 'tuesday morning');
        // The rejection and the final status are in flight together.
        const [late] = await Promise.all([say(2, 'no that is not right'), status('completed', '3')]);
        expect(late.status).toBe(200);
        expect((await world.snapshot()).leads[0]?.state).toBe('no_answer');
      });
    });
  });
}
