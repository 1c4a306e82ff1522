// A real SMTP server on 127.0.0.1 (smtp-server) that can accept, refuse a recipient, stall, or
// drop the connection in the middle of DATA; and a small MIME reader for what it received.
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
  headers: Record<string, string>;
  parts: { contentType: string; body: string }[];
}

export type Fault =
  | { kind: 'refuse'; address: string; code?: number }
  | { kind: 'stall' }
  | { kind: 'drop' }
  | { kind: 'busy'; address?: string };

export interface SmtpPeer {
  port: number;
  url: string;
  received: Received[];
  /** Faults applied to the next messages, in order, one per message. */
  faults: Fault[];
  close(): Promise<void>;
}

function unfoldHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decode(body: string, encoding: string | undefined): string {
  if (encoding?.toLowerCase() === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding?.toLowerCase() === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

/** Leaf parts of a (possibly nested) multipart message, decoded. */
export function mimeParts(raw: string): { headers: Record<string, string>; parts: { contentType: string; body: string }[] } {
  const split = raw.indexOf('\r\n\r\n');
  const headers = unfoldHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return { headers, parts: [{ contentType: type, body: decode(body, headers['content-transfer-encoding']) }] };
  const parts: { contentType: string; body: string }[] = [];
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(...mimeParts(chunk.replace(/^\r\n/, '')).parts);
  }
  return { headers, parts };
}

/** `tls`: implicit TLS from the first byte (smtps://, port 465 in real life) with this key and certificate. */
export async function startSmtpPeer(
  options: { user?: string; pass?: string; tls?: { key: string; cert: string } } = {},
): Promise<SmtpPeer> {
  const received: Received[] = [];
  const faults: Fault[] = [];
  const user = options.user ?? 'bot';
  const pass = options.pass ?? 's3cret';
  // smtp-server keeps each session's socket on its connection object: the drop fault needs it.
  const socketOf = (id: string) =>
    [...(server as unknown as { connections: Set<{ session: { id: string }; _socket: { destroy(): void } }> }).connections].find(
      (c) => c.session.id === id,
    )?._socket;
  const server: SMTPServer = new SMTPServer({
    ...(options.tls ? { secure: true, key: options.tls.key, cert: options.tls.cert } : {}),
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    // Closed sockets of stalled sessions must not keep the test waiting.
    socketTimeout: 30_000,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error('Invalid username or password'));
    },
    onRcptTo(address, session, cb) {
      const fault = faults[0];
      if (fault?.kind === 'refuse' && fault.address === address.address) {
        faults.shift();
        const err = Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: fault.code ?? 550 });
        return cb(err);
      }
      if (fault?.kind === 'busy' && (fault.address === undefined || fault.address === address.address)) {
        faults.shift();
        return cb(Object.assign(new Error('try again later'), { responseCode: 451 }));
      }
      (session as unknown as { rcpt: string[] }).rcpt = [...((session as unknown as { rcpt?: string[] }).rcpt ?? []), address.address];
      cb();
    },
    onData(stream, session, cb) {
      const fault = faults[0]?.kind === 'stall' || faults[0]?.kind === 'drop' ? faults.shift() : undefined;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        chunks.push(c);
        // Mid-DATA: the client has started the message; the connection goes away under it.
        if (fault?.kind === 'drop' && chunks.length === 1) socketOf(session.id)?.destroy();
      });
      stream.on('end', () => {
        if (fault) return; // stall: never answer; drop: already gone
        const raw = Buffer.concat(chunks).toString('utf8');
        const { headers, parts } = mimeParts(raw);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          headers,
          parts,
        });
        cb(null, `OK: queued as Q${received.length}`);
      });
    },
  });
  // A client that gives up on the TLS handshake (it does not trust the certificate) is an error of
  // the server's; here it is what the test expects.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `${options.tls ? 'smtps' : 'smtp'}://${user}:${pass}@127.0.0.1:${port}`,
    received,
    faults,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
