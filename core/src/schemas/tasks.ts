/**
 * 落实事项 (tasks): the platform child case any module creates for work a unit must do — an owner unit,
 * co-units, a deadline clock, a success measure with a target and a current value, progress updates with
 * evidence, and verification by staff. Its workflow and the shapes the API takes.
 */
import { z } from 'zod';
import type { ChildRef, WorkflowDef } from '../workflow.ts';
import { IdSchema, text } from '../validation.ts';
import { ActionOptionSchema, CaseClockSchema, CaseLinkSchema, CaseRefSchema, CaseTimelineEntrySchema } from './cases.ts';
import { pageOf } from './common.ts';

export const TASK_STATES = {
  draft: { label: '草稿', waitingOn: 'staff' },
  assigned: { label: '已交办', waitingOn: 'unit' },
  in_progress: { label: '办理中', waitingOn: 'unit' },
  submitted: { label: '待核验', waitingOn: 'staff' },
  verified: { label: '已核验', terminal: true },
  cancelled: { label: '已撤销', terminal: true },
} as const;
export type TaskState = keyof typeof TASK_STATES;

export type TaskTransition = 'assign' | 'start' | 'submit' | 'verify' | 'send_back' | 'extend' | 'cancel';
export type TaskEvent = 'progress' | 'remind';

/** What the engine needs to know of a task row. */
export interface TaskCase {
  state: TaskState;
  version: number;
  owner_unit_id: number;
  measure_target: number | null;
  measure_current: number | null;
}

/** What the runner loads for the gates: sub-tasks, and which co-units have reported. */
export interface TaskContext {
  children: ChildRef[];
  /** Each co-unit and whether it has sent a progress update since the task was (re)started. */
  coUnits: { unitId: number; name: string; reported: boolean }[];
  /** Progress updates of the owner unit. */
  ownerUpdates: number;
}

const STAFF = ['staff', 'county_admin'] as const;
const isOwner = { label: '牵头单位', test: (a: { unitId?: number | null }, c: TaskCase) => a.unitId != null && a.unitId === c.owner_unit_id };

/**
 * The task workflow. Clocks: `deadline` (the unit's, working days from `task.deadline.days` unless the task
 * gives its own, never past `task.deadline.capDays` from assignment) and `verify` (staff's, from
 * `task.verify.days`). Joins: a task with sub-tasks is verified only when every sub-task is verified or
 * cancelled; the owner submits only once each co-unit has reported.
 */
export const TASK_WORKFLOW: WorkflowDef<TaskState, TaskTransition, TaskCase, TaskContext> = {
  name: 'task',
  label: '落实事项',
  initial: 'draft',
  states: TASK_STATES,
  clocks: {
    deadline: {
      label: '办理', kind: 'workingDays', setting: 'task.deadline.days', default: 20, lengthField: 'days',
      cap: { kind: 'workingDays', setting: 'task.deadline.capDays', default: 120 },
    },
    verify: { label: '核验', kind: 'workingDays', setting: 'task.verify.days', default: 5 },
  },
  dueClock: 'deadline',
  children: { task: { label: '子任务', states: Object.keys(TASK_STATES) } },
  transitions: {
    assign: { label: '交办', from: ['draft'], to: 'assigned', roles: [...STAFF, 'system'], clocks: { deadline: 'start' } },
    start: { label: '签收', from: ['assigned'], to: 'in_progress', roles: ['unit_handler'], relation: isOwner },
    submit: {
      label: '报请核验', from: ['in_progress'], to: 'submitted', roles: ['unit_handler'], relation: isOwner, requires: { reason: true },
      clocks: { deadline: 'stop', verify: 'reset' },
      gates: [
        (_c, ctx) => (ctx.ownerUpdates ?? 0) > 0 ? null : '请先报送至少一次办理进展',
        (_c, ctx) => {
          const waiting = (ctx.coUnits ?? []).filter((u) => !u.reported).map((u) => u.name);
          return waiting.length ? `协办单位尚未报送进展：${waiting.join('、')}` : null;
        },
      ],
    },
    verify: {
      label: '核验通过', from: ['submitted'], to: 'verified', roles: STAFF, clocks: { verify: 'stop' },
      join: [{ child: 'task', states: ['verified', 'cancelled'], reason: '子任务尚未全部核验' }],
      gates: [(c) => c.measure_target != null && (c.measure_current ?? 0) < c.measure_target
        ? `完成值 ${c.measure_current ?? 0} 未达到目标 ${c.measure_target}，请退回继续办理` : null],
    },
    send_back: {
      label: '退回', from: ['submitted'], to: 'in_progress', roles: STAFF, requires: { reason: true },
      clocks: { verify: 'stop', deadline: 'reset' },
    },
    extend: {
      label: '延期', from: ['in_progress'], to: 'in_progress', roles: STAFF, requires: { reason: true, fields: ['days'] },
      clocks: { deadline: { extend: 'days' } },
    },
    cancel: { label: '撤销', from: ['draft', 'assigned', 'in_progress', 'submitted'], to: 'cancelled', roles: STAFF, requires: { reason: true } },
  },
  events: {
    progress: {
      label: '报送进展', from: ['assigned', 'in_progress'], roles: ['unit_handler'], requires: { reason: true },
      // Owner and co-units both report; the loaded context knows the co-units.
      gates: [(c, ctx, actor) => typeof actor === 'object' && (actor.unitId === c.owner_unit_id || (ctx.coUnits ?? []).some((u) => u.unitId === actor.unitId))
        ? null : '只有牵头或协办单位可以报送进展'],
      timeline: '报送了办理进展', audit: 'task.progress',
    },
    remind: { label: '催办', from: ['assigned', 'in_progress'], roles: [...STAFF, 'system'], requires: { reason: true }, timeline: '催办', audit: 'task.remind' },
  },
};

// ---- API shapes ----

const Number_ = (max: number) => z.number({ error: '请填写数字' }).min(0, '不能小于 0').max(max, `不能超过 ${max}`);

export const TaskCreateSchema = z.strictObject({
  title: text(100, 2),
  description: z.union([text(2000, 0), z.null()]).optional().transform((v) => v || null),
  ownerUnitId: IdSchema,
  coUnitIds: z.array(IdSchema).max(20, '协办单位最多 20 个').optional().default([]),
  /** Working days the unit has; the county's default when left out. */
  days: z.number({ error: '请填写天数' }).int('请填写整数').min(1, '至少 1 天').max(365, '不能超过 365 天').optional(),
  measureLabel: z.union([text(50), z.null()]).optional().transform((v) => v || null),
  measureUnit: z.union([text(10), z.null()]).optional().transform((v) => v || null),
  measureTarget: z.union([Number_(1e9), z.null()]).optional(),
  parentType: z.union([z.enum(['task']), z.null()]).optional(),
  parentId: z.union([IdSchema, z.null()]).optional(),
}).superRefine((v, ctx) => {
  if (v.measureTarget != null && !v.measureLabel) ctx.addIssue({ code: 'custom', path: ['measureLabel'], message: '设了目标值，请写明衡量什么' });
  if ((v.parentType == null) !== (v.parentId == null)) ctx.addIssue({ code: 'custom', path: ['parentId'], message: '上级事项的类型和编号须同时给出' });
  if (v.coUnitIds.includes(v.ownerUnitId)) ctx.addIssue({ code: 'custom', path: ['coUnitIds'], message: '牵头单位不必再列为协办单位' });
});
export type TaskCreate = z.infer<typeof TaskCreateSchema>;

export const TaskTransitionBodySchema = z.strictObject({
  version: z.number().int().positive(),
  reason: z.union([text(500), z.null()]).optional(),
  /** Working days added by an extension. */
  days: z.number().int().min(1).max(365).optional(),
});
export type TaskTransitionBody = z.infer<typeof TaskTransitionBodySchema>;

export const TaskProgressSchema = z.strictObject({
  version: z.number().int().positive(),
  note: text(1000, 2),
  /** The current value of the success measure after this update (e.g. 120 of 308 clinics). */
  value: z.union([Number_(1e9), z.null()]).optional(),
  /** Evidence uploaded first through the files endpoint. */
  fileIds: z.array(IdSchema).max(10, '最多 10 个附件').optional(),
});
export type TaskProgress = z.infer<typeof TaskProgressSchema>;

export const TaskListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  state: z.union([z.enum(Object.keys(TASK_STATES) as [TaskState, ...TaskState[]]), z.literal('open')]).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['1', '0']).optional(),
  parentType: z.enum(['task']).optional(),
  parentId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(100).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;

// ---- Responses (server/src/modules/tasks/tasks.service.ts) ----

const TaskStateSchema = z.enum(Object.keys(TASK_STATES) as [TaskState, ...TaskState[]]);

export const TaskMeasureSchema = z.object({
  label: z.string(), unit: z.string().nullable(), target: z.number().nullable(), current: z.number().nullable(),
});
export type TaskMeasure = z.infer<typeof TaskMeasureSchema>;

const TaskBaseSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  state: TaskStateSchema,
  stateLabel: z.string(),
  ownerUnitId: z.number().int(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  measure: TaskMeasureSchema.nullable(),
  parent: CaseRefSchema.nullable(),
  createdAt: z.string(),
});

export const TaskListItemSchema = TaskBaseSchema.extend({
  ownerUnitName: z.string(),
  /** Unit portal: whether the user's unit owns the task (else it co-handles it); absent for staff. */
  mine: z.boolean().optional(),
});
export type TaskListItem = z.infer<typeof TaskListItemSchema>;
export const TaskPageSchema = pageOf(TaskListItemSchema);

export const TaskDetailSchema = TaskBaseSchema.extend({
  description: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  coUnits: z.array(z.object({ id: z.number().int(), name: z.string() })),
  updates: z.array(z.object({
    id: z.number().int(), unitId: z.number().int(), unitName: z.string(), authorName: z.string(), note: z.string(),
    value: z.number().nullable(), at: z.string(),
    files: z.array(z.object({ id: z.number().int(), name: z.string().nullable(), mime: z.string(), size: z.number().int() })),
  })),
  clocks: z.array(CaseClockSchema),
  children: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string(), state: TaskStateSchema, stateLabel: z.string() })),
  links: z.array(CaseLinkSchema),
  actions: z.array(ActionOptionSchema),
  timeline: z.array(CaseTimelineEntrySchema),
});
export type TaskDetail = z.infer<typeof TaskDetailSchema>;
export type TaskTimelineEntry = TaskDetail['timeline'][number];
