/** Reading clues: the list with its filters, one clue with its names resolved, and the DTOs. */
import { expressionBuilder, sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { CLUE_CATEGORIES, CLUE_CHANNELS, CLUE_STATES, OPEN_CLUE_STATES, type ClueListQuery, type ClueState } from '@xs/core/schemas/clues.ts';
import { maskPhone } from '@xs/core/validation.ts';
import { isPostgres, type Database } from '../../db/database.ts';
import { ftsNewestWalk, ftsQuery, ftsTermMatch, type FtsTerm } from '../../platform/search/fts.ts';
import { AREA_PREFIX, TENANT_PREFIX } from '../../platform/search/segment.ts';
import { loadedAnalyzer } from './clues.analyzer.ts';
import { names } from '../orgs/orgs.read.ts';
import type { CluesTable } from './clues.table.ts';
import { markOf, markRules, type MarkRules } from './clues.marks.ts';

export type ClueRow = Selectable<CluesTable>;

export const summarize = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function isOverdue(c: Pick<ClueRow, 'state' | 'due_at'>, now = new Date()): boolean {
  return !!c.due_at && OPEN_CLUE_STATES.includes(c.state) && c.due_at < now.toISOString();
}

/** Names for the ids a page of clues refers to, one query per kind whatever the page size (through the orgs read API). */
export async function namesFor(db: Kysely<Database>, tenantId: number, rows: Pick<ClueRow, 'township_id' | 'village_id' | 'unit_id' | 'venue_id' | 'member_id'>[]) {
  const n = await names(db, tenantId, {
    orgs: rows.flatMap((r) => [r.township_id, r.village_id]), units: rows.map((r) => r.unit_id),
    venues: rows.map((r) => r.venue_id), members: rows.map((r) => r.member_id),
  });
  return { org: n.orgs, unit: n.units, venue: n.venues, member: n.members };
}
export type Names = Awaited<ReturnType<typeof namesFor>>;

/** The list row; with the county's marking rules it carries 临期/超期 (clues.marks.ts). */
export function toListItem(c: ClueRow, names: Names, now = new Date(), rules?: MarkRules) {
  return {
    id: c.id,
    code: c.code,
    kind: c.kind,
    category: c.category,
    categoryLabel: CLUE_CATEGORIES[c.category] ?? c.category,
    channel: c.channel,
    channelLabel: CLUE_CHANNELS[c.channel] ?? c.channel,
    summary: summarize(c.content),
    townshipId: c.township_id,
    townshipName: names.org.get(c.township_id) ?? '',
    villageName: c.village_id ? (names.org.get(c.village_id) ?? null) : null,
    state: c.state,
    stateLabel: CLUE_STATES[c.state]?.label ?? c.state,
    dueAt: c.due_at,
    overdue: isOverdue(c, now),
    unitId: c.unit_id,
    unitName: c.unit_id ? (names.unit.get(c.unit_id) ?? null) : null,
    supporters: c.supporters,
    createdAt: c.created_at,
    version: c.version,
    contactName: c.contact_name,
    contactPhoneMasked: maskPhone(c.contact_phone),
    rating: c.rating,
    published: c.published === 1,
    urgency: c.urgency,
    assigneeId: c.assignee_id,
    myRole: null as 'lead' | 'co' | null,
    mark: rules ? markOf(c, rules) : ('none' as const),
  };
}

/** The list's filters; `portalUnitId` (the unit portal) keeps to the clues a unit handles or was asked about (会办). */
export type ClueFilter = Partial<ClueListQuery> & { portalUnitId?: number };

/** The list filters other than `q`, as conditions on `clues as c`. */
function clueFilters(tenantId: number, f: ClueFilter, now: Date): Expression<SqlBool>[] {
  const eb = expressionBuilder<{ c: CluesTable }, 'c'>();
  const out: Expression<SqlBool>[] = [eb('c.tenant_id', '=', tenantId)];
  if (f.state === 'open') out.push(eb('c.state', 'in', OPEN_CLUE_STATES));
  else if (f.state) out.push(eb('c.state', '=', f.state as ClueState));
  if (f.category) out.push(eb('c.category', '=', f.category));
  if (f.townshipId) out.push(eb('c.township_id', '=', f.townshipId));
  if (f.channel) out.push(eb('c.channel', '=', f.channel));
  if (f.unitId) out.push(eb('c.unit_id', '=', f.unitId));
  if (f.portalUnitId) {
    out.push(sql<SqlBool>`(c.unit_id = ${f.portalUnitId} OR c.id IN (SELECT k.clue_id FROM clue_counits k WHERE k.tenant_id = ${tenantId} AND k.unit_id = ${f.portalUnitId}))`);
  }
  if (f.overdue === '1') out.push(eb('c.state', 'in', OPEN_CLUE_STATES), eb('c.due_at', '<', now.toISOString()));
  if (f.overdue === '0') out.push(eb.or([eb('c.due_at', 'is', null), eb('c.due_at', '>=', now.toISOString()), eb('c.state', 'not in', OPEN_CLUE_STATES)]));
  if (f.from) out.push(eb('c.created_at', '>=', new Date(`${f.from}T00:00:00+08:00`).toISOString()));
  if (f.to) out.push(eb('c.created_at', '<=', new Date(`${f.to}T23:59:59.999+08:00`).toISOString()));
  return out;
}

const CODE_QUERY = /^\s*[0-9A-Za-z]{10}\s*$/;

/** The filtered query behind the triage list, the unit portal and the Excel export. */
export function clueQuery(db: Kysely<Database>, tenantId: number, f: ClueFilter, now = new Date(), term = f.q ? ftsQuery(f.q, loadedAnalyzer(tenantId)) : null) {
  let q = db.selectFrom('clues as c');
  for (const cond of clueFilters(tenantId, f, now)) q = q.where(cond);
  if (f.q) {
    const match = term ? ftsTermMatch(db, 'clues', 'c', scoped(term, tenantId, f.townshipId)) : null;
    // A tracking code read out by a citizen on the phone finds its clue (its letters are words to the index too).
    const code = CODE_QUERY.test(f.q) ? f.q.trim().toUpperCase() : null;
    if (code) q = q.where((eb) => (match ? eb.or([eb('c.code', '=', code), match]) : eb('c.code', '=', code)));
    // A query of only stop words or punctuation matches everything rather than nothing.
    else if (match) q = q.where(match);
  }
  return q;
}

/**
 * A full-text search counts at most this many matches (more only to reach the page asked for): counting all
 * 300,000 matches of two common words costs half a second at a million clues. Beyond it `total` is this
 * number and `totalCapped` is true ("1,000+").
 */
export const SEARCH_COUNT_CAP = 1000;

/**
 * `total` of a list filtered by nothing but state and/or township, from the per-township-and-state counts that
 * triggers keep exact (migrations 0003 and 0007): count(*) over a million clues takes 100 – 300 ms. Null when it does not apply.
 */
async function summaryCount(db: Kysely<Database>, tenantId: number, f: ClueListQuery & ClueFilter): Promise<number | null> {
  if (f.category || f.channel || f.unitId || f.portalUnitId || f.overdue || f.from || f.to) return null;
  const states = f.state === 'open' ? OPEN_CLUE_STATES : f.state ? [f.state as ClueState] : null;
  const r = await sql<{ n: number | null }>`SELECT sum(n) AS n FROM clue_counts WHERE tenant_id = ${tenantId}
    ${f.townshipId ? sql`AND township_id = ${f.townshipId}` : sql``}
    ${states ? sql`AND state IN (${sql.join(states)})` : sql``}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * A search kept to the county, or to one township, inside the index: every clue's index entry carries
 * its scope markers (segment.ts `scopeMarkers`, migration 0004). The row filters still apply; this only
 * spares the database the matches of other counties and townships.
 */
function scoped(term: FtsTerm, tenantId: number, townshipId?: number): FtsTerm {
  return { all: [term, townshipId ? AREA_PREFIX + townshipId : TENANT_PREFIX + tenantId] };
}

/**
 * SQLite full-text search, newest first: FTS5 yields its matches in descending rowid order (CROSS JOIN keeps it the
 * outer loop); the scope marker in the MATCH keeps them to the county or the township, and each is checked against
 * the other filters in clues_filter (every filter column, keyed by id; migration 0003) rather than the 1 kB row. So
 * page 1 stops after the first page of matches instead of collecting every match of common words, and the count
 * stops at the cap.
 */
async function searchPageSqlite(db: Kysely<Database>, tenantId: number, f: ClueListQuery & ClueFilter, now: Date, term: FtsTerm, countLimit: number) {
  const { from, where } = ftsNewestWalk('clues', 'clues_filter', scoped(term, tenantId, f.townshipId), clueFilters(tenantId, f, now));
  const ids = await sql<{ id: number }>`SELECT c.id FROM ${from} WHERE ${where} ORDER BY f.rowid DESC
    LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`.execute(db);
  const n = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} ORDER BY f.rowid DESC LIMIT ${countLimit + 1})`.execute(db);
  const rows = ids.rows.length
    ? await db.selectFrom('clues as c').selectAll('c').where('c.id', 'in', ids.rows.map((r) => r.id)).orderBy('c.id', 'desc').execute()
    : [];
  return { rows, n: Number(n.rows[0]?.n ?? 0) };
}

export async function listClues(db: Kysely<Database>, tenantId: number, f: ClueListQuery & ClueFilter) {
  const now = new Date();
  const offset = (f.page - 1) * f.pageSize;
  // Counted up to the cap, or further to cover the page asked for.
  const countLimit = Math.max(SEARCH_COUNT_CAP, offset + f.pageSize);
  const code = !!f.q && CODE_QUERY.test(f.q);
  // The county's analyzer once loaded (any clue of the county written or compared), else the shipped one.
  const term = f.q ? ftsQuery(f.q, loadedAnalyzer(tenantId)) : null;
  const searching = code || term !== null;
  let rows: ClueRow[];
  let n: number;
  if (term && !code && !isPostgres(db)) {
    ({ rows, n } = await searchPageSqlite(db, tenantId, f, now, term, countLimit));
  } else {
    const base = clueQuery(db, tenantId, f, now, term);
    const count = async () => {
      const summary = searching ? null : await summaryCount(db, tenantId, f);
      if (summary !== null) return summary;
      const r = searching
        ? await db.selectFrom(base.select(sql<number>`1`.as('one')).limit(countLimit + 1).as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        : await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    };
    // The page's ids first, then its rows: sorting whole rows (1 – 2 kB each) of every match before the offset
    // spilled to disk on PostgreSQL (130 ms for the overdue list's page 500 at a million clues).
    const page = async () => {
      const ids = (await base.select('c.id').orderBy('c.id', 'desc').limit(f.pageSize).offset(offset).execute()).map((r) => r.id);
      return ids.length ? db.selectFrom('clues as c').selectAll('c').where('c.id', 'in', ids).orderBy('c.id', 'desc').execute() : [];
    };
    [rows, n] = await Promise.all([page(), count()]);
  }
  const capped = searching && n > countLimit;
  const [names, rules] = await Promise.all([namesFor(db, tenantId, rows), markRules(db, tenantId, now)]);
  return { items: rows.map((r) => toListItem(r, names, now, rules)), total: capped ? countLimit : n, totalCapped: capped, page: f.page, pageSize: f.pageSize };
}

export async function findClue(db: Kysely<Database>, tenantId: number, id: number): Promise<ClueRow | undefined> {
  return db.selectFrom('clues').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
}

/** Clues of one county by id (in no particular order). */
export async function cluesByIds(db: Kysely<Database>, tenantId: number, ids: readonly number[]): Promise<ClueRow[]> {
  return ids.length ? db.selectFrom('clues').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute() : [];
}

/** The rows of the Excel export: the list's filters, newest first, at most 20,000, with the full text. */
export async function exportItems(db: Kysely<Database>, tenantId: number, q: ClueListQuery) {
  const rows = await clueQuery(db, tenantId, q).selectAll('c').orderBy('c.id', 'desc').limit(20_000).execute();
  const [names, rules] = await Promise.all([namesFor(db, tenantId, rows), markRules(db, tenantId)]);
  return rows.map((r) => ({
    ...toListItem(r, names, rules.now, rules), content: r.content, replyText: r.reply_text, repliedAt: r.replied_at, resolvedAt: r.resolved_at, ratingComment: r.rating_comment,
  }));
}

/** Whether the file is attached to the clue (a photo or a reply file). */
export async function isClueFile(db: Kysely<Database>, clueId: number, fileId: number): Promise<boolean> {
  return !!(await db.selectFrom('clue_files').select('file_id').where('clue_id', '=', clueId).where('file_id', '=', fileId).executeTakeFirst());
}
