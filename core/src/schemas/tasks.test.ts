import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR } from '../calendar.ts';
import { checkEvent, checkTransition, evaluateTransitions, planTransition, validateWorkflow, type Actor } from '../workflow.ts';
import { TASK_WORKFLOW, TaskCreateSchema, type TaskCase, type TaskContext } from './tasks.ts';

const staff: Actor = { id: 1, name: '干部', roles: ['staff'] };
const owner: Actor = { id: 2, name: '卫健委', roles: ['unit_handler'], unitId: 10 };
const co: Actor = { id: 3, name: '财政局', roles: ['unit_handler'], unitId: 11 };
const stranger: Actor = { id: 4, name: '水利局', roles: ['unit_handler'], unitId: 12 };
const task = (state: TaskCase['state'], current: number | null = 308, target: number | null = 308): TaskCase =>
  ({ state, version: 1, owner_unit_id: 10, measure_target: target, measure_current: current });
const ctx = (over: Partial<TaskContext> = {}): TaskContext => ({ children: [], coUnits: [{ unitId: 11, name: '财政局', reported: true }], ownerUpdates: 1, ...over });

describe('TASK_WORKFLOW', () => {
  it('is a sound declaration', () => {
    expect(validateWorkflow(TASK_WORKFLOW)).toEqual([]);
  });

  it('lets the owner submit only after reporting progress and once every co-unit has reported', () => {
    expect(checkTransition(TASK_WORKFLOW, task('in_progress'), owner, 'submit', { reason: '已完成' }, ctx({ ownerUpdates: 0 })))
      .toMatchObject({ code: 'gate', message: '请先报送至少一次办理进展' });
    expect(checkTransition(TASK_WORKFLOW, task('in_progress'), owner, 'submit', { reason: '已完成' }, ctx({ coUnits: [{ unitId: 11, name: '财政局', reported: false }] })))
      .toMatchObject({ code: 'gate', message: '协办单位尚未报送进展：财政局' });
    expect(checkTransition(TASK_WORKFLOW, task('in_progress'), owner, 'submit', { reason: '已完成' }, ctx())).toEqual({ ok: true });
    expect(checkTransition(TASK_WORKFLOW, task('in_progress'), co, 'submit', { reason: '已完成' }, ctx())).toMatchObject({ code: 'forbidden' });
  });

  it('verifies only when the measure reached its target and every sub-task is verified or cancelled', () => {
    expect(checkTransition(TASK_WORKFLOW, task('submitted', 120), staff, 'verify', {}, ctx()))
      .toMatchObject({ code: 'gate', message: '完成值 120 未达到目标 308，请退回继续办理' });
    const kids = { children: [{ caseType: 'task', id: 5, state: 'verified' }, { caseType: 'task', id: 6, state: 'in_progress' }] };
    expect(checkTransition(TASK_WORKFLOW, task('submitted'), staff, 'verify', {}, ctx(kids)))
      .toMatchObject({ code: 'gate', message: '子任务尚未全部核验（还有 1 项）' });
    expect(checkTransition(TASK_WORKFLOW, task('submitted', null, null), staff, 'verify', {}, ctx({ children: [{ caseType: 'task', id: 6, state: 'cancelled' }] }))).toEqual({ ok: true });
  });

  it('takes progress from the owner and co-units only, while the task is being handled', () => {
    expect(checkEvent(TASK_WORKFLOW, task('in_progress'), owner, 'progress', { reason: '完成 120 家' }, ctx())).toEqual({ ok: true });
    expect(checkEvent(TASK_WORKFLOW, task('in_progress'), co, 'progress', { reason: '拨付资金' }, ctx())).toEqual({ ok: true });
    expect(checkEvent(TASK_WORKFLOW, task('in_progress'), stranger, 'progress', { reason: 'x' }, ctx())).toMatchObject({ code: 'gate' });
    expect(checkEvent(TASK_WORKFLOW, task('submitted'), owner, 'progress', { reason: 'x' }, ctx())).toMatchObject({ code: 'invalid_state' });
  });

  it('gives the unit its own number of days, capped, and restarts the deadline on a send-back', () => {
    const now = new Date('2026-10-16T02:00:00Z');
    const plan = planTransition(TASK_WORKFLOW, task('draft'), staff, 'assign', { fields: { days: 3 } }, { now, calendar: EMPTY_CALENDAR, loaded: ctx() });
    expect(plan.dueAt).toBe('2026-10-21T15:59:59.999Z');
    const back = planTransition(TASK_WORKFLOW, task('submitted'), staff, 'send_back', { reason: '证据不足' }, {
      now, calendar: EMPTY_CALENDAR, loaded: ctx(),
      clocks: { verify: { anchorAt: now.toISOString(), dueAt: now.toISOString(), capAt: null, stoppedAt: null } },
    });
    expect(back.clocks?.map((c) => `${c.name}:${c.op}`)).toEqual(['verify:stop', 'deadline:start']);
  });

  it('shows the owner the disabled submit button with its reason', () => {
    const submit = evaluateTransitions(TASK_WORKFLOW, task('in_progress'), owner, ctx({ ownerUpdates: 0 })).find((o) => o.name === 'submit');
    expect(submit).toEqual({ name: 'submit', label: '报请核验', kind: 'transition', available: false, reason: '请先报送至少一次办理进展', code: 'gate', requires: { reason: true } });
  });

  it('refuses a creation form with every problem at once', () => {
    const r = TaskCreateSchema.safeParse({ title: 'x', ownerUnitId: 3, coUnitIds: [3], measureTarget: 308, parentId: 9 });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['coUnitIds', 'measureLabel', 'parentId', 'title']);
  });
});
