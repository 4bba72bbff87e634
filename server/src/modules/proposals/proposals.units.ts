/**
 * The units' side of a proposal: contact the proposer, send co-unit views to the lead, dispute an assignment
 * (staff uphold it or move it), ask for and get an extension, and reply with a result class and the formal
 * letter; promises in the reply become tasks. The last reply moves the proposal on to evaluation.
 */
import type { Kysely, Transaction } from 'kysely';
import { PROPOSAL_RESULT_SCHEMES } from '@xs/core/proposal-results.ts';
import {
  ASSIGNMENT_ROLES, ASSIGNMENT_STATES, type AssignmentAction, type AssignmentCase, type UnitReply,
} from '@xs/core/schemas/proposals.ts';
import type { Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { linkCases } from '../../platform/cases.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { getSetting } from '../../platform/settings.ts';
import type { CaseRow } from '../../platform/workflow.ts';
import { activeUnit, names } from '../orgs/orgs.read.ts';
import { createTask } from '../tasks/tasks.service.ts';
import { addAssignment, assignmentFields, usersOfProposal, type Who } from './proposals.service.ts';
import { assignmentRunner, proposalRunner } from './proposals.workflow.ts';

type Db = Kysely<Database>;
export interface UnitWho extends Who {
  unitId: number;
}

/** An assignment as this actor may see it: a unit sees only its own; another county's does not exist. */
async function visibleAssignment(db: Db, who: Who | UnitWho, id: number) {
  let q = db.selectFrom('proposal_assignments').selectAll().where('id', '=', id).where('tenant_id', '=', who.tenantId);
  if ('unitId' in who) q = q.where('unit_id', '=', who.unitId);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('承办提案');
  return row;
}

export async function listUnitAssignments(db: Db, who: UnitWho, f: { page: number; pageSize: number; state?: string }) {
  let q = db.selectFrom('proposal_assignments as a').innerJoin('proposals as p', 'p.id', 'a.proposal_id').where('a.tenant_id', '=', who.tenantId)
    .where('a.unit_id', '=', who.unitId).where('a.state', '!=', 'new');
  if (f.state === 'open') q = q.where('a.state', 'in', ['assigned', 'disputed', 'contacted', 'rehandling']);
  const [rows, count] = await Promise.all([
    q.select(['a.id', 'a.role', 'a.state', 'a.due_at', 'a.assigned_at', 'a.version', 'p.code', 'p.title', 'p.category', 'p.key_year'])
      .orderBy('a.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const now = new Date().toISOString();
  return {
    items: rows.map((r) => ({
      id: r.id, code: r.code, title: r.title, category: r.category, key: !!r.key_year, role: r.role, roleLabel: ASSIGNMENT_ROLES[r.role],
      state: r.state, stateLabel: ASSIGNMENT_STATES[r.state].label, dueAt: r.due_at, assignedAt: r.assigned_at, version: r.version,
      overdue: !!r.due_at && ['assigned', 'contacted', 'rehandling'].includes(r.state) && r.due_at < now,
    })),
    total: Number(count.n), page: f.page, pageSize: f.pageSize,
  };
}

/** One assignment: the proposal's text, the co-units' views (for the lead), clocks, timeline and buttons. */
export async function assignmentDetail(db: Db, who: Who | UnitWho, id: number) {
  const a = await visibleAssignment(db, who, id);
  const [p, coViews, signers, timeline, clocks, actions, scheme] = await Promise.all([
    db.selectFrom('proposals').selectAll().where('id', '=', a.proposal_id).executeTakeFirstOrThrow(),
    db.selectFrom('proposal_assignments').select(['id', 'unit_id', 'state', 'views', 'due_at'])
      .where('tenant_id', '=', who.tenantId).where('parent_type', '=', 'proposal_assignment').where('parent_id', '=', id).orderBy('id').execute(),
    db.selectFrom('proposal_signers').select(['member_id', 'role'])
      .where('proposal_id', '=', a.proposal_id).where('confirmed_at', 'is not', null).where('declined_at', 'is', null).orderBy('position').execute(),
    assignmentRunner.timeline(db, who.tenantId, id),
    assignmentRunner.clocks(db, who.tenantId, id),
    assignmentRunner.available(db, a as unknown as AssignmentCase & CaseRow, who.actor),
    getSetting(db, who.tenantId, 'proposal.resultClasses'),
  ]);
  const n = await names(db, who.tenantId, { units: [a.unit_id, ...coViews.map((c) => c.unit_id)], members: signers.map((s) => s.member_id) });
  return {
    ...assignmentFields(a, n.units.get(a.unit_id) ?? '—', scheme, clocks),
    proposalId: a.proposal_id, roleLabel: ASSIGNMENT_ROLES[a.role],
    proposal: { id: p.id, code: p.code, title: p.title, category: p.category, reason: p.reason, suggestion: p.suggestion, round: p.round, proposers: signers.map((s) => n.members.get(s.member_id) ?? '—') },
    resultClasses: PROPOSAL_RESULT_SCHEMES[scheme].classes,
    coUnits: coViews.map((c) => ({ id: c.id, name: n.units.get(c.unit_id) ?? '—', state: c.state, stateLabel: ASSIGNMENT_STATES[c.state].label, views: c.views, dueAt: c.due_at })),
    timeline,
    // A lead or separate unit never sends views and a co-unit never replies: those buttons are not theirs at all.
    actions: actions.filter((x) => x.code !== 'invalid_state' && !(a.role === 'co' ? ['contact', 'reply'] : ['send_views']).includes(x.name)),
  };
}

const UNIT_ACTIONS = ['contact', 'send_views', 'dispute', 'request_extension'] as const;
const STAFF_ACTIONS = ['uphold', 'withdraw', 'extend', 'remind'] as const;

/** A unit's action (contact, views, dispute, ask for an extension) or staff's decision (uphold, move, extend, remind). */
export async function actOnAssignment(db: Db, who: Who | UnitWho, id: number, name: string, body: AssignmentAction) {
  const a = await visibleAssignment(db, who, id);
  const allowed: readonly string[] = 'unitId' in who ? UNIT_ACTIONS : STAFF_ACTIONS;
  if (!allowed.includes(name)) throw new AppError('bad_request', `没有「${name}」这个操作`);
  const now = new Date();
  const common = { tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, now, input: { reason: body.reason, fields: { months: body.months } } };
  if (name === 'request_extension' || name === 'remind') {
    await assignmentRunner.fire(db, { ...common, event: name });
    const n = name === 'remind'
      ? { target: { unitId: a.unit_id }, title: '催办：提案', body: body.reason, link: `/unit/proposals/${id}` }
      : { target: { roles: ['staff'] }, title: '承办单位申请延期', body: body.reason, link: `/proposals/${a.proposal_id}` };
    await notifyUsers(db, who.tenantId, n.target, n);
    return assignmentDetail(db, who, id);
  }
  if (name === 'withdraw') {
    if (!body.unitId) throw invalid([{ path: 'unitId', message: '请选择改交的单位' }]);
    if (body.unitId === a.unit_id || !(await activeUnit(db, who.tenantId, body.unitId))) throw invalid([{ path: 'unitId', message: '改交的单位不存在、已停用或与原单位相同' }]);
  }
  let moved: number | null = null;
  await db.transaction().execute(async (trx) => {
    await assignmentRunner.apply(db, {
      ...common, trx, transition: name as 'contact',
      changes: () => (name === 'contact' ? { contacted_at: now.toISOString(), contact_note: body.reason } : name === 'send_views' ? { views: body.reason } : {}),
      eventData: body.unitId ? { unitId: body.unitId } : undefined,
    });
    if (name === 'withdraw') moved = await moveAssignment(trx, db, who, a, body.unitId!, now);
  });
  if (name === 'dispute') await notifyUsers(db, who.tenantId, { roles: ['staff'] }, { title: '承办单位申请调整提案交办', body: body.reason, link: `/proposals/${a.proposal_id}` });
  if (name === 'send_views') {
    const lead = await db.selectFrom('proposal_assignments').select('unit_id').where('id', '=', a.parent_id).executeTakeFirst();
    if (lead && a.parent_type === 'proposal_assignment') await notifyUsers(db, who.tenantId, { unitId: lead.unit_id }, { title: '会办意见已送达', body: body.reason, link: `/unit/proposals/${a.parent_id}` });
  }
  if (moved) await notifyUsers(db, who.tenantId, { unitId: body.unitId! }, { title: '新交办提案', body: '一件提案改交贵单位办理', link: `/unit/proposals/${moved}` });
  return assignmentDetail(db, who, id);
}

/** The unit's part goes to another unit: the same role and parent; a moved lead takes its co-units along. */
async function moveAssignment(trx: Transaction<Database>, db: Db, who: Who, a: { id: number; proposal_id: number; parent_type: string; parent_id: number; role: 'lead' | 'co' | 'separate' }, unitId: number, now: Date) {
  const id = await addAssignment(trx, db, who, a.proposal_id, { type: a.parent_type, id: a.parent_id }, unitId, a.role, now);
  if (a.role === 'lead') await trx.updateTable('proposal_assignments').set({ parent_id: id }).where('parent_type', '=', 'proposal_assignment').where('parent_id', '=', a.id).execute();
  return id;
}

/**
 * The reply: result class (of the county's scheme), a summary and the formal letter; promises become tasks
 * linked to the proposal. When every replying unit has replied, the proposal waits for its proposers' evaluation.
 */
export async function replyAssignment(db: Db, who: UnitWho, id: number, body: UnitReply) {
  const a = await visibleAssignment(db, who, id);
  const scheme = await getSetting(db, who.tenantId, 'proposal.resultClasses');
  const issues = [];
  if (!PROPOSAL_RESULT_SCHEMES[scheme].classes.some((c) => c.code === body.resultClass)) {
    issues.push({ path: 'resultClass', message: `本县办理结果分为 ${PROPOSAL_RESULT_SCHEMES[scheme].classes.map((c) => c.code).join('、')} 类` });
  }
  const file = await db.selectFrom('files').select('id').where('id', '=', body.letterFileId).where('tenant_id', '=', who.tenantId).where('uploaded_by', '=', who.actor.id).executeTakeFirst();
  const used = await db.selectFrom('proposal_assignments').select('id').where('letter_file_id', '=', body.letterFileId).executeTakeFirst();
  if (!file || (used && used.id !== id)) issues.push({ path: 'letterFileId', message: '答复函不存在或不是您上传的，请重新上传' });
  if (issues.length) throw invalid(issues);
  const now = new Date();
  const finished = await db.transaction().execute(async (trx) => {
    await assignmentRunner.apply(db, {
      trx, tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, transition: 'reply', now,
      input: { reason: body.summary, fields: { resultClass: body.resultClass }, attachments: 1 },
      changes: () => ({ result_class: body.resultClass, summary: body.summary, letter_file_id: body.letterFileId, replied_at: now.toISOString() }),
      eventData: { resultClass: body.resultClass, letterFileId: body.letterFileId, promises: body.promises.length },
    });
    for (const p of body.promises) {
      // A promise in a reply is work the unit owes: the platform's task, assigned by the system (a unit may not assign
      // tasks itself), naming the unit's account that promised it.
      const task = await createTask(db, { tenantId: who.tenantId, actor: 'system', actorName: `系统（${who.actor.name}答复承诺）`, createdBy: who.actor.id, ip: who.ip },
        { title: p.title, description: `提案答复中的承诺事项`, ownerUnitId: a.unit_id, coUnitIds: [], days: p.days, measureLabel: null, measureUnit: null }, trx);
      await linkCases(trx, { tenantId: who.tenantId, from: { type: 'task', id: task.id }, kind: 'originated_from', to: { type: 'proposal', id: a.proposal_id }, actorId: who.actor.id, now });
    }
    return completeIfAllReplied(trx, db, who, a.proposal_id, now);
  });
  if (finished) {
    const p = await db.selectFrom('proposals').select(['title', 'code']).where('id', '=', a.proposal_id).executeTakeFirstOrThrow();
    const users = await usersOfProposal(db, who.tenantId, a.proposal_id);
    if (users.length) await notifyUsers(db, who.tenantId, { userIds: users }, { title: '提案已答复，请评价', body: `${p.code}「${p.title}」已答复，请评价办理工作和办理结果`, link: `/m/proposals/${a.proposal_id}` });
  }
  return assignmentDetail(db, who, id);
}

async function completeIfAllReplied(trx: Transaction<Database>, db: Db, who: Who, proposalId: number, now: Date): Promise<boolean> {
  const replying = await trx.selectFrom('proposal_assignments').select(['state', 'result_class']).where('proposal_id', '=', proposalId).where('parent_type', '=', 'proposal').execute();
  if (replying.some((r) => r.state !== 'replied' && r.state !== 'withdrawn')) return false;
  const classes = replying.map((r) => r.result_class).filter((c): c is string => !!c).sort();
  const p = await trx.selectFrom('proposals').select('version').where('id', '=', proposalId).executeTakeFirstOrThrow();
  await proposalRunner.apply(db, {
    trx, tenantId: who.tenantId, id: proposalId, expectedVersion: p.version, actor: 'system', transition: 'complete_reply', now,
    // Units replying separately: the proposal counts under the best class any of them gave.
    changes: () => ({ result_class: classes[0] ?? null, replied_at: now.toISOString(), updated_at: now.toISOString() }),
  });
  return true;
}

/** A unit may attach a file to an assignment it holds and has not finished. */
export async function requireOpenAssignment(db: Db, who: UnitWho, id: number) {
  const a = await visibleAssignment(db, who, id);
  if (!['contacted', 'rehandling', 'assigned'].includes(a.state)) throw new AppError('invalid_state', '该提案已答复或已改交，不能再上传答复函');
}

/** The letter file of an assignment the actor may see (staff: any of the county; unit: its own). */
export async function letterFileOf(db: Db, who: Who | UnitWho, id: number): Promise<number> {
  const a = await visibleAssignment(db, who, id);
  if (!a.letter_file_id) throw notFound('答复函');
  return a.letter_file_id;
}
