import type { Kysely } from 'kysely';
import { createTableWithId } from '../schema-helpers.ts';

/** Named clocks of every case type (workflow engine v2) and typed two-way links between cases. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'case_clocks')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('anchor_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('cap_at', 'text')
    .addColumn('stopped_at', 'text')
    .addColumn('overdue_at', 'text')
    .addColumn('last_reminded_at', 'text')
    .addColumn('escalation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('case_clocks_case').on('case_clocks').columns(['case_type', 'case_id', 'name']).unique().execute();
  // The deadline job's scan: running clocks by due date.
  await db.schema.createIndex('case_clocks_running').on('case_clocks').columns(['stopped_at', 'due_at']).execute();

  await createTableWithId(db, 'case_links')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('from_type', 'text', (c) => c.notNull())
    .addColumn('from_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_type', 'text', (c) => c.notNull())
    .addColumn('to_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_links_from').on('case_links').columns(['tenant_id', 'from_type', 'from_id']).execute();
  await db.schema.createIndex('case_links_once').on('case_links').columns(['tenant_id', 'from_type', 'from_id', 'kind', 'to_type', 'to_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_links').execute();
  await db.schema.dropTable('case_clocks').execute();
}
