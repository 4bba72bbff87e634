import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/**
 * Staff decisions on pairs of clues (issue 10): a merge is "the same problem" (same = 1), 不是同一问题 on a
 * suggestion is "not" (same = 0). The pair's evidence is kept as it was scored then, so the county's pair
 * weights are refitted from what staff saw.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'clue_pair_decisions')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('clue_id', 'integer', (c) => c.notNull())
    .addColumn('other_id', 'integer', (c) => c.notNull())
    .addColumn('same', 'integer', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clue_pair_decisions_tenant').on('clue_pair_decisions').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('clue_pair_decisions_pair').on('clue_pair_decisions').columns(['tenant_id', 'clue_id', 'other_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_pair_decisions').execute();
}
