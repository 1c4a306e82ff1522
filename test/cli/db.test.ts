// `callbook db status|migrate|copy` on both engines, and moving a SQLite database to PostgreSQL
// and back: every row arrives with its id, and new rows continue after the copied ids.
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { TABLES } from '../../src/db/admin.js';
import { openDatabase } from '../../src/db/connection.js';
import { MEETING_FLAGS } from '../helpers/cli.js';
import { ENGINES, type EngineSandbox, engineSandbox, type FreshDatabase, freshDatabase } from '../helpers/engines.js';

const NOW = '2026-03-09T15:00:00Z';
const KNOWN = Object.keys(migrations).length;
let open: { cleanup(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open) await o.cleanup();
  open = [];
});

async function sandbox(engine: (typeof ENGINES)[number]): Promise<EngineSandbox> {
  const cli = await engineSandbox(engine, import.meta.url, { CALLBOOK_NOW: NOW, CALLBOOK_REQUIRE_CONSENT: '0' });
  open.push(cli);
  return cli;
}

async function fresh(engine: (typeof ENGINES)[number]): Promise<FreshDatabase> {
  const db = await freshDatabase(engine, import.meta.url);
  open.push(db);
  return db;
}

/** A meeting, leads, availability, a booking with its outbox rows and a do-not-call number. */
async function fill(cli: EngineSandbox): Promise<void> {
  const ok = async (args: string[]) => expect((await cli.run(args)).code, args.join(' ')).toBe(0);
  await ok([...MEETING_FLAGS, '--max-bookings', '2']);
  await ok(['owner', 'set', 'dana@acme.com', '--email', 'dana@acme.com', '--timezone', 'America/New_York']);
  const leads = ['Ana,+15551230001,ana@x.example,America/New_York', 'Ben,+15551230002,,America/Chicago', 'Cy,+15551230003,,Europe/London'];
  await ok(['campaign', 'add', '--meeting', '1', '--name', 'wave', ...leads.flatMap((l) => ['--lead', l])]);
  await ok(['availability', 'add', '--meeting', '1', '--lead', '1', '--start', '2026-03-10T09:00', '--end', '2026-03-10T11:00']);
  await ok(['availability', 'add', '--meeting', '1', '--lead', '2', '--start', '2026-03-10T08:00', '--end', '2026-03-10T12:00']);
  await ok(['dnc', 'add', '+15551230003']);
  await ok(['confirm', '1']);
}

async function dump(url: string): Promise<Record<string, unknown[]>> {
  const db = await openDatabase(url);
  try {
    const out: Record<string, unknown[]> = {};
    for (const { name, key } of TABLES) out[name] = await (db as any).selectFrom(name).selectAll().orderBy(key).execute();
    return out;
  } finally {
    await db.destroy();
  }
}

for (const engine of ENGINES) {
  describe(`db status and migrate on ${engine}`, () => {
    it('status names the engine, the migration level and the rows of every table', async () => {
      const cli = await sandbox(engine);
      await fill(cli);
      const r = await cli.run(['db', 'status', '--json']);
      expect(r.code).toBe(0);
      const s = r.json();
      expect(s.engine).toBe(engine);
      expect(s.migrations).toEqual({ applied: KNOWN, known: KNOWN, latest: Object.keys(migrations).at(-1), pending: 0 });
      expect(s.tables).toMatchObject({
        meeting_requests: 1,
        leads: 3,
        participant_availability: 2,
        bookings: 1,
        booking_attendees: 2,
        do_not_call: 1,
      });
      expect(Object.keys(s.tables).sort()).toEqual(TABLES.map((t) => t.name).sort());
      const text = await cli.run(['db', 'status']);
      expect(text.stdout).toMatch(new RegExp(`^${engine} `));
      expect(text.stdout).toMatch(/leads\s+3/);
    });

    it('migrate applies every migration to a new database, then nothing', async () => {
      const cli = await sandbox(engine);
      const first = await cli.run(['db', 'migrate', '--json']);
      expect(first.code).toBe(0);
      expect(first.json()).toMatchObject({ engine, ran: Object.keys(migrations), applied: KNOWN, known: KNOWN });
      const again = await cli.run(['db', 'migrate']);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/already up to date/);
    });
  });
}

describe('db copy', () => {
  it('moves SQLite to PostgreSQL and back: every row and id, and new ids continue after them', async () => {
    const source = await sandbox('sqlite');
    await fill(source);
    const pg = await fresh('postgres');
    const copy = await source.run(['db', 'copy', '--from', source.url, '--to', pg.url, '--json']);
    expect(copy.code, copy.stderr).toBe(0);
    const before = await dump(source.url);
    expect(copy.json().tables).toEqual(Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length])));
    expect(copy.json().to.engine).toBe('postgres');
    expect(await dump(pg.url)).toEqual(before);

    // The copy is a working database: the next meeting and lead get the ids after the copied ones.
    const created = await source.run(['--db', pg.url, ...MEETING_FLAGS, '--json']);
    expect(created.code).toBe(0);
    expect(created.json().id).toBe(2);
    const added = await source.run([
      '--db',
      pg.url,
      'campaign',
      'add',
      '--meeting',
      '2',
      '--name',
      'w',
      '--lead',
      'Di,+15551230009,,America/New_York',
      '--json',
    ]);
    expect(added.code).toBe(0);
    expect(added.json().campaign_id).toBe(2);

    const back = await fresh('sqlite');
    const home = await source.run(['db', 'copy', '--from', pg.url, '--to', back.url, '--json']);
    expect(home.code).toBe(0);
    expect(await dump(back.url)).toEqual(await dump(pg.url));
    expect((await source.run(['--db', back.url, 'campaign', 'show', '2', '--json'])).json().leads[0].id).toBe(4);
  });

  it('refuses a target that holds rows, writing nothing (exit 4)', async () => {
    const source = await sandbox('sqlite');
    await fill(source);
    const target = await sandbox('postgres');
    expect((await target.run(['dnc', 'add', '+15550000000'])).code).toBe(0);
    const r = await source.run(['db', 'copy', '--from', source.url, '--to', target.url, '--json']);
    expect(r.code).toBe(4);
    expect(r.json().error.message).toMatch(/--to: .* already holds data \(do_not_call: 1\)/);
    const status = (await target.run(['db', 'status', '--json'])).json();
    expect(status.tables.leads).toBe(0);
    expect(status.tables.do_not_call).toBe(1);
  });

  it('refuses a --from that does not exist and a --to that is the --from (exit 2)', async () => {
    const cli = await sandbox('sqlite');
    const missing = await cli.run(['db', 'copy', '--from', `${cli.dir}/nope.db`, '--to', cli.url, '--json']);
    expect(missing.code).toBe(2);
    expect(missing.json().error.message).toMatch(/--from: .*nope\.db does not exist/);
    await fill(cli);
    const same = await cli.run(['db', 'copy', '--from', cli.url, '--to', cli.url, '--json']);
    expect(same.code).toBe(2);
    expect(same.json().error.message).toBe('--to: names the same database as --from');
  });
});
