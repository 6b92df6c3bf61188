import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // builds the web app once for the browser tests in e2e/
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // each file gets its own database (in-memory SQLite, or its own PostgreSQL schema)
    fileParallelism: true,
  },
});
