import type { Kysely } from 'kysely';

/**
 * clues.support_token: the opaque handle the public similar-clues hint gives out for "我也遇到了", instead of
 * the tracking code (which, with a phone's last four digits, opens the citizen's own tracking page). Random,
 * unique, set the first time a clue is shown in a hint (clues.service.ts supportTokens), so no backfill.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clues').addColumn('support_token', 'text').execute();
  await db.schema.createIndex('clues_support_token').on('clues').column('support_token').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('clues_support_token').execute();
  await db.schema.alterTable('clues').dropColumn('support_token').execute();
}
