// `Next:` hints repeat the global flags the user gave, so they can be pasted as they are; a
// PostgreSQL password in --db is not repeated (hints land in terminals, logs and CI output).
import { describe, expect, it } from 'vitest';
import { withGlobalFlags } from '../../src/cli/runtime.js';

describe('Next: hints', () => {
  it('repeat --db, --now and --tz, quoted for the shell', () => {
    expect(withGlobalFlags('Next: callbook tick --meeting 1', { db: 'my file.db', now: '2026-03-09T15:00:00Z' })).toBe(
      "Next: callbook --db 'my file.db' --now 2026-03-09T15:00:00Z tick --meeting 1",
    );
  });

  it('leave the password out of a postgres URL (pg reads PGPASSWORD) and keep the rest', () => {
    const hint = withGlobalFlags('Next: callbook booking list', {
      db: 'postgres://callbook:s3cr%40t@db.internal:5432/callbook?sslmode=require',
    });
    expect(hint).not.toMatch(/s3cr/);
    expect(hint).toBe("Next: callbook --db 'postgres://callbook@db.internal:5432/callbook?sslmode=require' booking list");
  });
});
