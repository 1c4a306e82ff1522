// Sends 1,000 invitations (250 bookings: the owner and three attendees each) through the outbox
// to a real SMTP server on loopback (smtp-server), the way `callbook notify` does: claim, send
// over pooled connections, record. Prints messages per second and the process's peak RSS.
// Run with `npm run bench:notify`; BENCH_BOOKINGS changes the size (4 messages per booking).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../dist/src/config.js';
import { createContext } from '../dist/src/context.js';
import { openDatabase } from '../dist/src/db/connection.js';
import { insertBooking } from '../dist/src/db/repos/bookings.js';
import { addCampaign } from '../dist/src/services/campaigns.js';
import { createMeeting } from '../dist/src/services/meeting-create.js';
import { enqueueBookingNotifications } from '../dist/src/services/notify/enqueue.js';
import { runNotify } from '../dist/src/services/notify/send.js';
import { setOwner } from '../dist/src/services/owners.js';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 250);
const ZONES = ['America/New_York', 'America/Chicago', 'Europe/London', 'Asia/Kolkata'];

let received = 0;
const server = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      cb(null, `OK: queued as B${received}`);
    });
  },
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.server.address().port;

const dir = mkdtempSync(join(tmpdir(), 'callbook-bench-notify-'));
const db = await openDatabase(join(dir, 'bench.db'));
const config = loadConfig({
  CALLBOOK_NOW: '2026-03-09T15:00:00Z',
  CALLBOOK_SMTP_URL: `smtp://127.0.0.1:${port}`,
  CALLBOOK_EMAIL_FROM: 'Callbook <bookings@acme.example>',
});
const ctx = createContext(db, config);
await setOwner(ctx, { id: 'dana@acme.com', name: 'Dana Smith', email: 'dana@acme.com', timezone: 'America/New_York', cwd: '/' });
const meeting = await createMeeting(ctx, {
  owner_id: 'dana@acme.com',
  title: 'Intro call',
  duration_minutes: 30,
  max_bookings: BOOKINGS * 3,
  hard_constraints: { window_start: '2026-03-10', window_end: '2026-06-20', timezone: 'America/New_York' },
  soft_constraints: {},
});
const leads = Array.from({ length: BOOKINGS * 3 }, (_, i) => ({
  raw: {
    name: `Lead ${i}`,
    phone: `+1212555${String(1000 + i).padStart(4, '0')}`,
    email: `lead${i}@example.com`,
    timezone: ZONES[i % ZONES.length],
  },
  where: `row ${i}`,
}));
await addCampaign(ctx, { meeting_request_id: meeting.id, name: 'bench', leads });
const ids = (await db.selectFrom('leads').select('id').orderBy('id').execute()).map((r) => r.id);
const day = Date.parse('2026-03-10T14:00:00.000Z');
await db.transaction().execute(async (trx) => {
  for (let b = 0; b < BOOKINGS; b++) {
    const start = day + b * 3_600_000;
    const booking = await insertBooking(trx, {
      meeting_request_id: meeting.id,
      owner_id: 'dana@acme.com',
      start_utc: new Date(start).toISOString(),
      end_utc: new Date(start + 1_800_000).toISOString(),
      lead_ids: ids.slice(b * 3, b * 3 + 3),
      now: '2026-03-09T15:00:00.000Z',
    });
    await enqueueBookingNotifications(trx, ctx, booking.id, 'invite');
  }
});
const queued = await db
  .selectFrom('notifications')
  .select((eb) => eb.fn.countAll().as('n'))
  .executeTakeFirst();

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 10);
const t0 = performance.now();
const result = await runNotify(
  ctx,
  { dry_run: false },
  process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {},
);
const seconds = (performance.now() - t0) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(
  `bench:notify  ${Number(queued?.n)} invitations queued, ${result.sent.length} sent, ${result.failed.length + result.retrying.length} not sent, ${received} received by the loopback SMTP server`,
);
console.log(
  `  ${seconds.toFixed(2)} s: ${(result.sent.length / seconds).toFixed(0)} messages/s (pooled SMTP, 3 connections, 4 sends at a time)`,
);
console.log(`  peak RSS ${mib(peak)} MiB sampled during the send (process max RSS ${mib(process.resourceUsage().maxRSS * 1024)} MiB)`);
await db.destroy();
await new Promise((resolve) => server.close(resolve));
rmSync(dir, { recursive: true, force: true });
