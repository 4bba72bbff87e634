import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../db/database.ts';

/**
 * The triage list and its full-text search at a million clues (bench/README.md has the measurements).
 * - clues_tenant_township_id: a township's clues newest first, with the state checked inside the index (deep pages
 *   of "township" and "township + open" without reading the rows they skip).
 * - clues_tenant_state_due: the overdue filter (open states, due_at < now) counted from the index alone.
 * SQLite only:
 * - clues_tenant_id_state replaces clues_tenant_id (tenant_id, id): the newest-first scan of "open" and "overdue" checks
 *   state and due_at in the index instead of reading every row it skips on a deep page.
 * - clues_filter: every list filter column keyed by id, so a full-text match (FTS5 rowid) is checked against the
 *   filters without reading the 1 kB row (listClues joins clues_fts to it, newest match first).
 * - clue_counts: clues per (county, township, state), kept exact by triggers, so `total` of the unfiltered,
 *   per-state and per-township lists is a sum of at most a few hundred rows instead of count(*) over millions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('clues_tenant_township_id').on('clues').columns(['tenant_id', 'township_id', 'id', 'state']).execute();
  await db.schema.createIndex('clues_tenant_state_due').on('clues').columns(['tenant_id', 'state', 'due_at']).execute();
  if (isPostgres(db)) return;

  await db.schema.dropIndex('clues_tenant_id').execute();
  await db.schema.createIndex('clues_tenant_id_state').on('clues').columns(['tenant_id', 'id', 'state', 'due_at']).execute();
  await db.schema.createIndex('clues_filter').on('clues')
    .columns(['id', 'tenant_id', 'township_id', 'state', 'category', 'channel', 'unit_id', 'due_at', 'created_at']).execute();

  await sql`CREATE TABLE clue_counts (
    tenant_id INTEGER NOT NULL, township_id INTEGER NOT NULL, state TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, township_id, state)) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO clue_counts (tenant_id, township_id, state, n)
    SELECT tenant_id, township_id, state, count(*) FROM clues GROUP BY tenant_id, township_id, state`.execute(db);
  await sql`CREATE TRIGGER clue_counts_insert AFTER INSERT ON clues BEGIN
    INSERT INTO clue_counts (tenant_id, township_id, state, n) VALUES (new.tenant_id, new.township_id, new.state, 1)
      ON CONFLICT (tenant_id, township_id, state) DO UPDATE SET n = n + 1;
    END`.execute(db);
  await sql`CREATE TRIGGER clue_counts_delete AFTER DELETE ON clues BEGIN
    UPDATE clue_counts SET n = n - 1 WHERE tenant_id = old.tenant_id AND township_id = old.township_id AND state = old.state;
    END`.execute(db);
  await sql`CREATE TRIGGER clue_counts_update AFTER UPDATE OF tenant_id, township_id, state ON clues
    WHEN old.tenant_id IS NOT new.tenant_id OR old.township_id IS NOT new.township_id OR old.state IS NOT new.state BEGIN
    UPDATE clue_counts SET n = n - 1 WHERE tenant_id = old.tenant_id AND township_id = old.township_id AND state = old.state;
    INSERT INTO clue_counts (tenant_id, township_id, state, n) VALUES (new.tenant_id, new.township_id, new.state, 1)
      ON CONFLICT (tenant_id, township_id, state) DO UPDATE SET n = n + 1;
    END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    for (const t of ['clue_counts_insert', 'clue_counts_delete', 'clue_counts_update']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)}`.execute(db);
    await sql`DROP TABLE IF EXISTS clue_counts`.execute(db);
    await db.schema.dropIndex('clues_filter').ifExists().execute();
    await db.schema.dropIndex('clues_tenant_id_state').ifExists().execute();
    await db.schema.createIndex('clues_tenant_id').on('clues').columns(['tenant_id', 'id']).execute();
  }
  await db.schema.dropIndex('clues_tenant_state_due').ifExists().execute();
  await db.schema.dropIndex('clues_tenant_township_id').ifExists().execute();
}
