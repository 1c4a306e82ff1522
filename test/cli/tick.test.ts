import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServe } from '../../src/services/serve.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

const NOW = '2026-03-09T15:00:00Z'; // Monday: 11:00 in New York, 08:00 in Los Angeles
let cli: CliSandbox;

beforeEach(async () => {
  // These leads come without consent records; the consent tests below turn the requirement back on.
  cli = createCliSandbox({ CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: '0' });
  expect((await cli.run(MEETING_FLAGS)).code).toBe(0);
  const add = await cli.run([
    'campaign',
    'add',
    '--meeting',
    '1',
    '--name',
    'wave',
    '--lead',
    'Ana Ruiz,+15551230001,,America/New_York',
    '--lead',
    'Bob Lee,+15551230002,,America/Los_Angeles',
    '--lead',
    'Cy Diaz,+15551230003,,Europe/London',
  ]);
  expect(add.code).toBe(0);
});
afterEach(() => cli.cleanup());

const states = async () => (await cli.run(['campaign', 'show', '1', '--json'])).json().states;

/** A port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('--simulate with no serve reachable', () => {
  it('tick refuses before claiming anyone, naming the URL and --port / --base-url (exit 6)', async () => {
    const port = await closedPort();
    const r = await cli.run(['tick', '--simulate', '--port', String(port), '--json']);
    expect(r.code).toBe(6);
    const { error } = r.json();
    expect(error.kind).toBe('config');
    expect(error.message).toContain(`cannot reach callbook serve at http://127.0.0.1:${port}/healthz`);
    expect(error.hint).toMatch(/--port.*--base-url/);
    expect(await states()).toEqual({ pending: 3 });
    const text = await cli.run(['tick', '--simulate', '--base-url', `http://127.0.0.1:${port}`]);
    expect(text.code).toBe(6);
    expect(text.stderr).toContain(`http://127.0.0.1:${port}/healthz`);
  });

  it('call refuses the same way, and the lead is untouched', async () => {
    const port = await closedPort();
    const r = await cli.run(['call', '--meeting', '1', '--lead', '1', '--simulate', '--base-url', `http://127.0.0.1:${port}/`, '--json']);
    expect(r.code).toBe(6);
    expect(r.json().error).toMatchObject({ kind: 'config', message: expect.stringContaining(`http://127.0.0.1:${port}/healthz`) });
    expect(await states()).toEqual({ pending: 3 });
  });

  it('validates --port and --base-url', async () => {
    expect((await cli.run(['tick', '--simulate', '--port', 'http'])).stderr).toContain('--port');
    const both = await cli.run(['call', '--meeting', '1', '--lead', '1', '--simulate', '--port', '1', '--base-url', 'http://x']);
    expect(both.code).toBe(2);
    const bad = await cli.run(['tick', '--simulate', '--base-url', 'localhost:8787']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base-url');
  });
});

describe('consent and the dry run (CALLBOOK_REQUIRE_CONSENT on)', () => {
  it('--dry-run names no_consent for real calls, and not with --simulate', async () => {
    const env = { CALLBOOK_REQUIRE_CONSENT: '1' };
    const real = (await cli.run(['tick', '--dry-run', '--json'], { env })).json();
    expect(real.would_call).toEqual([]);
    const group = real.skipped.find((g: { category: string }) => g.category === 'no_consent');
    // Consent is checked before calling hours: Bob, at 08:00 in Los Angeles, lacks it too.
    expect(group.count).toBe(3);
    expect(group.examples[0]).toEqual({ lead_id: 1, name: 'Ana Ruiz', reason: 'no consent on record (consent_source, consent_at)' });
    const text = await cli.run(['tick', '--dry-run'], { env });
    expect(text.stdout).toMatch(/3 {2}no consent on record/);
    const simulated = (await cli.run(['tick', '--dry-run', '--simulate', '--json'], { env })).json();
    expect(simulated.would_call.map((c: { name: string }) => c.name)).toEqual(['Ana Ruiz', 'Cy Diaz']);
  });

  it('rejects a CALLBOOK_REQUIRE_CONSENT that is not 1 or 0, and a bad CALLBOOK_MIN_HOURS_BETWEEN_CALLS', async () => {
    const r = await cli.run(['tick', '--dry-run'], { env: { CALLBOOK_REQUIRE_CONSENT: 'maybe', CALLBOOK_MIN_HOURS_BETWEEN_CALLS: '-1' } });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('CALLBOOK_REQUIRE_CONSENT: expected 1 or 0, got "maybe"');
    expect(r.stderr).toContain('CALLBOOK_MIN_HOURS_BETWEEN_CALLS: expected a number from 0 to 720, got "-1"');
  });
});

describe('callbook tick', () => {
  it('--dry-run shows who would be called and why the others wait, changing nothing', async () => {
    const text = await cli.run(['tick', '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('nothing was changed');
    expect(text.stdout).toMatch(/Ana Ruiz.*Mon 9 Mar, 11:00 EDT/);
    expect(text.stdout).toContain('outside calling hours (it is 08:00 in America/Los_Angeles)');
    const json = (await cli.run(['tick', '--dry-run', '--json'])).json();
    expect(json.would_call.map((c: { name: string }) => c.name)).toEqual(['Ana Ruiz', 'Cy Diaz']);
    expect(json.summary).toMatchObject({ leads: 3, due: 2, skipped: 1 });
    expect(await states()).toEqual({ pending: 3 });
  });

  it('refuses to dial without Twilio settings, naming them, and leaves every lead as it was', async () => {
    const r = await cli.run(['tick']);
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER');
    expect(await states()).toEqual({ pending: 3 });
  });

  it('validates its flags', async () => {
    const r = await cli.run(['tick', '--max-calls', 'lots']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-calls');
  });

  it('--simulate places the calls through the simulator against a running serve, and waits for them', async () => {
    const config = loadConfig({ DATABASE_URL: cli.dbPath, CALLBOOK_NOW: NOW });
    const server = await startServe(config, { port: 0, host: '127.0.0.1', simulate: true, log: () => {} });
    try {
      const r = await cli.run(['tick', '--simulate', '--json'], { env: { PUBLIC_BASE_URL: server.url, CALLBOOK_CPS: '50' } });
      expect(r.code).toBe(0);
      const result = r.json();
      expect(result.dialed.map((c: { name: string }) => c.name)).toEqual(['Ana Ruiz', 'Cy Diaz']);
      expect(result.dialed[0].call_sid).toMatch(/^CA[0-9a-f]{32}$/);
      // The command returned only once both simulated calls were over: nobody is still 'calling'.
      const after = await states();
      expect(after.calling).toBeUndefined();
      expect(after.pending).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('callbook call', () => {
  it('says why it will not call a lead outside calling hours (exit 4)', async () => {
    const r = await cli.run(['call', '--meeting', '1', '--lead', '2']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('not calling lead 2 (Bob Lee): outside calling hours (it is 08:00 in America/Los_Angeles)');
  });

  it('names the missing flags', async () => {
    const r = await cli.run(['call']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--meeting.*\n.*--lead/s);
  });
});
