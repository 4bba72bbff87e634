import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { isPostgres } from './database.ts';

/**
 * Start a table with an auto-increment integer id, the one place the two dialects differ in DDL:
 * SQLite's INTEGER PRIMARY KEY AUTOINCREMENT and PostgreSQL's serial.
 */
export function createTableWithId(db: Kysely<unknown>, name: string): CreateTableBuilder<string, 'id'> {
  const t = db.schema.createTable(name);
  return isPostgres(db)
    ? t.addColumn('id', 'serial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Refuse UPDATE and DELETE on a table at the database level (the audit log is append-only). */
export async function makeAppendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE OR REPLACE FUNCTION xs_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'append-only table %', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION xs_append_only()`.execute(db);
    return;
  }
  for (const op of ['UPDATE', 'DELETE']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${sql.table(table)}
      BEGIN SELECT RAISE(ABORT, 'append-only table'); END`.execute(db);
  }
}
