import { sql, type Kysely } from 'kysely';

/**
 * Outbox claims and retries: a drain marks the rows it is about to send `sending`, with who claimed them and
 * until when, in one conditional UPDATE, so two drains (two processes, or a slow gateway outlasting a tick)
 * never send one message twice; a failed send waits until `next_attempt_at` (exponential backoff).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text', (c) => c.notNull().defaultTo('1970-01-01T00:00:00.000Z')).execute();
  await sql`UPDATE outbox SET next_attempt_at = created_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A message claimed when the code went back is sent again by the old drain.
  await sql`UPDATE outbox SET status = 'pending' WHERE status = 'sending'`.execute(db);
  for (const c of ['next_attempt_at', 'claimed_until', 'claimed_by']) await db.schema.alterTable('outbox').dropColumn(c).execute();
}
