import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

let cli: CliSandbox;
beforeEach(async () => {
  cli = createCliSandbox();
  await cli.run(MEETING_FLAGS);
  await cli.run([
    'campaign',
    'add',
    '--meeting',
    '1',
    '--name',
    'March',
    '--lead',
    'Ana Ruiz,(212) 555-0101,ana@example.com,America/New_York,web form,2026-02-01',
    '--lead',
    'Ben Ode,(212) 555-0102,,America/Chicago',
    '--consent',
    'paper form 2026-01-20',
  ]);
});
afterEach(() => cli.cleanup());

/** Lead 1 was called twice: no answer, then an answer with two turns (one understood as a slot). */
async function withHistory(options: { liveCall?: boolean; claimed?: boolean } = {}) {
  const db = await openDatabase(cli.dbPath);
  const base = {
    meeting_request_id: 1,
    lead_id: 1,
    provider: 'simulator',
    last_sequence: null,
    script: 'Hello',
    error_code: null,
    error_message: null,
    checks: null,
  };
  await db
    .insertInto('calls')
    .values([
      {
        ...base,
        call_sid: 'CA1',
        status: 'no-answer',
        answered_by: null,
        outcome: null,
        local_time_at_dial: '2026-03-04T10:00 America/New_York',
        duration_seconds: 0,
        created_at: '2026-03-04T15:00:00.000Z',
        updated_at: '2026-03-04T15:01:00.000Z',
        ended_at: '2026-03-04T15:01:00.000Z',
      },
      {
        ...base,
        call_sid: 'CA2',
        status: 'completed',
        answered_by: 'human',
        outcome: 'responded',
        local_time_at_dial: '2026-03-05T06:50 America/New_York',
        duration_seconds: 64,
        created_at: '2026-03-05T11:50:00.000Z',
        updated_at: '2026-03-05T11:52:00.000Z',
        ended_at: '2026-03-05T11:52:00.000Z',
      },
    ])
    .execute();
  await db
    .insertInto('call_turns')
    .values([
      {
        call_id: 2,
        turn: 1,
        input: 'tuesday at ten',
        intent: 'availability',
        parser_source: 'heuristic',
        response: '<Response/>',
        created_at: '2026-03-05T11:51:00.000Z',
      },
      {
        call_id: 2,
        turn: 2,
        input: 'digits:1',
        intent: 'confirmed',
        parser_source: 'none',
        response: '<Response/>',
        created_at: '2026-03-05T11:51:30.000Z',
      },
    ])
    .execute();
  await db
    .insertInto('participant_availability')
    .values({
      meeting_request_id: 1,
      lead_id: 1,
      start_utc: '2026-03-10T14:00:00.000Z',
      end_utc: '2026-03-10T15:00:00.000Z',
      source: 'call',
      call_id: 2,
      turn: 1,
      raw_text: 'tuesday at ten',
      created_at: '2026-03-05T11:51:00.000Z',
    })
    .execute();
  await db.updateTable('leads').set({ state: 'responded', attempts: 2, outcome_detail: 'gave times' }).where('id', '=', 1).execute();
  if (options.liveCall) {
    await db
      .insertInto('calls')
      .values({
        ...base,
        call_sid: 'CA3',
        status: 'ringing',
        answered_by: null,
        outcome: null,
        local_time_at_dial: null,
        duration_seconds: null,
        created_at: '2026-03-05T11:58:00.000Z',
        updated_at: '2026-03-05T11:58:00.000Z',
        ended_at: null,
      })
      .execute();
    await db.updateTable('leads').set({ state: 'calling', attempts: 3 }).where('id', '=', 1).execute();
  }
  if (options.claimed)
    await db
      .updateTable('leads')
      .set({ state: 'calling', claim_token: 'tick-1:pending', claimed_at: '2026-03-05T11:59:00.000Z' })
      .where('id', '=', 1)
      .execute();
  await db.destroy();
}

describe('lead show', () => {
  it('shows state, attempts, consent and every call with its outcome and transcript', async () => {
    await withHistory();
    const r = await cli.run(['lead', 'show', '1', '--json']);
    expect(r.code).toBe(0);
    const lead = r.json();
    expect(lead).toMatchObject({
      id: 1,
      name: 'Ana Ruiz',
      phone: '+12125550101',
      state: 'responded',
      attempts: 2,
      detail: 'gave times',
      consent: { source: 'web form', at: '2026-02-01T05:00:00.000Z' },
      do_not_call: null,
    });
    expect(lead.calls.map((c: { status: string; outcome: string | null }) => [c.status, c.outcome])).toEqual([
      ['no-answer', null],
      ['completed', 'responded'],
    ]);
    expect(lead.calls[1].turns).toEqual([
      {
        turn: 1,
        input: 'tuesday at ten',
        intent: 'availability',
        parser_source: 'heuristic',
        created_at: '2026-03-05T11:51:00.000Z',
        understood: [{ start: '2026-03-10T10:00:00.000-04:00', end: '2026-03-10T11:00:00.000-04:00' }],
      },
      { turn: 2, input: 'digits:1', intent: 'confirmed', parser_source: 'none', created_at: '2026-03-05T11:51:30.000Z', understood: [] },
    ]);
    const human = await cli.run(['lead', 'show', '1']);
    expect(human.stdout).toContain('state: responded (gave times); attempts: 2');
    expect(human.stdout).toContain('consent: web form, Sun 1 Feb, 00:00 EST');
    expect(human.stdout).toContain('Call 2 at Thu 5 Mar, 06:50 EST: completed, outcome responded, answered by human');
    expect(human.stdout).toContain('1. "tuesday at ten" → availability: Tue 10 Mar, 10:00–11:00 EDT (heuristic)');
  });

  it('says when a lead has no consent and no calls, and escapes a stored control character', async () => {
    const db = await openDatabase(cli.dbPath);
    await db.updateTable('leads').set({ name: 'Ben\x1b[2J Ode', consent_source: null, consent_at: null }).where('id', '=', 2).execute();
    await db.destroy();
    const r = await cli.run(['lead', 'show', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Lead 2 Ben\\u001b[2J Ode');
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout).toContain('consent: none recorded');
    expect(r.stdout).toContain('no calls yet');
  });

  it.each([
    [['lead', 'show', '9'], 3, 'lead 9 does not exist'],
    [['lead', 'show', 'abc'], 2, 'id: expected a positive whole number id, got "abc"'],
    [['lead', 'reset', '0'], 2, 'id: expected a positive whole number id, got "0"'],
    [['lead', 'remove', '9'], 3, 'lead 9 does not exist'],
  ])('%j exits %i', async (args, code, message) => {
    const r = await cli.run(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
  });
});

describe('lead reset', () => {
  it('puts a lead back to pending, keeping attempts unless --attempts', async () => {
    await withHistory();
    const r = await cli.run(['lead', 'reset', '1', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      previous_state: 'responded',
      previous_attempts: 2,
      lead: { state: 'pending', attempts: 2, detail: null, next_attempt_at: null },
    });
    const again = await cli.run(['lead', 'reset', '1', '--attempts']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Lead 1 Ana Ruiz: pending → pending, attempts 2 → 0');
    expect((await cli.run(['lead', 'show', '1', '--json'])).json()).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('refuses while a call is in progress or a tick holds the claim, changing nothing', async () => {
    await withHistory({ liveCall: true });
    const r = await cli.run(['lead', 'reset', '1', '--attempts']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('lead 1 has a call in progress (call 3, ringing)');
    expect((await cli.run(['lead', 'show', '1', '--json'])).json()).toMatchObject({ state: 'calling', attempts: 3 });
    const removed = await cli.run(['lead', 'remove', '1', '--json']);
    expect(removed.code).toBe(4);
    expect(removed.json().error.kind).toBe('conflict');
  });

  it('refuses, however old, while a call that never got an id from the provider awaits reconciliation', async () => {
    await withHistory();
    const db = await openDatabase(cli.dbPath);
    const call = await db.selectFrom('calls').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    await db
      .insertInto('calls')
      .values({ ...call, id: undefined, call_sid: null, status: 'unknown', created_at: '2026-03-04T09:00:00.000Z', ended_at: null })
      .execute();
    await db.destroy();
    const r = await cli.run(['lead', 'reset', '1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('lead 1 has a call in progress (call 3, unknown)');
  });

  it('refuses while a tick holds the claim', async () => {
    await withHistory({ claimed: true });
    const r = await cli.run(['lead', 'reset', '1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('lead 1 is being dialed by a tick right now');
  });

  it('unsticks a lead left in calling by a call that never got its final status', async () => {
    await withHistory({ liveCall: true });
    const r = await cli.run(['lead', 'reset', '1', '--json'], { env: { CALLBOOK_NOW: '2026-03-05T14:00:00Z' } });
    expect(r.code).toBe(0);
    expect(r.json().lead.state).toBe('pending');
  });

  it('keeps a number on the do-not-call list undialed', async () => {
    await cli.run(['dnc', 'add', '(212) 555-0101', '--reason', 'asked by email']);
    const r = await cli.run(['lead', 'reset', '1']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('+12125550101 is on the do-not-call list (asked by email)');
    expect(r.stderr).toContain('callbook dnc remove +12125550101');
  });
});

describe('lead remove', () => {
  it('keeps the lead and its calls but takes it out of dialing for good', async () => {
    await withHistory();
    const r = await cli.run(['lead', 'remove', '1', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ previous_state: 'responded', lead: { id: 1, state: 'removed', detail: 'removed by an operator' } });
    const shown = (await cli.run(['lead', 'show', '1', '--json'])).json();
    expect(shown.calls).toHaveLength(2);
    expect((await cli.run(['campaign', 'show', '1', '--json'])).json().states).toEqual({ removed: 1, pending: 1 });
    const dry = await cli.run(['tick', '--meeting', '1', '--dry-run', '--json'], { env: { CALLBOOK_NOW: '2026-03-09T15:00:00Z' } });
    expect(dry.code).toBe(0);
    expect(dry.json().would_call.map((c: { lead_id: number }) => c.lead_id)).toEqual([2]);
    expect(JSON.stringify(dry.json().skipped)).toContain('removed');
  });
});
