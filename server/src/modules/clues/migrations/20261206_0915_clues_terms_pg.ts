import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../../../db/database.ts';

/**
 * clue_terms on PostgreSQL: every lexeme of a clue's search_vector under its county and township, keyed by clue id,
 * so a township's clues holding a word can be read newest first and the read can stop (similarCandidates). The GIN
 * index yields its matches in no order: `ORDER BY id DESC LIMIT 150` over it read every matching row of the township
 * and sorted them — 1,500 rows for one place, 27,000 for a common word at a million clues, 98–146 ms at p95 for the
 * similar-clue candidates (bench/README.md §6). SQLite needs nothing: FTS5 yields its matches by rowid, newest first.
 * The rows are the lexemes of the generated column itself (tsvector_to_array), so a word is found here exactly when
 * the tsquery finds it; triggers keep them in step with inserts, deletes and changes of tokens, county or township.
 * About 20 rows a clue: at a million clues ≈ 1 GB of table and 0.8 GB of index, built in ≈ 1 min.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE TABLE clue_terms (tenant_id integer NOT NULL, township_id integer NOT NULL, term text NOT NULL, clue_id integer NOT NULL)`.execute(db);
  await sql`INSERT INTO clue_terms (tenant_id, township_id, term, clue_id)
    SELECT tenant_id, township_id, unnest(tsvector_to_array(search_vector)), id FROM clues`.execute(db);
  // Built after the rows are in: one sort instead of twenty million single inserts.
  await sql`ALTER TABLE clue_terms ADD PRIMARY KEY (tenant_id, township_id, term, clue_id)`.execute(db);
  await sql`ANALYZE clue_terms`.execute(db);
  await sql`CREATE FUNCTION xs_clue_terms() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM clue_terms WHERE tenant_id = OLD.tenant_id AND township_id = OLD.township_id
          AND term = ANY (tsvector_to_array(OLD.search_vector)) AND clue_id = OLD.id;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO clue_terms (tenant_id, township_id, term, clue_id)
          SELECT NEW.tenant_id, NEW.township_id, t, NEW.id FROM unnest(tsvector_to_array(NEW.search_vector)) AS t;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER clue_terms_insert AFTER INSERT ON clues FOR EACH ROW EXECUTE FUNCTION xs_clue_terms()`.execute(db);
  await sql`CREATE TRIGGER clue_terms_delete AFTER DELETE ON clues FOR EACH ROW EXECUTE FUNCTION xs_clue_terms()`.execute(db);
  // Changes of state, unit or reply (most updates) leave the terms alone.
  await sql`CREATE TRIGGER clue_terms_update AFTER UPDATE OF search_tokens, tenant_id, township_id ON clues FOR EACH ROW
    WHEN (OLD.search_vector IS DISTINCT FROM NEW.search_vector OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.township_id IS DISTINCT FROM NEW.township_id)
    EXECUTE FUNCTION xs_clue_terms()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const t of ['clue_terms_insert', 'clue_terms_delete', 'clue_terms_update']) await sql`DROP TRIGGER IF EXISTS ${sql.raw(t)} ON clues`.execute(db);
  await sql`DROP FUNCTION IF EXISTS xs_clue_terms()`.execute(db);
  await sql`DROP TABLE IF EXISTS clue_terms`.execute(db);
}
