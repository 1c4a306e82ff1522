// The demo's closing check: no lead left in `calling`, none called more often than its attempts.
import { describe, expect, it } from 'vitest';
import { assertInvariants, checkDemoInvariants, DemoInvariantError, findInvariantViolations } from '../../src/services/demo/invariants.js';
import { runDemo } from '../../src/services/demo/run.js';
import { createWorld } from '../helpers/world.js';

const sid = (n: number) => `CA${String(n).padStart(32, '0')}`;

describe('demo invariants', () => {
  it('catches a lead left in calling and a lead dialed twice for one attempt, with the counts', () => {
    const leads = [
      { id: 1, state: 'responded', attempts: 1 },
      { id: 2, state: 'calling', attempts: 1 },
      { id: 3, state: 'no_answer', attempts: 1 },
    ];
    const calls = [
      { lead_id: 1, call_sid: sid(1) },
      { lead_id: 2, call_sid: sid(2) },
      { lead_id: 3, call_sid: sid(3) },
      { lead_id: 3, call_sid: sid(4) },
    ];
    expect(findInvariantViolations(leads, calls)).toEqual({
      calling: [2],
      overDialed: [{ lead_id: 3, calls: 2, attempts: 1 }],
    });
    expect(() => assertInvariants(leads, calls)).toThrow(DemoInvariantError);
    expect(() => assertInvariants(leads, calls)).toThrow(
      'demo invariant broken: 1 of 3 leads left in calling (lead 2); 1 of 3 leads called more often than their attempts (lead 3: 2 calls for 1 attempts)',
    );
  });

  it('does not count a call the provider never took (a claim given back) as a dial', () => {
    const leads = [{ id: 1, state: 'no_answer', attempts: 1 }];
    const calls = [
      { lead_id: 1, call_sid: null },
      { lead_id: 1, call_sid: sid(1) },
    ];
    expect(() => assertInvariants(leads, calls)).not.toThrow();
  });

  it('reads the rows from the database: a lead whose call never ended fails the check', async () => {
    const world = await createWorld();
    try {
      await world.startCall(1, sid(1));
      await expect(checkDemoInvariants(world.ctx, world.meeting.id)).rejects.toThrow('1 of 2 leads left in calling (lead 1)');
      // The call ends: the lead is settled and the check passes.
      await world.post('/twilio/status?callId=1', { CallSid: sid(1), AccountSid: 'AC1', CallStatus: 'no-answer', SequenceNumber: '2' });
      await expect(checkDemoInvariants(world.ctx, world.meeting.id)).resolves.toBeUndefined();
    } finally {
      await world.close();
    }
  });

  it('a clean demo run passes the check it ends with', async () => {
    const result = await runDemo({ leads: 12, seed: 9, dbPath: null, now: null, parallel: 4 });
    expect(result.leads.filter((l) => l.state === 'calling')).toEqual([]);
    expect(result.stats.calls).toBeGreaterThanOrEqual(12);
  });
});
