// The one migration list on every engine: the same tables, ids that number themselves, and a
// second open that finds nothing to do.
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { openDatabase } from '../../src/db/connection.js';
import { engineOf } from '../../src/db/dialect.js';
import { migrateDown, migrateToLatest } from '../../src/db/migrate.js';
import { ENGINES, type FreshDatabase, freshDatabase } from '../helpers/engines.js';

const TABLES = [
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
];

for (const engine of ENGINES) {
  describe(`migrations on ${engine}`, () => {
    let fresh: FreshDatabase | null = null;
    afterEach(async () => {
      await fresh?.cleanup();
      fresh = null;
    });

    it('creates every table, and ids number themselves', async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      const db = await openDatabase(fresh.url);
      try {
        expect(engineOf(db)).toBe(engine);
        const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
        expect(tables.sort()).toEqual(TABLES);
        const applied = await db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        expect(applied).toHaveLength(Object.keys(migrations).length);
        const at = '2026-03-05T12:00:00.000Z';
        const row = { reason: 'x', source: 'test', created_at: at };
        await db
          .insertInto('do_not_call')
          .values({ phone: '+15550000001', ...row })
          .execute();
        const owners = await db
          .insertInto('owners')
          .values({ id: 'o', working_hours: '[]', working_days: '[]', created_at: at, updated_at: at })
          .returningAll()
          .executeTakeFirstOrThrow();
        expect(owners.buffer_minutes).toBe(0);
        expect(owners.min_notice_minutes).toBe(120);
        const m = { owner_id: 'o', title: 't', duration_minutes: 30, max_bookings: 1, window_start: at, window_end: at };
        const values = {
          ...m,
          timezone: 'UTC',
          soft_constraints: '{}',
          excluded_days: '[]',
          status: 'open',
          created_at: at,
          updated_at: at,
        };
        const a = await db.insertInto('meeting_requests').values(values).returning('id').executeTakeFirstOrThrow();
        const b = await db.insertInto('meeting_requests').values(values).returning('id').executeTakeFirstOrThrow();
        expect(typeof a.id).toBe('number');
        expect(b.id).toBe(a.id + 1);
        const count = await db
          .selectFrom('meeting_requests')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow();
        expect(count.n).toBe(2);
      } finally {
        await db.destroy();
      }
      // Reopening finds every migration applied and leaves the rows alone.
      const again = await openDatabase(fresh.url);
      expect(await again.selectFrom('meeting_requests').select('id').execute()).toHaveLength(2);
      await again.destroy();
    });

    it('migrates down to nothing and up again', async () => {
      fresh = await freshDatabase(engine, import.meta.url);
      const db = await openDatabase(fresh.url);
      try {
        await migrateDown(db);
        const left = (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_'));
        expect(left).toEqual([]);
        await migrateToLatest(db);
        expect((await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'))).toHaveLength(TABLES.length);
      } finally {
        await db.destroy();
      }
    });
  });
}
