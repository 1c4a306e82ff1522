// Body limits for requests nobody has authenticated yet. A request over the limit is refused from
// its Content-Length before a byte of the body is read; a streamed (chunked) one is read only up to
// the limit, then the stream is cancelled. Either way the 413 says `Connection: close`, so the
// sender's remaining bytes are not drained on our time.
import type { Context, MiddlewareHandler } from 'hono';
import type { FieldProblem } from '../errors.js';

/** Twilio's form posts are a few hundred bytes; 64 KiB leaves room for a long SpeechResult. */
export const TWILIO_BODY_LIMIT = 64 * 1024;
/** The largest legitimate JSON body is a campaign of leads: 16 MiB holds about 100,000 of them. */
export const API_BODY_LIMIT = 16 * 1024 * 1024;

/** The shape of every error the server sends: {"error": {kind, message, hint, problems}}. */
export function errorBody(kind: string, message: string, hint: string | null = null, problems: FieldProblem[] = []) {
  return { error: { kind, message, hint, problems } };
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/**
 * `linger`: for a sender already authenticated (the JSON API). Closing at once would reset the
 * connection with the sender's bytes unread, and a reset can throw the 413 away before the sender
 * reads it; without `Connection: close` the server drains what is still coming for a bounded time
 * (@hono/node-server: 500 ms, 64 MiB) and then closes, the lingering close of Apache and nginx.
 * Unauthenticated senders (Twilio routes) get no such courtesy: their socket closes at once.
 */
export function tooLarge(c: Context, limit: number, options: { linger?: boolean } = {}): Response {
  const label = sizeLabel(limit);
  return c.json(
    errorBody(
      'too_large',
      `request body over the limit of ${label} (${limit} bytes) for ${new URL(c.req.url).pathname}`,
      `send at most ${label}`,
      [{ field: 'body', message: `expected at most ${limit} bytes` }],
    ),
    413,
    options.linger ? {} : { Connection: 'close' },
  );
}

/** The declared length, or null when the body is streamed (chunked) or absent. */
function declaredLength(c: Context): number | null {
  if (c.req.header('transfer-encoding') !== undefined) return null;
  const text = c.req.header('content-length');
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

/** Whether the declared Content-Length already says too much: answer before reading anything. */
export function declaresTooMuch(c: Context, limit: number): boolean {
  const length = declaredLength(c);
  return length !== null && length > limit;
}

/**
 * The body as text, or null when it went over the limit (the stream is then cancelled). With a
 * Content-Length within the limit the server's own reader is used (the HTTP parser stops at that
 * length); only a streamed body is counted chunk by chunk.
 */
export async function readTextWithin(c: Context, limit: number): Promise<string | null> {
  const length = declaredLength(c);
  if (length !== null) return length > limit ? null : c.req.text();
  const incoming = nodeIncoming(c);
  if (incoming) return readIncomingWithin(incoming, limit);
  const stream = c.req.raw.body;
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The Node request under @hono/node-server, while nobody has read its body yet. */
interface NodeIncoming {
  readonly readableDidRead: boolean;
  readonly readableEnded: boolean;
  on(event: string, listener: (chunk?: unknown) => void): unknown;
  off(event: string, listener: (chunk?: unknown) => void): unknown;
  pause(): unknown;
}

function nodeIncoming(c: Context): NodeIncoming | null {
  const incoming = (c.env as { incoming?: NodeIncoming } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && !incoming.readableDidRead ? incoming : null;
}

/**
 * A streamed body straight from the socket: building a web Request and its ReadableStream for a
 * body that is about to be refused costs more than the refusal (a forged chunked post was the
 * dearest request the server had).
 */
function readIncomingWithin(incoming: NodeIncoming, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk?: unknown) => {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > limit) {
        cleanup();
        incoming.pause();
        resolve(null);
      } else chunks.push(bytes);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (error?: unknown) => {
      cleanup();
      reject(error);
    };
    const onClose = () => (incoming.readableEnded ? onEnd() : onError(new Error('the client closed the connection mid-body')));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/**
 * For routes that read the body themselves (the JSON API): refuses an oversized Content-Length at
 * once, and buffers a streamed body up to the limit so the handler reads it from memory.
 */
export function bodyLimit(limit: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (declaresTooMuch(c, limit)) return tooLarge(c, limit, { linger: true });
    // Only a streamed body is read here (asking c.req.raw for its body would build a web stream).
    if (c.req.header('transfer-encoding') !== undefined) {
      const text = await readTextWithin(c, limit);
      if (text === null) return tooLarge(c, limit, { linger: true });
      c.req.raw = new Request(c.req.raw, { body: text });
    }
    await next();
  };
}
