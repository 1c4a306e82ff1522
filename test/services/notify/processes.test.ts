// Two notify processes at once never send the same message; a notify killed -9 between sending
// and recording leaves one message whose fate is unknown: the next run sends it once more with
// the SAME Message-ID. That single duplicate, de-duplicable by the receiver, is what the protocol
// cannot avoid (SMTP has no way to ask "did you get this?"); every other message arrives once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createContext } from '../../../src/context.js';
import { type Db, openDatabase } from '../../../src/db/connection.js';
import { listNotifications } from '../../../src/db/repos/notifications.js';
import { addCampaign } from '../../../src/services/campaigns.js';
import { createMeeting } from '../../../src/services/meeting-create.js';
import { setOwner } from '../../../src/services/owners.js';
import { standardMeeting } from '../../helpers/meeting.js';
import { compileOnce, startNotify } from './notify-processes.js';
import { type SmtpPeer, startSmtpPeer } from './smtp-peer.js';
import { bookAndEnqueue } from './world.js';

let dir: string;
let dbPath: string;
let smtp: SmtpPeer;
let env: Record<string, string>;
let db: Db;

beforeAll(() => compileOnce(), 120_000);

/** `meetings` meetings with the same two leads booked: 3 invitations each (owner, Ana, Ben). */
async function seed(meetings: number) {
  const ctx = createContext(db, loadConfig(env));
  await setOwner(ctx, { id: 'dana@acme.com', name: 'Dana Smith', email: 'dana@acme.com', timezone: 'America/New_York', cwd: '/' });
  await createMeeting(ctx, standardMeeting());
  await addCampaign(ctx, {
    meeting_request_id: 1,
    name: 'wave',
    leads: [
      { raw: { name: 'Ana Ruiz', phone: '+15551230001', email: 'ana@example.com', timezone: 'America/New_York' }, where: 'a' },
      { raw: { name: 'Ben Ode', phone: '+15551230002', email: 'ben@example.com', timezone: 'America/Chicago' }, where: 'b' },
    ],
  });
  for (let m = 1; m <= meetings; m++) {
    if (m > 1) await createMeeting(ctx, standardMeeting());
    await bookAndEnqueue(ctx, m);
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'callbook-notify-'));
  dbPath = join(dir, 'notify.db');
  smtp = await startSmtpPeer();
  env = {
    CALLBOOK_SMTP_URL: smtp.url,
    CALLBOOK_EMAIL_FROM: 'bookings@acme.com',
    CALLBOOK_NOTIFY_RETRY_SECONDS: '0',
    CALLBOOK_NOW: '2026-03-09T15:00:00Z',
  };
  db = await openDatabase(dbPath);
});
afterEach(async () => {
  await db.destroy();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {});

const perMessageId = () => {
  const counts = new Map<string, number>();
  for (const m of smtp.received) {
    const id = m.headers['message-id'] ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

describe('notify in real processes', () => {
  it('two notify processes at once send every message exactly once', async () => {
    await seed(20);
    const a = startNotify({ db: dbPath, env });
    const b = startNotify({ db: dbPath, env });
    const [ra, rb] = await Promise.all([a.done, b.done]);
    const rows = await listNotifications(db);
    expect(rows).toHaveLength(60);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // Each row was sent by one process only, and the server got each Message-ID once.
    const sentBy = [...(ra?.sent ?? []), ...(rb?.sent ?? [])].sort((x, y) => x - y);
    expect(sentBy).toEqual(rows.map((r) => r.id));
    const counts = perMessageId();
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.message_id))).toEqual(new Set(counts.keys()));
  }, 60_000);

  it('kill -9 between send and record: the rerun resends that one message with the same Message-ID, nothing else twice', async () => {
    await seed(3);
    const victim = startNotify({ db: dbPath, env, leaseMs: 400, concurrency: 1, hangAfterSend: true });
    const messageId = await victim.firstSent;
    victim.kill();
    expect(await victim.done).toBeNull();
    const stuck = (await listNotifications(db)).find((r) => r.message_id === messageId);
    expect(stuck?.status).toBe('sending'); // sent, but the record never happened
    const claimedNotBegun = (await listNotifications(db)).filter((r) => r.claim_token !== null && r.status === 'pending');
    expect(claimedNotBegun).toHaveLength(3);
    expect(perMessageId().get(messageId)).toBe(1);

    await new Promise((r) => setTimeout(r, 500)); // the dead process's lease runs out
    const rerun = await startNotify({ db: dbPath, env }).done;
    // Only the row in flight is unknown; the three it had claimed but not begun were still pending.
    expect(rerun?.recovered).toBe(1);
    const rows = await listNotifications(db);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const counts = perMessageId();
    expect(counts.size).toBe(9);
    // The one duplicate the protocol allows: the message in flight at the kill, under the same Message-ID.
    expect(counts.get(messageId)).toBe(2);
    expect([...counts].filter(([id, n]) => id !== messageId && n !== 1)).toEqual([]);
    expect(rows.find((r) => r.message_id === messageId)?.last_error).toMatch(/same Message-ID/);
  }, 60_000);
});
