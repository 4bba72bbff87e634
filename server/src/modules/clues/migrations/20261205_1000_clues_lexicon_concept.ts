import type { Kysely } from 'kysely';

/**
 * A county's own word may name one of the clue problem concepts (dialect: 黑黢黢 for a dark street): the concept's
 * key, or null for a word that only stays whole when the text is cut.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clue_lexicon').addColumn('concept', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clue_lexicon').dropColumn('concept').execute();
}
