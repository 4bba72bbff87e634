import type { Kysely } from 'kysely';

/**
 * - sectors, committees: a `version` like every other org table, so their edits are checked against the
 *   version the editor saw (crud.ts answers 409 stale_version) instead of the last write winning.
 * - files.uploaded_by: the staff or unit user who uploaded the file (null for a citizen's anonymous photo),
 *   so a reply attaches only its author's own fresh uploads, never another unit's file picked by its id.
 *   No foreign key, like the other `*_by` columns (and SQLite cannot drop a column that has one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sectors', 'committees']) {
    await db.schema.alterTable(table).addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  }
  await db.schema.alterTable('files').addColumn('uploaded_by', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('files').dropColumn('uploaded_by').execute();
  for (const table of ['committees', 'sectors']) await db.schema.alterTable(table).dropColumn('version').execute();
}
