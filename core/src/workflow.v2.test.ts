import { describe, expect, it } from 'vitest';
import { EMPTY_CALENDAR } from './calendar.ts';
import {
  checkEvent, checkTransition, evaluateTransitions, isOpenState, planEvent, planTransition, validateWorkflow, WorkflowError,
  type Actor, type ChildRef, type ClockState, type PlanContext, type WorkflowDef,
} from './workflow.ts';

/**
 * A proposal-like case: gates over loaded data, two named clocks (one capped), co-unit children with a join
 * rule, and events that change no state.
 */
type S = 'submitted' | 'assigned' | 'replied' | 'closed';
type T = 'assign' | 'reply' | 'extend' | 'close' | 'reassign';
interface Case { state: S; version: number; unit_id: number | null; registered_at: string | null }
interface Loaded { children?: ChildRef[]; cosigners?: { confirmed: boolean }[] }

const def: WorkflowDef<S, T, Case, Loaded> = {
  name: 'prop',
  label: '提案',
  initial: 'submitted',
  states: {
    submitted: { label: '已提交', waitingOn: 'staff' },
    assigned: { label: '办理中', waitingOn: 'unit' },
    replied: { label: '已答复', waitingOn: 'member' },
    closed: { label: '已办结', terminal: true },
  },
  clocks: {
    contact: { label: '联系提案人', kind: 'workingDays', setting: 'prop.contactDays', default: 15 },
    reply: {
      label: '答复', kind: 'months', setting: 'prop.replyMonths', default: 3, anchor: { field: 'registered_at' },
      cap: { kind: 'months', setting: 'prop.replyCapMonths', default: 6 },
    },
  },
  dueClock: 'reply',
  children: { co_view: { label: '会办意见', states: ['draft', 'sent'] } },
  transitions: {
    assign: {
      label: '交办', from: ['submitted'], to: 'assigned', roles: ['staff'], clocks: { contact: 'start', reply: 'start' },
      gates: [(_c, ctx) => (ctx.cosigners ?? []).every((s) => s.confirmed) ? null : '还有附议人未确认'],
    },
    reply: {
      label: '答复', from: ['assigned'], to: 'replied', roles: ['unit_handler'], clocks: { reply: 'stop', contact: 'stop' },
      relation: { label: '主办单位', test: (a, c) => a.unitId === c.unit_id },
      join: [{ child: 'co_view', states: ['sent'], reason: '会办单位意见尚未全部送达' }],
    },
    extend: { label: '延期', from: ['assigned'], to: 'assigned', roles: ['staff'], clocks: { reply: { extend: 'months' } } },
    reassign: { label: '重新交办', from: ['assigned'], to: 'assigned', roles: ['staff'], clocks: { contact: 'reset' } },
    close: { label: '办结', from: ['replied'], to: 'closed', roles: ['staff'] },
  },
  events: {
    remind: { label: '催办', roles: ['staff', 'system'], from: ['assigned'], timeline: '催办承办单位', audit: 'prop.remind', publicText: '已催促承办单位' },
    comment: { label: '留言', roles: ['staff', 'unit_handler'] },
  },
};

const staff: Actor = { id: 1, name: '干部', roles: ['staff'] };
const unit7: Actor = { id: 2, name: '县住建局', roles: ['unit_handler'], unitId: 7 };
const unit8: Actor = { id: 3, name: '县水利局', roles: ['unit_handler'], unitId: 8 };
const c = (state: S, registered_at: string | null = '2026-03-10T02:00:00.000Z'): Case => ({ state, version: 1, unit_id: 7, registered_at });
const NOW = new Date('2026-03-20T02:00:00Z'); // Friday 10:00 CST
const ctx = (extra: Partial<PlanContext<Loaded>> = {}): PlanContext<Loaded> => ({ now: NOW, calendar: EMPTY_CALENDAR, ...extra });
const running = (dueAt: string, capAt: string | null = null): ClockState => ({ anchorAt: '2026-03-10T02:00:00.000Z', dueAt, capAt, stoppedAt: null });

describe('gates', () => {
  it('closes a transition with the gate’s reason, and opens it when the loaded data allow', () => {
    const closed = checkTransition(def, c('submitted'), staff, 'assign', {}, { cosigners: [{ confirmed: true }, { confirmed: false }] });
    expect(closed).toEqual({ ok: false, code: 'gate', message: '还有附议人未确认' });
    expect(checkTransition(def, c('submitted'), staff, 'assign', {}, { cosigners: [{ confirmed: true }] })).toEqual({ ok: true });
  });

  it('makes planTransition throw a WorkflowError with code gate', () => {
    const err = (() => {
      try {
        planTransition(def, c('submitted'), staff, 'assign', {}, ctx({ loaded: { cosigners: [{ confirmed: false }] } }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(WorkflowError);
    expect(err).toMatchObject({ code: 'gate', message: '还有附议人未确认' });
  });
});

describe('evaluateTransitions', () => {
  it('lists every action of the actor’s role, open or closed with the reason', () => {
    const opts = evaluateTransitions(def, c('assigned'), unit8, { children: [] });
    expect(opts).toEqual([
      { name: 'reply', label: '答复', kind: 'transition', available: false, reason: '只有主办单位可以执行「答复」', code: 'forbidden' },
      { name: 'comment', label: '留言', kind: 'event', available: true },
    ]);
  });

  it('carries what the definition requires, so the console asks for it in the form', () => {
    const withReq = { ...def, events: { ...def.events, comment: { ...def.events?.comment, label: '留言', roles: ['staff', 'unit_handler'] as const, requires: { reason: true, fields: ['topic'] } } } };
    expect(evaluateTransitions(withReq as typeof def, c('assigned'), unit8, { children: [] }).find((o) => o.name === 'comment'))
      .toEqual({ name: 'comment', label: '留言', kind: 'event', available: true, requires: { reason: true, fields: ['topic'] } });
  });

  it('shows a join rule’s reason on the lead unit’s reply button until the co-units’ views are in', () => {
    const waiting = { children: [{ caseType: 'co_view', id: 1, state: 'sent' }, { caseType: 'co_view', id: 2, state: 'draft' }] };
    expect(evaluateTransitions(def, c('assigned'), unit7, waiting).find((o) => o.name === 'reply'))
      .toEqual({ name: 'reply', label: '答复', kind: 'transition', available: false, reason: '会办单位意见尚未全部送达（还有 1 项）', code: 'gate' });
    const done = { children: [{ caseType: 'co_view', id: 1, state: 'sent' }, { caseType: 'co_view', id: 2, state: 'sent' }, { caseType: 'other', id: 3, state: 'x' }] };
    expect(evaluateTransitions(def, c('assigned'), unit7, done).find((o) => o.name === 'reply')?.available).toBe(true);
  });

  it('marks actions of another state as invalid_state so a page can hide them', () => {
    const close = evaluateTransitions(def, c('assigned'), staff, {}).find((o) => o.name === 'close');
    expect(close).toMatchObject({ available: false, code: 'invalid_state' });
    expect(close?.reason).toContain('办理中');
  });
});

describe('join rules', () => {
  const rule = { child: 'task', states: ['verified'], reason: '子任务尚未全部核验' };
  const jdef: WorkflowDef<'open' | 'done', 'finish', { state: 'open' | 'done'; version: number }, Loaded> = {
    name: 'j', label: 'J', initial: 'open', children: { task: { label: '任务' } },
    states: { open: { label: '办理中' }, done: { label: '完成', terminal: true } },
    transitions: { finish: { label: '完成', from: ['open'], to: 'done', roles: ['staff'], join: [rule] } },
  };
  const o = { state: 'open' as const, version: 1 };
  it('is open over no children unless atLeastOne, and closed while any child is elsewhere', () => {
    expect(checkTransition(jdef, o, staff, 'finish', {}, { children: [] })).toEqual({ ok: true });
    const strict = { ...jdef, transitions: { finish: { ...jdef.transitions.finish, join: [{ ...rule, atLeastOne: true }] } } };
    expect(checkTransition(strict, o, staff, 'finish', {}, { children: [] })).toMatchObject({ code: 'gate', message: '子任务尚未全部核验' });
    expect(checkTransition(jdef, o, staff, 'finish', {}, { children: [{ caseType: 'task', id: 1, state: 'in_progress' }] }))
      .toMatchObject({ ok: false, code: 'gate' });
    expect(checkTransition(jdef, o, staff, 'finish', {}, { children: [{ caseType: 'task', id: 1, state: 'verified' }] })).toEqual({ ok: true });
  });
});

describe('named clocks', () => {
  it('starts each clock on its own anchor and length, capped', () => {
    const plan = planTransition(def, c('submitted'), staff, 'assign', {}, ctx({ loaded: { cosigners: [] } }));
    expect(plan.clocks).toEqual([
      // Friday + 15 working days = Friday three weeks on.
      { name: 'contact', op: 'start', anchorAt: NOW.toISOString(), dueAt: '2026-04-10T15:59:59.999Z', capAt: null },
      // Anchored on the registration date, not on the transition.
      { name: 'reply', op: 'start', anchorAt: '2026-03-10T02:00:00.000Z', dueAt: '2026-06-10T15:59:59.999Z', capAt: '2026-09-10T15:59:59.999Z' },
    ]);
    // The case row carries the reply clock as its due date.
    expect(plan.dueAt).toBe('2026-06-10T15:59:59.999Z');
  });

  it('takes lengths and caps from the county settings', () => {
    const setting = (k: string) => ({ 'prop.replyMonths': 2, 'prop.replyCapMonths': 1 } as Record<string, number>)[k];
    const plan = planTransition(def, c('submitted'), staff, 'assign', {}, ctx({ setting, loaded: {} }));
    // A cap shorter than the length wins.
    expect(plan.clocks?.find((x) => x.name === 'reply')).toMatchObject({ dueAt: '2026-04-10T15:59:59.999Z', capAt: '2026-04-10T15:59:59.999Z' });
  });

  it('takes a length the input gives where the clock declares a length field, still capped', () => {
    const own = { ...def, clocks: { ...def.clocks, reply: { ...def.clocks!.reply!, lengthField: 'months' } } };
    expect(planTransition(own, c('submitted'), staff, 'assign', { fields: { months: 1 } }, ctx({ loaded: {} })).clocks?.find((x) => x.name === 'reply'))
      .toMatchObject({ dueAt: '2026-04-10T15:59:59.999Z' });
    expect(planTransition(own, c('submitted'), staff, 'assign', { fields: { months: 9 } }, ctx({ loaded: {} })).clocks?.find((x) => x.name === 'reply'))
      .toMatchObject({ dueAt: '2026-09-10T15:59:59.999Z' });
    // Without it, the setting.
    expect(planTransition(own, c('submitted'), staff, 'assign', {}, ctx({ loaded: {} })).clocks?.find((x) => x.name === 'reply'))
      .toMatchObject({ dueAt: '2026-06-10T15:59:59.999Z' });
  });

  it('anchors on the transition time when the anchor field is empty', () => {
    const plan = planTransition(def, c('submitted', null), staff, 'assign', {}, ctx({ loaded: {} }));
    expect(plan.clocks?.find((x) => x.name === 'reply')).toMatchObject({ anchorAt: NOW.toISOString() });
  });

  it('leaves a running clock alone on start, restarts it on reset, and stops it', () => {
    const clocks = { contact: running('2026-03-30T15:59:59.999Z') };
    const again = planTransition(def, c('submitted'), staff, 'assign', {}, ctx({ loaded: {}, clocks }));
    expect(again.clocks?.map((x) => x.name)).toEqual(['reply']);
    expect(planTransition(def, c('assigned'), staff, 'reassign', {}, ctx({ clocks })).clocks)
      .toEqual([{ name: 'contact', op: 'start', anchorAt: NOW.toISOString(), dueAt: '2026-04-10T15:59:59.999Z', capAt: null }]);
    const reply = planTransition(def, c('assigned'), unit7, 'reply', {}, ctx({ loaded: {}, clocks }));
    // Only the running clock has something to stop.
    expect(reply.clocks).toEqual([{ name: 'contact', op: 'stop', at: NOW.toISOString() }]);
  });

  it('extends up to the cap and refuses past it, naming the last possible date', () => {
    const clocks = { reply: running('2026-06-10T15:59:59.999Z', '2026-09-10T15:59:59.999Z') };
    const ok = planTransition(def, c('assigned'), staff, 'extend', { fields: { months: 2 } }, ctx({ clocks }));
    expect(ok.clocks).toEqual([{ name: 'reply', op: 'extend', dueAt: '2026-08-10T15:59:59.999Z' }]);
    expect(ok.dueAt).toBe('2026-08-10T15:59:59.999Z');
    let caught: unknown;
    try {
      planTransition(def, c('assigned'), staff, 'extend', { fields: { months: 4 } }, ctx({ clocks }));
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'requirements', fields: [{ path: 'months', message: '「答复」最迟只能延至 2026-09-10' }] });
    expect(() => planTransition(def, c('assigned'), staff, 'extend', { fields: { months: 1 } }, ctx())).toThrow('未在计时');
  });

  it('stops every running clock when the case leaves the open states', () => {
    const clocks = { contact: running('2026-03-30T15:59:59.999Z'), reply: { ...running('2026-06-10T15:59:59.999Z'), stoppedAt: '2026-03-15T00:00:00.000Z' } };
    const plan = planTransition(def, c('replied'), staff, 'close', {}, ctx({ clocks }));
    expect(plan.clocks).toEqual([{ name: 'contact', op: 'stop', at: NOW.toISOString() }]);
  });
});

/**
 * A clue-like case that runs one clock per stage: the row carries whichever runs now; staff choose the handling
 * deadline at forwarding, and extensions add at most so much beyond it.
 */
type CS = 'submitted' | 'accepted' | 'forwarded' | 'closed';
type CT = 'accept' | 'forward' | 'extend' | 'close';
const staged: WorkflowDef<CS, CT, { state: CS; version: number }> = {
  name: 'staged',
  label: '分段计时',
  initial: 'submitted',
  states: { submitted: { label: '待受理' }, accepted: { label: '已受理' }, forwarded: { label: '办理中' }, closed: { label: '已办结', terminal: true } },
  clocks: {
    accept: { label: '受理', kind: 'workingDays', setting: 'staged.accept', default: 3 },
    dispatch: { label: '转办', kind: 'workingDays', setting: 'staged.dispatch', default: 2, remind: false },
    handle: {
      label: '办理', kind: 'workingDays', setting: 'staged.handle', default: 10, dueField: 'dueDate',
      cap: { kind: 'workingDays', setting: 'staged.extensionCap', default: 5, from: 'due' },
    },
  },
  dueClock: ['accept', 'dispatch', 'handle'],
  initialClocks: { accept: 'start' },
  transitions: {
    accept: { label: '受理', from: ['submitted'], to: 'accepted', roles: ['staff'], clocks: { accept: 'stop', dispatch: 'reset' } },
    forward: { label: '转办', from: ['accepted'], to: 'forwarded', roles: ['staff'], clocks: { dispatch: 'stop', handle: 'reset' } },
    extend: { label: '延期', from: ['forwarded'], to: 'forwarded', roles: ['staff'], clocks: { handle: { extend: 'days' } } },
    close: { label: '办结', from: ['forwarded'], to: 'closed', roles: ['staff'] },
  },
};
const sc = (state: CS) => ({ state, version: 1 });

describe('clocks of a case that runs one per stage', () => {
  it('carries the clock that runs now as the row’s due date, and none once none runs', () => {
    const clocks = { accept: running('2026-03-25T15:59:59.999Z') };
    const accepted = planTransition(staged, sc('submitted'), staff, 'accept', {}, ctx({ clocks }));
    // Friday + 2 working days = Tuesday.
    expect(accepted.clocks?.map((p) => `${p.name}:${p.op}`)).toEqual(['accept:stop', 'dispatch:start']);
    expect(accepted.dueAt).toBe('2026-03-24T15:59:59.999Z');
    const forwarded = planTransition(staged, sc('forwarded'), staff, 'close', {}, ctx({ clocks: { handle: running('2026-04-03T15:59:59.999Z') } }));
    expect(forwarded.dueAt).toBeNull();
    // A plan that touches none of the due clocks keeps the row's date.
    expect(planTransition(staged, sc('forwarded'), staff, 'extend', { fields: { days: 1 } }, ctx({ clocks: { handle: running('2026-04-03T15:59:59.999Z') } })).dueAt)
      .toBe('2026-04-06T15:59:59.999Z');
  });

  it('takes the due date staff chose, and caps extensions from that date', () => {
    const plan = planTransition(staged, sc('accepted'), staff, 'forward', { fields: { dueDate: '2026-04-15' } }, ctx({ clocks: { dispatch: running('2026-03-24T15:59:59.999Z') } }));
    const handle = plan.clocks?.find((p) => p.name === 'handle');
    // Due at the end of the chosen day in China time; the cap 5 working days later (Wed + 5 = next Wed).
    expect(handle).toMatchObject({ op: 'start', anchorAt: NOW.toISOString(), dueAt: '2026-04-15T15:59:59.999Z', capAt: '2026-04-22T15:59:59.999Z' });
    expect(plan.dueAt).toBe('2026-04-15T15:59:59.999Z');
    // No date given (or not a date): the setting's length.
    const byDefault = planTransition(staged, sc('accepted'), staff, 'forward', { fields: { dueDate: 'soon' } }, ctx());
    expect(byDefault.clocks?.find((p) => p.name === 'handle')).toMatchObject({ dueAt: '2026-04-03T15:59:59.999Z', capAt: '2026-04-10T15:59:59.999Z' });
    // A cap of nothing allows no extension at all.
    const none = planTransition(staged, sc('accepted'), staff, 'forward', {}, ctx({ setting: (k) => (k === 'staged.extensionCap' ? 0 : undefined) }));
    const h = none.clocks!.find((p) => p.name === 'handle') as { dueAt: string; capAt: string };
    expect(h.capAt).toBe(h.dueAt);
    expect(() => planTransition(staged, sc('forwarded'), staff, 'extend', { fields: { days: 1 } }, ctx({ clocks: { handle: running(h.dueAt, h.capAt) } })))
      .toThrow('延期超过上限');
  });

  it('validates the due clocks and the clocks a new case starts with', () => {
    expect(validateWorkflow(staged)).toEqual([]);
    const broken = { ...staged, dueClock: ['accept', 'review'], initialClocks: { intake: 'start' } } as unknown as typeof staged;
    expect(validateWorkflow(broken).sort()).toEqual(['dueClock review is not declared', 'initialClocks: clock intake is not declared']);
  });
});

describe('declared events', () => {
  it('plans an event with the definition’s timeline, audit and public wording, keeping the state', () => {
    expect(planEvent(def, c('assigned'), 'system', 'remind', {}, ctx())).toEqual({
      event: 'remind', label: '催办', state: 'assigned', timeline: '催办承办单位', audit: 'prop.remind', publicText: '已催促承办单位',
      clocks: [], dueAt: undefined,
    });
    expect(planEvent(def, c('assigned'), unit7, 'comment', {}, ctx())).toMatchObject({ timeline: '留言', audit: 'prop.comment', publicText: null });
  });

  it('allows an event only in its states (default: the open ones) and to its roles', () => {
    expect(checkEvent(def, c('replied'), staff, 'remind')).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(checkEvent(def, c('closed'), staff, 'comment')).toMatchObject({ ok: false, code: 'invalid_state' });
    expect(checkEvent(def, c('submitted'), staff, 'comment')).toEqual({ ok: true });
    expect(checkEvent(def, c('assigned'), unit7, 'remind')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(checkEvent(def, c('assigned'), staff, 'assign')).toMatchObject({ ok: false, code: 'unknown_transition' });
  });
});

describe('state flags', () => {
  it('treats a state as open unless terminal, or as declared', () => {
    expect(isOpenState(def, 'assigned')).toBe(true);
    expect(isOpenState(def, 'closed')).toBe(false);
    const paused = { states: { ...def.states, assigned: { label: '暂停', open: false } } };
    expect(isOpenState(paused, 'assigned')).toBe(false);
    expect(def.states.replied.waitingOn).toBe('member');
  });
});

describe('validateWorkflow v2', () => {
  it('accepts the sample', () => {
    expect(validateWorkflow(def)).toEqual([]);
  });

  it('finds undeclared clocks, join children and states, clashing events and a setting used twice', () => {
    const broken = {
      ...def,
      dueClock: 'answer',
      clocks: { ...def.clocks, again: { label: '又一个', kind: 'hours', setting: 'prop.contactDays', default: 1 } },
      transitions: {
        ...def.transitions,
        extend: { ...def.transitions.extend, clocks: { evaluate: 'start' } },
        reply: { ...def.transitions.reply, join: [{ child: 'co_view', states: ['done'], reason: 'x' }, { child: 'task', states: ['verified'], reason: 'y' }] },
      },
      events: { ...def.events, close: { label: '办结', roles: ['staff'], from: ['limbo'], clocks: { nudge: 'stop' } }, quiet: { label: '静默', roles: [] } },
    } as unknown as typeof def;
    expect(validateWorkflow(broken).sort()).toEqual([
      'clock again: setting prop.contactDays is already used by clock contact',
      'dueClock answer is not declared',
      'event close clashes with a transition of the same name',
      'event close: clock nudge is not declared',
      'event close: state limbo is not declared',
      'event quiet: nobody may fire it',
      'extend: clock evaluate is not declared',
      'reply: join names child type task, which is not declared',
      'reply: join state done is not a state of co_view',
    ]);
  });
});
