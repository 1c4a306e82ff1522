// Many hosts on one database (issue 12): three `serve --simulate` processes behind one public URL,
// the simulator sending each request of a call to the next of them as a load balancer would
// (CALLBOOK_SIMULATOR_WEBHOOK_URLS, signed on the public URL so any process checks it), and three
// `tick --simulate` processes dialing 200 leads at once. Whichever process answers which webhook:
// each lead is dialed once, every gather is stored once with the reply that went out, calls end
// with the status Twilio (the simulator) ended them with, and each lead is left in the state its
// call's facts give, nothing claimed or half-dialed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { isTerminalCallStatus } from '../../src/domain/call-status.js';
import { CALL_DERIVED_STATES, deriveLeadOutcome } from '../../src/domain/lead-outcome.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';
import { compileOnce, readWebhookLog, type SentWebhook, startTickHost } from '../helpers/many-hosts.js';
import { PUBLIC, type ServeProcess, startServeProcess } from '../helpers/serve-process.js';
import { createTickWorld, NOW } from '../helpers/tick-world.js';

const LEADS = 200;
const HOSTS = 3;
// Inside calling hours at NOW (Monday 15:00 UTC): 11:00, 10:00 and 15:00.
const ZONES = ['America/New_York', 'America/Chicago', 'Europe/London'];

async function campaign(url: string): Promise<void> {
  const world = await createTickWorld({ db: await openDatabase(url) });
  await world.addLeads(
    Array.from({ length: LEADS }, (_, i) => ({
      name: `Lead ${i}`,
      phone: `+1555660${String(i).padStart(4, '0')}`,
      timezone: ZONES[i % ZONES.length],
    })),
  );
  await world.close();
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

beforeAll(() => compileOnce(), 180_000);

for (const engine of ENGINES) {
  describe(`many hosts on ${engine}`, () => {
    let fresh: FreshDatabase | null = null;
    let serves: ServeProcess[] = [];
    let dir = '';
    afterEach(async () => {
      await Promise.all(serves.map((s) => s.stop()));
      serves = [];
      await fresh?.cleanup();
      fresh = null;
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = '';
    });

    it(`three serve processes answer each call's webhooks in turn while three ticks dial ${LEADS} leads: each dialed once, every gather stored once, every lead settled`, async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      dir = mkdtempSync(join(tmpdir(), 'callbook-many-hosts-'));
      await campaign(fresh.url);
      const db = fresh.url;
      const common = { CALLBOOK_NOW: NOW, PUBLIC_BASE_URL: PUBLIC, CALLBOOK_PG_POOL: '4' };
      // CALLBOOK_NOW, PUBLIC_BASE_URL and CALLBOOK_WEBHOOK_THREADS=0 are the helper's own.
      serves = await Promise.all(Array.from({ length: HOSTS }, () => startServeProcess(db, NOW, { CALLBOOK_PG_POOL: '4' })));
      const origins = serves.map((s) => s.url);
      const logs = origins.map((_, i) => join(dir, `webhooks-${i}.jsonl`));
      const hosts = await Promise.all(
        logs.map((log) =>
          startTickHost({
            db,
            env: { ...common, CALLBOOK_CPS: '100', CALLBOOK_SIMULATOR_WEBHOOK_URLS: origins.join(',') },
            maxCalls: 10,
            rounds: 40,
            log,
          }),
        ),
      );
      await Promise.all(serves.map((s) => s.stop()));
      serves = [];

      // Dialed: every lead once, by some tick, and every tick dialed some.
      const dialed = hosts.flatMap((ticks) => ticks.flatMap((t) => t.dialed.map((d) => d.lead_id)));
      expect(hosts.flatMap((ticks) => ticks.flatMap((t) => t.failed))).toEqual([]);
      expect(dialed).toHaveLength(LEADS);
      expect(new Set(dialed).size).toBe(LEADS);
      expect(hosts.every((ticks) => ticks.some((t) => t.dialed.length > 0))).toBe(true);

      const sent = logs.flatMap(readWebhookLog);
      // Every webhook went through: signed on the public URL, any process accepted it.
      expect(sent.filter((w) => w.status < 200 || w.status >= 300).map((w) => `${w.status} ${w.origin}${w.path}`)).toEqual([]);
      // The simulator's view: every number rang in one call only.
      const bySid = groupBy(sent, (w) => w.params.CallSid ?? '');
      const sidsPerNumber = groupBy([...bySid.values()], (ws) => ws[0]?.params.To ?? '');
      expect(sidsPerNumber.size).toBe(LEADS);
      expect([...sidsPerNumber.values()].filter((calls) => calls.length !== 1)).toEqual([]);
      // Round-robin: a call's next request goes to the next process; each process had its share.
      for (const ws of bySid.values()) {
        const order = ws.map((w) => origins.indexOf(w.origin));
        expect(order.slice(1).map((o, i) => (o - (order[i] ?? 0) + HOSTS) % HOSTS)).toEqual(order.slice(1).map(() => 1));
      }
      const perProcess = groupBy(sent, (w) => w.origin);
      expect([...perProcess.keys()].sort()).toEqual([...origins].sort());
      for (const ws of perProcess.values()) {
        expect(ws.length).toBeGreaterThan(sent.length / (2 * HOSTS));
        expect(ws.some((w) => w.path === '/twilio/voice/gather')).toBe(true);
      }

      const check = await openDatabase(db);
      try {
        const leads = await check.selectFrom('leads').selectAll().orderBy('id').execute();
        const calls = await check.selectFrom('calls').selectAll().orderBy('id').execute();
        const turns = await check.selectFrom('call_turns').selectAll().orderBy('id').execute();
        const slots = await check.selectFrom('participant_availability').select(['call_id']).execute();

        // One call per lead, one attempt each, under the CallSid the simulator used.
        expect(calls).toHaveLength(LEADS);
        expect(new Set(calls.map((c) => c.lead_id)).size).toBe(LEADS);
        expect(leads.filter((l) => l.attempts !== 1).map((l) => l.id)).toEqual([]);
        expect(new Set(calls.map((c) => c.call_sid))).toEqual(new Set(bySid.keys()));

        // Every gather sent is one stored turn, holding what was said and the reply that went out.
        const gathers = sent.filter((w) => w.path === '/twilio/voice/gather');
        expect(gathers.length).toBeGreaterThan(0);
        const turnKey = (callId: number | string, turn: number | string) => `${callId}/${turn}`;
        const stored = groupBy(turns, (t) => turnKey(t.call_id, t.turn));
        expect([...stored.values()].filter((rows) => rows.length > 1)).toEqual([]);
        expect(turns).toHaveLength(gathers.length);
        for (const g of gathers) {
          const row = stored.get(turnKey(g.query.callId ?? '', g.query.turn ?? ''))?.[0];
          const digits = (g.params.Digits ?? '').trim();
          expect(row?.input).toBe(digits ? `digits:${digits}` : (g.params.SpeechResult ?? '').trim());
          expect(row?.response).toBe(g.reply);
        }

        const byId = new Map(leads.map((l) => [l.id, l]));
        const turnsOf = groupBy(turns, (t) => String(t.call_id));
        const slotsOf = groupBy(slots, (s) => String(s.call_id));
        for (const call of calls) {
          const ws = bySid.get(call.call_sid ?? '') ?? [];
          // The call ends as the simulator ended it, however late and disordered its callbacks came.
          const statuses = ws.filter((w) => w.path === '/twilio/status');
          const last = statuses.reduce<SentWebhook | undefined>(
            (a, w) => (Number(w.params.SequenceNumber) > Number(a?.params.SequenceNumber ?? -1) ? w : a),
            undefined,
          );
          expect(isTerminalCallStatus(call.status)).toBe(true);
          expect(call.status).toBe(last?.params.CallStatus);
          expect((turnsOf.get(String(call.id)) ?? []).length).toBe(ws.filter((w) => w.path === '/twilio/voice/gather').length);
          // The lead is what all its call's facts give: settling it again from them changes nothing.
          const lead = byId.get(call.lead_id);
          if (!lead) throw new Error(`call ${call.id} has no lead`);
          expect([...CALL_DERIVED_STATES.filter((s) => s !== 'calling'), 'opted_out']).toContain(lead.state);
          expect({ claim_token: lead.claim_token, claimed_at: lead.claimed_at, dialing_call_id: lead.dialing_call_id }).toEqual({
            claim_token: null,
            claimed_at: null,
            dialing_call_id: null,
          });
          const facts = {
            status: call.status,
            answered_by: call.answered_by,
            outcome: call.outcome,
            turns: (turnsOf.get(String(call.id)) ?? []).length,
            slots: (slotsOf.get(String(call.id)) ?? []).length,
            ended_at: call.ended_at,
            error_message: call.error_message,
            latest: true,
          };
          const current = {
            state: lead.state,
            outcome_detail: lead.outcome_detail,
            next_attempt_at: lead.next_attempt_at,
            claim_token: lead.claim_token,
            claimed_at: lead.claimed_at,
          };
          expect(deriveLeadOutcome({ ...current, attempts: lead.attempts }, facts, { maxAttempts: 3, retryDelayMinutes: 60 }, NOW)).toEqual(
            current,
          );
        }
      } finally {
        await check.destroy();
      }
    }, 120_000);
  });
}
