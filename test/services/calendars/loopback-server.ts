import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/calendars');

/** The kind of secret path Google gives ("Secret address in iCal format"). */
export const SECRET_PATH = '/calendar/ical/dana%40acme.com/private-3f9a8c7d6e5b4a39281706f5e4d3c2b1/basic.ics';

export interface CalendarServer {
  base: string;
  /** Requests seen, so a test can show the calendar is read fresh on every call. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (port 0) serving the fixtures the way calendar hosts do,
 * plus the failures a user meets: 404, an HTML login page, a server that never answers,
 * one that stalls mid-body, a body that never ends, a redirect.
 */
export async function startCalendarServer(): Promise<CalendarServer> {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.push(path);
    if (path === SECRET_PATH || path === '/google.ics') return sendIcs(response, 'google-export.ics');
    if (path === '/outlook/calendar.ics') return sendIcs(response, 'outlook-export.ics');
    if (path === '/floating.ics') return sendIcs(response, 'floating.ics');
    if (path === '/moved.ics') {
      response.writeHead(302, { location: SECRET_PATH });
      return response.end();
    }
    if (path.startsWith('/login')) {
      response.writeHead(200, { 'content-type': 'text/html' });
      return response.end('<!doctype html><html><body>Sign in to continue</body></html>');
    }
    if (path.startsWith('/never')) return; // holds the socket open, never answers
    if (path.startsWith('/stall')) {
      response.writeHead(200, { 'content-type': 'text/calendar' });
      return response.write('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'); // and never ends
    }
    if (path.startsWith('/endless')) return streamForever(response);
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendIcs(response: import('node:http').ServerResponse, file: string): void {
  response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
  response.end(readFileSync(join(FIXTURES, file)));
}

// Chunked, no Content-Length: the cap has to be enforced on the bytes read, not on a header.
function streamForever(response: import('node:http').ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/calendar' });
  response.write('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n');
  const chunk = `X-FILLER:${'x'.repeat(64 * 1024)}\r\n`;
  const pump = (): void => {
    while (!response.destroyed && response.write(chunk)) {}
    if (!response.destroyed) response.once('drain', pump);
  };
  response.on('close', () => response.destroy());
  pump();
}
