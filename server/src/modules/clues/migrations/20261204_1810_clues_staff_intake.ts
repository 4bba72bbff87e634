import type { Kysely } from 'kysely';

/**
 * clue_intakes: how a clue that staff entered on a citizen's behalf (代录) reached the office — the channel, when
 * it came in, the 12345 work-order or letter number, the scanned letter and who entered it. One row per such clue;
 * clues the citizen filed themselves have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('clue_intakes')
    .addColumn('clue_id', 'integer', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('reference_no', 'text')
    .addColumn('letter_file_id', 'integer')
    .addColumn('entered_by', 'integer', (c) => c.notNull())
    .addColumn('entered_by_name', 'text', (c) => c.notNull())
    .addColumn('sms_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clue_intakes_tenant_channel').on('clue_intakes').columns(['tenant_id', 'channel']).execute();
  // A scanned letter belongs to one clue.
  await db.schema.createIndex('clue_intakes_letter').on('clue_intakes').column('letter_file_id').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('clue_intakes').execute();
}
