/**
 * A migrated database of the benchmark's own: SQLite in memory, or, when DATABASE_URL names PostgreSQL, a
 * schema of its own in that database, dropped by `close` unless `keep` (a schema to reuse in later runs).
 * `schema` names an existing schema to open instead of creating one (not migrated, not dropped).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../../server/src/config.ts';
import { createDb, openSqlite, type Db } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';

export const DIALECT = process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';

export async function scratchDb(opts: { schema?: string; keep?: boolean } = {}): Promise<{ db: Db; schema: string | null; close: () => Promise<void> }> {
  if (DIALECT === 'sqlite') {
    const { db } = await openSqlite(':memory:');
    await migrateToLatest(db);
    return { db, schema: null, close: () => db.destroy() };
  }
  const existing = !!opts.schema;
  const schema = opts.schema ?? `bench_${randomBytes(6).toString('hex')}`;
  const db = await createDb(loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PG_SCHEMA: schema }));
  if (!existing) await migrateToLatest(db);
  return {
    db,
    schema,
    close: async () => {
      if (!existing && !opts.keep) await sql`DROP SCHEMA ${sql.id(schema)} CASCADE`.execute(db);
      await db.destroy();
    },
  };
}
