import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CallbookError } from '../../errors.js';
import { isUrl } from './source-name.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  cwd: string;
}

/** The raw text of a calendar, read fresh: a local file, or an http(s) URL with Node's fetch. */
export async function readCalendarText(source: string, name: string, limits: FetchLimits): Promise<string> {
  return isUrl(source) ? fetchCalendar(source, name, limits) : readCalendarFile(resolve(limits.cwd, source), name, limits);
}

async function readCalendarFile(path: string, name: string, limits: FetchLimits): Promise<string> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw remote(name, 'is not a file');
    if (info.size > limits.maxBytes) throw remote(name, `is larger than ${formatBytes(limits.maxBytes)}`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof CallbookError) throw error;
    throw remote(name, fileProblem(error));
  }
}

async function fetchCalendar(url: string, name: string, limits: FetchLimits): Promise<string> {
  const scheme = URL.canParse(url) ? new URL(url).protocol : null;
  if (scheme === null) throw remote(name, 'is not a valid URL');
  if (scheme !== 'http:' && scheme !== 'https:') throw remote(name, `${scheme}// is not supported (http or https only)`);
  // One signal covers connecting, the headers and the whole body: a server that trickles bytes times out too.
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetch(url, { redirect: 'follow', signal, headers: { accept: 'text/calendar, */*;q=0.5' } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw remote(name, `the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge(name, limits.maxBytes);
    }
    return await readCapped(response, name, limits.maxBytes);
  } catch (error) {
    if (error instanceof CallbookError) throw error;
    if (signal.aborted) throw remote(name, `no complete answer within ${formatSeconds(limits.timeoutMs)}`);
    throw remote(name, `unreachable (${networkProblem(error)})`);
  }
}

// Content-Length may be absent (chunked) or wrong, so the cap is enforced on the bytes actually read.
async function readCapped(response: Response, name: string, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(name, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function remote(name: string, why: string): CallbookError {
  return new CallbookError('remote', `calendar ${name}: ${why}`, {
    hint: 'check the calendar address, or run confirm with --ignore-calendar to book without it',
  });
}

function tooLarge(name: string, maxBytes: number): CallbookError {
  return remote(name, `is larger than ${formatBytes(maxBytes)}`);
}

function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is not a file';
  return `cannot be read (${code ?? String(error)})`;
}

// Only the error code or the cause's message: never the URL, which fetch errors may quote.
function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  if (cause?.code) return cause.code;
  return 'network error';
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${bytes} bytes`;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
