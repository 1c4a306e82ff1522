import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../../src/telephony/simulator/simulator.js';
import { createSimulator } from '../../../src/telephony/simulator/simulator.js';
import type { SimEvent, SimulatedLead } from '../../../src/telephony/simulator/types.js';
import type { PlaceCallRequest } from '../../../src/telephony/types.js';
import { TelephonyError } from '../../../src/telephony/types.js';
import type { FakeServer } from './fake-server.js';
import { startFakeServer, TOKEN } from './fake-server.js';

let server: FakeServer;

beforeAll(async () => {
  server = await startFakeServer();
});

afterAll(async () => {
  await server.close();
});

function request(callId: number, to = `+1555000${String(1000 + callId)}`): PlaceCallRequest {
  return {
    callId,
    to,
    from: '+15557654321',
    answerUrl: `${server.base}/twilio/voice?callId=${callId}`,
    statusCallbackUrl: `${server.base}/twilio/status?callId=${callId}`,
    machineDetection: true,
    ringTimeoutSeconds: 20,
  };
}

/** Runs calls on a fresh simulator and returns what it emitted. */
async function runCalls(leads: SimulatedLead[], options: Partial<SimulatorOptions> = {}, ids?: number[]) {
  const events: SimEvent[] = [];
  const byNumber = new Map(leads.map((lead, i) => [request(ids?.[i] ?? i + 1).to, lead]));
  const sim = createSimulator({
    authToken: TOKEN,
    seed: 7,
    leadFor: (to) => byNumber.get(to) ?? { behaviour: 'failed', replies: [] },
    onEvent: (e) => events.push(e),
    now: () => new Date('2026-03-05T15:00:00Z'),
    startDelayMs: 0,
    ...options,
  });
  const placed = [];
  for (const [i] of leads.entries()) placed.push(await sim.placeCall(request(ids?.[i] ?? i + 1)));
  await sim.whenIdle();
  const requests = events.filter((e): e is Extract<SimEvent, { type: 'request' }> => e.type === 'request');
  return { sim, events, requests, placed };
}

describe('createSimulator', () => {
  it('returns a seeded queued CallSid at once', async () => {
    const { placed, sim } = await runCalls([{ behaviour: 'busy', replies: [] }]);
    expect(sim.kind).toBe('simulator');
    expect(placed[0]?.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(placed[0]?.status).toBe('queued');
  });

  it('plays an answered call: signed answer and gathers with query strings, read-back, goodbye', async () => {
    const lead: SimulatedLead = { behaviour: 'answer', replies: [{ speech: 'uh tuesday morning works' }, { digits: '1' }] };
    const { sim, requests, events } = await runCalls([lead], { statusDisorder: false }, [11]);
    expect(sim.stats.errors).toBe(0);
    expect(sim.stats.rejected).toBe(0);
    const convo = requests.filter((r) => r.kind !== 'status');
    expect(convo.map((r) => [r.kind, r.url.replace(server.base, '')])).toEqual([
      ['answer', '/twilio/voice?callId=11'],
      ['gather', '/twilio/voice/gather?callId=11&turn=1'],
      ['gather', '/twilio/voice/gather?callId=11&turn=2'],
    ]);
    expect(convo.every((r) => r.status === 200)).toBe(true);
    expect(convo[0]?.params).toMatchObject({ CallStatus: 'in-progress', AnsweredBy: 'human', Direction: 'outbound-api' });
    expect(convo[1]?.params.SpeechResult).toBe('uh tuesday morning works');
    expect(Number(convo[1]?.params.Confidence)).toBeGreaterThan(0.5);
    expect(convo[2]?.params.Digits).toBe('1');
    const gathers = server.received.filter((r) => r.path === '/twilio/voice/gather' && r.query.callId === '11');
    expect(gathers.map((g) => g.query.turn)).toEqual(['1', '2']);
    const said = events.flatMap((e) => (e.type === 'say' ? [e.text] : []));
    expect(said[0]).toContain('Acme & Co.');
    expect(said).toContain('I heard uh tuesday morning works.');
    expect(said.at(-1)).toBe('Great, thanks. Goodbye!');
  });

  it('sends an empty SpeechResult for silence, then the next reply', async () => {
    const lead: SimulatedLead = { behaviour: 'answer', replies: [{ silence: true }, { speech: 'yes' }] };
    const { requests, sim } = await runCalls([lead], { statusDisorder: false }, [12]);
    const gathers = requests.filter((r) => r.kind === 'gather');
    expect(gathers[0]?.params).toHaveProperty('SpeechResult', '');
    expect(gathers[0]?.params).not.toHaveProperty('Confidence');
    expect(gathers[1]?.url).toContain('turn=2');
    expect(sim.stats.rejected).toBe(0);
  });

  it('follows a Redirect', async () => {
    const lead: SimulatedLead = { behaviour: 'answer', replies: [{ digits: '9' }] };
    const { requests } = await runCalls([lead], { statusDisorder: false }, [99]);
    expect(requests.filter((r) => r.kind !== 'status').map((r) => r.kind)).toEqual(['answer', 'redirect', 'gather']);
    expect(requests.find((r) => r.kind === 'redirect')?.status).toBe(200);
  });

  it('sends status callbacks in order with increasing SequenceNumbers when disorder is off', async () => {
    const lead: SimulatedLead = { behaviour: 'answer', replies: [{ speech: 'yes' }] };
    const { requests } = await runCalls([lead], { statusDisorder: false }, [13]);
    const statuses = requests.filter((r) => r.kind === 'status');
    expect(statuses.map((s) => [s.params.CallStatus, s.params.SequenceNumber])).toEqual([
      ['initiated', '0'],
      ['ringing', '1'],
      ['in-progress', '2'],
      ['completed', '3'],
    ]);
    const completed = statuses[3]?.params ?? {};
    expect(Number(completed.CallDuration)).toBeGreaterThan(0);
    expect(completed.Timestamp).toMatch(/^Thu, 05 Mar 2026 15:00:\d\d \+0000$/);
    expect(completed.AccountSid).toMatch(/^AC[0-9a-f]{32}$/);
    expect(statuses.every((s) => s.status === 200)).toBe(true);
  });

  it('duplicates and reorders status callbacks when disorder is on, keeping true sequence numbers', async () => {
    const leads: SimulatedLead[] = Array.from({ length: 12 }, () => ({ behaviour: 'answer', replies: [{ speech: 'yes' }] }));
    const ids = leads.map((_, i) => 200 + i);
    const { requests, sim } = await runCalls(leads, {}, ids);
    expect(sim.stats.rejected).toBe(0);
    let duplicates = 0;
    let outOfOrder = 0;
    for (const sid of new Set(requests.map((r) => r.callSid))) {
      const seqs = requests.filter((r) => r.kind === 'status' && r.callSid === sid).map((r) => Number(r.params.SequenceNumber));
      expect([...new Set(seqs)].sort()).toEqual([0, 1, 2, 3]);
      duplicates += seqs.length - new Set(seqs).size;
      if (seqs.some((s, i) => i > 0 && s < (seqs[i - 1] ?? 0))) outOfOrder++;
      const completed = requests.find((r) => r.callSid === sid && r.params.CallStatus === 'completed');
      expect(completed?.params.SequenceNumber).toBe('3');
    }
    expect(duplicates).toBeGreaterThan(0);
    expect(outOfOrder).toBeGreaterThan(0);
    expect(sim.stats.duplicateCallbacks).toBe(duplicates);
  });

  it('leaves a voicemail when a machine answers', async () => {
    const { requests } = await runCalls([{ behaviour: 'voicemail', replies: [] }], { statusDisorder: false }, [14]);
    const answer = requests.find((r) => r.kind === 'answer');
    expect(answer?.params.AnsweredBy).toBe('machine_end_beep');
    expect(requests.filter((r) => r.kind === 'gather')).toEqual([]);
    expect(requests.filter((r) => r.kind === 'status').map((r) => r.params.CallStatus)).toEqual([
      'initiated',
      'ringing',
      'in-progress',
      'completed',
    ]);
  });

  it.each([
    ['no-answer', ['initiated', 'ringing', 'no-answer']],
    ['busy', ['initiated', 'busy']],
    ['failed', ['failed']],
  ] as const)('%s sends only status callbacks', async (behaviour, expected) => {
    const { requests } = await runCalls([{ behaviour, replies: [] }], { statusDisorder: false }, [15]);
    expect(requests.every((r) => r.kind === 'status')).toBe(true);
    expect(requests.map((r) => r.params.CallStatus)).toEqual(expected);
    expect(requests.at(-1)?.params.CallDuration).toBe('0');
  });

  it('replays the same calls for the same seed', async () => {
    const leads: SimulatedLead[] = [
      { behaviour: 'answer', replies: [{ speech: 'friday after two' }, { speech: 'yes' }] },
      { behaviour: 'voicemail', replies: [] },
      { behaviour: 'no-answer', replies: [] },
    ];
    // Each call's own sequence is fixed by the seed; how concurrent calls interleave on the wire is not.
    const summarize = (rs: Awaited<ReturnType<typeof runCalls>>['requests']) => {
      const perCall = new Map<string, string[][]>();
      for (const r of rs) {
        const row = [r.kind, r.url, r.params.CallStatus ?? '', r.params.SequenceNumber ?? '', r.params.Confidence ?? ''];
        perCall.set(r.callSid, [...(perCall.get(r.callSid) ?? []), row]);
      }
      return perCall;
    };
    const ids = [300, 301, 302];
    const first = await runCalls(leads, { seed: 123 }, ids);
    const second = await runCalls(leads, { seed: 123 }, ids);
    const other = await runCalls(leads, { seed: 124 }, ids);
    expect(summarize(second.requests)).toEqual(summarize(first.requests));
    expect(second.placed).toEqual(first.placed);
    expect(other.placed[0]?.sid).not.toBe(first.placed[0]?.sid);
  });

  it('with concurrency 1, replays the exact same wire order', async () => {
    const leads: SimulatedLead[] = [
      { behaviour: 'answer', replies: [{ speech: 'monday after ten' }, { digits: '1' }] },
      { behaviour: 'busy', replies: [] },
      { behaviour: 'answer', replies: [{ silence: true }, { speech: 'yes' }] },
    ];
    const ids = [310, 311, 312];
    const wire = (rs: Awaited<ReturnType<typeof runCalls>>['requests']) =>
      rs.map((r) => `${r.callSid} ${r.kind} ${r.params.CallStatus} ${r.params.SequenceNumber ?? ''}`);
    const first = await runCalls(leads, { seed: 5, concurrency: 1 }, ids);
    const second = await runCalls(leads, { seed: 5, concurrency: 1 }, ids);
    expect(wire(second.requests)).toEqual(wire(first.requests));
    // One call at a time: a call's first request comes after the previous call's last.
    const order = [...new Set(first.requests.map((r) => r.callSid))];
    expect(order).toEqual(first.placed.map((p) => p.sid));
    const lastOfFirst = first.requests.findLastIndex((r) => r.callSid === order[0]);
    const firstOfSecond = first.requests.findIndex((r) => r.callSid === order[1]);
    expect(lastOfFirst).toBeLessThan(firstOfSecond);
  });

  it('records rejected signatures instead of throwing', async () => {
    const { sim, placed } = await runCalls([{ behaviour: 'answer', replies: [] }], { authToken: 'wrong', statusDisorder: false }, [16]);
    expect(placed).toHaveLength(1);
    expect(sim.stats.rejected).toBeGreaterThan(0);
    expect(sim.stats.errors).toBe(sim.stats.rejected);
    expect(sim.stats.answerRequests).toBe(1);
    expect(sim.stats.gatherRequests).toBe(0);
    expect(sim.stats.callsFinished).toBe(1);
  });

  it('records an unreachable server instead of throwing', async () => {
    const sim = createSimulator({
      authToken: TOKEN,
      seed: 1,
      leadFor: () => ({ behaviour: 'answer', replies: [] }),
      statusDisorder: false,
      startDelayMs: 0,
      fetch: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')),
    });
    await sim.placeCall(request(17));
    await sim.whenIdle();
    expect(sim.stats.errors).toBeGreaterThan(0);
    expect(sim.stats.errorSamples[0]).toContain('ECONNREFUSED');
  });

  it('rejects a To number that is not E.164 like Twilio (21211)', async () => {
    const sim = createSimulator({ authToken: TOKEN, seed: 1, leadFor: () => ({ behaviour: 'answer', replies: [] }) });
    const err = await sim.placeCall(request(18, '555-1234')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelephonyError);
    expect(err).toMatchObject({ code: 21211, retryable: false });
    await sim.whenIdle();
  });
});
