/**
 * Full-text match on a table indexed by `searchTokens` (segment.ts): SQLite FTS5 (external content table
 * `<table>_fts`) or PostgreSQL tsvector column `search_vector` ('simple' configuration).
 *
 * User input never reaches the FTS syntax. The query is normalised and segmented like the index; each term
 * is a token of letters and digits only, quoted (FTS5 "…", tsquery '…'), and the terms are ANDed. So
 * quotes, -, :, OR, NEAR, parentheses, 。, emoji and lone surrogates are just text (SEARCH.md lists what
 * raw input does to FTS5 and to_tsquery).
 *
 * Recall across segmentation: the index holds every dictionary word of the text, so a query word is
 * found wherever its characters occur. A long query word may also match as its parts (路灯不亮 →
 * 路灯 AND 不亮, for 路灯都不亮), and words that name a problem concept also match the concept marker
 * (灯不亮 finds 照明设施损坏).
 */
import { sql, type AliasedRawBuilder, type Expression, type SqlBool, type Kysely } from 'kysely';
import { isPostgres } from '../../db/database.ts';
import { BASE_ANALYZER, CONCEPT_PREFIX, type Analyzer, type Piece } from './segment.ts';

/** A query: a token, or all / any of sub-queries. */
export type FtsTerm = string | { all: FtsTerm[] } | { any: FtsTerm[] };

const MAX_TERMS = 12;
const HAN1 = /^\p{Script=Han}$/u;

/** Two or more dictionary words that spell `word` exactly, longest first (路灯不亮 → 路灯, 不亮). */
function parts(an: Analyzer, word: string): string[] | null {
  if (word.length < 3) return null;
  const inside = new Set(an.dictionaryWords(word).filter((w) => w !== word));
  const out: string[] = [];
  for (let i = 0; i < word.length;) {
    let j = word.length;
    while (j > i + 1 && !inside.has(word.slice(i, j))) j--;
    if (j === i + 1) return null;
    out.push(word.slice(i, j));
    i = j;
  }
  return out.length >= 2 ? out : null;
}

function wordTerm(an: Analyzer, t: string): FtsTerm {
  const p = parts(an, t);
  return p ? { any: [t, { all: p }] } : t;
}

/** The query a user's text means, or null when it has nothing searchable (only stop words, punctuation…). */
export function ftsQuery(query: string, an: Analyzer = BASE_ANALYZER): FtsTerm | null {
  const a = an.analyze(query.slice(0, 500));
  let pieces: Piece[] = a.pieces;
  // Single characters are cut differently in different sentences; with longer words around, they only lose recall.
  if (pieces.some((p) => p.t.length > 1 || !HAN1.test(p.t))) pieces = pieces.filter((p) => p.t.length > 1 || !HAN1.test(p.t));
  const placeWords = new Set(a.places);
  const terms: FtsTerm[] = [];
  const used = new Set<Piece>();
  const seenConcept = new Set<string>();
  for (const hit of an.concepts?.hits(a.norm) ?? []) {
    if (seenConcept.has(hit.key)) continue;
    const inside = pieces.filter((p) => !used.has(p) && p.start < hit.end && p.end > hit.start && !placeWords.has(p.t));
    if (!inside.length) continue;
    const qualifiers = an.concepts?.qualifiers;
    // Qualifiers right before or after the concept's words join them.
    for (let i = pieces.indexOf(inside[inside.length - 1]) + 1; i < pieces.length && qualifiers?.has(pieces[i].t) && !used.has(pieces[i]); i++) inside.push(pieces[i]);
    for (let i = pieces.indexOf(inside[0]) - 1; i >= 0 && qualifiers?.has(pieces[i].t) && !used.has(pieces[i]); i--) inside.unshift(pieces[i]);
    seenConcept.add(hit.key);
    for (const p of inside) used.add(p);
    const own: FtsTerm = inside.length === 1 ? wordTerm(an, inside[0].t) : { all: inside.map((p) => wordTerm(an, p.t)) };
    terms.push({ any: [CONCEPT_PREFIX + hit.key, own] });
  }
  const seen = new Set<string>();
  for (const p of pieces) {
    if (used.has(p) || seen.has(p.t)) continue;
    seen.add(p.t);
    terms.push(wordTerm(an, p.t));
  }
  if (!terms.length) return null;
  const kept = terms.slice(0, MAX_TERMS);
  return kept.length === 1 ? kept[0] : { all: kept };
}

/** The words of a query as the index stores them (for highlighting and tests). */
export function ftsQueryTokens(query: string, an: Analyzer = BASE_ANALYZER): string[] {
  const out = new Set<string>();
  const walk = (t: FtsTerm) => (typeof t === 'string' ? out.add(t) : 'all' in t ? t.all.forEach(walk) : t.any.forEach(walk));
  const q = ftsQuery(query, an);
  if (q) walk(q);
  return [...out];
}

/** FTS5 MATCH syntax of a term: every token a quoted phrase. */
export function toFts5(t: FtsTerm): string {
  if (typeof t === 'string') return `"${t.replaceAll('"', '""')}"`;
  if ('all' in t) return t.all.length === 1 ? toFts5(t.all[0]) : `(${t.all.map(toFts5).join(' AND ')})`;
  return t.any.length === 1 ? toFts5(t.any[0]) : `(${t.any.map(toFts5).join(' OR ')})`;
}

/** PostgreSQL to_tsquery syntax of a term: every token a quoted lexeme. */
export function toTsquery(t: FtsTerm): string {
  if (typeof t === 'string') return `'${t.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
  if ('all' in t) return t.all.length === 1 ? toTsquery(t.all[0]) : `(${t.all.map(toTsquery).join(' & ')})`;
  return t.any.length === 1 ? toTsquery(t.any[0]) : `(${t.any.map(toTsquery).join(' | ')})`;
}

/** Any of the tokens (for candidate search): a flat OR. */
export function anyOf(tokens: string[]): { any: string[] } | null {
  const clean = [...new Set(tokens.filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))];
  return clean.length ? { any: clean } : null;
}

/** A WHERE expression: rows of `table` (aliased `alias`) that match the term. */
export function ftsTermMatch<DB>(db: Kysely<DB>, table: string, alias: string, term: FtsTerm): Expression<SqlBool> {
  if (isPostgres(db)) return sql<SqlBool>`${sql.ref(`${alias}.search_vector`)} @@ to_tsquery('simple', ${toTsquery(term)})`;
  const fts = sql.table(`${table}_fts`);
  return sql<SqlBool>`${sql.ref(`${alias}.id`)} IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ${toFts5(term)})`;
}

/**
 * A WHERE expression that keeps rows of `table` (aliased `alias`) matching every word of `query`;
 * null when the query has no searchable word.
 */
export function ftsMatch<DB>(db: Kysely<DB>, table: string, alias: string, query: string, an: Analyzer = BASE_ANALYZER): Expression<SqlBool> | null {
  const term = ftsQuery(query, an);
  return term ? ftsTermMatch(db, table, alias, term) : null;
}

/**
 * Matches of `query` in `table` with their relevance, as a table to join on id (higher score is better:
 * BM25 on SQLite, ts_rank on PostgreSQL), or null when the query has no word. For a ranked list:
 *   db.selectFrom('clues as c').innerJoin(ranking, 'f.id', 'c.id').where('c.tenant_id', '=', t)
 *     .orderBy('f.score', 'desc').orderBy('c.id', 'desc')
 * FTS5 scores each match once here; a per-row rank expression (a correlated subquery) would re-run the
 * full-text query for every row (≈100 µs each: 150 ms for 1,500 matches).
 */
export function ftsRanking<DB, A extends string>(db: Kysely<DB>, table: string, query: string, alias: A, an: Analyzer = BASE_ANALYZER): AliasedRawBuilder<{ id: number; score: number }, A> | null {
  const term = ftsQuery(query, an);
  if (!term) return null;
  if (isPostgres(db)) {
    const q = sql`to_tsquery('simple', ${toTsquery(term)})`;
    return sql<{ id: number; score: number }>`(SELECT id, ts_rank(search_vector, ${q}) AS score FROM ${sql.table(table)} WHERE search_vector @@ ${q})`.as(alias);
  }
  const fts = sql.table(`${table}_fts`);
  return sql<{ id: number; score: number }>`(SELECT rowid AS id, -rank AS score FROM ${fts} WHERE ${fts} MATCH ${toFts5(term)})`.as(alias);
}

/**
 * SQLite: the newest-first walk over `table`'s rows (aliased `c`) that match `term` and meet `where`, as the FROM
 * and WHERE of a `SELECT … ORDER BY f.rowid DESC`. FTS5 yields its matches in descending rowid order (CROSS JOIN
 * keeps it the outer loop) and each is checked in the covering index `index` (every column `where` names, keyed by
 * id) rather than the row, so a LIMIT stops the walk after that many matches that pass, and no row is read.
 */
export function ftsNewestWalk(table: string, index: string, term: FtsTerm, where: Expression<SqlBool>[]) {
  return {
    from: sql`${sql.table(`${table}_fts`)} AS f CROSS JOIN ${sql.table(table)} AS c INDEXED BY ${sql.id(index)}`,
    where: sql.join([sql`f.${sql.raw(`${table}_fts`)} MATCH ${toFts5(term)}`, sql`c.id = f.rowid`, ...where], sql` AND `),
  };
}

/** SQLite: the ids of that walk, newest (highest id) first, at most `limit`: read the rows of the ids afterwards, once. */
export async function ftsNewestIds<DB>(db: Kysely<DB>, table: string, index: string, term: FtsTerm, where: Expression<SqlBool>[], limit: number): Promise<number[]> {
  const walk = ftsNewestWalk(table, index, term, where);
  const r = await sql<{ id: number }>`SELECT c.id FROM ${walk.from} WHERE ${walk.where} ORDER BY f.rowid DESC LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}
