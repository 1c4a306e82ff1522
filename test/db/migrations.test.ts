import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { openDatabase, resolveDatabaseTarget } from '../../src/db/connection.js';
import { migrateDown, migrateToLatest } from '../../src/db/migrate.js';

describe('migrations', () => {
  it('registers every migration file in the static index', () => {
    const files = readdirSync(new URL('../../migrations/', import.meta.url))
      .filter((f) => /^\d{14}_.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });

  it('round-trips up and down and up again', async () => {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    await migrateToLatest(db);
    const tables = async () => (await db.introspection.getTables()).map((t) => t.name).sort();
    expect(await tables()).toEqual([
      'booking_attendees',
      'bookings',
      'call_turns',
      'calls',
      'campaigns',
      'do_not_call',
      'leads',
      'meeting_requests',
      'notifications',
      'owners',
      'participant_availability',
    ]);
    await migrateDown(db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(db);
    expect(await tables()).toHaveLength(11);
    await db.destroy();
  });

  it('creates the file on first use in WAL mode and reopens it without migrating again', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'callbook-db-')), 'fresh.db');
    const db = await openDatabase(`sqlite:///${path}`);
    await db.destroy();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(Object.keys(migrations).length);
    raw.close();
    const again = await openDatabase(path);
    expect(await again.selectFrom('meeting_requests').selectAll().execute()).toEqual([]);
    await again.destroy();
  });
});

describe('database URLs', () => {
  it.each([
    ['./app.db', '/work/x/app.db'],
    ['sqlite:///./app.db', '/work/x/app.db'],
    ['sqlite:////var/data/app.db', '/var/data/app.db'],
    [':memory:', ':memory:'],
  ])('%s → %s', (url, file) => {
    expect(resolveDatabaseTarget(url, '/work/x')).toEqual({ dialect: 'sqlite', filename: file });
  });

  it('takes postgres:// URLs to PostgreSQL and refuses other schemes', () => {
    expect(resolveDatabaseTarget('postgres://localhost/test').dialect).toBe('postgres');
    expect(() => resolveDatabaseTarget('mysql://localhost/test')).toThrow(/unsupported database URL scheme/);
  });
});

describe('20261201000100_create_owners_and_booking_records', () => {
  const BEFORE = '20261124000200_add_availability_call_index';

  async function seedOldShape() {
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const step = await migrator.migrateTo(BEFORE);
    if (step.error) throw step.error;
    const at = '2026-03-01T10:00:00.000Z';
    const meeting = (title: string, status: string) =>
      db
        .insertInto('meeting_requests')
        .values({
          owner_id: 'dana@acme.com',
          title,
          duration_minutes: 30,
          max_bookings: 3,
          window_start: '2026-03-09T05:00:00.000Z',
          window_end: '2026-03-14T05:00:00.000Z',
          timezone: 'America/New_York',
          soft_constraints: '{}',
          status,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const m1 = await meeting('Intro', 'confirmed');
    const m2 = await meeting('Open one', 'open');
    const campaign = await db
      .insertInto('campaigns')
      .values({ meeting_request_id: m1.id, name: 'w', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const leadIds: number[] = [];
    for (const phone of ['+15550000001', '+15550000002', '+15550000003']) {
      const lead = await db
        .insertInto('leads')
        .values({
          campaign_id: campaign.id,
          meeting_request_id: m1.id,
          name: phone,
          phone,
          timezone: 'UTC',
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      leadIds.push(lead.id);
    }
    await db
      .insertInto('bookings')
      .values(
        leadIds.map((lead_id) => ({
          meeting_request_id: m1.id,
          lead_id,
          start_utc: '2026-03-10T14:00:00.000Z',
          end_utc: '2026-03-10T14:30:00.000Z',
          created_at: at,
        })),
      )
      .execute();
    return { db, migrator, m1: m1.id, m2: m2.id, leadIds };
  }

  it('folds one row per attendee into one booking per meeting, with its attendees and a uid', async () => {
    const { db, m1, m2, leadIds } = await seedOldShape();
    await migrateToLatest(db);
    const bookings = await db.selectFrom('bookings').selectAll().execute();
    expect(bookings).toHaveLength(1);
    const id = bookings[0]?.id;
    expect(bookings[0]).toMatchObject({
      meeting_request_id: m1,
      owner_id: 'dana@acme.com',
      start_utc: '2026-03-10T14:00:00.000Z',
      status: 'confirmed',
      uid: `booking-${id}@callbook`,
      sequence: 0,
    });
    const attendees = await db.selectFrom('booking_attendees').selectAll().orderBy('lead_id').execute();
    expect(attendees.map((a) => [a.booking_id, a.lead_id])).toEqual(leadIds.map((lead) => [id, lead]));
    const meetings = await db.selectFrom('meeting_requests').select(['id', 'mode', 'working_hours']).orderBy('id').execute();
    expect(meetings).toEqual([
      { id: m1, mode: 'group', working_hours: null },
      { id: m2, mode: 'group', working_hours: null },
    ]);
    // The owner the meetings already named gets a profile with the defaults, in the meeting's zone.
    const owners = await db.selectFrom('owners').selectAll().execute();
    expect(owners).toMatchObject([
      { id: 'dana@acme.com', timezone: 'America/New_York', working_days: '["mon","tue","wed","thu","fri"]', min_notice_minutes: 120 },
    ]);
    await db.destroy();
  });

  it('goes back down to one row per attendee of the live bookings', async () => {
    const { db, migrator, leadIds } = await seedOldShape();
    await migrateToLatest(db);
    const down = await migrator.migrateTo(BEFORE);
    if (down.error) throw down.error;
    const rows = await db.selectFrom('bookings').selectAll().orderBy('lead_id').execute();
    expect(rows.map((r) => r.lead_id)).toEqual(leadIds);
    expect((await db.introspection.getTables()).map((t) => t.name)).not.toContain('owners');
    await db.destroy();
  });

  it('refuses a second live booking of the same lead in the same meeting', async () => {
    const { db, m1, leadIds } = await seedOldShape();
    await migrateToLatest(db);
    const booking = await db.selectFrom('bookings').select('id').executeTakeFirstOrThrow();
    const again = db
      .insertInto('booking_attendees')
      .values({ booking_id: booking.id, lead_id: leadIds[0], meeting_request_id: m1, created_at: 'x' })
      .execute();
    await expect(again).rejects.toThrow(/UNIQUE/);
    await db.destroy();
  });
});
