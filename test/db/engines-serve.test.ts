// `serve` on each engine, in a process of its own as in production, answering the simulator's
// calls that `tick --simulate` places: every webhook written and durable before its reply, each
// turn stored once, the calls and leads settled. (In one process, a synchronous PostgreSQL
// webhook waiting on a row lock that the same process's tick holds would stall them both.)
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { SIMULATOR_AUTH_TOKEN } from '../../src/services/telephony-factory.js';
import { compileForTests, TEST_BUILD } from '../helpers/build.js';
import { MEETING_FLAGS } from '../helpers/cli.js';
import { ENGINES, type EngineSandbox, engineSandbox } from '../helpers/engines.js';
import { freePort } from '../helpers/serve-process.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Compiled under node_modules so the output resolves the project's dependencies, without touching dist/.
const DIST = TEST_BUILD;
const NOW = '2026-03-09T15:00:00Z'; // Monday: 11:00 in New York, 08:00 in Los Angeles
const SID = 'CA0000000000000000000000000000beef';
const PUBLIC = 'https://cb.example.test';

async function startServeProcess(
  db: string,
  env: Record<string, string> = {},
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const main = join(DIST, 'src/cli/main.js');
  const code = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code, 'serve', '--simulate', '--port', String(port), '--db', db], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CALLBOOK_NOW: NOW, CALLBOOK_WEBHOOK_THREADS: '0', ...env },
  });
  let err = '';
  child.stderr?.on('data', (chunk) => (err += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${err}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((ok) => {
        child.once('close', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

beforeAll(() => {
  // One compiled copy for the whole suite; tsc still emits when another file is mid-edit, so check what we need.
  compileForTests(ROOT);
  if (!existsSync(join(DIST, 'src/cli/main.js'))) throw new Error(`the build did not produce ${DIST}/src/cli/main.js`);
}, 180_000);

for (const engine of ENGINES) {
  describe(`serve on ${engine}`, () => {
    let cli: EngineSandbox;
    beforeAll(async () => {
      cli = await engineSandbox(engine, import.meta.url, { CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: '0' });
      expect((await cli.run(MEETING_FLAGS)).code).toBe(0);
      const leads = [
        'Ana Ruiz,+15551230001,,America/New_York',
        'Bob Lee,+15551230002,,America/Los_Angeles',
        'Cy Diaz,+15551230003,,Europe/London',
      ];
      expect((await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'w', ...leads.flatMap((l) => ['--lead', l])])).code).toBe(0);
    });
    afterAll(async () => cli.cleanup());

    it("answers the simulator's calls from tick --simulate: each turn stored once, calls and leads settled", async () => {
      const serve = await startServeProcess(cli.url);
      try {
        const r = await cli.run(['tick', '--simulate', '--json'], { env: { PUBLIC_BASE_URL: serve.url, CALLBOOK_CPS: '50' } });
        expect(r.code, r.stderr).toBe(0);
        expect(r.json().dialed.map((c: { name: string }) => c.name)).toEqual(['Ana Ruiz', 'Cy Diaz']);
      } finally {
        await serve.stop();
      }
      const states = (await cli.run(['campaign', 'show', '1', '--json'])).json().states;
      expect(states.calling).toBeUndefined();
      expect(states.pending).toBe(1);
      const listed = (await cli.run(['calls', 'list', '--json'])).json();
      const { calls } = listed;
      expect(calls).toHaveLength(2);
      for (const call of calls) {
        // The simulator picks how each call goes (answered, busy, …); whichever, it ended.
        expect(['completed', 'busy', 'no-answer', 'failed', 'canceled']).toContain(call.status);
        const shown = (await cli.run(['calls', 'show', String(call.id), '--json'])).json();
        const said = shown.transcript
          .filter((line: { speaker: string; turn: number | null }) => line.speaker === 'lead')
          .map((l: { turn: number }) => l.turn);
        // What the lead said, once per turn, in order.
        expect(said.length).toBe(call.turns);
        expect(said).toEqual([...said].sort((a: number, b: number) => a - b));
        expect(new Set(said).size).toBe(said.length);
      }
    }, 60_000);

    it('two serve processes take a gather and its replay at the same moment: the turn is stored once, both answer alike', async () => {
      // The call as a tick leaves it once Twilio has it; lead 2 (Bob) was not dialed above.
      const db = await openDatabase(cli.url);
      const at = '2026-03-09T15:00:00.000Z';
      const call = await db
        .insertInto('calls')
        .values({
          lead_id: 2,
          meeting_request_id: 1,
          provider: 'simulator',
          call_sid: SID,
          status: 'in-progress',
          script: 'Hello, when are you free?',
          turn: 1,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.updateTable('leads').set({ state: 'calling', attempts: 1 }).where('id', '=', 2).execute();
      await db.destroy();
      // Signatures are over the public URL, so either process checks them alike.
      const env = { PUBLIC_BASE_URL: PUBLIC };
      const [a, b] = await Promise.all([startServeProcess(cli.url, env), startServeProcess(cli.url, env)]);
      try {
        const path = `/twilio/voice/gather?callId=${call.id}&turn=1`;
        const params = {
          CallSid: SID,
          AccountSid: 'AC123',
          CallStatus: 'in-progress',
          SpeechResult: 'tuesday morning',
          Confidence: '0.9',
          Digits: '',
        };
        const signature = twilio.getExpectedTwilioSignature(SIMULATOR_AUTH_TOKEN, PUBLIC + path, params);
        const send = (base: string) =>
          fetch(base + path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
            body: new URLSearchParams(params).toString(),
          }).then(async (r) => ({ status: r.status, body: await r.text() }));
        const [first, second] = await Promise.all([send(a.url), send(b.url)]);
        expect(first.status).toBe(200);
        expect(second.status).toBe(200);
        expect(second.body).toBe(first.body);
        expect(first.body).toContain('turn=2');
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      const check = await openDatabase(cli.url);
      try {
        const turns = await check.selectFrom('call_turns').select(['turn']).where('call_id', '=', call.id).execute();
        expect(turns).toEqual([{ turn: 1 }]);
        const slots = await check.selectFrom('participant_availability').select('turn').where('call_id', '=', call.id).execute();
        expect(slots.length).toBeGreaterThan(0);
        expect(slots.every((r) => r.turn === 1)).toBe(true);
        const row = await check.selectFrom('calls').select(['turn']).where('id', '=', call.id).executeTakeFirstOrThrow();
        expect(row.turn).toBe(2);
      } finally {
        await check.destroy();
      }
    }, 60_000);
  });
}
