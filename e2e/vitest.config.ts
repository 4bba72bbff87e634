import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser tests: a real server on a fresh database, driven through Debian's chromium. Run by `npm run e2e`. */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
    // A page waits on the server (an image re-encoded, a .docx written): on a loaded 2-core machine that passes
    // vitest's 5 s default for expect.poll, which is a timing assertion in disguise. Playwright's own waits are 30 s.
    expect: { poll: { timeout: 30_000 } },
  },
});
