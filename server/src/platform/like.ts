/**
 * Text search with LIKE on both dialects: the user's text is matched literally, so `%`, `_` and `\`
 * typed into a search box (and the `_` in action names such as auth.login_failed) mean themselves.
 */
import { sql, type SqlBool } from 'kysely';

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `column` contains `text`. */
export function contains(column: string, text: string) {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
}

/** `column` starts with `text`. */
export function startsWith(column: string, text: string) {
  return sql<SqlBool>`${sql.ref(column)} like ${`${escapeLike(text)}%`} escape '\\'`;
}

/**
 * `column` contains `text`, ignoring case on both dialects: SQLite's LIKE folds ASCII case, PostgreSQL's does
 * not. lower() on both sides folds the same letters on each side of the comparison.
 */
export function containsIgnoringCase(column: string, text: string) {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${`%${escapeLike(text)}%`}) escape '\\'`;
}
