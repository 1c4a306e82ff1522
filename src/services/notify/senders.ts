// What a notify run can send through: SMTP when CALLBOOK_SMTP_URL and CALLBOOK_EMAIL_FROM are
// valid, Twilio Messaging when the Twilio keys are set (or what a test or the demo injects).
// A channel that cannot send leaves its rows pending, with a warning saying why.
import type { Context } from '../../context.js';
import { countPendingOfChannel, type NotificationRow } from '../../db/repos/notifications.js';
import type { NotifySubject } from '../../domain/notify/content.js';
import type { SendSmsRequest, SentSms } from '../../telephony/sms.js';
import type { CalendarCache } from './compose.js';
import type { EmailMessage, EmailSender } from './email.js';
import { createSmtpSender } from './email.js';
import type { NotifyDeps } from './send.js';
import { loadBookingSubject, loadMeetingSubject } from './subject.js';

export interface Senders {
  channels: string[];
  sendEmail(message: EmailMessage): Promise<{ providerId: string | null }>;
  sendSms(req: SendSmsRequest): Promise<SentSms>;
  smsFrom: string;
  smsStatusUrl: string | null;
  close(): void;
}

async function emailSender(ctx: Context, deps: NotifyDeps, warnings: string[]): Promise<EmailSender | null> {
  if (deps.email !== undefined) return deps.email;
  const e = ctx.config.email;
  if (e.smtpUrl && e.from && e.problems.length === 0) return createSmtpSender(e);
  const waiting = await countPendingOfChannel(ctx.db, 'email');
  if (waiting > 0) {
    const why = e.problems.length > 0 ? e.problems.join('; ') : 'CALLBOOK_SMTP_URL and CALLBOOK_EMAIL_FROM are not set';
    warnings.push(`${waiting} email${waiting === 1 ? '' : 's'} left pending: ${why}`);
  }
  return null;
}

async function smsSender(ctx: Context, deps: NotifyDeps, warnings: string[]) {
  if (deps.sms !== undefined) return deps.sms;
  const t = ctx.config.twilio;
  if (t.accountSid && t.authToken && t.phoneNumber) {
    const { createTwilioTelephony } = await import('../../telephony/twilio.js');
    const telephony = await createTwilioTelephony({ accountSid: t.accountSid, authToken: t.authToken });
    return telephony.sendSms ? { sendSms: telephony.sendSms } : null;
  }
  const waiting = await countPendingOfChannel(ctx.db, 'sms');
  if (waiting > 0) warnings.push(`${waiting} text${waiting === 1 ? '' : 's'} left pending: the Twilio settings are not set`);
  return null;
}

export async function openSenders(ctx: Context, deps: NotifyDeps, warnings: string[]): Promise<Senders> {
  const email = await emailSender(ctx, deps, warnings);
  const sms = await smsSender(ctx, deps, warnings);
  const none = () => Promise.reject(new Error('channel not available'));
  return {
    channels: [...(email ? ['email'] : []), ...(sms ? ['sms'] : [])],
    sendEmail: email ? (m) => email.send(m) : none,
    sendSms: sms ? (r) => sms.sendSms(r) : none,
    smsFrom: ctx.config.twilio.phoneNumber ?? '+15005550006',
    // Twilio posts delivery updates here; without a public URL there is nowhere to post them.
    smsStatusUrl: ctx.config.publicBaseUrl ? `${ctx.config.publicBaseUrl}/twilio/message-status` : null,
    close: () => email?.close(),
  };
}

/** Each booking (or meeting) read once per run, however many rows it has. */
export function subjectCache(ctx: Context) {
  const cache = new Map<string, Promise<NotifySubject>>();
  return {
    calendars: new Map<string, string | null>() as CalendarCache,
    of(row: NotificationRow): Promise<NotifySubject> {
      const key = row.booking_id === null ? `m${row.meeting_request_id}` : `b${row.booking_id}`;
      let found = cache.get(key);
      if (!found) {
        found =
          row.booking_id === null
            ? loadMeetingSubject(ctx.db, ctx.config, row.meeting_request_id).then((x) => x.subject)
            : loadBookingSubject(ctx.db, ctx.config, row.booking_id, 'invite').then((x) => x.subject);
        cache.set(key, found);
      }
      return found;
    },
  };
}
