// campaign show pages in SQL: --limit, --offset and --state give the right leads in id order,
// the per-state counts always cover the whole campaign, and the page says how many follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { showCampaign } from '../../src/services/campaigns.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';

const STATES = ['pending', 'no_answer', 'responded', 'pending', 'busy', 'no_answer', 'opted_out'];
let cli: CliSandbox;
/** Every lead of campaign 2 as stored, in id order. */
let all: { id: number; state: string }[];

beforeAll(async () => {
  cli = createCliSandbox();
  await cli.run(MEETING_FLAGS);
  // A first campaign, so campaign 2's leads do not start at id 1 and its pages must skip campaign 1's.
  await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'first', '--lead', 'Zed,+13125550100,,America/Chicago']);
  const rows = [
    'name,phone,email,timezone',
    ...Array.from({ length: 260 }, (_, i) => `Lead ${i},+1212555${String(i).padStart(4, '0')},,America/New_York`),
  ];
  cli.file('leads.csv', `${rows.join('\n')}\n`);
  expect((await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'second', '--leads', 'leads.csv'])).code).toBe(0);
  const db = await openDatabase(cli.dbPath);
  const ids = (await db.selectFrom('leads').select('id').where('campaign_id', '=', 2).orderBy('id').execute()).map((r) => r.id);
  for (const [i, id] of ids.entries())
    await db
      .updateTable('leads')
      .set({ state: STATES[(i * 5) % STATES.length] as string })
      .where('id', '=', id)
      .execute();
  all = await db.selectFrom('leads').select(['id', 'state']).where('campaign_id', '=', 2).orderBy('id').execute();
  await db.destroy();
});
afterAll(() => cli.cleanup());

const show = async (...flags: string[]) => {
  const r = await cli.run(['campaign', 'show', '2', ...flags, '--json']);
  expect(r.code).toBe(0);
  return r.json() as {
    states: Record<string, number>;
    leads: { id: number; state: string }[];
    total: number;
    offset: number;
    more: number;
  };
};

describe('campaign show paging', () => {
  it('counts every state of the whole campaign, whatever the page', async () => {
    const counts: Record<string, number> = {};
    for (const l of all) counts[l.state] = (counts[l.state] ?? 0) + 1;
    for (const flags of [[], ['--limit', '3'], ['--state', 'busy', '--limit', '1', '--offset', '5']])
      expect((await show(...flags)).states).toEqual(counts);
  });

  it('gives the pages in id order, and the pages together are the whole campaign', async () => {
    const pages = [];
    for (let offset = 0; offset < 260; offset += 100) pages.push(await show('--limit', '100', '--offset', String(offset)));
    expect(pages.map((p) => [p.leads.length, p.total, p.offset, p.more])).toEqual([
      [100, 260, 0, 160],
      [100, 260, 100, 60],
      [60, 260, 200, 0],
    ]);
    expect(pages.flatMap((p) => p.leads.map((l) => l.id))).toEqual(all.map((l) => l.id));
    expect((await show()).leads.map((l) => l.id)).toEqual(all.map((l) => l.id));
  });

  it('filters by state before the offset and the limit', async () => {
    const noAnswer = all.filter((l) => l.state === 'no_answer');
    const page = await show('--state', 'no_answer', '--offset', '10', '--limit', '7');
    expect(page.leads.map((l) => l.id)).toEqual(noAnswer.slice(10, 17).map((l) => l.id));
    expect(page.leads.every((l) => l.state === 'no_answer')).toBe(true);
    expect([page.total, page.more]).toEqual([noAnswer.length, noAnswer.length - 17]);
    const none = await show('--state', 'calling');
    expect([none.leads, none.total, none.more]).toEqual([[], 0, 0]);
  });

  it('past the end is an empty page, not an error', async () => {
    const page = await show('--offset', '500', '--limit', '10');
    expect([page.leads, page.total, page.more]).toEqual([[], 260, 0]);
  });

  it('says in the human listing how many more there are', async () => {
    const r = await cli.run(['campaign', 'show', '2', '--limit', '10', '--offset', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('… 230 more of 260');
    expect(r.stdout).toContain(`${all[20]?.id}`);
  });

  it('refuses a page that is not whole numbers, in the CLI and in the service', async () => {
    expect((await cli.run(['campaign', 'show', '2', '--limit', '0', '--json'])).code).toBe(2);
    expect((await cli.run(['campaign', 'show', '2', '--state', 'sleeping', '--json'])).code).toBe(2);
    const db = await openDatabase(cli.dbPath);
    try {
      const ctx = createContext(db, loadConfig({}));
      await expect(showCampaign(ctx, 2, { limit: 0 })).rejects.toMatchObject({ kind: 'bad_input' });
      await expect(showCampaign(ctx, 2, { offset: -1 })).rejects.toMatchObject({ kind: 'bad_input' });
    } finally {
      await db.destroy();
    }
  });
});
