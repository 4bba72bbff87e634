import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/** 落实事项: tasks, their co-units, progress updates and evidence files. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'tasks')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('parent_type', 'text')
    .addColumn('parent_id', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('measure_label', 'text')
    .addColumn('measure_unit', 'text')
    .addColumn('measure_target', 'double precision')
    .addColumn('measure_current', 'double precision')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .execute();
  await db.schema.createIndex('tasks_tenant_state').on('tasks').columns(['tenant_id', 'state', 'id']).execute();
  await db.schema.createIndex('tasks_owner').on('tasks').columns(['tenant_id', 'owner_unit_id']).execute();
  await db.schema.createIndex('tasks_parent').on('tasks').columns(['tenant_id', 'parent_type', 'parent_id']).execute();
  await db.schema.createIndex('tasks_code').on('tasks').columns(['tenant_id', 'code']).unique().execute();

  await db.schema.createTable('task_units')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('task_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('task_units_unit').on('task_units').columns(['tenant_id', 'unit_id']).execute();

  await createTableWithId(db, 'task_updates')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_updates_task').on('task_updates').columns(['task_id', 'id']).execute();

  await db.schema.createTable('task_files')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('tasks.id'))
    .addColumn('update_id', 'integer')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .execute();
  // A file is evidence of one task once.
  await db.schema.createIndex('task_files_file_once').on('task_files').column('file_id').unique().execute();
  await db.schema.createIndex('task_files_task').on('task_files').columns(['task_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('task_files').execute();
  await db.schema.dropTable('task_updates').execute();
  await db.schema.dropTable('task_units').execute();
  await db.schema.dropTable('tasks').execute();
}
