import type { Kysely } from 'kysely';

/**
 * The hourly purge of unused citizen uploads (clues.jobs.ts) looks up uploads by (used, created_at) and, before
 * deleting a stored file, whether any other files row still names its storage key (files share storage by
 * content). Without these both are scans of tables that only grow.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('clue_uploads_unused').on('clue_uploads').columns(['used', 'created_at']).execute();
  await db.schema.createIndex('files_storage_key').on('files').column('storage_key').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('files_storage_key').execute();
  await db.schema.dropIndex('clue_uploads_unused').execute();
}
