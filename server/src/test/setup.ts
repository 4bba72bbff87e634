/**
 * Vitest setup file, run before every test file. The suite runs many files in one process (vitest.config.ts,
 * `isolate: false`), so what one file adds to the process-wide registries must not reach the next: a test job
 * (scheduler.test.ts), a test setting (settings.test.ts) or a case type on a table only its own database has
 * (cases.test.ts) would otherwise run or show in every later file. The modules' own registrations are made first,
 * so they stay; whatever the file adds is forgotten after it.
 */
import { afterAll } from 'vitest';
import { installModules } from '../modules/index.ts';
import { markCaseTypes } from '../platform/cases.ts';
import { markJobs } from '../platform/scheduler.ts';
import { markSettings } from '../platform/settings.ts';

installModules();
const restore = [markJobs(), markSettings(), markCaseTypes()];
afterAll(() => {
  for (const r of restore) r();
});
