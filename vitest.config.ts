import { configDefaults, defineConfig } from 'vitest/config';

// Files named *.postgres.test.ts need a live PostgreSQL server (connection faults, a missing
// database, races held open in another connection): they belong to the PostgreSQL pass
// (DATABASE_URL=postgres://...) only.
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '');

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'tools/**/*.test.js'],
    exclude: [...configDefaults.exclude, ...(onPostgres ? [] : ['**/*.postgres.test.ts'])],
    // builds the web app once for the browser tests in e2e/, and gives the run a place for the
    // template databases its files copy
    globalSetup: ['e2e/global-setup.ts', 'src/testing/templates-setup.ts'],
    pool: 'forks',
    // a worker runs file after file in one process, loading the app's modules once: every file makes
    // its own database, app and browser, so none leans on another's module state. On a two-core
    // machine the re-imports of an isolated run cost about a fifth of the whole run's time
    isolate: false,
    // vitest's default is one fork fewer than the cores: one on a two-core machine, which leaves a core
    // idle while a file waits on its database or browser. Two keep both cores busy (a run shows the
    // CPU near fully used); more only queue for them
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // each file gets its own database (in-memory SQLite, or its own PostgreSQL schema)
    fileParallelism: true,
  },
});
