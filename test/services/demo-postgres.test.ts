// `callbook demo --db postgres://…`: the whole demo, its result copied into an empty PostgreSQL
// database, where every later command reads it; a database that holds data is refused before a
// call is placed, and left as it was.
import { afterEach, describe, expect, it } from 'vitest';
import { type EngineSandbox, engineSandbox } from '../helpers/engines.js';

let box: EngineSandbox | null = null;
afterEach(async () => {
  await box?.cleanup();
  box = null;
});

describe('demo on PostgreSQL', () => {
  it('runs, books, and leaves its meetings, calls and bookings in the database', async () => {
    box = await engineSandbox('postgres', import.meta.url);
    const demo = await box.run(['demo', '--leads', '12', '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    const result = JSON.parse(demo.stdout) as { db_path: string | null };
    // Named without a password, as the database it went to.
    expect(result.db_path).toMatch(/^127\.0\.0\.1:5432\/cb_demo_postgres_/);
    const status = JSON.parse((await box.run(['db', 'status', '--json'])).stdout) as {
      engine: string;
      tables: Record<string, number>;
    };
    expect(status.engine).toBe('postgres');
    expect(status.tables.leads).toBeGreaterThanOrEqual(12);
    expect(status.tables.calls).toBeGreaterThanOrEqual(12);
    expect(status.tables.bookings).toBeGreaterThan(0);
    const bookings = await box.run(['booking', 'list', '--json']);
    expect(bookings.code, bookings.stderr).toBe(0);
    expect((JSON.parse(bookings.stdout) as unknown[]).length).toBe(status.tables.bookings);
    // A later confirm dry run reads the owner's diary from the folder the demo kept.
    const again = await box.run(['confirm', '1', '--dry-run', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/ENOENT|no such file/i);
  }, 120_000);

  it('refuses a database that already holds data, before any call, and changes nothing', async () => {
    box = await engineSandbox('postgres', import.meta.url);
    expect((await box.run(['owner', 'set', 'kim@acme.com', '--timezone', 'Europe/London'])).code).toBe(0);
    const before = (await box.run(['db', 'status', '--json'])).stdout;
    const demo = await box.run(['demo', '--leads', '3', '--json']);
    expect(demo.code).toBe(4);
    expect(JSON.parse(demo.stdout || demo.stderr).error.message).toMatch(/--db: .* already holds data \(owners: 1\)/);
    expect((await box.run(['db', 'status', '--json'])).stdout).toBe(before);
  }, 60_000);
});
