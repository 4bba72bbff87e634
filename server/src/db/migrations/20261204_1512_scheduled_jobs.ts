import type { Kysely } from 'kysely';

/**
 * The scheduler's own table: one row per job, claimed by a conditional UPDATE (owner and locked_until) so
 * that several app processes on one database never run a job twice at once, and read by the console's job
 * health page. Until now each run took a `lease.<job>` row in the settings of tenant 0; those rows go.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('every_ms', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_started_at', 'text')
    .addColumn('last_finished_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('run_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failure_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The old leases are stale the moment this code runs; nothing reads them any more.
  await (db as Kysely<{ settings: { tenant_id: number; key: string } }>).deleteFrom('settings')
    .where('tenant_id', '=', 0).where('key', 'like', 'lease.%').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduled_jobs').ifExists().execute();
}
