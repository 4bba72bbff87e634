/**
 * The one workflow engine every case type runs on. A workflow is declared data: states, transitions,
 * who may fire each (role plus relation to the case), what each requires and which deadline it starts.
 * This module is pure: it decides and plans; the server applies the plan in one transaction.
 */
import type { Role } from './roles.ts';
import { addCalendarDays, addMonths, addWorkingDays, type HolidayCalendar } from './calendar.ts';

export interface Actor {
  id: number;
  name: string;
  roles: readonly Role[];
  unitId?: number | null;
  memberId?: number | null;
}

/** The minimum a case must expose to the engine. */
export interface CaseState<S extends string = string> {
  state: S;
  version: number;
}

export interface Relation<C> {
  /** Shown in errors: "只有承办单位可以…" */
  label: string;
  test: (actor: Actor, c: C) => boolean;
}

export type DeadlineRule =
  | { kind: 'workingDays' | 'calendarDays' | 'months' | 'hours'; setting: string; default: number }
  | { kind: 'clear' };

export interface TransitionDef<S extends string, C> {
  label: string;
  from: readonly S[];
  to: S;
  /** Roles that may fire it; 'public' is an unauthenticated citizen holding the case's secret. */
  roles: readonly (Role | 'public' | 'system')[];
  /** An extra condition on the actor's relation to the case, e.g. "the unit it was forwarded to". */
  relation?: Relation<C>;
  requires?: {
    reason?: boolean;
    fields?: readonly string[];
    attachments?: number;
  };
  /** The deadline the new state runs against; without one the current deadline is kept. */
  deadline?: DeadlineRule;
}

export interface StateDef {
  label: string;
  /** Terminal states end the case; a case in an open state counts as "in progress" on dashboards. */
  terminal?: boolean;
}

export interface WorkflowDef<S extends string, T extends string, C extends CaseState<S> = CaseState<S>> {
  name: string;
  label: string;
  initial: S;
  states: Record<S, StateDef>;
  transitions: Record<T, TransitionDef<S, C>>;
}

export interface TransitionInput {
  reason?: string | null;
  fields?: Record<string, unknown>;
  attachments?: number;
}

export interface FieldIssue {
  path: string;
  message: string;
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; code: 'unknown_transition' | 'invalid_state' | 'forbidden' | 'requirements'; message: string; fields?: FieldIssue[] };

export interface TransitionPlan<S extends string> {
  transition: string;
  label: string;
  from: S;
  to: S;
  /** undefined: keep the current deadline; null: clear it; a string: the new deadline (ISO). */
  dueAt: string | null | undefined;
}

export interface PlanContext {
  now: Date;
  calendar: HolidayCalendar;
  /** A county's rule value, e.g. `clue.deadline.forward` → 13; falls back to the rule's default. */
  setting?: (key: string) => number | undefined;
}

function roleAllowed(allowed: readonly string[], actor: Actor | 'public' | 'system'): boolean {
  if (actor === 'public' || actor === 'system') return allowed.includes(actor);
  return actor.roles.some((r) => allowed.includes(r));
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Whether `actor` may fire `name` on `c` with `input`; every unmet requirement is listed. */
export function checkTransition<S extends string, T extends string, C extends CaseState<S>>(
  def: WorkflowDef<S, T, C>,
  c: C,
  actor: Actor | 'public' | 'system',
  name: string,
  input: TransitionInput = {},
): TransitionCheck {
  const t = (def.transitions as Record<string, TransitionDef<S, C> | undefined>)[name];
  if (!t) return { ok: false, code: 'unknown_transition', message: `没有「${name}」这个操作` };
  if (!t.from.includes(c.state)) {
    return {
      ok: false,
      code: 'invalid_state',
      message: `当前状态「${def.states[c.state]?.label ?? c.state}」不能执行「${t.label}」`,
    };
  }
  if (!roleAllowed(t.roles, actor)) {
    return { ok: false, code: 'forbidden', message: `您的角色不能执行「${t.label}」` };
  }
  if (t.relation && typeof actor === 'object' && !t.relation.test(actor, c)) {
    return { ok: false, code: 'forbidden', message: `只有${t.relation.label}可以执行「${t.label}」` };
  }
  const issues: FieldIssue[] = [];
  if (t.requires?.reason && isBlank(input.reason)) issues.push({ path: 'reason', message: `「${t.label}」需要填写理由` });
  for (const f of t.requires?.fields ?? []) {
    if (isBlank(input.fields?.[f])) issues.push({ path: f, message: `「${t.label}」需要填写此项` });
  }
  const needed = t.requires?.attachments ?? 0;
  if (needed > 0 && (input.attachments ?? 0) < needed) {
    issues.push({ path: 'attachments', message: `「${t.label}」需要至少 ${needed} 个附件` });
  }
  if (issues.length > 0) return { ok: false, code: 'requirements', message: '请补全必填信息', fields: issues };
  return { ok: true };
}

/** The transitions `actor` could fire on `c` now (ignoring input requirements): the buttons to show. */
export function availableTransitions<S extends string, T extends string, C extends CaseState<S>>(
  def: WorkflowDef<S, T, C>,
  c: C,
  actor: Actor | 'public',
): T[] {
  return (Object.keys(def.transitions) as T[]).filter((name) => {
    const r = checkTransition(def, c, actor, name, {});
    return r.ok || r.code === 'requirements';
  });
}

export function computeDeadline(rule: DeadlineRule | undefined, ctx: PlanContext): string | null | undefined {
  if (!rule) return undefined;
  if (rule.kind === 'clear') return null;
  const n = ctx.setting?.(rule.setting) ?? rule.default;
  switch (rule.kind) {
    case 'workingDays':
      return addWorkingDays(ctx.now, n, ctx.calendar).toISOString();
    case 'calendarDays':
      return addCalendarDays(ctx.now, n).toISOString();
    case 'months':
      return addMonths(ctx.now, n).toISOString();
    case 'hours':
      return new Date(ctx.now.getTime() + n * 3600_000).toISOString();
  }
}

export class WorkflowError extends Error {
  constructor(
    readonly code: Exclude<TransitionCheck, { ok: true }>['code'],
    message: string,
    readonly fields?: FieldIssue[],
  ) {
    super(message);
  }
}

/** Check and plan a transition; throws WorkflowError when it may not be fired. */
export function planTransition<S extends string, T extends string, C extends CaseState<S>>(
  def: WorkflowDef<S, T, C>,
  c: C,
  actor: Actor | 'public' | 'system',
  name: T,
  input: TransitionInput,
  ctx: PlanContext,
): TransitionPlan<S> {
  const check = checkTransition(def, c, actor, name, input);
  if (!check.ok) throw new WorkflowError(check.code, check.message, check.fields);
  const t = def.transitions[name];
  return { transition: name, label: t.label, from: c.state, to: t.to, dueAt: computeDeadline(t.deadline, ctx) };
}

/** Structural checks on a declaration, run by each workflow's own test. */
export function validateWorkflow<S extends string, T extends string, C extends CaseState<S>>(def: WorkflowDef<S, T, C>): string[] {
  const problems: string[] = [];
  const states = Object.keys(def.states);
  if (!states.includes(def.initial)) problems.push(`initial state ${def.initial} is not declared`);
  const reachable = new Set<string>([def.initial]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, t] of Object.entries<TransitionDef<S, C>>(def.transitions)) {
      if (!states.includes(t.to)) problems.push(`${name}: target ${t.to} is not declared`);
      for (const f of t.from) if (!states.includes(f)) problems.push(`${name}: source ${f} is not declared`);
      if (t.roles.length === 0) problems.push(`${name}: nobody may fire it`);
      if (t.from.some((f) => reachable.has(f)) && !reachable.has(t.to)) {
        reachable.add(t.to);
        grew = true;
      }
    }
  }
  for (const s of states) if (!reachable.has(s)) problems.push(`state ${s} is unreachable`);
  for (const [s, sd] of Object.entries<StateDef>(def.states)) {
    const leaves = Object.values<TransitionDef<S, C>>(def.transitions).some((t) => t.from.includes(s as S));
    if (!sd.terminal && !leaves) problems.push(`state ${s} is a dead end but not terminal`);
  }
  return [...new Set(problems)];
}
