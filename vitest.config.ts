import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share their worker process instead of each loading the app into a new one: loading took most of
    // the suite's time. Each file still has its own database (server/src/test/helper.ts); process-wide caches of
    // rows tell databases apart (platform/db-identity.ts) and setup.ts forgets what a file registered.
    isolate: false,
    // Migrates one database per run; each test file clones it (server/src/test/helper.ts).
    globalSetup: ['server/src/test/global-setup.ts'],
    setupFiles: ['server/src/test/setup.ts'],
  },
});
