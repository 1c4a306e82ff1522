// confirm reads leads and slots through a fast path (rows as arrays, id-range scans, times as
// numbers): its answer must stay the text it was before that path, for the same data. The golden
// file holds `confirm --dry-run` (group, --explain, one-on-one) as the code before it printed it,
// on three meetings whose slots were stored interleaved and out of lead order (so response order is
// not lead order), across the US and London changes to summer time, with leads who said no after
// offering times and leads never reached. Both engines must give the same text.
// CALLBOOK_WRITE_GOLDEN=1 rewrites the file (only when the answer is meant to change).
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Context, createContext } from '../../src/context.js';
import { openDatabase } from '../../src/db/connection.js';
import { insertAvailability } from '../../src/db/repos/availability.js';
import { addCampaign } from '../../src/services/campaigns.js';
import { confirmMeeting } from '../../src/services/confirm.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';

const GOLDEN = new URL('../fixtures/confirm/scale-dry-run.json', import.meta.url);
const ZONES = ['America/New_York', 'America/Chicago', 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'America/Los_Angeles'];
const STATES = ['responded', 'responded', 'responded', 'no_answer', 'voicemail', 'call_back'];

/** A small deterministic generator (the fixture must be the same on every run and engine). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

async function meetingWithLeads(ctx: Context, mode: 'group' | 'one-on-one', n: number, phoneBase: number) {
  const meeting = await createMeeting(ctx, {
    owner_id: 'dana@acme.com',
    title: mode === 'group' ? 'Group intro' : 'One-on-one intro',
    duration_minutes: mode === 'group' ? 45 : 30,
    max_bookings: mode === 'group' ? 7 : 5,
    mode,
    buffer_minutes: mode === 'group' ? null : 15,
    // 4–20 March: the US changes on the 8th; London on the 29th is outside, Sydney's April change too.
    hard_constraints: { window_start: '2026-03-04', window_end: '2026-03-20', timezone: 'America/New_York', excluded_days: ['mon'] },
    soft_constraints: { days_of_week: ['tue', 'wed', 'thu'], time_of_day: ['morning'] },
  });
  const leads = Array.from({ length: n }, (_, i) => ({
    raw: { name: `Lead ${mode} ${i} “Ñ”`, phone: `+1555${String(phoneBase + i).padStart(7, '0')}`, timezone: ZONES[i % ZONES.length] },
    where: `row ${i}`,
  }));
  await addCampaign(ctx, { meeting_request_id: meeting.id, name: `${mode} leads`, leads });
  const ids = (await ctx.db.selectFrom('leads').select('id').where('meeting_request_id', '=', meeting.id).orderBy('id').execute()).map(
    (r) => r.id,
  );
  for (const [i, id] of ids.entries()) {
    // Every 13th lead said no after offering times, every 29th was never reached.
    const state = i % 13 === 5 ? (i % 2 === 0 ? 'not_interested' : 'opted_out') : i % 29 === 3 ? 'pending' : STATES[i % STATES.length];
    await ctx.db.updateTable('leads').set({ state }).where('id', '=', id).execute();
  }
  return { id: meeting.id, leadIds: ids };
}

/** Each lead's offers: 0–4 intervals, some overlapping or touching, a few before the notice or in the night. */
function offersOf(meetingId: number, leadIds: number[], seed: number) {
  const next = lcg(seed);
  const rows = [];
  for (const id of leadIds) {
    const count = next(5);
    let start = Date.UTC(2026, 2, 4 + next(16), 11 + next(12), next(4) * 15);
    for (let k = 0; k < count; k++) {
      const end = start + (1 + next(8)) * 15 * 60_000;
      rows.push({
        meeting_request_id: meetingId,
        lead_id: id,
        start_utc: new Date(start).toISOString(),
        end_utc: new Date(end).toISOString(),
        source: 'manual',
        call_id: null,
        turn: null,
        raw_text: null,
        created_at: '2026-03-03T12:00:00.000Z',
      });
      // The next one overlaps, touches, or starts on another day.
      start = next(3) === 0 ? end - 15 * 60_000 : next(2) === 0 ? end : Date.UTC(2026, 2, 4 + next(16), 11 + next(12), next(4) * 15);
    }
  }
  return rows;
}

describe.each(ENGINES)('confirm --dry-run on %s, 1,560 leads in three meetings', (engine) => {
  let fresh: FreshDatabase;
  let ctx: Context;
  beforeEach(async () => {
    fresh = await freshDatabase(engine, import.meta.url);
    ctx = createContext(await openDatabase(fresh.url), loadConfig({ CALLBOOK_NOW: '2026-03-05T14:00:00Z' }));
  });
  afterEach(async () => {
    await ctx.db.destroy();
    await fresh.cleanup();
  });

  it('gives the same answer, text for text, as before the fast read path', { timeout: 120_000 }, async () => {
    // A third, small meeting whose leads and slots are a few among the others' (read through its index).
    const sparse = await meetingWithLeads(ctx, 'group', 30, 3_000_000);
    const group = await meetingWithLeads(ctx, 'group', 900, 1_000_000);
    const single = await meetingWithLeads(ctx, 'one-on-one', 600, 2_000_000);
    const sparseLate = await addCampaign(ctx, {
      meeting_request_id: sparse.id,
      name: 'late',
      leads: Array.from({ length: 30 }, (_, i) => ({
        raw: { name: `Late ${i}`, phone: `+1555${String(4_000_000 + i).padStart(7, '0')}`, timezone: ZONES[(i * 5) % ZONES.length] },
        where: `row ${i}`,
      })),
    });
    expect(sparseLate.added).toBe(30);
    const sparseIds = (
      await ctx.db.selectFrom('leads').select('id').where('meeting_request_id', '=', sparse.id).orderBy('id').execute()
    ).map((r) => r.id);
    const a = offersOf(group.id, group.leadIds, 7);
    const b = offersOf(single.id, single.leadIds, 11);
    const c = offersOf(sparse.id, sparseIds, 13);
    // Stored interleaved between the meetings and in an order neither by lead nor by time.
    const next = lcg(3);
    const rows = [...a, ...b, ...c].map((row) => ({ row, key: next(1_000_000) })).sort((x, y) => x.key - y.key);
    for (let i = 0; i < rows.length; i += 500)
      await insertAvailability(
        ctx.db,
        rows.slice(i, i + 500).map((r) => r.row),
      );

    const answers = {
      group: await confirmMeeting(ctx, { meeting_request_id: group.id, dry_run: true }),
      explain: await confirmMeeting(ctx, { meeting_request_id: group.id, dry_run: true, explain: '2026-03-10T08:30' }),
      one_on_one: await confirmMeeting(ctx, { meeting_request_id: single.id, dry_run: true }),
      sparse: await confirmMeeting(ctx, { meeting_request_id: sparse.id, dry_run: true }),
    };
    const text = `${JSON.stringify(answers, null, 2)}\n`;
    if (process.env.CALLBOOK_WRITE_GOLDEN === '1' && engine === 'sqlite') writeFileSync(GOLDEN, text);
    // The fixture is not trivial: several attendees, runners-up, unreached leads and bookings.
    expect(answers.group.attendees.length).toBe(7);
    expect(answers.group.runners_up.length).toBeGreaterThan(0);
    expect(answers.group.unreached_leads.count).toBeGreaterThan(0);
    expect(answers.one_on_one.bookings.length).toBe(5);
    expect(answers.sparse.attendees.length).toBeGreaterThan(1);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
