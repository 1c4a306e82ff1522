// `callbook serve` as a real process with no TWILIO_AUTH_TOKEN: it starts, its banner goes to
// stderr (stdout stays empty without --json), the Twilio routes answer 503, each request is one
// stderr line, and SIGTERM stops it cleanly.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/callbook.js');
let dir: string;

beforeAll(() => {
  ensureBuilt(root);
  dir = mkdtempSync(join(tmpdir(), 'callbook-serve-cli-'));
}, 120_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('callbook serve for the API alone', () => {
  it('starts without TWILIO_AUTH_TOKEN, says so on stderr, and answers Twilio 503', async () => {
    const env: Record<string, string> = { ...process.env, CALLBOOK_API_TOKEN: 'api-secret', CALLBOOK_WEBHOOK_THREADS: '0' } as never;
    delete env.TWILIO_AUTH_TOKEN;
    delete env.TWILIO_VOICE_WEBHOOK_URL;
    delete env.PUBLIC_BASE_URL;
    const child = spawn(process.execPath, [bin, '--db', join(dir, 's.db'), 'serve', '--port', '0'], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 15_000;
    while (!/listening on (http:\/\/\S+)/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
    expect(url, stderr).toBeDefined();
    expect(stderr).toMatch(/Twilio webhooks: off \(TWILIO_AUTH_TOKEN is not set/);
    expect(stderr).toMatch(/JSON API: on/);
    const twilio = await fetch(`${url}/twilio/voice`, { method: 'POST', body: 'CallSid=CA1' });
    expect(twilio.status).toBe(503);
    expect(((await twilio.json()) as any).error.message).toContain('TWILIO_AUTH_TOKEN is not set');
    const api = await fetch(`${url}/meeting-requests`, { headers: { Authorization: 'Bearer api-secret' } });
    expect(api.status).toBe(200);
    const contract = await fetch(`${url}/openapi.json`);
    expect(((await contract.json()) as any).openapi).toBe('3.1.0');
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/POST \/twilio\/voice 503 [\d.]+ ms/);
    expect(stderr).toMatch(/GET \/meeting-requests 200 [\d.]+ ms/);
    expect(stderr).not.toContain('api-secret');
  }, 60_000);
});

describe('callbook serve with Twilio webhooks on', () => {
  // bin/callbook.js runs the bundle (dist/cli): its worker thread must be there beside it, or
  // every gather would be parsed on the event loop without a word.
  it('says where gather turns are worked out: on a worker thread by default, in its own thread with CALLBOOK_WEBHOOK_THREADS=0', async () => {
    for (const [threads, expected] of [
      [undefined, /Gather turns: worked out on 1 worker thread \(CALLBOOK_WEBHOOK_THREADS\)/],
      ['2', /Gather turns: worked out on 2 worker threads/],
      ['0', /Gather turns: worked out in this thread \(CALLBOOK_WEBHOOK_THREADS=0\)/],
    ] as const) {
      const env: Record<string, string> = {
        ...process.env,
        TWILIO_AUTH_TOKEN: 'token',
        TWILIO_VOICE_WEBHOOK_URL: 'https://cb.example.ngrok.app',
      } as never;
      delete env.CALLBOOK_WEBHOOK_THREADS;
      delete env.OPENAI_API_KEY;
      if (threads !== undefined) env.CALLBOOK_WEBHOOK_THREADS = threads;
      const child = spawn(process.execPath, [bin, '--db', join(dir, `t${threads ?? 'd'}.db`), 'serve', '--port', '0'], { cwd: dir, env });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      const deadline = Date.now() + 15_000;
      while (!/Requests are logged/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(stderr).toMatch(expected);
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
    }
  }, 60_000);
});
