/**
 * Full-text match on a table indexed by jieba tokens: SQLite FTS5 (external content table `<table>_fts`)
 * or PostgreSQL tsvector column `search_vector`. User input never reaches the FTS syntax: it is
 * segmented, each token quoted as a phrase, and the tokens ANDed.
 */
import { sql, type Expression, type SqlBool, type Kysely } from 'kysely';
import { isPostgres } from '../../db/database.ts';
import { tokenize } from './segment.ts';

export function ftsQueryTokens(query: string): string[] {
  return [...new Set(tokenize(query))].slice(0, 12);
}

/**
 * A WHERE expression that keeps rows of `table` (aliased `alias`) whose text matches every token of
 * `query`; null when the query has no searchable token.
 */
export function ftsMatch<DB>(db: Kysely<DB>, table: string, alias: string, query: string): Expression<SqlBool> | null {
  const tokens = ftsQueryTokens(query);
  if (tokens.length === 0) return null;
  if (isPostgres(db)) {
    // plainto_tsquery ANDs the words and ignores operators, so the text cannot break the query.
    return sql<SqlBool>`${sql.ref(`${alias}.search_vector`)} @@ plainto_tsquery('simple', ${tokens.join(' ')})`;
  }
  const match = tokens.map((t) => `"${t.replaceAll('"', '""')}"`).join(' AND ');
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} IN (SELECT rowid FROM ${sql.table(`${table}_fts`)} WHERE ${sql.table(`${table}_fts`)} MATCH ${match})`;
}
