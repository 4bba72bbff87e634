import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/**
 * A richer 转办: the urgency (紧急/一般) and 交办意见 of the latest forwarding, the handler inside the unit its 负责人
 * gave the clue to, and the co-units (会办单位) as child cases of the clue (`clue_counits`, CLUE_COUNIT_WORKFLOW) with
 * their own clocks. Clues forwarded before are 一般 with no note, no assignee and no co-units.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clues').addColumn('urgency', 'text', (c) => c.notNull().defaultTo('normal')).execute();
  await db.schema.alterTable('clues').addColumn('forward_note', 'text').execute();
  await db.schema.alterTable('clues').addColumn('assignee_id', 'integer').execute();
  await createTableWithId(db, 'clue_counits')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('clue_id', 'integer', (c) => c.notNull())
    // The clue's tracking code, for notices and 我的待办 of the co-unit (it never changes).
    .addColumn('clue_code', 'text', (c) => c.notNull())
    // The platform's child-case columns (childrenOf reads them): always `clue` and the clue's id.
    .addColumn('parent_type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('views', 'text')
    .addColumn('note', 'text')
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('viewed_at', 'text')
    .addColumn('viewed_by', 'integer')
    .execute();
  await db.schema.createIndex('clue_counits_parent').on('clue_counits').columns(['tenant_id', 'parent_type', 'parent_id']).execute();
  // The unit portal: the clues a unit was asked about.
  await db.schema.createIndex('clue_counits_unit').on('clue_counits').columns(['tenant_id', 'unit_id', 'clue_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_counits').execute();
  await db.schema.alterTable('clues').dropColumn('assignee_id').execute();
  await db.schema.alterTable('clues').dropColumn('forward_note').execute();
  await db.schema.alterTable('clues').dropColumn('urgency').execute();
}
