import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR, type HolidayCalendar } from './calendar.ts';
import {
  availableTransitions, checkTransition, computeDeadline, planTransition, validateWorkflow, WorkflowError,
  type Actor, type PlanContext, type WorkflowDef,
} from './workflow.ts';

type S = 'submitted' | 'accepted' | 'declined' | 'forwarded' | 'replied' | 'closed';
type T = 'accept' | 'decline' | 'forward' | 'reply' | 'remind' | 'hold' | 'escalate' | 'close';
interface Case { state: S; version: number; unitId: number | null }

/** A small clue-like workflow exercising every kind of rule the engine knows. */
const def: WorkflowDef<S, T, Case> = {
  name: 'sample',
  label: '样例',
  initial: 'submitted',
  states: {
    submitted: { label: '待受理' },
    accepted: { label: '已受理' },
    declined: { label: '不予受理', terminal: true },
    forwarded: { label: '已转办' },
    replied: { label: '已答复' },
    closed: { label: '已办结', terminal: true },
  },
  transitions: {
    accept: { label: '受理', from: ['submitted'], to: 'accepted', roles: ['staff'], deadline: { kind: 'workingDays', setting: 'sample.accept', default: 5 } },
    decline: { label: '不予受理', from: ['submitted'], to: 'declined', roles: ['staff'], requires: { reason: true } },
    forward: {
      label: '转办', from: ['accepted'], to: 'forwarded', roles: ['staff'],
      requires: { fields: ['unitId', 'note'], attachments: 2 },
      deadline: { kind: 'workingDays', setting: 'sample.forward', default: 10 },
    },
    reply: {
      label: '答复', from: ['forwarded'], to: 'replied', roles: ['unit_handler'],
      relation: { label: '承办单位', test: (a, c) => a.unitId === c.unitId },
      deadline: { kind: 'clear' },
    },
    remind: { label: '提醒', from: ['forwarded'], to: 'forwarded', roles: ['staff', 'system'], deadline: { kind: 'calendarDays', setting: 'sample.remind', default: 2 } },
    hold: { label: '挂起', from: ['accepted'], to: 'accepted', roles: ['leader'], deadline: { kind: 'months', setting: 'sample.hold', default: 3 } },
    escalate: { label: '督办', from: ['forwarded'], to: 'forwarded', roles: ['leader'], deadline: { kind: 'hours', setting: 'sample.escalate', default: 4 } },
    close: { label: '办结', from: ['replied'], to: 'closed', roles: ['staff', 'public'] },
  },
};

const staff: Actor = { id: 1, name: '机关干部', roles: ['staff'] };
const leader: Actor = { id: 2, name: '领导', roles: ['leader'] };
const unit7: Actor = { id: 3, name: '县住建局', roles: ['unit_handler'], unitId: 7 };
const unit8: Actor = { id: 4, name: '县水利局', roles: ['unit_handler'], unitId: 8 };
const c = (state: S, unitId: number | null = 7): Case => ({ state, version: 1, unitId });

const ctx = (setting?: Record<string, number>, calendar: HolidayCalendar = EMPTY_CALENDAR): PlanContext => ({
  now: new Date('2026-10-16T02:00:00Z'), // Friday 10:00 CST
  calendar,
  setting: setting ? (k) => setting[k] : undefined,
});

describe('checkTransition', () => {
  it('allows a declared transition from its state by its role', () => {
    expect(checkTransition(def, c('submitted'), staff, 'accept')).toEqual({ ok: true });
  });

  it('refuses an unknown transition', () => {
    const r = checkTransition(def, c('submitted'), staff, 'teleport');
    expect(r).toMatchObject({ ok: false, code: 'unknown_transition' });
  });

  it('refuses a transition from a state it does not leave, naming state and action', () => {
    const r = checkTransition(def, c('closed'), staff, 'accept');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('invalid_state');
    expect(r.message).toContain('已办结');
    expect(r.message).toContain('受理');
  });

  it('refuses a role that is not listed', () => {
    expect(checkTransition(def, c('submitted'), leader, 'accept')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkTransition(def, c('submitted'), unit7, 'accept')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lets any one of several roles fire it', () => {
    const both: Actor = { id: 9, name: '兼职', roles: ['leader', 'staff'] };
    expect(checkTransition(def, c('submitted'), both, 'accept')).toEqual({ ok: true });
  });

  it('treats the public and the system as roles of their own', () => {
    expect(checkTransition(def, c('forwarded'), 'system', 'remind')).toEqual({ ok: true });
    expect(checkTransition(def, c('forwarded'), 'public', 'remind')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkTransition(def, c('replied'), 'public', 'close')).toEqual({ ok: true });
    expect(checkTransition(def, c('replied'), 'system', 'close')).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('checks the relation of the actor to the case', () => {
    expect(checkTransition(def, c('forwarded', 7), unit7, 'reply')).toEqual({ ok: true });
    const r = checkTransition(def, c('forwarded', 7), unit8, 'reply');
    expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    if (!r.ok) expect(r.message).toContain('只有承办单位');
  });

  it('lists every missing requirement at once', () => {
    const r = checkTransition(def, c('accepted'), staff, 'forward', {});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('requirements');
    expect(r.fields?.map((f) => f.path).sort()).toEqual(['attachments', 'note', 'unitId']);
    expect(r.fields?.find((f) => f.path === 'attachments')?.message).toContain('2');
  });

  it('lists only what is still missing, and treats blank text as missing', () => {
    const r = checkTransition(def, c('accepted'), staff, 'forward', { fields: { unitId: 7, note: '   ' }, attachments: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields?.map((f) => f.path).sort()).toEqual(['attachments', 'note']);
    expect(checkTransition(def, c('accepted'), staff, 'forward', { fields: { unitId: 7, note: '请办理' }, attachments: 2 })).toEqual({ ok: true });
  });

  it('requires a reason where declared', () => {
    for (const reason of [undefined, null, '', '  ']) {
      const r = checkTransition(def, c('submitted'), staff, 'decline', { reason });
      expect(r).toMatchObject({ ok: false, code: 'requirements', fields: [{ path: 'reason' }] });
    }
    expect(checkTransition(def, c('submitted'), staff, 'decline', { reason: '不属于受理范围' })).toEqual({ ok: true });
  });
});

describe('planTransition and deadlines', () => {
  it('plans the move and starts the declared working-day deadline', () => {
    const plan = planTransition(def, c('submitted'), staff, 'accept', {}, ctx());
    // Friday + 5 working days = the following Friday, end of day CST.
    expect(plan).toEqual({ transition: 'accept', label: '受理', from: 'submitted', to: 'accepted', dueAt: '2026-10-23T15:59:59.999Z' });
  });

  it('takes the number of days from the county setting when there is one', () => {
    const plan = planTransition(def, c('submitted'), staff, 'accept', {}, ctx({ 'sample.accept': 1 }));
    expect(plan.dueAt).toBe('2026-10-19T15:59:59.999Z');
  });

  it('runs the deadline on the county calendar', () => {
    const cal = { holidays: ['2026-10-19'], workdays: [] };
    expect(planTransition(def, c('submitted'), staff, 'accept', {}, ctx({ 'sample.accept': 1 }, cal)).dueAt).toBe('2026-10-20T15:59:59.999Z');
  });

  it('clears the deadline, or keeps it when the transition declares none', () => {
    expect(planTransition(def, c('forwarded'), unit7, 'reply', {}, ctx()).dueAt).toBeNull();
    expect(planTransition(def, c('replied'), staff, 'close', {}, ctx()).dueAt).toBeUndefined();
  });

  it('computes calendar-day, month and hour deadlines', () => {
    expect(computeDeadline({ kind: 'calendarDays', setting: 'x', default: 2 }, ctx())).toBe('2026-10-18T15:59:59.999Z');
    expect(computeDeadline({ kind: 'months', setting: 'x', default: 3 }, ctx())).toBe('2027-01-16T15:59:59.999Z');
    expect(computeDeadline({ kind: 'hours', setting: 'x', default: 4 }, ctx())).toBe('2026-10-16T06:00:00.000Z');
    expect(computeDeadline({ kind: 'hours', setting: 'x', default: 4 }, ctx({ x: 48 }))).toBe('2026-10-18T02:00:00.000Z');
  });

  it('throws a WorkflowError carrying the code and every missing field', () => {
    let caught: unknown;
    try {
      planTransition(def, c('accepted'), staff, 'forward', {}, ctx());
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WorkflowError);
    const e = caught as WorkflowError;
    expect(e.code).toBe('requirements');
    expect(e.fields).toHaveLength(3);
    expect(() => planTransition(def, c('closed'), staff, 'accept', {}, ctx())).toThrow(WorkflowError);
  });
});

describe('availableTransitions', () => {
  it('offers what the actor may do now, including actions that still need input', () => {
    expect(availableTransitions(def, c('submitted'), staff).sort()).toEqual(['accept', 'decline']);
    expect(availableTransitions(def, c('accepted'), staff)).toEqual(['forward']);
    expect(availableTransitions(def, c('accepted'), leader)).toEqual(['hold']);
  });

  it('offers nothing to a unit the case was not forwarded to', () => {
    expect(availableTransitions(def, c('forwarded', 7), unit7)).toEqual(['reply']);
    expect(availableTransitions(def, c('forwarded', 7), unit8)).toEqual([]);
  });

  it('offers nothing in a terminal state and the public only what it may fire', () => {
    expect(availableTransitions(def, c('closed'), staff)).toEqual([]);
    expect(availableTransitions(def, c('replied'), 'public')).toEqual(['close']);
  });
});

describe('validateWorkflow', () => {
  it('accepts a sound declaration', () => {
    expect(validateWorkflow(def)).toEqual([]);
  });

  it('finds a state no transition reaches', () => {
    const broken = { ...def, states: { ...def.states, orphan: { label: '孤儿', terminal: true } } } as unknown as typeof def;
    expect(validateWorkflow(broken)).toContain('state orphan is unreachable');
  });

  it('finds a state reachable only from an unreachable one', () => {
    const broken = {
      ...def,
      states: { ...def.states, limbo: { label: '中间' }, after: { label: '之后', terminal: true } },
      transitions: { ...def.transitions, leave: { label: '离开', from: ['limbo'], to: 'after', roles: ['staff'] } },
    } as unknown as typeof def;
    const problems = validateWorkflow(broken);
    expect(problems).toContain('state limbo is unreachable');
    expect(problems).toContain('state after is unreachable');
  });

  it('finds a non-terminal state with no way out', () => {
    const broken = { ...def, states: { ...def.states, closed: { label: '已办结' } } };
    expect(validateWorkflow(broken)).toEqual(['state closed is a dead end but not terminal']);
  });

  it('finds undeclared states, an undeclared initial state and transitions nobody may fire', () => {
    const broken = {
      ...def,
      initial: 'draft',
      transitions: {
        ...def.transitions,
        jump: { label: '跳转', from: ['nowhere'], to: 'void', roles: [] },
      },
    } as unknown as typeof def;
    const problems = validateWorkflow(broken);
    expect(problems).toEqual(expect.arrayContaining([
      'initial state draft is not declared',
      'jump: target void is not declared',
      'jump: source nowhere is not declared',
      'jump: nobody may fire it',
    ]));
    // Each problem is reported once however many passes the reachability search takes.
    expect(new Set(problems).size).toBe(problems.length);
  });
});
