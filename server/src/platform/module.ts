/**
 * A feature module's manifest: everything the platform needs to plug a module in, declared in the
 * module's own folder (like Decidim's `register_component`). The platform reads the list in
 * server/src/modules/index.ts and never names a feature itself:
 * - `routes` register under /api/v1 (each route declares its permission; core/src/modules/ grants them);
 * - `migrations` join the platform's, ordered by name (`YYYYMMDD_HHMM_<module>_<what>`, so two modules
 *   written at once cannot collide);
 * - `settings` and `jobs` join the county rules and the scheduler;
 * - `demo` seeds the module's demo data after the organisations;
 * - `fixtures` gives the route-matrix test what it needs to exercise the module's routes (loaded only by tests).
 * Tables join Kysely's `Database` by declaration merging in the module's `*.table.ts`.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Migration } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CaseType } from './cases.ts';
import type { Job } from './scheduler.ts';
import type { SettingDef } from './settings.ts';

export interface DemoContext {
  /** The demo county whose data every module fills (嵩县). */
  songxianId: number;
  now: Date;
}

export interface ModuleManifest {
  /** Unique, kebab-case; also the prefix of its migrations, settings and jobs. */
  name: string;
  /** Chinese name. */
  label: string;
  /** Fastify plugins registered under /api/v1. */
  routes?: readonly FastifyPluginAsync[];
  /** Schema changes, keyed `YYYYMMDD_HHMM_<name>_<what>`. */
  migrations?: Readonly<Record<string, Migration>>;
  /** County rules this module reads (RULES.md), with their defaults. */
  settings?: Readonly<Record<string, SettingDef>>;
  /** Periodic jobs; each runs once at a time across every app process. */
  jobs?: readonly Job[];
  /** Case types run on the workflow engine: the deadline job, join rules and case links find them here. */
  caseTypes?: readonly CaseType[];
  /** Demo data, seeded in ascending `order` after the organisations. */
  demo?: { order: number; seed: (db: Db, ctx: DemoContext) => Promise<void> };
  /** Route-matrix fixtures (sample bodies, row factories), imported by tests only. */
  fixtures?: () => Promise<{ default: import('../test/fixtures.ts').ModuleFixtures }>;
}

export function defineModule(m: ModuleManifest): ModuleManifest {
  return m;
}
