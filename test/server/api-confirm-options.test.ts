// POST /meeting-requests/:id/confirm-best-slot takes the CLI's confirm options by the same names:
// explain (why a start was not chosen; books nothing), ignore_calendar, notify (false: the
// outbox records the invitations as skipped) and notify_unbooked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld } from '../helpers/world.js';

let world: Awaited<ReturnType<typeof createWorld>>;
let dir: string;

beforeEach(async () => {
  // Email set up (nothing is sent here: confirm only writes the outbox).
  world = await createWorld({ env: { CALLBOOK_SMTP_URL: 'smtp://127.0.0.1:2525', CALLBOOK_EMAIL_FROM: 'dana@acme.com' } });
  dir = mkdtempSync(join(tmpdir(), 'callbook-api-confirm-'));
});
afterEach(async () => {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) => world.postApi(path, body);

const confirm = (body: unknown) => post(`/meeting-requests/${world.meeting.id}/confirm-best-slot`, body);
const bookings = async () => world.db.selectFrom('bookings').select(['id', 'status']).execute();
const meetingStatus = async () => (await world.db.selectFrom('meeting_requests').select('status').executeTakeFirstOrThrow()).status;

// Ana (lead 1) is free Tuesday 10 March 09:00–10:00 New York time, and has an email address, so
// a booking has someone to invite.
beforeEach(async () => {
  const slot = { start: '2026-03-10T09:00:00-04:00', end: '2026-03-10T10:00:00-04:00' };
  expect((await post(`/meeting-requests/${world.meeting.id}/availability`, { lead_id: 1, slots: [slot] })).status).toBe(201);
  await world.db.updateTable('leads').set({ email: 'ana@example.com' }).where('id', '=', 1).execute();
  await world.db.updateTable('owners').set({ email: 'dana@acme.com' }).execute();
});

describe('explain', () => {
  it('says why a start was not chosen and books nothing', async () => {
    const r = await confirm({ explain: '2026-03-10T11:00' });
    expect(r.status).toBe(200);
    expect(r.body.explanation).toBe('Tue 10 Mar 11:00 EDT is allowed, but none of the 1 lead is free for all 30 minutes');
    expect(r.body.dry_run).toBe(true);
    expect(await bookings()).toEqual([]);
    expect(await meetingStatus()).toBe('open');
  });

  it('answers 400 naming explain for a time that does not parse, and books nothing', async () => {
    for (const explain of ['tuesday-ish', 42]) {
      const r = await confirm({ explain });
      expect(r.status).toBe(400);
      expect(r.body.error.problems.map((p: { field: string }) => p.field)).toEqual(['explain']);
    }
    expect(await bookings()).toEqual([]);
  });
});

describe('ignore_calendar', () => {
  it("refuses to book past an owner's calendar it cannot read, and books with a warning when told to ignore it", async () => {
    await world.db
      .updateTable('owners')
      .set({ calendars: JSON.stringify([join(dir, 'missing.ics')]) })
      .execute();
    const refused = await confirm({});
    expect(refused.status).toBeGreaterThanOrEqual(500);
    expect(refused.body.error.kind).toBe('remote');
    expect(await bookings()).toEqual([]);

    const r = await confirm({ ignore_calendar: true });
    expect(r.status).toBe(200);
    expect(r.body.bookings).toHaveLength(1);
    expect(r.body.warnings).toEqual([expect.stringMatching(/1 calendar was not read, so their busy time was not checked/)]);
  });

  it('answers 400 to ignore_calendar as a string', async () => {
    const r = await confirm({ ignore_calendar: 'yes' });
    expect(r.status).toBe(400);
    expect(r.body.error.problems.map((p: { field: string }) => p.field)).toEqual(['ignore_calendar']);
  });
});

describe('notify', () => {
  it('queues the invitations by default', async () => {
    expect((await confirm({})).status).toBe(200);
    const rows = await world.db.selectFrom('notifications').select(['recipient', 'status']).execute();
    expect(rows).toContainEqual({ recipient: 'ana@example.com', status: 'pending' });
  });

  it('with notify: false books and records the invitations as skipped, sending none', async () => {
    const r = await confirm({ notify: false });
    expect(r.status).toBe(200);
    expect(r.body.bookings).toHaveLength(1);
    const rows = await world.db.selectFrom('notifications').select(['recipient', 'status']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === 'skipped')).toBe(true);
  });
});
