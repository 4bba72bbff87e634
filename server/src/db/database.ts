import { Kysely, PostgresDialect, SqliteDialect, PostgresAdapter, sql, type SqliteDatabase } from 'kysely';
import type { Database as SQLiteDatabase } from 'better-sqlite3';
import fs from 'node:fs';
import type { Config } from '../config.ts';
import type { PlatformTables } from '../platform/platform.table.ts';
import type { CaseTables } from '../platform/cases.table.ts';

/**
 * Every table. The platform's are named here; each module adds its own from its `*.table.ts` by
 * declaration merging (`declare module '../../db/database.ts' { interface Database extends XTables {} }`),
 * so this file names no feature and a module's table file is the one place its columns are declared.
 */
export interface Database extends PlatformTables, CaseTables {}

export type Db = Kysely<Database>;


export async function createDb(config: Config): Promise<Db> {
  if (config.databaseUrl) {
    const { default: pg } = await import('pg');
    // Return bigint counts and ids as numbers; our ids stay far below 2^53.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    pg.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: Number(process.env.PG_POOL_MAX ?? 10),
      options: config.pgSchema ? `-c search_path=${config.pgSchema}` : undefined,
    });
    // An idle client whose connection dies (a server restart, a terminated backend) is reported here; without a
    // listener the pool's 'error' event would end the process. The pool drops that client and opens a new one
    // when needed. While the pool is ending its clients are closed without waiting, so their connections can
    // still be cut (a dropped test database) after `end()` resolved: nothing to report then.
    pool.on('error', (err) => {
      if (pool.ending) return;
      process.emitWarning(`PostgreSQL: an idle connection failed: ${err.message}`, { code: 'XS_PG_IDLE' });
    });
    if (config.pgSchema) {
      const c = await pool.connect();
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS "${config.pgSchema}"`);
      } finally {
        c.release();
      }
    }
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.sqliteFile !== ':memory:') fs.mkdirSync(config.dataDir, { recursive: true });
  return (await openSqlite(config.sqliteFile)).db;
}

/**
 * A SQLite database: a file, ':memory:', or an in-memory copy of a serialized image (the test harness
 * clones one migrated database per run this way). `file` is the better-sqlite3 handle, for `serialize()`.
 */
export async function openSqlite(source: string | Buffer): Promise<{ db: Db; file: SQLiteDatabase }> {
  const { default: SQLite } = await import('better-sqlite3');
  const file = new SQLite(source);
  file.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives power loss (the intake benchmark runs with it).
  file.pragma('synchronous = FULL');
  file.pragma('foreign_keys = ON');
  file.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: keepStatements(file) }) }), file };
}

/**
 * better-sqlite3 behind a statement cache. Kysely's SQLite driver prepares every query anew; on the public
 * intake that was 14 % of the CPU. A prepared statement is reusable once `all`/`run` return (the driver never
 * holds one across an await except when streaming, which nothing here does), and SQLite re-prepares it by itself
 * after a schema change. Least recently used statements are dropped beyond `size`.
 */
export function keepStatements(file: SQLiteDatabase, size = 500): SqliteDatabase {
  const cache = new Map<string, ReturnType<SQLiteDatabase['prepare']>>();
  return {
    close: () => file.close(),
    prepare(text: string) {
      // Take the write lock when a transaction opens. Two connections write this file (the intake thread
      // has its own): a deferred transaction that read first and writes later would fail with
      // SQLITE_BUSY_SNAPSHOT if the other committed in between, instead of waiting its turn.
      if (text === 'begin') text = 'begin immediate';
      let stmt = cache.get(text);
      if (stmt) cache.delete(text);
      else stmt = file.prepare(text);
      cache.set(text, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return stmt;
    },
  };
}

export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Rows affected by an update/delete, on both dialects. */
export function affected(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }): number {
  return Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);
}

export { sql };
