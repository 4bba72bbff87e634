import type { Kysely } from 'kysely';

/**
 * clue_supports: one row per "我也遇到了" that counted — per clue, per source (a hash of the client address)
 * and per China day — so repeated requests from one address add one voice a day, not one per request. The
 * unique key decides it in the database, across every app process. Rows older than two days are deleted
 * by the clue.supports job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('clue_supports')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('clue_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clue_supports_pk', ['clue_id', 'source', 'day'])
    .execute();
  await db.schema.createIndex('clue_supports_day').on('clue_supports').column('day').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_supports').execute();
}
