import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Forked workers: better-sqlite3 is a native module and each test file gets its own.
    pool: 'forks',
  },
});
