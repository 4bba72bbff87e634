import type { Kysely } from 'kysely';

/**
 * clue_track_failures: wrong phone-digit secrets per tracking code and China day, in the database so every app
 * process shares one count and a restart or a flood of junk codes does not reset it (it was a per-process
 * Map, cleared at 100,000 entries). Read against the county's daily and total budgets (clues.track-lock.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('clue_track_failures')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('clue_track_failures_pk', ['code', 'day'])
    .execute();
  await db.schema.createIndex('clue_track_failures_day').on('clue_track_failures').column('day').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_track_failures').execute();
}
