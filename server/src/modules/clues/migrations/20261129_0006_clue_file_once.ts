import type { Kysely } from 'kysely';

/**
 * A file belongs to at most one clue. The reply checks it before attaching (clues.service.ts), but two
 * replies at the same moment on PostgreSQL could both pass that check; the index makes the second fail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('clue_files_file_once').on('clue_files').column('file_id').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('clue_files_file_once').execute();
}
