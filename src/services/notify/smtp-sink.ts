// A minimal SMTP receiver on 127.0.0.1 for the demo: it accepts every message and keeps it in
// memory. Built on node:net because the demo ships with the CLI, where dev dependencies (the
// smtp-server package the tests use) are not installed. Not a mail server: no TLS, no AUTH.
import { createServer, type Socket } from 'node:net';

export interface SunkMessage {
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

export interface SmtpSink {
  url: string;
  messages: SunkMessage[];
  close(): Promise<void>;
}

/** "=?UTF-8?Q?Invitation=3A_Intro_=E2=80=94?=" → "Invitation: Intro —" (RFC 2047 encoded words). */
export function decodeHeader(value: string): string {
  // Words next to each other join without the space between them; their bytes decode together,
  // so a character split across two words comes out whole. Headers are ASCII outside the words.
  const bytes = value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('latin1')
        : text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function headerOf(raw: string, name: string): string {
  const head = raw.split('\r\n\r\n')[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeHeader(line.slice(name.length + 1).trim()) : '';
}

function serve(socket: Socket, messages: SunkMessage[]): void {
  let buffer = '';
  let data: string[] | null = null;
  let envelope = { from: '', to: [] as string[] };
  const reply = (text: string) => socket.write(`${text}\r\n`);
  socket.on('error', () => socket.destroy());
  reply('220 callbook-demo ESMTP');
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (data) {
        if (line !== '.') data.push(line.startsWith('..') ? line.slice(1) : line);
        else {
          const raw = data.join('\r\n');
          messages.push({ ...envelope, subject: headerOf(raw, 'Subject'), raw });
          envelope = { from: '', to: [] };
          data = null;
          reply(`250 OK: queued as D${messages.length}`);
        }
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') socket.write('250-callbook-demo\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
      else if (verb === 'MAIL') envelope.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
      else if (verb === 'RCPT') envelope.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
      else if (verb === 'DATA') data = [];
      else if (verb === 'QUIT') {
        reply('221 bye');
        socket.end();
        continue;
      }
      if (verb === 'DATA') reply('354 end with <CRLF>.<CRLF>');
      else if (verb !== 'EHLO') reply('250 OK');
    }
  });
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, messages);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
