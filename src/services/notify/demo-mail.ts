// The demo's invitations: sent through the real outbox and SMTP path to a loopback sink the demo
// runs in-process, then read back (who got what, the time as their subject line gives it in
// their zone), with each booking's .ics written to a folder the demo names.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { listBookings } from '../../db/repos/bookings.js';
import { bookingCalendar } from './calendar.js';
import { runNotify } from './send.js';
import { type SmtpSink, startSmtpSink } from './smtp-sink.js';

export interface DemoMailbox {
  sink: SmtpSink;
  /** The settings that point the demo's outbox at the sink. */
  env: Record<string, string>;
}

export interface DemoInvitations {
  smtp: string;
  sent: number;
  failed: number;
  /** One line per message the sink received, in order. */
  received: { to: string; subject: string }[];
  /** Where the .ics files are: one per booking. */
  folder: string;
  ics_files: string[];
}

export async function startDemoMailbox(businessName: string): Promise<DemoMailbox> {
  const sink = await startSmtpSink();
  return { sink, env: { CALLBOOK_SMTP_URL: sink.url, CALLBOOK_EMAIL_FROM: `${businessName} <bookings@callbook-demo.invalid>` } };
}

export async function deliverDemoInvitations(ctx: Context, mailbox: DemoMailbox, folder: string): Promise<DemoInvitations> {
  const result = await runNotify(ctx, { dry_run: false });
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  for (const b of await listBookings(ctx.db)) {
    const file = join(folder, `booking-${b.id}.ics`);
    writeFileSync(file, (await bookingCalendar(ctx, b.id)).ics);
    files.push(file);
  }
  return {
    smtp: mailbox.sink.url,
    sent: result.sent.length,
    failed: result.failed.length + result.retrying.length,
    received: mailbox.sink.messages.map((m) => ({ to: m.to.join(', '), subject: m.subject })),
    folder,
    ics_files: files,
  };
}
