/**
 * 我的待办 for 提案: the proposal case types' `workOf` (proposals.workflow.ts).
 *
 * - A unit: its open assignments (待联系提案人, 办理中, 重新办理) — 新交办 until it contacts the proposer, 被退回
 *   when the proposer was not satisfied, 即将到期 and 超期 from the assignment's nearest running clock
 *   (contact, reply or views).
 * - Staff: proposals to review (待审查) and to assign (已立案待交办), units' requests to move an assignment
 *   (申请调整待定), and proposals with a clock past due.
 * - A member: joint proposals waiting for their 联名确认, and replies waiting for their evaluation.
 */
import type { Kysely } from 'kysely';
import { ASSIGNMENT_STATES, PROPOSAL_STATES, type AssignmentState } from '@xs/core/schemas/proposals.ts';
import type { WorkItem, WorkTag } from '@xs/core/schemas/work.ts';
import type { Database } from '../../db/database.ts';
import type { WorkViewer } from '../../platform/cases.ts';
import { isDueSoon, isDueToday } from '../../platform/work-tags.ts';
import { overdueProposalIds } from './proposals.watch.ts';

const LIMIT = 2000;
const UNIT_OPEN: AssignmentState[] = ['assigned', 'contacted', 'rehandling'];

/** The nearest running clock of each case: its deadline for the reader. */
async function nearestClocks(db: Kysely<Database>, tenantId: number, caseType: string, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('case_clocks').select(['case_id', 'due_at']).where('tenant_id', '=', tenantId)
    .where('case_type', '=', caseType).where('case_id', 'in', ids).where('stopped_at', 'is', null).execute();
  const out = new Map<number, string>();
  for (const r of rows) {
    const prev = out.get(r.case_id);
    if (!prev || r.due_at < prev) out.set(r.case_id, r.due_at);
  }
  return out;
}

/** The assignment case type's: a unit's. */
export async function assignmentWorkOf(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  return who.roles.includes('unit_handler') && who.unitId != null ? unitWork(db, { ...who, unitId: who.unitId }, now) : [];
}

async function unitWork(db: Kysely<Database>, who: WorkViewer & { unitId: number }, now: Date): Promise<WorkItem[]> {
  const rows = await db.selectFrom('proposal_assignments as a').innerJoin('proposals as p', 'p.id', 'a.proposal_id')
    .select(['a.id', 'a.state', 'a.role', 'a.assigned_at', 'p.code', 'p.title'])
    .where('a.tenant_id', '=', who.tenantId).where('a.unit_id', '=', who.unitId).where('a.state', 'in', UNIT_OPEN)
    .orderBy('a.id').limit(LIMIT).execute();
  const due = await nearestClocks(db, who.tenantId, 'proposal_assignment', rows.map((r) => r.id));
  const nowIso = now.toISOString();
  return rows.map((r): WorkItem => {
    const dueAt = due.get(r.id) ?? null;
    const overdue = !!dueAt && dueAt < nowIso;
    const tags: WorkTag[] = [];
    if (r.state === 'assigned') tags.push('new');
    if (r.state === 'rehandling') tags.push('returned');
    if (overdue) tags.push('overdue');
    else if (isDueSoon(dueAt, now)) tags.push('due_soon');
    if (tags.length === 0) tags.push('to_handle');
    return {
      type: 'proposal_assignment', typeLabel: '提案承办', id: r.id, code: r.code, title: r.title, state: r.state,
      stateLabel: ASSIGNMENT_STATES[r.state].label, dueAt, overdue, link: `/unit/proposals/${r.id}`, tags, since: r.assigned_at,
    };
  });
}

async function staffWork(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  const nowIso = now.toISOString();
  const rows = await db.selectFrom('proposals as p')
    .select(['p.id', 'p.code', 'p.title', 'p.state', 'p.submitted_at', 'p.registered_at', 'p.updated_at'])
    .where('p.tenant_id', '=', who.tenantId)
    .where((eb) => eb.or([
      eb('p.state', 'in', ['submitted', 'registered']),
      eb.exists(eb.selectFrom('proposal_assignments as d').select('d.id').whereRef('d.proposal_id', '=', 'p.id').where('d.state', '=', 'disputed')),
      eb.and([eb('p.state', 'in', ['cosigning', 'assigned', 'replied', 'rehandling']), eb('p.id', 'in', overdueProposalIds(db, who.tenantId, now))]),
    ]))
    .orderBy('p.id').limit(LIMIT).execute();
  const ids = rows.map((r) => r.id);
  const [own, assignments] = await Promise.all([
    nearestClocks(db, who.tenantId, 'proposal', ids),
    ids.length ? db.selectFrom('proposal_assignments').select(['id', 'proposal_id', 'state']).where('tenant_id', '=', who.tenantId)
      .where('proposal_id', 'in', ids).execute() : Promise.resolve([]),
  ]);
  const unitDue = await nearestClocks(db, who.tenantId, 'proposal_assignment', assignments.filter((a) => UNIT_OPEN.includes(a.state)).map((a) => a.id));
  const disputed = new Set(assignments.filter((a) => a.state === 'disputed').map((a) => a.proposal_id));
  const dueOf = new Map(own);
  for (const a of assignments) {
    const d = unitDue.get(a.id);
    const prev = dueOf.get(a.proposal_id);
    if (d && (!prev || d < prev)) dueOf.set(a.proposal_id, d);
  }
  return rows.map((r): WorkItem => {
    const dueAt = dueOf.get(r.id) ?? null;
    const overdue = !!dueAt && dueAt < nowIso;
    const tags: WorkTag[] = [];
    if (r.state === 'submitted' || r.state === 'registered' || disputed.has(r.id)) tags.push('to_handle');
    if (overdue) tags.push('overdue');
    if (isDueToday(dueAt, now)) tags.push('due_today');
    return {
      type: 'proposal', typeLabel: '提案', id: r.id, code: r.code, title: r.title, state: r.state,
      stateLabel: disputed.has(r.id) ? '单位申请调整' : PROPOSAL_STATES[r.state].label, dueAt, overdue, link: `/proposals/${r.id}`, tags,
      since: r.registered_at ?? r.submitted_at ?? r.updated_at,
    };
  });
}

async function memberWork(db: Kysely<Database>, who: WorkViewer & { memberId: number }, now: Date): Promise<WorkItem[]> {
  const rows = await db.selectFrom('proposals as p').innerJoin('proposal_signers as s', 's.proposal_id', 'p.id')
    .select(['p.id', 'p.code', 'p.title', 'p.state', 'p.round', 'p.updated_at', 's.role'])
    .where('p.tenant_id', '=', who.tenantId).where('s.member_id', '=', who.memberId).where('s.declined_at', 'is', null)
    .where((eb) => eb.or([
      eb.and([eb('p.state', '=', 'cosigning'), eb('s.role', '=', 'co'), eb('s.confirmed_at', 'is', null)]),
      eb.and([eb('p.state', '=', 'replied'), eb.not(eb.exists(eb.selectFrom('proposal_evaluations as e').select('e.id')
        .whereRef('e.proposal_id', '=', 'p.id').whereRef('e.round', '=', 'p.round').where('e.member_id', '=', who.memberId)))]),
    ]))
    .orderBy('p.id').limit(LIMIT).execute();
  const due = await nearestClocks(db, who.tenantId, 'proposal', rows.map((r) => r.id));
  const nowIso = now.toISOString();
  return rows.map((r): WorkItem => {
    const dueAt = due.get(r.id) ?? null;
    const overdue = !!dueAt && dueAt < nowIso;
    const tags: WorkTag[] = ['to_handle'];
    if (overdue) tags.push('overdue');
    else if (isDueSoon(dueAt, now)) tags.push('due_soon');
    return {
      type: 'proposal', typeLabel: '提案', id: r.id, code: r.code, title: r.title, state: r.state,
      stateLabel: r.state === 'cosigning' ? '请确认联名' : '请评价办理结果', dueAt, overdue, link: `/m/proposals/${r.id}`, tags, since: r.updated_at,
    };
  });
}

/** The proposal case type's: staff's and members' work. */
export async function proposalWorkOf(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  const out: WorkItem[][] = [];
  if (who.roles.includes('staff')) out.push(await staffWork(db, who, now));
  if (who.roles.includes('member') && who.memberId != null) out.push(await memberWork(db, { ...who, memberId: who.memberId }, now));
  return out.flat();
}
