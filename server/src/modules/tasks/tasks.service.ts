/**
 * 落实事项 use-cases. Any module creates a task with `createTask` (inside its own transaction if it has one);
 * staff list, remind, verify or send back; the owner and co-units report progress with evidence.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import { isOpenState, type Actor } from '@xs/core/workflow.ts';
import { TASK_STATES, TASK_WORKFLOW, type TaskCase, type TaskContext, type TaskCreate, type TaskListQuery, type TaskProgress, type TaskTransitionBody } from '@xs/core/schemas/tasks.ts';
import type { Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { childrenOf, findCase, linksOf, type CaseType } from '../../platform/cases.ts';
import { contains } from '../../platform/like.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { defineSettings, numberSetting, type SettingValuesOf } from '../../platform/settings.ts';
import { bindWorkflow, type CaseRow } from '../../platform/workflow.ts';
import type { TasksTable } from './tasks.table.ts';
import { taskWorkOf } from './tasks.work.ts';

type TaskRow = Selectable<TasksTable>;

/** Task rules (RULES.md): county settings with these defaults; the workflow's clocks name them. */
const group = '落实事项';
export const TASK_SETTINGS = defineSettings({
  'task.deadline.days': numberSetting({ label: '落实事项默认办理时限', group, default: 20, min: 1, max: 365, unit: '个工作日',
    description: '交办落实事项时未另定期限的，责任单位须在这么多个工作日内办结。' }),
  'task.deadline.capDays': numberSetting({ label: '落实事项延期后最长时限（自交办起）', group, default: 120, min: 1, max: 730, unit: '个工作日',
    description: '延期后的期限自交办起不得超过这么多个工作日。' }),
  'task.verify.days': numberSetting({ label: '落实事项核验时限', group, default: 5, min: 1, max: 60, unit: '个工作日',
    description: '责任单位报请核验后，机关工作人员须在这么多个工作日内核验。' }),
});

declare module '../../platform/settings.ts' {
  interface SettingValues extends SettingValuesOf<typeof TASK_SETTINGS> {}
}

/** Sub-tasks for the join rule, co-units and who has reported for the submit gate. */
async function loadTaskContext(db: Kysely<Database>, c: TaskCase & CaseRow): Promise<TaskContext> {
  const [children, co, reports] = await Promise.all([
    childrenOf(db, c.tenant_id, 'task', c.id),
    db.selectFrom('task_units as tu').innerJoin('units as u', 'u.id', 'tu.unit_id').select(['tu.unit_id', 'u.name'])
      .where('tu.task_id', '=', c.id).where('tu.tenant_id', '=', c.tenant_id).orderBy('u.id').execute(),
    db.selectFrom('task_updates').select('unit_id').distinct().where('task_id', '=', c.id).where('tenant_id', '=', c.tenant_id).execute(),
  ]);
  const reported = new Set(reports.map((r) => r.unit_id));
  return {
    children,
    coUnits: co.map((u) => ({ unitId: u.unit_id, name: u.name, reported: reported.has(u.unit_id) })),
    ownerUpdates: reported.has(c.owner_unit_id) ? 1 : 0,
  };
}

export const taskRunner = bindWorkflow({ def: TASK_WORKFLOW, table: 'tasks', caseType: 'task', label: '落实事项', load: loadTaskContext });

/** The task case type for the platform: its deadline job reminds whoever this names. */
export const TASK_CASE_TYPE: CaseType = {
  name: 'task', label: '落实事项', table: 'tasks', def: TASK_WORKFLOW, child: true,
  // While it waits for verification the staff are late; otherwise the owner and co-units are.
  responsible: async (db, row) => {
    if (row.state === 'submitted') return { roles: ['staff'] };
    const co = await db.selectFrom('task_units').select('unit_id').where('task_id', '=', row.id).execute();
    return { unitIds: [Number(row.owner_unit_id), ...co.map((u) => u.unit_id)] };
  },
  title: (row) => `${String(row.code)} ${String(row.title)}`,
  path: (row) => `/tasks/${row.id}`,
  unitPath: (row) => `/unit/tasks/${row.id}`,
  workOf: taskWorkOf,
};

export interface TaskActor {
  tenantId: number;
  actor: Actor;
  ip?: string | null;
  /** Set for a unit user: only tasks their unit owns or co-handles exist for them. */
  unitId?: number;
}

/**
 * The system creating a task that another module's use-case owes (a promise in a unit's proposal reply): the
 * task's `assign` is the system's transition, named `actorName` in the timeline; `createdBy` is the account
 * whose action caused it, kept on the row.
 */
export interface SystemTaskActor {
  tenantId: number;
  actor: 'system';
  actorName: string;
  createdBy: number | null;
  ip?: string | null;
}

async function checkUnits(db: Kysely<Database>, tenantId: number, input: TaskCreate) {
  const ids = [input.ownerUnitId, ...input.coUnitIds];
  const found = await db.selectFrom('units').select('id').where('tenant_id', '=', tenantId).where('active', '=', 1).where('id', 'in', ids).execute();
  const ok = new Set(found.map((u) => u.id));
  const issues = [];
  if (!ok.has(input.ownerUnitId)) issues.push({ path: 'ownerUnitId', message: '牵头单位不存在或已停用' });
  if (input.coUnitIds.some((id) => !ok.has(id))) issues.push({ path: 'coUnitIds', message: '协办单位不存在或已停用' });
  if (input.parentType && input.parentId && !(await findCase(db, tenantId, input.parentType, input.parentId))) {
    issues.push({ path: 'parentId', message: '上级事项不存在' });
  }
  if (issues.length) throw invalid(issues);
}

/**
 * Create and assign a task: the row, its co-units, the `assign` transition (which starts the deadline clock)
 * and its timeline and audit entries, in one transaction — the caller's, when it passes one.
 */
export async function createTask(db: Kysely<Database>, who: TaskActor | SystemTaskActor, input: TaskCreate, trx?: Transaction<Database>): Promise<TaskRow> {
  const now = new Date();
  const run = async (t: Transaction<Database>) => {
    await checkUnits(t, who.tenantId, input);
    const created = await t.insertInto('tasks').values({
      tenant_id: who.tenantId, code: `tmp-${now.getTime()}-${Math.random().toString(36).slice(2)}`, title: input.title, description: input.description,
      owner_unit_id: input.ownerUnitId, parent_type: input.parentType ?? null, parent_id: input.parentId ?? null, state: 'draft', version: 1,
      due_at: null, measure_label: input.measureLabel, measure_unit: input.measureUnit, measure_target: input.measureTarget ?? null,
      measure_current: input.measureTarget != null ? 0 : null, created_by: who.actor === 'system' ? who.createdBy : who.actor.id, created_at: now.toISOString(), verified_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    // The code carries the id, so two tasks created at once never collide on it.
    await t.updateTable('tasks').set({ code: `RW${now.getFullYear()}-${String(created.id).padStart(4, '0')}` }).where('id', '=', created.id).execute();
    if (input.coUnitIds.length) {
      await t.insertInto('task_units').values([...new Set(input.coUnitIds)].map((unit_id) => ({ tenant_id: who.tenantId, task_id: created.id, unit_id }))).execute();
    }
    const { row } = await taskRunner.apply(db, {
      trx: t, tenantId: who.tenantId, id: created.id, expectedVersion: 1, actor: who.actor, actorName: who.actor === 'system' ? who.actorName : undefined,
      transition: 'assign', ip: who.ip, now,
      input: { fields: { days: input.days } }, eventData: { ownerUnitId: input.ownerUnitId, coUnitIds: input.coUnitIds },
    });
    return row as unknown as TaskRow;
  };
  const row = trx ? await run(trx) : await db.transaction().execute(run);
  if (!trx) await notifyAssigned(db, row, input.coUnitIds);
  return row;
}

async function notifyAssigned(db: Kysely<Database>, row: TaskRow, coUnitIds: number[]) {
  const n = { title: '新交办落实事项', body: `${row.code}「${row.title}」已交办，办理期限 ${row.due_at?.slice(0, 10) ?? ''}`, link: `/unit/tasks/${row.id}` };
  for (const unitId of [row.owner_unit_id, ...coUnitIds]) await notifyUsers(db, row.tenant_id, { unitId }, n);
}

/** A task as this actor may see it: another county's, or one a unit does not handle, does not exist. */
async function visibleTask(db: Kysely<Database>, who: TaskActor, id: number): Promise<TaskRow> {
  let q = db.selectFrom('tasks').selectAll().where('id', '=', id).where('tenant_id', '=', who.tenantId);
  if (who.unitId !== undefined) {
    const unitId = who.unitId;
    q = q.where((eb) => eb.or([
      eb('owner_unit_id', '=', unitId),
      eb.exists(eb.selectFrom('task_units').select('task_units.unit_id').whereRef('task_units.task_id', '=', 'tasks.id').where('task_units.unit_id', '=', unitId)),
    ]));
  }
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('落实事项');
  return row;
}

const isOverdue = (r: Pick<TaskRow, 'state' | 'due_at'>, now: string) => !!r.due_at && isOpenState(TASK_WORKFLOW, r.state) && r.state !== 'submitted' && r.due_at < now;

/** Staff list with filters, or (with `unitId`) every task the unit owns or co-handles. */
export async function listTasks(db: Kysely<Database>, who: TaskActor, f: TaskListQuery) {
  const now = new Date().toISOString();
  let q = db.selectFrom('tasks as t').where('t.tenant_id', '=', who.tenantId);
  const unitId = who.unitId ?? f.unitId;
  if (unitId !== undefined) {
    q = q.where((eb) => eb.or([
      eb('t.owner_unit_id', '=', unitId),
      eb.exists(eb.selectFrom('task_units as tu').select('tu.unit_id').whereRef('tu.task_id', '=', 't.id').where('tu.unit_id', '=', unitId)),
    ]));
  }
  if (f.state === 'open') q = q.where('t.state', 'in', ['assigned', 'in_progress', 'submitted']);
  else if (f.state) q = q.where('t.state', '=', f.state);
  if (f.overdue === '1') q = q.where('t.state', 'in', ['assigned', 'in_progress']).where('t.due_at', '<', now);
  if (f.overdue === '0') q = q.where((eb) => eb.or([eb('t.due_at', 'is', null), eb('t.due_at', '>=', now), eb('t.state', 'not in', ['assigned', 'in_progress'])]));
  if (f.parentType) q = q.where('t.parent_type', '=', f.parentType);
  if (f.parentId) q = q.where('t.parent_id', '=', f.parentId);
  if (f.q) q = q.where((eb) => eb.or([contains('t.title', f.q!), contains('t.code', f.q!)]));
  const [rows, count] = await Promise.all([
    q.innerJoin('units as u', 'u.id', 't.owner_unit_id').selectAll('t').select('u.name as owner_unit_name')
      .orderBy('t.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({ ...toItem(r, now), ownerUnitName: r.owner_unit_name, mine: who.unitId === undefined ? undefined : r.owner_unit_id === who.unitId })),
    total: Number(count.n), page: f.page, pageSize: f.pageSize,
  };
}

function toItem(r: TaskRow, now: string) {
  return {
    id: r.id, code: r.code, title: r.title, state: r.state, stateLabel: TASK_STATES[r.state].label, ownerUnitId: r.owner_unit_id,
    dueAt: r.due_at, overdue: isOverdue(r, now), version: r.version,
    measure: r.measure_label ? { label: r.measure_label, unit: r.measure_unit, target: r.measure_target, current: r.measure_current } : null,
    parent: r.parent_type ? { type: r.parent_type, id: r.parent_id } : null, createdAt: r.created_at,
  };
}

/** One task with its co-units, progress, evidence, clocks, sub-tasks, links, timeline and the actor's buttons. */
export async function taskDetail(db: Kysely<Database>, who: TaskActor, id: number) {
  const row = await visibleTask(db, who, id);
  const now = new Date().toISOString();
  const [owner, coUnits, updates, files, timeline, clocks, children, links, actions] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).where('id', '=', row.owner_unit_id).executeTakeFirst(),
    db.selectFrom('task_units as tu').innerJoin('units as u', 'u.id', 'tu.unit_id').select(['u.id', 'u.name']).where('tu.task_id', '=', id).orderBy('u.id').execute(),
    db.selectFrom('task_updates as tu').innerJoin('units as u', 'u.id', 'tu.unit_id')
      .select(['tu.id', 'tu.unit_id', 'u.name as unit_name', 'tu.author_name', 'tu.note', 'tu.value', 'tu.created_at']).where('tu.task_id', '=', id).orderBy('tu.id').execute(),
    db.selectFrom('task_files as tf').innerJoin('files as f', 'f.id', 'tf.file_id').select(['tf.update_id', 'f.id', 'f.original_name', 'f.mime', 'f.size'])
      .where('tf.task_id', '=', id).orderBy('f.id').execute(),
    taskRunner.timeline(db, who.tenantId, id),
    taskRunner.clocks(db, who.tenantId, id),
    db.selectFrom('tasks').select(['id', 'code', 'title', 'state']).where('tenant_id', '=', who.tenantId).where('parent_type', '=', 'task').where('parent_id', '=', id).orderBy('id').execute(),
    linksOf(db, who.tenantId, { type: 'task', id }),
    taskRunner.available(db, row as unknown as TaskCase & CaseRow, who.actor),
  ]);
  return {
    ...toItem(row, now), description: row.description, ownerUnitName: owner?.name ?? null, verifiedAt: row.verified_at,
    coUnits,
    updates: updates.map((u) => ({
      id: u.id, unitId: u.unit_id, unitName: u.unit_name, authorName: u.author_name, note: u.note, value: u.value, at: u.created_at,
      files: files.filter((f) => f.update_id === u.id).map((f) => ({ id: f.id, name: f.original_name, mime: f.mime, size: f.size })),
    })),
    clocks: Object.entries(clocks).map(([name, c]) => ({ name, label: TASK_WORKFLOW.clocks?.[name]?.label ?? name, ...c })),
    children: children.map((c) => ({ ...c, stateLabel: TASK_STATES[c.state].label })),
    links,
    // The unit portal never offers the progress event as a button of its own: it has a form.
    actions: actions.filter((a) => a.code !== 'invalid_state'),
    timeline,
  };
}

/** Staff and unit actions other than progress: a transition, or the remind event. */
export async function actOnTask(db: Kysely<Database>, who: TaskActor, id: number, name: string, body: TaskTransitionBody) {
  await visibleTask(db, who, id);
  if (name === 'progress') throw new AppError('bad_request', '报送进展请使用进展表单');
  const input = { reason: body.reason ?? null, fields: { days: body.days } };
  const common = { tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, input };
  if (TASK_WORKFLOW.events?.[name]) {
    await taskRunner.fire(db, { ...common, event: name });
    if (name === 'remind') {
      const row = await visibleTask(db, who, id);
      await notifyUsers(db, who.tenantId, { unitId: row.owner_unit_id }, { title: '催办：落实事项', body: `${row.code}「${row.title}」：${body.reason ?? ''}`, link: `/unit/tasks/${id}` });
    }
  } else {
    if (!(name in TASK_WORKFLOW.transitions)) throw new AppError('bad_request', `没有「${name}」这个操作`);
    const transition = name as keyof typeof TASK_WORKFLOW.transitions;
    const now = new Date();
    const { row } = await taskRunner.apply(db, {
      ...common, transition, now, eventData: body.days ? { days: body.days } : undefined,
      changes: (_c, plan) => (plan.to === 'verified' ? { verified_at: now.toISOString() } : {}),
    });
    const r = row as unknown as TaskRow;
    if (transition === 'submit') await notifyUsers(db, who.tenantId, { roles: ['staff'] }, { title: '落实事项待核验', body: `${r.code}「${r.title}」已报请核验`, link: `/tasks/${id}` });
    if (transition === 'send_back') await notifyUsers(db, who.tenantId, { unitId: r.owner_unit_id }, { title: '落实事项被退回', body: `${r.code}「${r.title}」：${body.reason ?? ''}`, link: `/unit/tasks/${id}` });
  }
  return taskDetail(db, who, id);
}

/**
 * A progress update by the owner or a co-unit: the update row, its evidence files and the measure's new value,
 * with the timeline and audit entries of the declared `progress` event, in one transaction.
 */
export async function reportProgress(db: Kysely<Database>, who: TaskActor, id: number, body: TaskProgress) {
  if (who.unitId === undefined) throw new AppError('forbidden', '您的账号未关联承办单位');
  const unitId = who.unitId;
  await visibleTask(db, who, id);
  const now = new Date();
  await taskRunner.fire(db, {
    tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, event: 'progress', now,
    input: { reason: body.note }, eventData: { value: body.value ?? null, fileIds: body.fileIds ?? [] },
    changes: async (current, _plan, trx) => {
      const update = await trx.insertInto('task_updates').values({
        tenant_id: who.tenantId, task_id: id, unit_id: unitId, author_id: who.actor.id, author_name: who.actor.name, note: body.note,
        value: body.value ?? null, created_at: now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      for (const fileId of new Set(body.fileIds ?? [])) {
        // Only a file this user uploaded and no task holds yet.
        const file = await trx.selectFrom('files').select('id').where('id', '=', fileId).where('tenant_id', '=', who.tenantId).where('uploaded_by', '=', who.actor.id)
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('task_files').select('task_files.file_id').whereRef('task_files.file_id', '=', 'files.id'))))
          .executeTakeFirst();
        if (!file) throw invalid([{ path: 'fileIds', message: '附件不存在或不是您上传的，请重新上传' }]);
        await trx.insertInto('task_files').values({ tenant_id: who.tenantId, task_id: id, update_id: update.id, file_id: fileId }).execute();
      }
      return body.value != null && current.measure_target != null ? { measure_current: body.value } : {};
    },
  });
  return taskDetail(db, who, id);
}

/** Make sure a unit user may add evidence to this task before the upload is stored. */
export async function requireUnitTask(db: Kysely<Database>, who: TaskActor, id: number): Promise<void> {
  const row = await visibleTask(db, who, id);
  if (!isOpenState(TASK_WORKFLOW, row.state)) throw new AppError('invalid_state', '该落实事项已结束，不能再上传材料');
}

/** An evidence file of a task the actor may see. */
export async function taskFile(db: Kysely<Database>, who: TaskActor, id: number, fileId: number): Promise<number> {
  await visibleTask(db, who, id);
  const link = await db.selectFrom('task_files').select('file_id').where('task_id', '=', id).where('file_id', '=', fileId).where('tenant_id', '=', who.tenantId).executeTakeFirst();
  if (!link) throw notFound('文件');
  return link.file_id;
}
