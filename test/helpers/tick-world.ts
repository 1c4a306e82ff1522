// A migrated in-memory database with one open meeting, helpers to add leads in any state, and a
// fake Telephony that records what it dialed (no module mocks of twilio).
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config.js';
import { type Context, createContext } from '../../src/context.js';
import { type Db, openDatabase } from '../../src/db/connection.js';
import { createMeeting } from '../../src/services/meeting-create.js';
import type { Dialer } from '../../src/services/telephony-factory.js';
import type { PlaceCallRequest, PlacedCall } from '../../src/telephony/types.js';
import { standardMeeting } from './meeting.js';

export const NOW = '2026-03-09T15:00:00Z'; // Monday: 11:00 in New York (EDT), 08:00 in Los Angeles

export interface LeadSpec {
  name: string;
  phone: string;
  timezone?: string;
  state?: string;
  attempts?: number;
  next_attempt_at?: string | null;
  claimed_at?: string | null;
  claim_token?: string | null;
  /** Consent on record by default (real calls need it); null for none. */
  consent_source?: string | null;
  consent_at?: string | null;
  lease_expires_at?: string | null;
  lease_beat?: number;
  lease_seen_beat?: number | null;
  lease_seen_at?: string | null;
  dialing_call_id?: number | null;
}

export function fakeDialer(fail?: (req: PlaceCallRequest, n: number) => Error | null) {
  const placed: PlaceCallRequest[] = [];
  let n = 0;
  const dialer: Dialer = {
    telephony: {
      kind: 'simulator',
      async placeCall(req): Promise<PlacedCall> {
        n++;
        const error = fail?.(req, n) ?? null;
        if (error) throw error;
        placed.push(req);
        return { sid: `CA${String(n).padStart(32, '0')}`, status: 'queued' };
      },
    },
    from: '+15005550006',
    publicBaseUrl: 'https://cb.example.test',
    finish: async () => {},
  };
  return { dialer, placed, openDialer: async () => dialer };
}

export async function createTickWorld(options: { env?: Record<string, string>; now?: string; db?: Db } = {}) {
  const db = options.db ?? (await openDatabase(':memory:'));
  let now = options.now ?? NOW;
  const config = loadConfig({ CALLBOOK_NOW: now, ...options.env });
  const ctx: Context = createContext(db, config, { now: () => DateTime.fromISO(now, { zone: 'utc' }) });
  const meeting = await createMeeting(ctx, standardMeeting('dana.smith@acme.com'));
  const campaign = await db
    .insertInto('campaigns')
    .values({ meeting_request_id: meeting.id, name: 'wave', created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();

  async function addLeads(specs: LeadSpec[]) {
    const rows = specs.map((s) => ({
      campaign_id: campaign.id,
      meeting_request_id: meeting.id,
      name: s.name,
      phone: s.phone,
      email: null,
      timezone: s.timezone ?? 'America/New_York',
      state: s.state ?? 'pending',
      attempts: s.attempts ?? 0,
      next_attempt_at: s.next_attempt_at ?? null,
      claimed_at: s.claimed_at ?? null,
      claim_token: s.claim_token ?? null,
      consent_source: s.consent_source === undefined ? 'web form' : s.consent_source,
      consent_at: s.consent_at === undefined ? '2026-02-01T00:00:00.000Z' : s.consent_at,
      lease_expires_at: s.lease_expires_at ?? null,
      lease_beat: s.lease_beat ?? 0,
      lease_seen_beat: s.lease_seen_beat ?? null,
      lease_seen_at: s.lease_seen_at ?? null,
      dialing_call_id: s.dialing_call_id ?? null,
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('leads')
        .values(rows.slice(i, i + 500))
        .execute();
    return db.selectFrom('leads').selectAll().orderBy('id').execute();
  }

  const lead = (phone: string) => db.selectFrom('leads').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
  const calls = () => db.selectFrom('calls').selectAll().orderBy('id').execute();
  const snapshot = async () => ({ leads: await db.selectFrom('leads').selectAll().orderBy('id').execute(), calls: await calls() });

  return {
    db,
    ctx,
    meeting,
    campaign,
    addLeads,
    lead,
    calls,
    snapshot,
    setNow: (iso: string) => {
      now = iso;
    },
    addDnc: (phone: string) => db.insertInto('do_not_call').values({ phone, reason: 'asked', source: 'test', created_at: now }).execute(),
    close: () => db.destroy(),
  };
}
