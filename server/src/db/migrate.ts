import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { isPostgres } from './database.ts';
import type { Db } from './database.ts';
import * as m0001 from './migrations/20261129_0001_platform.ts';
import * as m0002 from './migrations/20261129_0002_clues.ts';
import * as m0003 from './migrations/20261129_0003_clue_list_indexes.ts';
import * as m0004 from './migrations/20261129_0004_clue_scope_markers.ts';
import * as m0005 from './migrations/20261129_0005_versions_and_uploaders.ts';
import * as m0006 from './migrations/20261129_0006_clue_file_once.ts';
import * as m0007 from './migrations/20261129_0007_clue_counts_pg.ts';
import * as m20261204_1512 from './migrations/20261204_1512_scheduled_jobs.ts';
import * as m20261204_1522 from './migrations/20261204_1522_outbox_claims.ts';
import * as m20261204_1530 from './migrations/20261204_1530_rate_limits.ts';

/**
 * Every migration, in order. Listed statically (not read from the folder) so the same code runs
 * under tsx, Vitest and a bundler. Name: `YYYYMMDD_NNNN_what`.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '20261129_0001_platform': m0001,
  '20261129_0002_clues': m0002,
  '20261129_0003_clue_list_indexes': m0003,
  '20261129_0004_clue_scope_markers': m0004,
  '20261129_0005_versions_and_uploaders': m0005,
  '20261129_0006_clue_file_once': m0006,
  '20261129_0007_clue_counts_pg': m0007,
  '20261204_1512_scheduled_jobs': m20261204_1512,
  '20261204_1522_outbox_claims': m20261204_1522,
  '20261204_1530_rate_limits': m20261204_1530,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Bring the schema up to date. */
export async function migrateToLatest(db: Db): Promise<void> {
  // On PostgreSQL name the schema: Kysely otherwise finds its tables in any schema of the database.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined;
  const { error, results } = await new Migrator({ db, provider, migrationTableSchema }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
