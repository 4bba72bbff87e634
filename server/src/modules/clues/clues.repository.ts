/** Reading clues: the list with its filters, one clue with its names resolved, and the DTOs. */
import type { Kysely, Selectable } from 'kysely';
import { CLUE_CATEGORIES, CLUE_CHANNELS, CLUE_STATES, OPEN_CLUE_STATES, type ClueListQuery, type ClueState } from '@xs/core/schemas/clues.ts';
import { maskPhone } from '@xs/core/validation.ts';
import type { Database } from '../../db/database.ts';
import { ftsMatch } from '../../platform/search/fts.ts';
import type { CluesTable } from './clues.table.ts';

export type ClueRow = Selectable<CluesTable>;

export const summarize = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

export function isOverdue(c: Pick<ClueRow, 'state' | 'due_at'>, now = new Date()): boolean {
  return !!c.due_at && OPEN_CLUE_STATES.includes(c.state) && c.due_at < now.toISOString();
}

/** Names for the ids a page of clues refers to, in three queries whatever the page size. */
export async function namesFor(db: Kysely<Database>, tenantId: number, rows: Pick<ClueRow, 'township_id' | 'village_id' | 'unit_id' | 'venue_id' | 'member_id'>[]) {
  const orgIds = [...new Set(rows.flatMap((r) => [r.township_id, r.village_id]).filter((v): v is number => v != null))];
  const unitIds = [...new Set(rows.map((r) => r.unit_id).filter((v): v is number => v != null))];
  const venueIds = [...new Set(rows.map((r) => r.venue_id).filter((v): v is number => v != null))];
  const memberIds = [...new Set(rows.map((r) => r.member_id).filter((v): v is number => v != null))];
  const [orgs, units, venues, members] = await Promise.all([
    orgIds.length ? db.selectFrom('orgs').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', orgIds).execute() : [],
    unitIds.length ? db.selectFrom('units').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', unitIds).execute() : [],
    venueIds.length ? db.selectFrom('venues').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', venueIds).execute() : [],
    memberIds.length ? db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', tenantId).where('id', 'in', memberIds).execute() : [],
  ]);
  const map = (xs: { id: number; name: string }[]) => new Map(xs.map((x) => [x.id, x.name]));
  return { org: map(orgs), unit: map(units), venue: map(venues), member: map(members) };
}
export type Names = Awaited<ReturnType<typeof namesFor>>;

export function toListItem(c: ClueRow, names: Names, now = new Date()) {
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
  };
}

/** The filtered query behind the triage list, the unit portal and the Excel export. */
export function clueQuery(db: Kysely<Database>, tenantId: number, f: Partial<ClueListQuery>, now = new Date()) {
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
    // A tracking code read out by a citizen on the phone finds its clue (its letters are words to the index too).
    const code = /^\s*[0-9A-Za-z]{10}\s*$/.test(f.q) ? f.q.trim().toUpperCase() : null;
    if (code) q = q.where((eb) => (match ? eb.or([eb('c.code', '=', code), match]) : eb('c.code', '=', code)));
    // A query of only stop words or punctuation matches everything rather than nothing.
    else if (match) q = q.where(match);
  }
  return q;
}

export async function listClues(db: Kysely<Database>, tenantId: number, f: ClueListQuery) {
  const now = new Date();
  const base = clueQuery(db, tenantId, f, now);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base.selectAll('c').orderBy('c.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
  ]);
  const names = await namesFor(db, tenantId, rows);
  return { items: rows.map((r) => toListItem(r, names, now)), total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

export async function findClue(db: Kysely<Database>, tenantId: number, id: number): Promise<ClueRow | undefined> {
  return db.selectFrom('clues').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
}
