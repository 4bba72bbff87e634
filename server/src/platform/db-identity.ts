/**
 * Which database a Kysely handle talks to, for process-wide caches of database rows. A transaction, `withSchema`
 * and `withPlugin` are new Kysely objects, but they share their root's dialect adapter, which no other database
 * has. In production one process has one database; tests run many files, each on its own database whose ids start
 * again at 1, in one process (vitest `isolate: false`), so a cache keyed by tenant or row id alone would hand one
 * file another file's rows.
 */
import type { Db } from '../db/database.ts';

export function dbIdentity(db: Db): object {
  return db.getExecutor().adapter;
}
