// Property: whatever order Twilio's webhooks arrive in (status callbacks repeated, reordered, with
// or without SequenceNumber; gathers replayed, late, after the final status), the lead ends where
// a simple model of the rules says. The model below is written from the rules (integrations.md §2,
// the conversation in design.md), not from src/domain/lead-outcome.ts.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { evaluateLead } from '../../src/domain/dialing-policy.js';
import { createWorld } from '../helpers/world.js';

const SID = 'CA00000000000000000000000000000001';
const PHONE = '+15551230001';
const NOW = '2026-03-09T15:00:00.000Z';
const RETRY_AT = '2026-03-09T16:00:00.000Z'; // the default 60 minutes after the call ended
const MAX_ATTEMPTS = 3;

type Intent = 'availability' | 'correction' | 'not_interested' | 'opt_out' | 'call_back' | 'silence';
const UTTERANCES: Record<Intent, { speech: string; digits: string }[]> = {
  availability: [
    { speech: 'tuesday morning', digits: '' },
    { speech: 'wednesday at ten', digits: '' },
    { speech: 'actually thursday afternoon is better', digits: '' },
  ],
  correction: [{ speech: 'no that is not right', digits: '' }],
  not_interested: [{ speech: "I'm not interested", digits: '' }],
  opt_out: [
    { speech: 'take me off your list', digits: '' },
    { speech: '', digits: '9' },
  ],
  call_back: [{ speech: 'call me back later', digits: '' }],
  silence: [{ speech: '', digits: '' }],
};

interface Said {
  intent: Intent;
  variant: number;
}

type Pickup = 'human' | 'machine_on_answer' | 'machine_async' | 'busy' | 'no-answer' | 'failed' | 'canceled';

interface Scenario {
  attempts: number;
  pickup: Pickup;
  said: Said[];
  /** How many of the turns reach us before the person hangs up (at most the conversation's end). */
  heard: number;
  terminalSent: boolean;
  /** Progress events sent (sequence numbers follow Twilio's order), each maybe twice. */
  progress: { status: string; copies: number; withSequence: boolean; at: number; tie: number; together: boolean }[];
  terminal: { copies: number; withSequence: boolean; at: number; tie: number; together: boolean };
  replays: { of: number; at: number; tie: number; together: boolean }[];
}

/** The conversation by the rules: which turns are asked, and what is left standing after them. */
function model(s: Scenario) {
  let phase: 'ask' | 'confirm' = 'ask';
  let unusable = 0;
  let slotsTurn: number | null = null;
  let ending: 'opted_out' | 'not_interested' | 'call_back' | 'responded' | 'no_input' | null = null;
  let turns = 0;
  const talks = s.pickup === 'human';
  for (const [i, said] of (talks ? s.said : []).entries()) {
    if (i >= s.heard || ending) break;
    const turn = i + 1;
    turns = turn;
    const unclear = () => {
      // "Ask again at most twice": the third unusable answer in a row ends the call.
      if (unusable >= 2) ending = 'no_input';
      else unusable++;
      phase = 'ask';
    };
    switch (said.intent) {
      case 'opt_out':
        ending = 'opted_out';
        break;
      case 'not_interested':
        ending = 'not_interested';
        break;
      case 'call_back':
        ending = 'call_back';
        break;
      case 'availability':
        slotsTurn = turn;
        phase = 'confirm';
        unusable = 0;
        break;
      case 'correction':
        // "No" to a read-back withdraws it; before any read-back it is just not an answer.
        if (phase === 'confirm') {
          slotsTurn = null;
          phase = 'ask';
          unusable = 0;
        } else unclear();
        break;
      case 'silence':
        // Silence after a read-back is agreement.
        if (phase === 'confirm') ending = 'responded';
        else unclear();
        break;
    }
  }
  const machine = s.pickup === 'machine_on_answer' || s.pickup === 'machine_async';
  let state: string;
  let retry = false;
  if (ending === 'opted_out') state = 'opted_out';
  else if (ending === 'not_interested') state = 'not_interested';
  else if (slotsTurn !== null) state = 'responded';
  else if (!s.terminalSent) state = 'calling';
  else {
    retry = true;
    if (ending === 'call_back') state = 'call_back';
    else if (machine) state = 'voicemail';
    else if (s.pickup === 'busy') state = 'busy';
    else state = 'no_answer';
    if (s.attempts >= MAX_ATTEMPTS) {
      state = 'exhausted';
      retry = false;
    }
  }
  return { state, retry, slotsTurn, turns, optedOut: ending === 'opted_out' };
}

const said = fc.record({
  // Weighted so that conversations often get as far as a read-back and what follows it.
  intent: fc.constantFrom<Intent>(
    'availability',
    'availability',
    'availability',
    'correction',
    'correction',
    'silence',
    'silence',
    'not_interested',
    'opt_out',
    'call_back',
  ),
  variant: fc.nat(2),
});
const place = { at: fc.nat(100), tie: fc.nat(1000), together: fc.boolean() };
const scenario: fc.Arbitrary<Scenario> = fc.record({
  attempts: fc.integer({ min: 1, max: MAX_ATTEMPTS }),
  pickup: fc.oneof(
    { weight: 6, arbitrary: fc.constant<Pickup>('human') },
    { weight: 1, arbitrary: fc.constantFrom<Pickup>('machine_on_answer', 'machine_async', 'busy', 'no-answer', 'failed', 'canceled') },
  ),
  said: fc.array(said, { minLength: 0, maxLength: 6 }),
  heard: fc.nat(6),
  // Now and then the final status is lost.
  terminalSent: fc.constantFrom(true, true, true, true, true, false),
  progress: fc.uniqueArray(
    fc.record({
      status: fc.constantFrom('initiated', 'ringing', 'in-progress'),
      copies: fc.integer({ min: 1, max: 2 }),
      withSequence: fc.boolean(),
      ...place,
    }),
    { selector: (p) => p.status, maxLength: 3 },
  ),
  terminal: fc.record({ copies: fc.integer({ min: 1, max: 3 }), withSequence: fc.boolean(), ...place }),
  replays: fc.array(fc.record({ of: fc.nat(6), ...place }), { maxLength: 4 }),
});

interface Event {
  label: string;
  send(): Response | Promise<Response>;
}

async function play(s: Scenario) {
  const world = await createWorld();
  try {
    await world.startCall(1, SID);
    await world.db.updateTable('leads').set({ attempts: s.attempts }).where('id', '=', 1).execute();
    const base = { CallSid: SID, AccountSid: 'AC123', From: '+15550000000', To: PHONE, Direction: 'outbound-api' };
    const answered = s.pickup === 'human' || s.pickup.startsWith('machine');
    const expected = model(s);

    // What Twilio causes in order: the answer, then each turn once the previous one was answered.
    const chain: Event[] = [];
    if (answered) {
      // Synchronous AMD names who answered on the answer request; asynchronous AMD reports later, on a status callback.
      const amd: Record<string, string> =
        s.pickup === 'machine_on_answer' ? { AnsweredBy: 'machine_end_beep' } : s.pickup === 'human' ? { AnsweredBy: 'human' } : {};
      chain.push({ label: 'voice', send: () => world.post('/twilio/voice?callId=1', { ...base, CallStatus: 'in-progress', ...amd }) });
    }
    const gather = (turn: number) => {
      const { intent, variant } = s.said[turn - 1] as Said;
      const choices = UTTERANCES[intent];
      const { speech, digits } = choices[variant % choices.length] as { speech: string; digits: string };
      const params = { ...base, CallStatus: 'in-progress', SpeechResult: speech, Digits: digits, Confidence: '0.9' };
      return () => world.post(`/twilio/voice/gather?callId=1&turn=${turn}`, params);
    };
    for (let turn = 1; turn <= expected.turns; turn++) chain.push({ label: `gather ${turn}`, send: gather(turn) });

    // Everything else lands anywhere it may: statuses anywhere, a replay only after its original.
    // `gap` g is "after the first g events of the chain".
    const extras: { gap: number; tie: number; together: boolean; event: Event }[] = [];
    const anywhere = (at: number) => at % (chain.length + 1);
    const sequence: Record<string, number> = { initiated: 0, ringing: 1, 'in-progress': 2 };
    const terminalStatus = answered ? 'completed' : s.pickup;
    const statusEvent = (status: string, withSequence: boolean, extra: Record<string, string> = {}): Event => ({
      label: `status ${status}${withSequence ? '' : ' (no seq)'}`,
      send: () =>
        world.post('/twilio/status?callId=1', {
          ...base,
          CallStatus: status,
          ...(withSequence ? { SequenceNumber: String(sequence[status] ?? 3) } : {}),
          ...extra,
        }),
    });
    for (const p of s.progress) {
      if (!answered && p.status === 'in-progress') continue;
      for (let c = 0; c < p.copies; c++)
        extras.push({ gap: anywhere(p.at), tie: p.tie + c, together: p.together, event: statusEvent(p.status, p.withSequence) });
    }
    if (s.terminalSent) {
      const amd: Record<string, string> = s.pickup === 'machine_async' ? { AnsweredBy: 'machine_start' } : {};
      const extra = { CallDuration: '20', ...amd, ...(terminalStatus === 'failed' ? { ErrorCode: '32009', ErrorMessage: 'failed' } : {}) };
      const { at, tie, together, copies, withSequence } = s.terminal;
      for (let c = 0; c < copies; c++)
        extras.push({ gap: anywhere(at), tie: tie + c, together, event: statusEvent(terminalStatus, withSequence, extra) });
    }
    for (const r of s.replays) {
      const of = r.of % (chain.length + 1);
      if (of === 0) continue;
      const original = chain[of - 1] as Event;
      const gap = of + (r.at % (chain.length - of + 1));
      extras.push({ gap, tie: r.tie, together: r.together, event: { label: `${original.label} again`, send: original.send } });
    }
    const order: { event: Event; together: boolean }[] = [];
    const sorted = [...extras].sort((a, b) => a.gap - b.gap || a.tie - b.tie);
    for (let gap = 0; gap <= chain.length; gap++) {
      for (const e of sorted.filter((x) => x.gap === gap)) order.push({ event: e.event, together: e.together });
      const next = chain[gap];
      if (next) order.push({ event: next, together: false });
    }

    const log: string[] = [];
    let ended = false;
    for (let i = 0; i < order.length; i++) {
      const step = order[i] as (typeof order)[number];
      const pair = step.together && order[i + 1] ? [step, order[++i] as (typeof order)[number]] : [step];
      log.push(pair.map((p) => p.event.label).join(' + '));
      const results = await Promise.all(pair.map((p) => p.event.send()));
      for (const res of results) expect(res.status, log.join(' | ')).toBeLessThan(300);
      // Once the final status is in, the lead is out of `calling` at every step, not only at the end.
      ended ||= pair.some((p) => p.event.label.startsWith(`status ${terminalStatus}`));
      if (ended) {
        const lead = await world.db.selectFrom('leads').select('state').where('id', '=', 1).executeTakeFirstOrThrow();
        expect(lead.state, log.join(' | ')).not.toBe('calling');
      }
    }
    return { world, expected, log };
  } catch (error) {
    await world.close();
    throw error;
  }
}

async function dueAt(world: Awaited<ReturnType<typeof createWorld>>, iso: string): Promise<boolean> {
  const lead = await world.db.selectFrom('leads').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const meeting = await world.db.selectFrom('meeting_requests').selectAll().executeTakeFirstOrThrow();
  const dnc = await world.db.selectFrom('do_not_call').select('phone').where('phone', '=', lead.phone).executeTakeFirst();
  // As a simulated tick would judge it (no consent needed), on the same clock for the lease.
  const decision = evaluateLead(
    { ...lead, on_do_not_call: dnc !== undefined, called_elsewhere: false },
    {
      now: DateTime.fromISO(iso, { zone: 'utc' }),
      meeting: { status: meeting.status, window_end: meeting.window_end },
      rules: { ...world.ctx.config.dialing, requireConsent: false, lease: { realNow: iso, leaseMs: 10 * 60_000 } },
    },
  );
  return decision.eligible;
}

describe('webhooks in any order', () => {
  it('leave the lead where the model of the rules says, with each turn and its slots stored once', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const { world, expected, log } = await play(s);
        try {
          const why = `${JSON.stringify(expected)}\n${log.join(' | ')}`;
          const snap = await world.snapshot();
          const lead = snap.leads[0];
          expect(lead?.state, why).toBe(expected.state);
          if (s.terminalSent) expect(lead?.state, why).not.toBe('calling');
          if (expected.state !== 'calling') expect(lead?.next_attempt_at, why).toBe(expected.retry ? RETRY_AT : null);
          // Each turn once; the slots are those of the last read-back still standing, once each.
          expect(
            snap.turns.map((t) => t.turn),
            why,
          ).toEqual(Array.from({ length: expected.turns }, (_, i) => i + 1));
          expect(
            snap.slots.map((x) => x.turn),
            why,
          ).toEqual(expected.slotsTurn === null ? [] : [expected.slotsTurn]);
          expect(
            snap.dnc.map((d) => d.phone),
            why,
          ).toEqual(expected.optedOut ? [PHONE] : []);
          // Never dialed again after a no; dialed again (inside hours, after the delay) when the model retries.
          const later = ['2026-03-10T15:00:00Z', '2026-03-12T19:00:00Z'];
          for (const at of later) expect(await dueAt(world, at), `${why}\nat ${at}`).toBe(expected.retry);
          if (['opted_out', 'not_interested'].includes(expected.state)) expect(await dueAt(world, NOW)).toBe(false);
        } finally {
          await world.close();
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
