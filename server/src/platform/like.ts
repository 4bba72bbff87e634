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
