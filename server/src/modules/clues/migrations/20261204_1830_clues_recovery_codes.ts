import type { Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/**
 * clue_recovery_codes: SMS codes sent to the phone left with a clue, for a citizen who lost the tracking secret
 * (clues.recovery.ts). Only the code's hash is kept; a code expires, is tried a few times at most and is used once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'clue_recovery_codes')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('clue_id', 'integer', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('clue_recovery_codes_clue').on('clue_recovery_codes').columns(['clue_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_recovery_codes').execute();
}
