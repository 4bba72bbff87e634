import { sql, type Kysely } from 'kysely';

/**
 * Scope markers in every clue's index entry: `zt<county id> zw<township id>` at the end of search_tokens
 * (segment.ts `scopeMarkers`). A search ANDs its scope into the MATCH, so the full-text index keeps to one
 * county or one township by itself (bench/README.md §2: a two-word search in one township at a million
 * clues). The FTS5 update trigger (SQLite) and the generated tsvector (PostgreSQL) follow the new text.
 */
const markers = sql`' zt' || CAST(tenant_id AS TEXT) || ' zw' || CAST(township_id AS TEXT)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE clues SET search_tokens = search_tokens || ${markers}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE clues SET search_tokens = substr(search_tokens, 1, length(search_tokens) - length(${markers}))`.execute(db);
}
