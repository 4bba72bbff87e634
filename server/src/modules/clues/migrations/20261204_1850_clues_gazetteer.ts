import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/**
 * A county's gazetteer and own words (issue 10): places below village level (estates, markets, schools, hospitals,
 * roads, bridges, scenic spots) with their aliases, and words of its own (dialect, local phrases) — kept by staff
 * in the console, loaded into the county's segmentation and place matching.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'clue_lexicon')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clue_lexicon_name').on('clue_lexicon').columns(['tenant_id', 'name']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_lexicon').execute();
}
