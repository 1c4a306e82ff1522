// The whole flow end to end over real HTTP on loopback: tick → simulator → signed webhooks
// → stored availability → confirm, on a simulated clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readBusyTimes } from '../../src/services/calendars/index.js';
import { runDemo } from '../../src/services/demo/run.js';

const MIN = 60_000;

describe('demo', () => {
  it('settles every lead, stores what each said once, and books the slot most of them can attend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbook-demo-'));
    const dbPath = join(dir, 'demo.db');
    const result = await runDemo({ leads: 16, seed: 5, dbPath, now: null, parallel: 4 });
    expect(result.stats.rejected_requests).toBe(0);
    expect(result.stats.errors).toBe(0);
    expect(result.stats.duplicate_callbacks + result.stats.late_callbacks).toBeGreaterThan(0);
    // Nobody is left mid-call or untouched.
    expect(result.leads.filter((l) => l.state === 'pending' || l.state === 'calling')).toEqual([]);
    const db = new Database(dbPath, { readonly: true });
    const calls = db.prepare("select status from calls where status not in ('completed','busy','failed','no-answer','canceled')").all();
    expect(calls).toEqual([]);
    // Each stored slot comes from one call and turn; a lead with slots is marked responded.
    const slotLeads = db.prepare('select distinct lead_id from participant_availability').all() as { lead_id: number }[];
    const everyone = [...result.leads, ...result.one_on_one.leads];
    expect(result.one_on_one.leads.filter((l) => l.state === 'pending' || l.state === 'calling')).toEqual([]);
    for (const { lead_id } of slotLeads) expect(everyone.find((l) => l.lead_id === lead_id)?.state).toBe('responded');
    const dupes = db
      .prepare('select call_id, turn, start_utc, count(*) n from participant_availability group by 1, 2, 3 having n > 1')
      .all();
    expect(dupes).toEqual([]);
    const dnc = db.prepare('select phone from do_not_call').all() as { phone: string }[];
    expect(dnc.length).toBe((result.outcomes.opted_out ?? 0) + (result.one_on_one.outcomes.opted_out ?? 0));
    db.close();
    // The chosen slot is one the attendees really said they could make.
    expect(result.confirmation?.status).toBe('confirmed');
    const start = Date.parse(result.confirmation?.slot?.start ?? '');
    for (const attendee of result.confirmation?.attendees ?? []) {
      const lead = result.availability.leads.find((l) => l.lead_id === attendee.lead_id);
      expect(lead?.slots.some((s) => Date.parse(s.start) <= start && Date.parse(s.end) >= start + 30 * 60_000)).toBe(true);
    }
  });

  it("books one-on-one demos around the owner's diary, the group booking and each other, buffer included", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callbook-demo-'));
    const result = await runDemo({ leads: 12, seed: 3, dbPath: join(dir, 'demo.db'), now: null, parallel: 1 });
    expect(result.owner.calendar).toBe(join(dir, 'demo.calendar.ics'));
    const o = result.one_on_one;
    expect(o.buffer_minutes).toBe(15);
    const c = o.confirmation;
    expect(c?.mode).toBe('one_on_one');
    const bookings = c?.bookings ?? [];
    expect(bookings.length).toBeGreaterThan(1);
    expect(bookings.length).toBeLessThanOrEqual(4);
    // One lead per meeting, never the same lead twice, each at a time they said they could make.
    expect(bookings.every((b) => b.attendees.length === 1)).toBe(true);
    const leadIds = bookings.map((b) => b.attendees[0]?.lead_id);
    expect(new Set(leadIds).size).toBe(bookings.length);
    const span = (slot: { start: string; end: string } | null | undefined) => ({
      start: Date.parse(slot?.start ?? ''),
      end: Date.parse(slot?.end ?? ''),
    });
    const db = new Database(join(dir, 'demo.db'), { readonly: true });
    const said = db.prepare('select start_utc, end_utc from participant_availability where lead_id = ?');
    for (const b of bookings) {
      const slot = span(b.slot);
      const slots = said.all(b.attendees[0]?.lead_id) as { start_utc: string; end_utc: string }[];
      expect(slots.some((r) => Date.parse(r.start_utc) <= slot.start && Date.parse(r.end_utc) >= slot.end)).toBe(true);
    }
    db.close();
    // The diary as the calendar reader sees it: the stand-up series (one moved, one skipped) and one-offs; focus time is free.
    // The demo's clock starts on Mon 11 Jan 2027; its window is the next two weeks.
    const window = { start: Date.parse('2027-01-01T00:00:00Z'), end: Date.parse('2027-02-01T00:00:00Z') };
    const busy = await readBusyTimes(result.owner.calendar, window);
    expect(busy.map((b) => b.summary)).toContain('Quarterly planning');
    expect(busy.map((b) => b.summary)).not.toContain('Focus time');
    expect(busy.filter((b) => b.summary === 'Team stand-up').length).toBeGreaterThan(5);
    const group = span(result.confirmation?.slot);
    const taken = [...busy, group];
    for (const b of bookings) {
      const slot = span(b.slot);
      const local = DateTime.fromMillis(slot.start, { zone: 'America/New_York' });
      expect(local.weekday).toBeLessThanOrEqual(5);
      expect(local.hour).toBeGreaterThanOrEqual(9);
      expect(DateTime.fromMillis(slot.end, { zone: 'America/New_York' }).toFormat('HH:mm') <= '17:00').toBe(true);
      for (const t of taken) expect(slot.start < t.end + 15 * MIN && slot.end > t.start - 15 * MIN).toBe(false);
      for (const other of bookings.filter((x) => x !== b).map((x) => span(x.slot)))
        expect(slot.start < other.end + 15 * MIN && slot.end > other.start - 15 * MIN).toBe(false);
    }
    // The group booking itself (no buffer of its own) also keeps out of the diary.
    for (const t of busy) expect(group.start < t.end && group.end > t.start).toBe(false);
    expect(o.leads.filter((l) => l.state === 'pending' || l.state === 'calling')).toEqual([]);
  });

  it('tells the same story for the same seed', async () => {
    const strip = (r: Awaited<ReturnType<typeof runDemo>>) => ({
      leads: r.leads,
      outcomes: r.outcomes,
      slot: r.confirmation?.slot,
      attendees: r.confirmation?.attendees,
      demos: r.one_on_one.confirmation?.bookings.map((b) => [b.slot, b.attendees]),
    });
    const a = await runDemo({ leads: 10, seed: 42, dbPath: null, now: null, parallel: 1 });
    const b = await runDemo({ leads: 10, seed: 42, dbPath: null, now: null, parallel: 1 });
    expect(strip(a)).toEqual(strip(b));
    const c = await runDemo({ leads: 10, seed: 43, dbPath: null, now: null, parallel: 1 });
    expect(strip(c)).not.toEqual(strip(a));
  });
});
