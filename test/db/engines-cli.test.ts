// Every CLI command a person runs, on each engine, through main() as a user would: the same
// answers on PostgreSQL as on SQLite, command by command (ids, states, bookings, counts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEETING_FLAGS } from '../helpers/cli.js';
import { ENGINES, type EngineSandbox, engineSandbox } from '../helpers/engines.js';

const NOW = '2026-03-09T15:00:00Z'; // Monday: 11:00 in New York

/** The scenario; each step's exit code and JSON, in order. */
async function scenario(cli: EngineSandbox): Promise<{ step: string; code: number; out: unknown }[]> {
  const steps: [string, string[]][] = [
    ['meeting create', [...MEETING_FLAGS, '--max-bookings', '2', '--json']],
    ['owner set', ['owner', 'set', 'dana@acme.com', '--name', 'Dana', '--timezone', 'America/New_York', '--json']],
    ['owner list', ['owner', 'list', '--json']],
    ['owner show', ['owner', 'show', 'dana@acme.com', '--json']],
    [
      'campaign add',
      [
        'campaign',
        'add',
        '--meeting',
        '1',
        '--name',
        'wave',
        '--lead',
        'Ana Ruiz,+15551230001,,America/New_York',
        '--lead',
        'Bob Lee,+15551230002,,America/Chicago',
        '--lead',
        'Cy Diaz,+15551230003,,America/New_York',
        '--json',
      ],
    ],
    [
      'campaign add again (duplicates)',
      ['campaign', 'add', '--meeting', '1', '--name', 'w2', '--lead', 'Ana Ruiz,+15551230001,,America/New_York', '--json'],
    ],
    ['campaign list', ['campaign', 'list', '--json']],
    ['campaign show', ['campaign', 'show', '1', '--json']],
    ['dnc add', ['dnc', 'add', '+15551230003', '--reason', 'asked', '--json']],
    ['dnc list', ['dnc', 'list', '--json']],
    ['tick --dry-run', ['tick', '--dry-run', '--json']],
    ['dnc remove', ['dnc', 'remove', '+15551230003', '--json']],
    ['tick --dry-run after', ['tick', '--dry-run', '--json']],
    [
      'availability add 1',
      ['availability', 'add', '--meeting', '1', '--lead', '1', '--start', '2026-03-10T09:00', '--end', '2026-03-10T11:00', '--json'],
    ],
    [
      'availability add 2',
      ['availability', 'add', '--meeting', '1', '--lead', '2', '--start', '2026-03-10T08:00', '--end', '2026-03-10T12:00', '--json'],
    ],
    ['availability list', ['availability', 'list', '--meeting', '1', '--json']],
    ['lead show', ['lead', 'show', '1', '--json']],
    ['lead reset', ['lead', 'reset', '3', '--json']],
    ['lead remove', ['lead', 'remove', '3', '--json']],
    ['meeting show', ['meeting', 'show', '1', '--json']],
    ['meeting list', ['meeting', 'list', '--json']],
    ['confirm --dry-run', ['confirm', '1', '--dry-run', '--json']],
    ['confirm', ['confirm', '1', '--json']],
    ['confirm again', ['confirm', '1', '--json']],
    ['notify --dry-run', ['notify', '--dry-run', '--json']],
    ['notify', ['notify', '--json']],
    ['booking list', ['booking', 'list', '--json']],
    ['booking show', ['booking', 'show', '1', '--json']],
    ['booking cancel', ['booking', 'cancel', '1', '--reason', 'moved', '--json']],
    ['meeting reopen', ['meeting', 'reopen', '1', '--json']],
    ['meeting cancel', ['meeting', 'cancel', '1', '--json']],
    ['calls list', ['calls', 'list', '--json']],
  ];
  const out: { step: string; code: number; out: unknown }[] = [];
  for (const [step, args] of steps) {
    const r = await cli.run(args, { env: { CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: '0' } });
    let json: unknown = r.stdout;
    try {
      json = JSON.parse(r.stdout);
    } catch {}
    out.push({ step, code: r.code, out: r.code === 0 ? json : r.stderr || r.stdout });
  }
  return out;
}

const results = new Map<string, { step: string; code: number; out: unknown }[]>();

for (const engine of ENGINES) {
  describe(`the CLI on ${engine}`, () => {
    let cli: EngineSandbox;
    beforeAll(async () => {
      cli = await engineSandbox(engine, import.meta.url);
    });
    afterAll(async () => cli.cleanup());

    it('runs every command of the scenario', async () => {
      const steps = await scenario(cli);
      results.set(engine, steps);
      expect(steps.filter((s) => s.code !== 0)).toEqual([]);
      const out = (name: string) => steps.find((s) => s.step === name)?.out as any;
      expect(out('tick --dry-run').would_call.map((c: { lead_id: number }) => c.lead_id)).toEqual([1, 2]);
      expect(out('tick --dry-run').skipped).toEqual([expect.objectContaining({ category: 'dnc', count: 1 })]);
      expect(out('tick --dry-run after').would_call).toHaveLength(3);
      expect(out('campaign add again (duplicates)').skipped_duplicates).toBe(1);
      expect(out('confirm').bookings).toHaveLength(1);
      expect(out('booking cancel').status).toBe('cancelled');
    });
  });
}

describe('both engines', () => {
  it('answer every step alike', () => {
    const [first, ...others] = ENGINES.map((engine) => results.get(engine));
    expect(first).toBeDefined();
    for (const other of others) {
      expect(other).toBeDefined();
      for (const [i, step] of (first ?? []).entries()) expect(other?.[i]).toEqual(step);
    }
  });
});

describe('demo into a postgres database that holds data', () => {
  let cli: EngineSandbox;
  beforeAll(async () => {
    cli = await engineSandbox('postgres', import.meta.url, { CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: '0' });
    expect((await cli.run(MEETING_FLAGS)).code).toBe(0);
    expect((await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'w', '--lead', 'Ana,+15551230001,,America/New_York'])).code).toBe(
      0,
    );
  });
  afterAll(async () => cli.cleanup());

  it('is refused before any call (exit 4), --force or not, claiming nothing', async () => {
    for (const args of [['demo'], ['demo', '--force']]) {
      const r = await cli.run([...args, '--json']);
      expect(r.code).toBe(4);
      expect(r.json().error.message).toMatch(/^--db: .* already holds data \(.*leads: 1/);
    }
    const lead = (await cli.run(['lead', 'show', '1', '--json'])).json();
    expect(lead).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
