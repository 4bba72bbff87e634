import { sql, type Kysely } from 'kysely';
import { createTableWithId } from '../../../db/schema-helpers.ts';
import { isPostgres } from '../../../db/database.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createTableWithId(db, 'clues')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('township_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('village_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('place', 'text')
    .addColumn('venue_id', 'integer', (c) => c.references('venues.id'))
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('consent_at', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('due_at', 'text')
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('merged_into_id', 'integer')
    .addColumn('reply_text', 'text')
    .addColumn('rating', 'text')
    .addColumn('rating_comment', 'text')
    .addColumn('supporters', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('public_summary', 'text')
    .addColumn('recheck_due_at', 'text')
    .addColumn('recheck_result', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('extension_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_tokens', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('forwarded_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('clues_tenant_id').on('clues').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('clues_tenant_state').on('clues').columns(['tenant_id', 'state', 'id']).execute();
  await db.schema.createIndex('clues_tenant_township').on('clues').columns(['tenant_id', 'township_id', 'state']).execute();
  await db.schema.createIndex('clues_tenant_unit').on('clues').columns(['tenant_id', 'unit_id', 'state']).execute();
  await db.schema.createIndex('clues_tenant_created').on('clues').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('clues_dup').on('clues').columns(['tenant_id', 'content_hash', 'created_at']).execute();
  await db.schema.createIndex('clues_due').on('clues').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('clues_phone').on('clues').columns(['tenant_id', 'contact_phone', 'created_at']).execute();

  if (isPostgres(db)) {
    await sql`ALTER TABLE clues ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_tokens)) STORED`.execute(db);
    await sql`CREATE INDEX clues_search ON clues USING GIN (search_vector)`.execute(db);
  } else {
    // External-content FTS5 over the jieba tokens; triggers keep it in step with the table.
    await sql`CREATE VIRTUAL TABLE clues_fts USING fts5(search_tokens, content='clues', content_rowid='id', tokenize='unicode61')`.execute(db);
    await sql`CREATE TRIGGER clues_fts_insert AFTER INSERT ON clues BEGIN
      INSERT INTO clues_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens); END`.execute(db);
    await sql`CREATE TRIGGER clues_fts_delete AFTER DELETE ON clues BEGIN
      INSERT INTO clues_fts(clues_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens); END`.execute(db);
    await sql`CREATE TRIGGER clues_fts_update AFTER UPDATE OF search_tokens ON clues BEGIN
      INSERT INTO clues_fts(clues_fts, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
      INSERT INTO clues_fts(rowid, search_tokens) VALUES (new.id, new.search_tokens); END`.execute(db);
  }

  await db.schema.createTable('clue_files')
    .addColumn('clue_id', 'integer', (c) => c.notNull().references('clues.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('clue_files_pk', ['clue_id', 'file_id'])
    .execute();

  await createTableWithId(db, 'clue_conversions')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('clue_id', 'integer', (c) => c.notNull().references('clues.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clue_conversions_tenant').on('clue_conversions').columns(['tenant_id', 'status', 'id']).execute();

  await createTableWithId(db, 'clue_routing_rules')
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('keywords', 'text')
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('clue_routing_rules_tenant').on('clue_routing_rules').column('tenant_id').execute();

  await db.schema.createTable('clue_uploads')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['clue_uploads', 'clue_routing_rules', 'clue_conversions', 'clue_files']) await db.schema.dropTable(t).ifExists().execute();
  if (!isPostgres(db)) await sql`DROP TABLE IF EXISTS clues_fts`.execute(db);
  await db.schema.dropTable('clues').ifExists().execute();
}
