// A migrated in-memory database with one meeting, leads and a call ready to be answered,
// plus a signed-request helper that posts to the app exactly as Twilio would.
import { DateTime } from 'luxon';
import twilio from 'twilio';
import { loadConfig } from '../../src/config.js';
import { type Context, createContext } from '../../src/context.js';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { createApp } from '../../src/server/app.js';
import { addCampaign } from '../../src/services/campaigns.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import { standardMeeting } from './meeting.js';

export const AUTH_TOKEN = 'test-auth-token';
export const PUBLIC_BASE = 'https://callbook.example.ngrok.app';

export async function createWorld(options: { env?: Record<string, string>; now?: string; db?: Db } = {}) {
  const db = options.db ?? (await openDatabase(':memory:'));
  const config = loadConfig({ CALLBOOK_NOW: options.now ?? '2026-03-09T15:00:00Z', CALLBOOK_API_TOKEN: 'api-secret', ...options.env });
  const ctx: Context = createContext(db, config);
  const meeting = await createMeeting(ctx, standardMeeting());
  await addCampaign(ctx, {
    meeting_request_id: meeting.id,
    name: 'wave',
    leads: [
      { raw: { name: 'Ana Ruiz', phone: '+15551230001', timezone: 'America/New_York' }, where: 'a' },
      { raw: { name: 'Ben Ode', phone: '+15551230002', timezone: 'America/Chicago' }, where: 'b' },
    ],
  });
  const app = createApp({ ctx, authToken: AUTH_TOKEN, publicBaseUrl: PUBLIC_BASE, skipTwilioValidation: false, apiToken: 'api-secret' });
  const now =
    DateTime.fromISO(config.now ?? '')
      .toUTC()
      .toISO() ?? '';

  async function startCall(leadId: number, sid: string) {
    const call = await db
      .insertInto('calls')
      .values({
        lead_id: leadId,
        meeting_request_id: meeting.id,
        provider: 'simulator',
        call_sid: sid,
        status: 'queued',
        last_sequence: null,
        answered_by: null,
        script: 'Hello, when are you free?',
        outcome: null,
        error_code: null,
        error_message: null,
        local_time_at_dial: null,
        checks: null,
        duration_seconds: null,
        created_at: now,
        updated_at: now,
        ended_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db.updateTable('leads').set({ state: 'calling', attempts: 1 }).where('id', '=', leadId).execute();
    return call;
  }

  /** POSTs a form signed for PUBLIC_BASE + path, as Twilio does; `sign` can forge or omit. */
  function post(path: string, params: Record<string, string>, sign: 'valid' | 'none' | 'wrong-token' | 'wrong-url' = 'valid') {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const url = sign === 'wrong-url' ? `http://localhost:8787${path}` : PUBLIC_BASE + path;
    if (sign !== 'none')
      headers['X-Twilio-Signature'] = twilio.getExpectedTwilioSignature(sign === 'wrong-token' ? 'nope' : AUTH_TOKEN, url, params);
    return app.request(path, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  }

  /** POSTs to the JSON API with its bearer token: `body` as JSON, or a string sent as it is. */
  async function postApi(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await app.request(path, {
      method: 'POST',
      headers: { Authorization: 'Bearer api-secret', 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  const snapshot = async () => ({
    calls: await db.selectFrom('calls').selectAll().orderBy('id').execute(),
    leads: await db.selectFrom('leads').selectAll().orderBy('id').execute(),
    slots: await db.selectFrom('participant_availability').selectAll().orderBy('id').execute(),
    turns: await db.selectFrom('call_turns').selectAll().orderBy('id').execute(),
    dnc: await db.selectFrom('do_not_call').selectAll().execute(),
  });

  return { db, ctx, app, meeting, startCall, post, postApi, snapshot, close: () => db.destroy() };
}
