import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../db/database.ts';
import { createTableWithId } from '../../../db/schema-helpers.ts';

/** 提案: terms, sessions, the number counter, proposals with their full-text index, proposers, assignments, evaluations, supervision. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'proposal_terms')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_year', 'integer', (c) => c.notNull())
    .addColumn('end_year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_terms_number').on('proposal_terms').columns(['tenant_id', 'number']).unique().execute();

  await createTableWithId(db, 'proposal_sessions')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('term_id', 'integer', (c) => c.notNull().references('proposal_terms.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('deadline_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_sessions_number').on('proposal_sessions').columns(['term_id', 'number']).unique().execute();
  await db.schema.createIndex('proposal_sessions_tenant').on('proposal_sessions').columns(['tenant_id', 'opens_on']).execute();

  await db.schema.createTable('proposal_counters')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull().primaryKey().references('proposal_sessions.id'))
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await createTableWithId(db, 'proposals')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('proposal_sessions.id'))
    .addColumn('number', 'integer')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('reason', 'text')
    .addColumn('suggestion', 'text')
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('sector_id', 'integer')
    .addColumn('committee_id', 'integer')
    .addColumn('party_name', 'text')
    .addColumn('lead_member_id', 'integer')
    .addColumn('timing', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('registered_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('not_registered_ground', 'text')
    .addColumn('merged_into_id', 'integer')
    .addColumn('handling_mode', 'text')
    .addColumn('result_class', 'text')
    .addColumn('key_year', 'integer')
    .addColumn('key_leader', 'text')
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('search_tokens', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // No gaps, no duplicates: one number once per session.
  await db.schema.createIndex('proposals_number').on('proposals').columns(['session_id', 'number']).unique().execute();
  await db.schema.createIndex('proposals_tenant_state').on('proposals').columns(['tenant_id', 'state', 'id']).execute();
  await db.schema.createIndex('proposals_tenant_session').on('proposals').columns(['tenant_id', 'session_id', 'state']).execute();
  await db.schema.createIndex('proposals_tenant_year').on('proposals').columns(['tenant_id', 'year', 'state']).execute();
  await db.schema.createIndex('proposals_lead').on('proposals').columns(['tenant_id', 'lead_member_id']).execute();

  if (isPostgres(db)) {
    await sql`ALTER TABLE proposals ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_tokens)) STORED`.execute(db);
    await sql`CREATE INDEX proposals_search ON proposals USING GIN (search_vector)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE proposals_fts USING fts5(search_tokens, content='proposals', content_rowid='id', tokenize='unicode61')`.execute(db);
    await sql`CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
      INSERT INTO proposals_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens); END`.execute(db);
    await sql`CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
      INSERT INTO proposals_fts(proposals_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens); END`.execute(db);
    await sql`CREATE TRIGGER proposals_fts_update AFTER UPDATE OF search_tokens ON proposals BEGIN
      INSERT INTO proposals_fts(proposals_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
      INSERT INTO proposals_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens); END`.execute(db);
  }

  await db.schema.createTable('proposal_signers')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('from_proposal_id', 'integer')
    .addPrimaryKeyConstraint('proposal_signers_pk', ['proposal_id', 'member_id'])
    .execute();
  await db.schema.createIndex('proposal_signers_member').on('proposal_signers').columns(['tenant_id', 'member_id']).execute();

  await createTableWithId(db, 'proposal_assignments')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('parent_type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('contacted_at', 'text')
    .addColumn('contact_note', 'text')
    .addColumn('views', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('result_class', 'text')
    .addColumn('summary', 'text')
    .addColumn('letter_file_id', 'integer')
    .execute();
  await db.schema.createIndex('proposal_assignments_proposal').on('proposal_assignments').columns(['proposal_id', 'id']).execute();
  await db.schema.createIndex('proposal_assignments_parent').on('proposal_assignments').columns(['tenant_id', 'parent_type', 'parent_id']).execute();
  await db.schema.createIndex('proposal_assignments_unit').on('proposal_assignments').columns(['tenant_id', 'unit_id', 'state']).execute();

  await createTableWithId(db, 'proposal_evaluations')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('entered_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One evaluation per proposer per round.
  await db.schema.createIndex('proposal_evaluations_once').on('proposal_evaluations').columns(['proposal_id', 'round', 'member_id']).unique().execute();

  await createTableWithId(db, 'proposal_supervisions')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('proposals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposal_supervisions_proposal').on('proposal_supervisions').columns(['proposal_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['proposal_supervisions', 'proposal_evaluations', 'proposal_assignments', 'proposal_signers']) await db.schema.dropTable(t).execute();
  if (!isPostgres(db)) await sql`DROP TABLE IF EXISTS proposals_fts`.execute(db);
  for (const t of ['proposals', 'proposal_counters', 'proposal_sessions', 'proposal_terms']) await db.schema.dropTable(t).execute();
}
