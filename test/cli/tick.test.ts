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

describe('callbook tick', () => {
  it('--dry-run shows who would be called and why the others wait, changing nothing', async () => {
    const text = await cli.run(['tick', '--dry-run']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('nothing was changed');
    expect(text.stdout).toMatch(/Ana Ruiz.*2026-03-09T11:00 America\/New_York/);
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
