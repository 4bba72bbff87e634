import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './database.ts';
import type { Db } from './database.ts';
import { MODULES } from '../modules/index.ts';
import * as m0001 from './migrations/20261129_0001_platform.ts';
import * as m0005 from './migrations/20261129_0005_versions_and_uploaders.ts';
import * as m1512 from './migrations/20261204_1512_scheduled_jobs.ts';
import * as m1514 from './migrations/20261204_1514_engine_cases.ts';
import * as m1520 from './migrations/20261204_1520_login_throttle.ts';
import * as m1522 from './migrations/20261204_1522_outbox_claims.ts';
import * as m1530 from './migrations/20261204_1530_rate_limits.ts';
import * as m1005 from './migrations/20261205_1005_users_unit_lead.ts';

/**
 * The platform's own migrations. Listed statically (not read from the folder) so the same code runs
 * under tsx, Vitest and a bundler. Name: `YYYYMMDD_HHMM_what` (the first ones: `YYYYMMDD_NNNN_what`).
 */
const PLATFORM_MIGRATIONS: Record<string, Migration> = {
  '20261129_0001_platform': m0001,
  '20261129_0005_versions_and_uploaders': m0005,
  '20261204_1512_scheduled_jobs': m1512,
  '20261204_1514_engine_cases': m1514,
  '20261204_1520_login_throttle': m1520,
  '20261204_1522_outbox_claims': m1522,
  '20261204_1530_rate_limits': m1530,
  '20261205_1005_users_unit_lead': m1005,
};

/** Every migration: the platform's and each module's (from its manifest), in name order. */
export const MIGRATIONS: Record<string, Migration> = collectMigrations();

function collectMigrations(): Record<string, Migration> {
  const all: Record<string, Migration> = { ...PLATFORM_MIGRATIONS };
  for (const m of MODULES) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`migration ${name} of module ${m.name} is declared twice`);
      all[name] = migration;
    }
  }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the schema up to date. */
export async function migrateToLatest(db: Db): Promise<void> {
  // On PostgreSQL name the schema: Kysely otherwise finds its tables in any schema of the database.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  // Modules are written side by side: one merged later may bring a migration dated before one a database
  // already ran. Its name sorts it among the others on a new database and it runs late on an old one.
  const migrator = new Migrator({ db, provider, migrationTableSchema, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
