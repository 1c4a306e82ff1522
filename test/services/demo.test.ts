// The whole flow end to end over real HTTP on loopback: tick → simulator → signed webhooks
// → stored availability → confirm, on a simulated clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/services/demo/run.js';

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
    for (const { lead_id } of slotLeads) expect(result.leads.find((l) => l.lead_id === lead_id)?.state).toBe('responded');
    const dupes = db
      .prepare('select call_id, turn, start_utc, count(*) n from participant_availability group by 1, 2, 3 having n > 1')
      .all();
    expect(dupes).toEqual([]);
    const dnc = db.prepare('select phone from do_not_call').all() as { phone: string }[];
    expect(dnc.length).toBe(result.outcomes.opted_out ?? 0);
    db.close();
    // The chosen slot is one the attendees really said they could make.
    expect(result.confirmation?.status).toBe('confirmed');
    const start = Date.parse(result.confirmation?.slot.start ?? '');
    for (const attendee of result.confirmation?.attendees ?? []) {
      const lead = result.availability.leads.find((l) => l.lead_id === attendee.lead_id);
      expect(lead?.slots.some((s) => Date.parse(s.start) <= start && Date.parse(s.end) >= start + 30 * 60_000)).toBe(true);
    }
  });

  it('tells the same story for the same seed', async () => {
    const strip = (r: Awaited<ReturnType<typeof runDemo>>) => ({
      leads: r.leads,
      outcomes: r.outcomes,
      slot: r.confirmation?.slot,
      attendees: r.confirmation?.attendees,
    });
    const a = await runDemo({ leads: 10, seed: 42, dbPath: null, now: null, parallel: 1 });
    const b = await runDemo({ leads: 10, seed: 42, dbPath: null, now: null, parallel: 1 });
    expect(strip(a)).toEqual(strip(b));
    const c = await runDemo({ leads: 10, seed: 43, dbPath: null, now: null, parallel: 1 });
    expect(strip(c)).not.toEqual(strip(a));
  });
});
