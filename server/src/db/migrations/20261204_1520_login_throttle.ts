import type { Kysely } from 'kysely';

/**
 * login_throttle: wrong passwords counted per account name and client address (one row per pair), and for the
 * account as a whole (source '*'). A login claims an attempt in its rows with one conditional upsert before the
 * password is checked, so a burst cannot check more passwords than the rows allow (platform/login-throttle.ts).
 * Keyed by the name as typed, not the user id, so an unknown name is counted and answered like a real one.
 * Times are epoch milliseconds: the doubling delay is computed in the statement itself, on both dialects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('delay_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_throttle_pk', ['username', 'source'])
    .execute();
  await db.schema.createIndex('login_throttle_updated').on('login_throttle').column('updated_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
