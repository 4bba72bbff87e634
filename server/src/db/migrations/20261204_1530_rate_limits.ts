import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.ts';

/**
 * The public rate limits' counters, shared by every app process on the database (platform/rate-limits.ts):
 * one row per key (client address and route), the start of its window and the hits in it. UNLOGGED: a
 * counter lost in a crash costs nothing, and a hit is then one write without WAL traffic. SQLite keeps the
 * same table in a counters file of its own that the store attaches (it must not wait for an fsync per hit).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE UNLOGGED TABLE rate_limits (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, "count" INTEGER NOT NULL)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP TABLE IF EXISTS rate_limits`.execute(db);
}
