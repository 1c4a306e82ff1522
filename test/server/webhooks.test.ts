import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { createWorld } from '../helpers/world.js';

type World = Awaited<ReturnType<typeof createWorld>>;
let world: World;

const SID = 'CA00000000000000000000000000000001';
const base = { CallSid: SID, AccountSid: 'AC123', From: '+15550000000', To: '+15551230001', Direction: 'outbound-api' };
const answer = (extra: Record<string, string> = {}) =>
  world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress', ...extra });
const say = (turn: number, words: string, digits = '') =>
  world.post(`/twilio/voice/gather?callId=1&turn=${turn}`, {
    ...base,
    CallStatus: 'in-progress',
    SpeechResult: words,
    Confidence: '0.9',
    Digits: digits,
  });
const status = (CallStatus: string, SequenceNumber: string, extra: Record<string, string> = {}) =>
  world.post('/twilio/status?callId=1', { ...base, CallStatus, SequenceNumber, ...extra });

for (const engine of ENGINES) {
  describe(`on ${engine}`, () => {
    let fresh: FreshDatabase;
    beforeEach(async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      // As serve opens it: on PostgreSQL, the one synchronous connection the webhook units run on.
      world = await createWorld({ db: await openDatabase(fresh.url, { synchronous: true }) });
    });
    afterEach(async () => {
      await world.close();
      await fresh.cleanup();
    });

    describe('signature check', () => {
      it.each(['none', 'wrong-token', 'wrong-url'] as const)('answers 403 to a %s signature and writes nothing', async (sign) => {
        await world.startCall(1, SID);
        const before = await world.snapshot();
        for (const res of [
          await world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress' }, sign),
          await world.post('/twilio/voice/gather?callId=1&turn=1', { ...base, SpeechResult: 'tuesday morning', Digits: '' }, sign),
          await world.post('/twilio/status?callId=1', { ...base, CallStatus: 'completed', SequenceNumber: '3' }, sign),
        ]) {
          expect(res.status).toBe(403);
        }
        expect(await world.snapshot()).toEqual(before);
      });
    });

    describe('a call', () => {
      it("finds a call by the id in its URL until Twilio's sid is stored, and then by the sid", async () => {
        await world.startCall(1, SID);
        await world.db.updateTable('calls').set({ call_sid: null }).where('id', '=', 1).execute();
        expect((await answer()).status).toBe(200);
        expect((await world.snapshot()).calls[0]?.call_sid).toBe(SID);
        // The sid names the call even when the URL carries another id.
        const res = await world.post('/twilio/voice/gather?callId=2&turn=1', {
          ...base,
          CallStatus: 'in-progress',
          SpeechResult: 'tuesday morning',
          Digits: '',
        });
        expect(await res.text()).toContain('turn=2');
        expect((await world.snapshot()).turns.map((t) => t.call_id)).toEqual([1]);
      });

      it('refuses a sid that is not the one stored for the call in the URL, and writes nothing', async () => {
        await world.startCall(1, SID);
        await answer();
        const before = await world.snapshot();
        const res = await world.post('/twilio/voice/gather?callId=1&turn=1', {
          ...base,
          CallSid: 'CA000000000000000000000000000000ff',
          CallStatus: 'in-progress',
          SpeechResult: 'tuesday morning',
          Digits: '',
        });
        expect(await res.text()).not.toContain('<Gather');
        expect(await world.snapshot()).toEqual(before);
      });

      it('greets with the stored script and gathers speech and keys with the call and turn in the action URL', async () => {
        await world.startCall(1, SID);
        const res = await answer();
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/xml');
        const xml = await res.text();
        expect(xml).toContain('Hello, when are you free?');
        expect(xml).toMatch(/<Gather[^>]*input="speech dtmf"/);
        expect(xml).toContain('action="https://callbook.example.ngrok.app/twilio/voice/gather?callId=1&amp;turn=1"');
      });

      it('stores what the lead said once, reads it back, and a repeated gather changes nothing', async () => {
        await world.startCall(1, SID);
        await answer();
        const first = await say(1, 'uh tuesday morning works');
        const xml = await first.text();
        expect(xml).toContain('tomorrow'); // the call is on Monday the 9th
        expect(xml).toContain('turn=2');
        const after = await world.snapshot();
        expect(after.slots).toHaveLength(1);
        expect(after.slots[0]).toMatchObject({ lead_id: 1, call_id: 1, turn: 1, source: 'call', raw_text: 'uh tuesday morning works' });
        expect(after.leads[0]?.state).toBe('responded');

        const again = await say(1, 'uh tuesday morning works');
        expect(await again.text()).toBe(xml);
        expect(await world.snapshot()).toEqual(after);

        const yes = await say(2, 'yes', '');
        expect(await yes.text()).toContain('<Hangup/>');
        expect((await world.snapshot()).calls[0]?.outcome).toBe('responded');
      });

      it('lets the lead correct the read-back: the new answer replaces the old one', async () => {
        await world.startCall(1, SID);
        await answer();
        await say(1, 'tuesday morning');
        await say(2, 'actually thursday afternoon is better');
        const { slots } = await world.snapshot();
        expect(slots).toHaveLength(1);
        expect(slots[0]?.start_utc.slice(0, 10)).toBe('2026-03-12');
      });

      it('asks again at most twice when nothing usable is heard, then says goodbye', async () => {
        await world.startCall(1, SID);
        await answer();
        expect(await (await say(1, '')).text()).toContain("didn't catch that");
        expect(await (await say(2, 'banana')).text()).toContain("didn't understand");
        const last = await (await say(3, '')).text();
        expect(last).toContain('<Hangup/>');
        expect((await world.snapshot()).calls[0]?.outcome).toBe('no_input');
      });

      it.each([
        ['take me off your list', ''],
        ['', '9'],
      ])('opt-out (%s%s) puts the number on the do-not-call list and ends politely', async (words, digits) => {
        await world.startCall(1, SID);
        await answer();
        const xml = await (await say(1, words, digits)).text();
        expect(xml).toContain("won't call you again");
        expect(xml).toContain('<Hangup/>');
        const s = await world.snapshot();
        expect(s.dnc.map((d) => d.phone)).toEqual(['+15551230001']);
        expect(s.leads[0]?.state).toBe('opted_out');
      });

      it('leaves a short message when a machine answers and counts the attempt as voicemail', async () => {
        await world.startCall(1, SID);
        const xml = await (await answer({ AnsweredBy: 'machine_end_beep' })).text();
        expect(xml).not.toContain('<Gather');
        expect(xml).toContain('automated assistant');
        await status('completed', '3', { CallDuration: '12' });
        const s = await world.snapshot();
        expect(s.leads[0]).toMatchObject({ state: 'voicemail', next_attempt_at: '2026-03-09T16:00:00.000Z' });
      });
    });

    describe('status callbacks', () => {
      const ORDERS = [
        ['initiated', 'ringing', 'in-progress', 'completed'],
        ['completed', 'in-progress', 'ringing', 'initiated'],
        ['ringing', 'completed', 'initiated', 'completed', 'in-progress'],
      ];
      it.each(ORDERS)('ends terminal whatever the order: %s %s %s %s', async (...order) => {
        await world.startCall(1, SID);
        const seq: Record<string, string> = { initiated: '0', ringing: '1', 'in-progress': '2', completed: '3' };
        for (const s of order) {
          const res = await status(s, seq[s] ?? '0', s === 'completed' ? { CallDuration: '42' } : {});
          expect(res.status).toBe(204);
        }
        const { calls, leads } = await world.snapshot();
        expect(calls[0]).toMatchObject({ status: 'completed', last_sequence: 3, duration_seconds: 42 });
        expect(leads[0]).toMatchObject({ state: 'no_answer', attempts: 1 });
      });

      it('does not undo a lead who already gave availability', async () => {
        await world.startCall(1, SID);
        await answer();
        await say(1, 'wednesday at ten');
        await status('completed', '3');
        await status('completed', '3');
        expect((await world.snapshot()).leads[0]?.state).toBe('responded');
      });

      it('marks a lead exhausted after the last attempt', async () => {
        await world.startCall(1, SID);
        await world.db.updateTable('leads').set({ attempts: 3 }).where('id', '=', 1).execute();
        await status('no-answer', '2');
        expect((await world.snapshot()).leads[0]).toMatchObject({ state: 'exhausted', next_attempt_at: null });
      });
    });

    describe('JSON API', () => {
      it('requires the bearer token and answers with the contract shapes', async () => {
        expect((await world.app.request('/meeting-requests')).status).toBe(401);
        const auth = { Authorization: 'Bearer api-secret', 'Content-Type': 'application/json' };
        const list = await world.app.request('/meeting-requests', { headers: auth });
        expect(((await list.json()) as any[])[0]).toMatchObject({
          meeting_request_id: 1,
          hard_constraints: { timezone: 'America/New_York' },
        });
        const bad = await world.app.request('/meeting-requests', { method: 'POST', headers: auth, body: JSON.stringify({ title: 'x' }) });
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as any).error.problems.map((p: { field: string }) => p.field)).toContain('owner_id');
        const missing = await world.app.request('/meeting-requests/99/confirm-best-slot', { method: 'POST', headers: auth });
        expect(missing.status).toBe(404);
      });
    });

    describe('health and the API switch', () => {
      it('answers /healthz and keeps the JSON API off without CALLBOOK_API_TOKEN', async () => {
        const { createApp } = await import('../../src/server/app.js');
        const app = createApp({ ctx: world.ctx, authToken: 'x', publicBaseUrl: null, skipTwilioValidation: false, apiToken: null });
        expect(await (await app.request('/healthz')).json()).toEqual({ ok: true });
        const off = await app.request('/meeting-requests', { headers: { Authorization: 'Bearer anything' } });
        expect(off.status).toBe(403);
        expect(((await off.json()) as { error: { message: string } }).error.message).toContain('CALLBOOK_API_TOKEN');
      });
    });
  });
}
