// smtps:// (implicit TLS, port 465 at most providers): the invitations go over TLS to a server
// whose certificate the process trusts, and none go at all to one it does not trust. Trust is the
// process's own (NODE_EXTRA_CA_CERTS is read at start-up), so `notify` runs as the built CLI, in a
// child process, against a real TLS SMTP server on loopback with a certificate made for the test.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { type CliSandbox, createCliSandbox, MEETING_FLAGS } from '../helpers/cli.js';
import { type SmtpPeer, startSmtpPeer } from '../services/notify/smtp-peer.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/callbook.js');
let certs: string;
let tls: { key: string; cert: string };
let smtp: SmtpPeer;
let cli: CliSandbox;
let env: Record<string, string>;

beforeAll(() => {
  ensureBuilt(root);
  certs = mkdtempSync(join(tmpdir(), 'callbook-smtps-'));
  // A self-signed certificate for 127.0.0.1, as a private mail relay might have.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      join(certs, 'key.pem'),
      '-out',
      join(certs, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  tls = { key: readFileSync(join(certs, 'key.pem'), 'utf8'), cert: readFileSync(join(certs, 'cert.pem'), 'utf8') };
}, 120_000);
afterAll(() => rmSync(certs, { recursive: true, force: true }));

beforeEach(async () => {
  smtp = await startSmtpPeer({ tls });
  env = { CALLBOOK_SMTP_URL: smtp.url, CALLBOOK_EMAIL_FROM: 'Callbook <bookings@acme.com>', CALLBOOK_NOTIFY_RETRY_SECONDS: '0' };
  cli = createCliSandbox(env);
  await cli.run(['owner', 'set', 'dana@acme.com', '--name', 'Dana Smith', '--email', 'dana@acme.com', '--timezone', 'America/New_York']);
  await cli.run(MEETING_FLAGS);
  await cli.run(['campaign', 'add', '--meeting', '1', '--name', 'M', '--lead', 'Ana Ruiz,+15551230001,ana@example.com,America/New_York']);
  await cli.run(['availability', 'add', '--meeting', '1', '--lead', '1', '--start', '2026-03-10T10:00', '--end', '2026-03-10T11:00']);
  expect((await cli.run(['confirm', '1', '--json'])).code).toBe(0);
});
afterEach(async () => {
  cli.cleanup();
  await smtp.close();
});

/** `callbook notify --json` as its own process, with the environment given. */
async function notify(extraEnv: Record<string, string>) {
  const { stdout } = await promisify(execFile)(process.execPath, [bin, '--db', cli.dbPath, 'notify', '--json'], {
    env: { ...process.env, CALLBOOK_NOW: '2026-03-05T12:00:00Z', ...env, ...extraEnv },
  }).catch((error: { stdout?: string; code?: number }) => ({ stdout: error.stdout ?? '', code: error.code }));
  return JSON.parse(stdout);
}

describe('notify over smtps://', () => {
  it('sends every invitation over TLS to a server whose certificate is trusted', async () => {
    expect(smtp.url).toMatch(/^smtps:\/\//);
    const r = await notify({ NODE_EXTRA_CA_CERTS: join(certs, 'cert.pem') });
    expect(r.sent).toHaveLength(2);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['ana@example.com', 'dana@acme.com']);
    // The subjects are MIME-encoded words (the dash and the times are not ASCII).
    expect(smtp.received.every((m) => m.headers.subject?.includes('Invitation=3A_Intro_call'))).toBe(true);
  });

  it('sends nothing to a server whose certificate is not trusted, and keeps the invitations to retry, saying why', async () => {
    const r = await notify({ CALLBOOK_NOTIFY_RETRY_SECONDS: '60' });
    expect(r.sent).toEqual([]);
    expect(smtp.received).toEqual([]);
    const rows = (await cli.run(['booking', 'show', '1', '--json'])).json().notifications;
    expect(rows.map((row: { recipient: string }) => row.recipient).sort()).toEqual(['ana@example.com', 'dana@acme.com']);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1, sent_at: null });
      expect(row.last_error).toMatch(/self-signed certificate/);
    }
  });
});
