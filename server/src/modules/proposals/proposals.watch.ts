/**
 * 超期 and 不满意: the two lists the proposal committee works from between figures. Overdue is every running clock
 * past its due time, on a proposal (co-signers to confirm, proposers to evaluate) or on a unit's assignment (contact,
 * views, reply); unsatisfied is every 不满意 evaluation, of the handling or of the result, in any round, with what
 * became of the proposal since. The dashboard's drill-down counts are these lists' totals.
 */
import { sql, type Kysely } from 'kysely';
import { ASSIGNMENT_ROLES, ASSIGNMENT_WORKFLOW, EVALUATION_LEVELS, PROPOSAL_STATES, PROPOSAL_WORKFLOW, type WatchListQuery } from '@xs/core/schemas/proposals.ts';
import type { Database } from '../../db/database.ts';
import { names } from '../orgs/orgs.read.ts';
import { sessionNames } from './proposals.service.ts';

type Db = Kysely<Database>;
type Scope = Omit<WatchListQuery, 'page' | 'pageSize'>;

const DAY = 86_400_000;

/** The proposals of the scope (session, term, year), as a subquery; null when the scope is the whole county. */
function scopeIds(db: Db, tenantId: number, f: Scope) {
  if (!f.sessionId && !f.termId && !f.year) return null;
  let q = db.selectFrom('proposals').select('id').where('tenant_id', '=', tenantId);
  if (f.sessionId) q = q.where('session_id', '=', f.sessionId);
  if (f.termId) q = q.where('session_id', 'in', db.selectFrom('proposal_sessions').select('id').where('term_id', '=', f.termId).where('tenant_id', '=', tenantId));
  if (f.year) q = q.where('year', '=', f.year);
  return q;
}

/** Rows by id in chunks, so a long list of ids stays under either database's limit of bound values. */
async function byIds<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 5000) out.push(...(await load(ids.slice(i, i + 5000))));
  return out;
}

/**
 * Every overdue running clock of the scope, most overdue first. Only open cases have running clocks, so the county's
 * overdue ones are read first through the running-clock index and their assignments and proposals then by key;
 * the list is built whole and paged here, and its length is the dashboard's overdue count.
 */
export async function overdueClocks(db: Db, tenantId: number, f: Scope, now = new Date()) {
  const clocks = await db.selectFrom('case_clocks').select(['id', 'case_type', 'case_id', 'name', 'due_at', 'last_reminded_at', 'escalation'])
    .where('stopped_at', 'is', null).where('due_at', '<', now.toISOString()).where('tenant_id', '=', tenantId)
    .where('case_type', 'in', ['proposal', 'proposal_assignment']).execute();
  const assignments = new Map((await byIds(clocks.filter((k) => k.case_type === 'proposal_assignment').map((k) => k.case_id), (ids) =>
    db.selectFrom('proposal_assignments').select(['id', 'proposal_id', 'unit_id', 'role']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()))
    .map((a) => [a.id, a]));
  const proposalOf = (k: (typeof clocks)[number]) => (k.case_type === 'proposal' ? k.case_id : assignments.get(k.case_id)?.proposal_id);
  const wanted = [...new Set(clocks.map(proposalOf).filter((id): id is number => id !== undefined))];
  const terms = f.termId
    ? new Set((await db.selectFrom('proposal_sessions').select('id').where('tenant_id', '=', tenantId).where('term_id', '=', f.termId).execute()).map((s) => s.id))
    : null;
  const proposals = new Map((await byIds(wanted, (ids) =>
    db.selectFrom('proposals').select(['id', 'code', 'title', 'session_id', 'state', 'year']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()))
    .map((p) => [p.id, p]));
  const rows = [];
  for (const k of clocks) {
    const a = k.case_type === 'proposal_assignment' ? assignments.get(k.case_id) : undefined;
    const p = proposals.get(proposalOf(k) ?? -1);
    if (!p || (k.case_type === 'proposal_assignment' && !a)) continue;
    if ((f.sessionId && p.session_id !== f.sessionId) || (terms && !terms.has(p.session_id)) || (f.year && p.year !== f.year)) continue;
    if (f.unitId && a?.unit_id !== f.unitId) continue;
    rows.push({
      id: k.id, name: k.name, due_at: k.due_at, last_reminded_at: k.last_reminded_at, escalation: k.escalation,
      proposal_id: p.id, code: p.code, title: p.title, session_id: p.session_id, state: p.state,
      assignment_id: a?.id ?? null, unit_id: a?.unit_id ?? null, role: a?.role ?? null,
    });
  }
  return rows.sort((x, y) => x.due_at.localeCompare(y.due_at) || x.id - y.id);
}

/**
 * The proposals with an overdue clock of their own or of one of their units, as a subquery (the proposal list's
 * 超期 filter): the same clocks as `overdueClocks`, in one statement.
 */
export function overdueProposalIds(db: Db, tenantId: number, now = new Date()) {
  const at = now.toISOString();
  return db.selectFrom('case_clocks as k').select('k.case_id as id').where('k.tenant_id', '=', tenantId).where('k.stopped_at', 'is', null).where('k.due_at', '<', at)
    .where('k.case_type', '=', 'proposal')
    .union(db.selectFrom('case_clocks as k').innerJoin('proposal_assignments as a', 'a.id', 'k.case_id').select('a.proposal_id as id')
      .where('k.tenant_id', '=', tenantId).where('k.stopped_at', 'is', null).where('k.due_at', '<', at).where('k.case_type', '=', 'proposal_assignment')
      .where('a.tenant_id', '=', tenantId));
}

/** How many overdue clocks the scope holds, in one statement (the dashboard's drill-down figure; the list's total). */
export async function overdueCount(db: Db, tenantId: number, f: Scope, now = new Date()): Promise<number> {
  const scope = scopeIds(db, tenantId, f);
  let q = db.selectFrom('case_clocks as k').where('k.tenant_id', '=', tenantId).where('k.stopped_at', 'is', null).where('k.due_at', '<', now.toISOString());
  if (!scope) q = q.where('k.case_type', 'in', ['proposal', 'proposal_assignment']);
  else {
    q = q.where((eb) => eb.or([
      eb.and([eb('k.case_type', '=', 'proposal'), eb('k.case_id', 'in', scope)]),
      eb.and([eb('k.case_type', '=', 'proposal_assignment'),
        eb('k.case_id', 'in', db.selectFrom('proposal_assignments').select('id').where('tenant_id', '=', tenantId).where('proposal_id', 'in', scope))]),
    ]));
  }
  const r = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One page of the overdue list with names: which clock, who it waits on, since when. */
export async function overdueList(db: Db, tenantId: number, f: WatchListQuery, now = new Date()) {
  const all = await overdueClocks(db, tenantId, f, now);
  const page = all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  return { items: await overdueItems(db, tenantId, page, now), total: all.length, page: f.page, pageSize: f.pageSize };
}

export async function overdueItems(db: Db, tenantId: number, rows: Awaited<ReturnType<typeof overdueClocks>>, now = new Date()) {
  const [sessions, n] = await Promise.all([
    sessionNames(db, tenantId, rows.map((r) => r.session_id)),
    names(db, tenantId, { units: rows.map((r) => r.unit_id) }),
  ]);
  return rows.map((r) => {
    const onUnit = r.assignment_id !== null;
    const clockLabel = (onUnit ? ASSIGNMENT_WORKFLOW.clocks?.[r.name]?.label : PROPOSAL_WORKFLOW.clocks?.[r.name]?.label) ?? r.name;
    const unitName = r.unit_id ? n.units.get(r.unit_id) ?? '—' : null;
    return {
      clockId: r.id, proposalId: r.proposal_id, code: r.code, title: r.title, sessionName: sessions.get(r.session_id) ?? null,
      state: r.state, stateLabel: PROPOSAL_STATES[r.state].label, assignmentId: r.assignment_id, unitId: r.unit_id, unitName,
      role: r.role, roleLabel: r.role ? ASSIGNMENT_ROLES[r.role] : null,
      clock: r.name, clockLabel,
      /** Who must act: the unit (with its part), or the proposers / co-signers. */
      waitingOn: unitName ? `${unitName}（${ASSIGNMENT_ROLES[r.role!]}）` : r.name === 'cosign' ? '附议人' : '提案人',
      dueAt: r.due_at, /** Whole days past due; a clock out today counts as 1. */
      daysOverdue: Math.max(1, Math.floor((now.getTime() - Date.parse(r.due_at)) / DAY)),
      lastRemindedAt: r.last_reminded_at, escalation: r.escalation,
    };
  });
}
export type OverdueItem = Awaited<ReturnType<typeof overdueItems>>[number];

/**
 * The county's 不满意 evaluations in the scope. The condition is written with literals, the same as the partial index
 * `proposal_evaluations_unsatisfied` (SQLite uses a partial index only when the query states its condition).
 */
function unsatisfiedQuery(db: Db, tenantId: number, f: Scope) {
  let q = db.selectFrom('proposal_evaluations as e').where('e.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('e.handling', '=', sql.lit('unsatisfied')), eb('e.result', '=', sql.lit('unsatisfied'))]));
  const scope = scopeIds(db, tenantId, f);
  if (scope) q = q.where('e.proposal_id', 'in', scope);
  if (f.unitId) q = q.where('e.proposal_id', 'in', db.selectFrom('proposal_assignments').select('proposal_id').where('tenant_id', '=', tenantId).where('unit_id', '=', f.unitId));
  return q;
}

/** How many 不满意 evaluations the scope holds (the dashboard's drill-down figure). */
export async function unsatisfiedCount(db: Db, tenantId: number, f: Scope): Promise<number> {
  const r = await unsatisfiedQuery(db, tenantId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One page of 不满意 evaluations, newest first: who, which round, what they said, the units, and where it stands now. */
export async function unsatisfiedList(db: Db, tenantId: number, f: WatchListQuery) {
  const q = unsatisfiedQuery(db, tenantId, f).innerJoin('proposals as p', 'p.id', 'e.proposal_id').where('p.tenant_id', '=', tenantId);
  const [rows, total] = await Promise.all([
    q.select(['e.id', 'e.member_id', 'e.round', 'e.handling', 'e.result', 'e.comment', 'e.entered_by', 'e.created_at', 'p.id as proposal_id', 'p.code', 'p.title',
      'p.session_id', 'p.state', 'p.round as proposal_round'])
      .orderBy('e.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    unsatisfiedCount(db, tenantId, f),
  ]);
  const ids = [...new Set(rows.map((r) => r.proposal_id))];
  const units = ids.length
    ? await db.selectFrom('proposal_assignments').select(['proposal_id', 'unit_id', 'role']).where('tenant_id', '=', tenantId).where('proposal_id', 'in', ids)
      .where('parent_type', '=', 'proposal').where('state', '!=', 'withdrawn').orderBy('id').execute()
    : [];
  const [sessions, n] = await Promise.all([
    sessionNames(db, tenantId, rows.map((r) => r.session_id)),
    names(db, tenantId, { members: rows.map((r) => r.member_id), units: units.map((u) => u.unit_id) }),
  ]);
  return {
    items: rows.map((r) => ({
      evaluationId: r.id, proposalId: r.proposal_id, code: r.code, title: r.title, sessionName: sessions.get(r.session_id) ?? null,
      memberId: r.member_id, memberName: n.members.get(r.member_id) ?? '—', round: r.round,
      handling: r.handling, handlingLabel: EVALUATION_LEVELS[r.handling], result: r.result, resultLabel: EVALUATION_LEVELS[r.result],
      comment: r.comment, paper: r.entered_by !== null, at: r.created_at,
      units: units.filter((u) => u.proposal_id === r.proposal_id).map((u) => `${n.units.get(u.unit_id) ?? '—'}（${ASSIGNMENT_ROLES[u.role]}）`).join('、'),
      state: r.state, stateLabel: PROPOSAL_STATES[r.state].label,
      /** The evaluation sent it back and the units have handled it again since (a later round exists). */
      rehandled: r.proposal_round > r.round,
    })),
    total, page: f.page, pageSize: f.pageSize,
  };
}
export type UnsatisfiedItem = Awaited<ReturnType<typeof unsatisfiedList>>['items'][number];

/** Every row of a list for Excel (capped like the proposal export). */
export async function allPages<T>(load: (page: number) => Promise<{ items: T[] }>, cap = 20_000): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < cap; page++) {
    const r = await load(page);
    out.push(...r.items);
    if (r.items.length < 200) break;
  }
  return out;
}
