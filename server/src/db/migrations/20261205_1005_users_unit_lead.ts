import type { Kysely } from 'kysely';

/**
 * users.unit_lead: a unit handler who is the unit's 负责人 — the one who gives work that reaches the unit to one of its
 * handlers (a forwarded clue, issue 9). Set by the county admin on the user; nobody is one until set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('unit_lead', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('unit_lead').execute();
}
