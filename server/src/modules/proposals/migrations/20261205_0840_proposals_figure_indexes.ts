import { sql, type Kysely } from 'kysely';

/**
 * Indexes the 20-year bench asked for (bench/proposal-scale.ts): the dashboard's counts by session, category, sector
 * unit and latest evaluation round read from covering indexes; key proposals are found without scanning a county's proposals; the 不满意 list and figure read
 * only the unsatisfied evaluations (a partial index: SQLite uses it when the query states the same condition with
 * literals, as proposals.watch.ts does).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('proposal_assignments_unit_role').on('proposal_assignments').columns(['tenant_id', 'unit_id', 'role', 'state']).execute();
  await db.schema.createIndex('proposals_key').on('proposals').columns(['tenant_id', 'key_year']).execute();
  // The dashboard's group-bys read every column they need from here, not from the wide rows with their text.
  await db.schema.createIndex('proposals_figures').on('proposals')
    .columns(['tenant_id', 'session_id', 'state', 'category', 'result_class', 'sector_id', 'lead_member_id', 'year']).execute();
  await db.schema.createIndex('proposal_evaluations_tenant').on('proposal_evaluations').columns(['tenant_id', 'proposal_id', 'round', 'handling', 'result']).execute();
  await sql`CREATE INDEX proposal_evaluations_unsatisfied ON proposal_evaluations (tenant_id, proposal_id) WHERE handling = 'unsatisfied' OR result = 'unsatisfied'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('proposal_evaluations_unsatisfied').execute();
  await db.schema.dropIndex('proposal_evaluations_tenant').execute();
  await db.schema.dropIndex('proposals_figures').execute();
  await db.schema.dropIndex('proposals_key').execute();
  await db.schema.dropIndex('proposal_assignments_unit_role').execute();
}
