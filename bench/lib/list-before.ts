/**
 * listClues as it was before the search benchmark's changes (server/src/modules/clues/clues.repository.ts at
 * 7722e6b): every filter on `clues`, full-text search as `id IN (SELECT rowid FROM clues_fts WHERE … MATCH …)`,
 * and an exact count(*). Kept here only to measure before and after on the same data in the same run.
 */
import type { Kysely } from 'kysely';
import { OPEN_CLUE_STATES, type ClueListQuery, type ClueState } from '@xs/core/schemas/clues.ts';
import type { Database } from '../../server/src/db/database.ts';
import { ftsMatch } from '../../server/src/platform/search/fts.ts';
import { namesFor, toListItem } from '../../server/src/modules/clues/clues.repository.ts';

function clueQueryBefore(db: Kysely<Database>, tenantId: number, f: Partial<ClueListQuery>, now = new Date()) {
  let q = db.selectFrom('clues as c').where('c.tenant_id', '=', tenantId);
  if (f.state === 'open') q = q.where('c.state', 'in', OPEN_CLUE_STATES);
  else if (f.state) q = q.where('c.state', '=', f.state as ClueState);
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.townshipId) q = q.where('c.township_id', '=', f.townshipId);
  if (f.channel) q = q.where('c.channel', '=', f.channel);
  if (f.unitId) q = q.where('c.unit_id', '=', f.unitId);
  if (f.overdue === '1') q = q.where('c.state', 'in', OPEN_CLUE_STATES).where('c.due_at', '<', now.toISOString());
  if (f.overdue === '0') q = q.where((eb) => eb.or([eb('c.due_at', 'is', null), eb('c.due_at', '>=', now.toISOString()), eb('c.state', 'not in', OPEN_CLUE_STATES)]));
  if (f.from) q = q.where('c.created_at', '>=', new Date(`${f.from}T00:00:00+08:00`).toISOString());
  if (f.to) q = q.where('c.created_at', '<=', new Date(`${f.to}T23:59:59.999+08:00`).toISOString());
  if (f.q) {
    const match = ftsMatch(db, 'clues', 'c', f.q);
    const code = /^\s*[0-9A-Za-z]{10}\s*$/.test(f.q) ? f.q.trim().toUpperCase() : null;
    if (code) q = q.where((eb) => (match ? eb.or([eb('c.code', '=', code), match]) : eb('c.code', '=', code)));
    else if (match) q = q.where(match);
  }
  return q;
}

export async function listCluesBefore(db: Kysely<Database>, tenantId: number, f: ClueListQuery) {
  const now = new Date();
  const base = clueQueryBefore(db, tenantId, f, now);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll('c').orderBy('c.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
  ]);
  const names = await namesFor(db, tenantId, rows);
  return { items: rows.map((r) => toListItem(r, names, now)), total: Number(count.n), page: f.page, pageSize: f.pageSize };
}
