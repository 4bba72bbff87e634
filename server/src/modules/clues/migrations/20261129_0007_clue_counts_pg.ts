import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../db/database.ts';

/**
 * clue_counts on PostgreSQL too (migration 0003 made it for SQLite only). The triage list's `total` without a
 * search, filtered by nothing but state and/or township, is a sum over it instead of count(*): at a million
 * clues count(*) took 150 – 310 ms on PostgreSQL (bench/README.md §2). The same rows, kept exact by triggers;
 * a change of state moves one count from the old (township, state) to the new one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE TABLE clue_counts (
    tenant_id INTEGER NOT NULL, township_id INTEGER NOT NULL, state TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, township_id, state))`.execute(db);
  await sql`INSERT INTO clue_counts (tenant_id, township_id, state, n)
    SELECT tenant_id, township_id, state, count(*) FROM clues GROUP BY tenant_id, township_id, state`.execute(db);
  await sql`CREATE FUNCTION xs_clue_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE clue_counts SET n = n - 1 WHERE tenant_id = OLD.tenant_id AND township_id = OLD.township_id AND state = OLD.state;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO clue_counts (tenant_id, township_id, state, n) VALUES (NEW.tenant_id, NEW.township_id, NEW.state, 1)
          ON CONFLICT (tenant_id, township_id, state) DO UPDATE SET n = clue_counts.n + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER clue_counts_insert AFTER INSERT ON clues FOR EACH ROW EXECUTE FUNCTION xs_clue_counts()`.execute(db);
  await sql`CREATE TRIGGER clue_counts_delete AFTER DELETE ON clues FOR EACH ROW EXECUTE FUNCTION xs_clue_counts()`.execute(db);
  await sql`CREATE TRIGGER clue_counts_update AFTER UPDATE OF tenant_id, township_id, state ON clues FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.township_id IS DISTINCT FROM NEW.township_id OR OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION xs_clue_counts()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const t of ['clue_counts_insert', 'clue_counts_delete', 'clue_counts_update']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)} ON clues`.execute(db);
  await sql`DROP FUNCTION IF EXISTS xs_clue_counts()`.execute(db);
  await sql`DROP TABLE IF EXISTS clue_counts`.execute(db);
}
