import type { Kysely } from 'kysely';

/** 承办单位的职能 (UNIT_DUTIES key): what clue routing predicts from a report's text; null = inferred from the name. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('units').addColumn('duty', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('units').dropColumn('duty').execute();
}
