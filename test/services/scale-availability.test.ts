// availability list --json is streamed lead by lead (heat map summed over batches of leads): its
// text must be what JSON.stringify gave of the whole in-memory list, which is restated here from
// the rows as the service built it before (luxon per slot, one heat map over every lead).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Context, createContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { insertAvailability } from '../../src/db/repos/availability.js';
import { computeHeatmap } from '../../src/domain/heatmap.js';
import { listAvailability } from '../../src/services/availability.js';
import { writeAvailabilityJson } from '../../src/services/availability-list.js';
import { addCampaign } from '../../src/services/campaigns.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { createCliSandbox } from '../helpers/cli.js';
import { standardMeeting } from '../helpers/meeting.js';

const ZONES = ['America/New_York', 'America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney'];
const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).toISO() ?? iso;

async function expectedList(ctx: Context, meetingId: number) {
  const meeting = await ctx.db.selectFrom('meeting_requests').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
  const leads = await ctx.db.selectFrom('leads').selectAll().where('meeting_request_id', '=', meetingId).orderBy('id').execute();
  const rows = await ctx.db
    .selectFrom('participant_availability')
    .selectAll()
    .where('meeting_request_id', '=', meetingId)
    .orderBy('lead_id')
    .orderBy('start_utc')
    .orderBy('id')
    .execute();
  const byLead = new Map(
    leads.map((l) => [l.id, { lead_id: l.id, name: l.name, timezone: l.timezone, state: l.state, slots: [] as object[] }]),
  );
  for (const row of rows) {
    const lead = byLead.get(row.lead_id);
    lead?.slots.push({
      start: inZone(row.start_utc, lead.timezone),
      end: inZone(row.end_utc, lead.timezone),
      source: row.source,
      raw_text: row.raw_text,
    });
  }
  const withSlots = [...byLead.values()].filter((l) => l.slots.length > 0);
  const heatmap = computeHeatmap({
    timezone: meeting.timezone,
    window_start: Date.parse(meeting.window_start),
    window_end: Date.parse(meeting.window_end),
    leads: withSlots.map((l) => ({
      lead_id: l.lead_id,
      intervals: (l.slots as { start: string; end: string }[]).map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) })),
    })),
  });
  return { meeting_request_id: meeting.id, timezone: meeting.timezone, leads: withSlots, heatmap };
}

async function streamed(ctx: Context, meetingId: number): Promise<{ text: string; chunks: number }> {
  let text = '';
  let chunks = 0;
  await writeAvailabilityJson(ctx, meetingId, (chunk) => {
    text += chunk;
    chunks++;
  });
  return { text, chunks };
}

describe('availability list --json, streamed', () => {
  let ctx: Context;
  let meetingId: number;
  beforeEach(async () => {
    const db = await openDatabase(':memory:');
    ctx = createContext(db, loadConfig({ CALLBOOK_NOW: '2026-03-02T12:00:00Z' }));
    // The window spans the US change to summer time (8 March) and Sydney's return to standard time (5 April).
    const base = standardMeeting();
    const meeting = await createMeeting(ctx, {
      ...base,
      hard_constraints: { ...base.hard_constraints, window_start: '2026-03-04', window_end: '2026-04-08' },
    });
    meetingId = meeting.id;
  });
  afterEach(async () => ctx.db.destroy());

  it('writes the same text as the whole list given to JSON.stringify, with no slots at all', async () => {
    const { text } = await streamed(ctx, meetingId);
    expect(text).toBe(`${JSON.stringify(await expectedList(ctx, meetingId), null, 2)}\n`);
    expect(JSON.parse(text).leads).toEqual([]);
  });

  it('writes the same text for 2,500 leads in five zones, slots stored out of order, in several chunks', async () => {
    const leads = Array.from({ length: 2500 }, (_, i) => ({
      raw: { name: `Lead "${i}" Ñ`, phone: `+1555${String(10_000_000 + i).slice(1)}`, timezone: ZONES[i % ZONES.length] },
      where: `row ${i}`,
    }));
    // Another meeting's leads and slots are interleaved with this one's (ids and rows): none may show.
    const other = await createMeeting(ctx, standardMeeting());
    for (let c = 0; c < 5; c++) {
      await addCampaign(ctx, { meeting_request_id: meetingId, name: `big ${c}`, leads: leads.slice(c * 500, c * 500 + 500) });
      const theirs = Array.from({ length: 300 }, (_, i) => ({
        raw: { name: `Other ${c}.${i}`, phone: `+1666${String(10_000_000 + c * 300 + i).slice(1)}`, timezone: 'Asia/Kolkata' },
        where: `row ${i}`,
      }));
      await addCampaign(ctx, { meeting_request_id: other.id, name: `other ${c}`, leads: theirs });
    }
    const ids = (await ctx.db.selectFrom('leads').select('id').where('meeting_request_id', '=', meetingId).orderBy('id').execute()).map(
      (r) => r.id,
    );
    const otherIds = (await ctx.db.selectFrom('leads').select('id').where('meeting_request_id', '=', other.id).execute()).map((r) => r.id);
    const slots = [];
    for (const [i, id] of otherIds.entries()) {
      const start = Date.UTC(2026, 2, 11 + (i % 5), 9 + (i % 7));
      slots.push({
        // One row names this meeting with the other meeting's lead: a lead not of the meeting is not listed.
        meeting_request_id: i === 17 ? meetingId : other.id,
        lead_id: id,
        start_utc: new Date(start).toISOString(),
        end_utc: new Date(start + 3600_000).toISOString(),
        source: 'manual',
        call_id: null,
        turn: null,
        raw_text: null,
        created_at: '2026-03-02T12:00:00.000Z',
      });
    }
    for (const [i, id] of ids.entries()) {
      // Lead i offers i % 4 slots (some none); one in seven repeats a start, so ties keep the stored order.
      for (let k = 0; k < i % 4; k++) {
        const kk = i % 7 === 0 && k === 1 ? 0 : k;
        const start = Date.UTC(2026, 2, 4 + ((i * 3 + kk * 11) % 34), (i + kk * 5) % 24, (kk % 4) * 15);
        const end = start + (1 + ((i + k) % 3)) * 3600_000;
        slots.push({
          meeting_request_id: meetingId,
          lead_id: id,
          start_utc: new Date(start).toISOString(),
          end_utc: new Date(end).toISOString(),
          source: k % 2 === 0 ? 'manual' : 'text',
          call_id: null,
          turn: null,
          raw_text: k % 2 === 0 ? null : `after ${k}pm — "maybe"\nor later`,
          created_at: '2026-03-02T12:00:00.000Z',
        });
      }
    }
    // Stored in an order that is neither by lead nor by start.
    slots.sort((a, b) => ((a.lead_id * 7919) % 1009) - ((b.lead_id * 7919) % 1009) || b.start_utc.localeCompare(a.start_utc));
    for (let i = 0; i < slots.length; i += 500)
      await ctx.db
        .insertInto('participant_availability')
        .values(slots.slice(i, i + 500))
        .execute();

    const expected = await expectedList(ctx, meetingId);
    expect(expected.leads.length).toBe(1875);
    expect((await expectedList(ctx, other.id)).leads.length).toBe(1499);
    expect(expected.heatmap.max).toBeGreaterThan(0);
    const { text, chunks } = await streamed(ctx, meetingId);
    expect(chunks).toBeGreaterThan(1);
    expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(await listAvailability(ctx, meetingId)).toEqual(expected);
    // A reader that is behind (write returns a promise): nothing more is written until it catches up.
    let slow = '';
    let waiting = false;
    let overlapped = false;
    await writeAvailabilityJson(ctx, meetingId, (chunk) => {
      if (waiting) overlapped = true;
      slow += chunk;
      waiting = true;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          waiting = false;
          resolve();
        }, 1),
      );
    });
    expect(overlapped).toBe(false);
    expect(slow).toBe(text);
    // A selection (as --lead/--since/--offset/--limit make) cuts the leads shown, never the heat map.
    let picked = '';
    const matches = (l: { lead_id: number }) => l.lead_id % 3 === 0;
    await writeAvailabilityJson(
      ctx,
      meetingId,
      (chunk) => {
        picked += chunk;
      },
      { matches, offset: 100, limit: 50 },
    );
    expect(picked).toBe(`${JSON.stringify({ ...expected, leads: expected.leads.filter(matches).slice(100, 150) }, null, 2)}\n`);
  });
});

describe('availability list --json on a database file', () => {
  it("reads past the slots with SQLite's default page cache and no memory map, and gives the connection its own back, also when two reads overlap", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbook-avail-cache-'));
    const db = await openDatabase(join(dir, 'list.db'));
    try {
      const ctx = createContext(db, loadConfig({ CALLBOOK_NOW: '2026-03-02T12:00:00Z' }));
      const meeting = await createMeeting(ctx, standardMeeting());
      await addCampaign(ctx, {
        meeting_request_id: meeting.id,
        name: 'c',
        leads: [{ raw: { name: 'Ana', phone: '+12125550101', timezone: 'America/Chicago' }, where: 'row 1' }],
      });
      // 800 slots: more than one 64 KiB chunk, so one is written while the rows are still being read.
      const rows = Array.from({ length: 800 }, (_, i) => ({
        meeting_request_id: meeting.id,
        lead_id: 1,
        start_utc: new Date(Date.UTC(2026, 2, 11, 15) + i * 900_000).toISOString(),
        end_utc: new Date(Date.UTC(2026, 2, 11, 16) + i * 900_000).toISOString(),
        source: 'manual',
        call_id: null,
        turn: null,
        raw_text: null,
        created_at: '2026-03-02T12:00:00.000Z',
      }));
      await insertAvailability(ctx.db, rows);
      const pragmas = async () => ({
        cache: (await sql<{ cache_size: number }>`pragma cache_size`.execute(db)).rows[0]?.cache_size,
        mmap: (await sql<{ mmap_size: number }>`pragma mmap_size`.execute(db)).rows[0]?.mmap_size,
      });
      const own = await pragmas();
      expect(own).toEqual({ cache: -65536, mmap: 268435456 });
      const chunks: string[] = [];
      await writeAvailabilityJson(ctx, meeting.id, (chunk) => {
        chunks.push(chunk);
      });
      expect(chunks.length).toBe(2);
      expect(JSON.parse(chunks.join('')).leads.map((l: { slots: { start: string }[] }) => [l.slots.length, l.slots[0]?.start])).toEqual([
        [800, '2026-03-11T10:00:00.000-05:00'],
      ]);
      expect(await pragmas()).toEqual(own);
      // While the rows are read: the first chunk is written before the reading ends.
      let during: unknown = null;
      await writeAvailabilityJson(ctx, meeting.id, async () => {
        during ??= await pragmas();
      });
      expect(during).toEqual({ cache: -2000, mmap: 0 });
      expect(await pragmas()).toEqual(own);
      // Two lists at once (as two requests in `serve`): the connection still gets its own settings back.
      const slow = () => writeAvailabilityJson(ctx, meeting.id, () => new Promise<void>((resolve) => setTimeout(resolve, 5)));
      await Promise.all([slow(), slow()]);
      expect(await pragmas()).toEqual(own);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('availability list --json through the CLI', () => {
  it('prints JSON that parses to the list, and refuses an unknown meeting before writing anything', async () => {
    const cli = createCliSandbox();
    try {
      await cli.run([
        'meeting',
        'create',
        '--owner',
        'dana@acme.com',
        '--title',
        'Intro',
        '--duration',
        '30',
        '--timezone',
        'America/New_York',
        '--window-start',
        '2026-03-09',
        '--window-end',
        '2026-03-20',
      ]);
      await cli.run([
        'campaign',
        'add',
        '--meeting',
        '1',
        '--name',
        'w',
        '--lead',
        'Ana Ruiz,+12125550101,,America/Chicago',
        '--lead',
        'Ben Ode,+12125550102,,Europe/London',
      ]);
      await cli.run(['availability', 'add', '--meeting', '1', '--lead', '2', '--start', '2026-03-10T09:00', '--end', '2026-03-10T11:00']);
      await cli.run(['availability', 'add', '--meeting', '1', '--lead', '1', '--start', '2026-03-11T14:00', '--end', '2026-03-11T15:30']);
      const r = await cli.run(['availability', 'list', '--meeting', '1', '--json']);
      expect(r.code).toBe(0);
      const shown = r.json();
      expect(shown.leads.map((l: { lead_id: number; slots: { start: string }[] }) => [l.lead_id, l.slots.map((s) => s.start)])).toEqual([
        [1, ['2026-03-11T14:00:00.000-05:00']],
        [2, ['2026-03-10T09:00:00.000+00:00']],
      ]);
      expect(shown.heatmap.max).toBe(1);
      const one = (await cli.run(['availability', 'list', '--meeting', '1', '--lead', '2', '--json'])).json();
      expect([one.leads.map((l: { lead_id: number }) => l.lead_id), one.heatmap]).toEqual([[2], shown.heatmap]);
      const page = (await cli.run(['availability', 'list', '--meeting', '1', '--offset', '1', '--limit', '1', '--json'])).json();
      expect(page.leads.map((l: { lead_id: number }) => l.lead_id)).toEqual([2]);
      const since = (await cli.run(['availability', 'list', '--meeting', '1', '--since', '2026-03-11', '--json'])).json();
      expect(since.leads.map((l: { lead_id: number }) => l.lead_id)).toEqual([1]);
      const missing = await cli.run(['availability', 'list', '--meeting', '9', '--json']);
      expect(missing.code).not.toBe(0);
      expect(missing.json().error.kind).toBe('not_found');
    } finally {
      cli.cleanup();
    }
  });
});
