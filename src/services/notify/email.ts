// Email over SMTP with nodemailer, loaded only when there is something to send. One message per
// recipient: a plain-text body and, for invitations and cancellations, the calendar as a
// `text/calendar; method=…` alternative (nodemailer's icalEvent), which mail clients turn into
// Accept/Decline buttons. Errors are sorted into permanent (5xx) and worth retrying (the rest).
import { connect, type Socket } from 'node:net';
import type { EmailSettings } from '../../domain/notify/email-settings.js';
import type { SendFailure } from '../../domain/notify/retry.js';

export interface EmailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** Fixed per outbox row: a resend carries the same Message-ID. */
  messageId: string;
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ providerId: string | null }>;
  close(): void;
}

export interface SmtpOptions {
  /** Connection, greeting and socket timeouts; a send never hangs longer than a few of these. */
  timeoutMs?: number;
  /** Connections kept open at once. */
  maxConnections?: number;
}

/** smtp:// uses STARTTLS when the server offers it, smtps:// TLS from the start; user and password come from the URL. */
export function smtpTransportOptions(url: string, opts: SmtpOptions = {}) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const timeout = opts.timeoutMs ?? 10_000;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
    pool: true,
    maxConnections: opts.maxConnections ?? 3,
    maxMessages: 100,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    getSocket: noDelaySocket(parsed.hostname, parsed.port ? Number(parsed.port) : secure ? 465 : 587, timeout),
  };
}

type SocketCallback = (err: Error | null, socketOptions: { connection: Socket } | null) => void;

/**
 * nodemailer connects without TCP_NODELAY: each message's last small write waits for the
 * server's delayed ACK (~40 ms). We open the socket ourselves with Nagle off and hand it over
 * (nodemailer still upgrades smtps to TLS). When our connect fails we hand over nothing and
 * nodemailer connects on its own, so the failure takes its usual path: an error passed back
 * from here instead leaves its pool waiting forever for that connection.
 */
function noDelaySocket(host: string, port: number, timeoutMs: number) {
  return (_options: unknown, callback: SocketCallback) => {
    const socket = connect({ host, port, noDelay: true });
    let settled = false;
    const settle = (connection: Socket | null) => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      socket.removeAllListeners('error');
      if (!connection) socket.destroy();
      callback(null, connection ? { connection } : null);
    };
    socket.setTimeout(timeoutMs, () => settle(null));
    socket.once('error', () => settle(null));
    socket.once('connect', () => settle(socket));
  };
}

/** "250 OK: queued as 7F3A" → "7F3A"; else the server's whole answer. */
export function providerIdOf(response: string | undefined): string | null {
  if (!response) return null;
  const queued = /queued as\s+(\S+)/i.exec(response);
  return queued?.[1] ?? response.slice(0, 200);
}

export async function createSmtpSender(settings: EmailSettings, opts: SmtpOptions = {}): Promise<EmailSender> {
  if (!settings.smtpUrl || !settings.from) throw new Error('email is not set up');
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(smtpTransportOptions(settings.smtpUrl, opts));
  const from = settings.from;
  return {
    async send(message) {
      const info = await transport.sendMail({
        from,
        to: { name: message.to.name, address: message.to.address },
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        ...(message.calendar
          ? { icalEvent: { method: message.calendar.method, filename: 'invite.ics', content: message.calendar.content } }
          : {}),
      });
      return { providerId: providerIdOf(info.response) };
    },
    close: () => transport.close(),
  };
}

/** Never echoes the URL: it holds the SMTP password. */
export function classifySmtpError(error: unknown): SendFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text = (typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(error)).slice(0, 300);
  if (code !== null && code >= 500 && code < 600 && e.code !== 'EAUTH') {
    return { permanent: true, message: `the SMTP server refused the message (${text})` };
  }
  const kind = typeof e.code === 'string' ? e.code : 'error';
  const what: Record<string, string> = {
    ETIMEDOUT: 'the SMTP server did not answer in time',
    ECONNECTION: 'could not connect to the SMTP server',
    ESOCKET: 'the connection to the SMTP server failed',
    EAUTH: 'the SMTP server refused the login (check the user and password in CALLBOOK_SMTP_URL)',
  };
  return { permanent: false, message: `${what[kind] ?? 'SMTP error'} (${kind}: ${text})` };
}
