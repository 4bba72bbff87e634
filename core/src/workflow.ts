/**
 * The one workflow engine every case type runs on. A workflow is declared data: states, transitions,
 * who may fire each (role plus relation to the case), what each requires and which deadline it starts.
 * This module is pure: it decides and plans; the server applies the plan in one transaction.
 */
import type { Role } from './roles.ts';
import { addCalendarDays, addMonths, addWorkingDays, endOfCstDay, type HolidayCalendar } from './calendar.ts';

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

export type ClockKind = 'workingDays' | 'calendarDays' | 'months' | 'hours';

/**
 * A named clock of a case (e.g. a proposal's `contact` 15 working days and `reply` 3 months). Its length is a
 * county setting referenced here once; transitions start, stop, reset or extend it by name.
 */
export interface ClockDef {
  label: string;
  kind: ClockKind;
  /** The county setting holding the length; `default` when the county set none. */
  setting: string;
  default: number;
  /** An input field that may give this case's own length (a task given 30 days), still held to the cap. */
  lengthField?: string;
  /**
   * An input field that may give this case's own due date (`YYYY-MM-DD`: due at the end of that day, China time),
   * e.g. the deadline staff choose when forwarding a clue. Whether the date is allowed is the module's check.
   */
  dueField?: string;
  /** What the clock runs from: the time of the transition that starts it (default), or a date field of the case. */
  anchor?: 'transition' | { field: string };
  /**
   * However far it is extended, the clock never runs past anchor + cap (e.g. 6 months for a proposal reply), or
   * with `from: 'due'` past its first due date + cap (extensions add at most so much, e.g. 20 working days on a clue).
   */
  cap?: { kind: ClockKind; setting: string; default: number; from?: 'anchor' | 'due' };
  /**
   * Whether the platform deadline job chases the clock when it runs out (default true). A clock whose lapse the
   * module handles itself, or that waits on someone nobody can chase (the citizen's time to rate), says false.
   */
  remind?: boolean;
}

/** What a transition or event does to a named clock. `extend` adds the number in the input field it names. */
export type ClockOp = 'start' | 'stop' | 'reset' | { extend: string };

/** A clock as stored for one case (the runner's `case_clocks` row, in engine terms). */
export interface ClockState {
  anchorAt: string;
  dueAt: string;
  capAt: string | null;
  stoppedAt: string | null;
}

/** What the runner must do to the stored clocks. */
export type ClockPlan =
  | { name: string; op: 'start'; anchorAt: string; dueAt: string; capAt: string | null }
  | { name: string; op: 'extend'; dueAt: string }
  | { name: string; op: 'stop'; at: string };

/**
 * A gate: a synchronous check over the case and the context the runner loaded for it (children's states,
 * co-signers …). It returns the reason, in Chinese, why the transition is closed, or nothing when it is open.
 */
export type Gate<C, L> = (c: C, ctx: L, actor: Actor | 'public' | 'system') => string | null | undefined | false;

/** A child case as the join rules see it; the runner's `load` puts them in the context as `children`. */
export interface ChildRef {
  caseType: string;
  id: number;
  state: string;
}

/**
 * A join rule: the transition stays closed until every child of `child` type is in one of `states`
 * (all co-unit views in → the lead may reply; all tasks verified → the item may close).
 */
export interface JoinRule {
  child: string;
  states: readonly string[];
  /** The reason shown while some child is not there yet, e.g. 还有子任务未核验. */
  reason: string;
  /** Closed while there are no children at all (default: open). */
  atLeastOne?: boolean;
}

export interface TransitionDef<S extends string, C, L = unknown> {
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
  /** Named clocks this transition starts, stops, resets or extends. */
  clocks?: Readonly<Record<string, ClockOp>>;
  /** Checks over loaded data; each closed gate gives its reason. */
  gates?: readonly Gate<C, L>[];
  /** Join rules over the case's children. */
  join?: readonly JoinRule[];
}

/**
 * A declared event: something that happens to a case without changing its state (submit, remind, recheck,
 * comment, a progress update). The definition gives its wording everywhere it shows.
 */
export interface EventDef<S extends string, C, L = unknown> {
  label: string;
  /** States it may happen in; default every open state. */
  from?: readonly S[];
  roles: readonly (Role | 'public' | 'system')[];
  relation?: Relation<C>;
  requires?: TransitionDef<S, C, L>['requires'];
  gates?: readonly Gate<C, L>[];
  clocks?: Readonly<Record<string, ClockOp>>;
  /** The timeline line; default the label. */
  timeline?: string;
  /** The audit action name; default `<case type>.<event>`. */
  audit?: string;
  /** What the citizen (or another outside party) reads on the public tracking page, if anything. */
  publicText?: string;
}

/** Who a case in this state is waiting on; dashboards and queues count by it. */
export type WaitingOn = 'staff' | 'unit' | 'citizen' | 'member' | 'leader' | 'committee';

export interface StateDef {
  label: string;
  /** Terminal states end the case; a case in an open state counts as "in progress" on dashboards. */
  terminal?: boolean;
  /** Whether the case is in progress; default: not terminal. */
  open?: boolean;
  waitingOn?: WaitingOn;
}

export interface WorkflowDef<S extends string, T extends string, C extends CaseState<S> = CaseState<S>, L = unknown> {
  name: string;
  label: string;
  initial: S;
  states: Record<S, StateDef>;
  transitions: Record<T, TransitionDef<S, C, L>>;
  /** Named clocks; transitions and events refer to them by name. */
  clocks?: Readonly<Record<string, ClockDef>>;
  /**
   * The clock whose due date the case row carries as `due_at` (lists filter and sort on it). A list of clocks
   * means "whichever of them runs now": a case that runs one clock per stage carries the current stage's due
   * date, and none (null) when none of them runs.
   */
  dueClock?: string | readonly string[];
  /** Clocks a new case starts with, in its initial state (a submitted clue's time to be accepted). */
  initialClocks?: Readonly<Record<string, ClockOp>>;
  /** Events that change no state. */
  events?: Readonly<Record<string, EventDef<S, C, L>>>;
  /** Child case types join rules may name, with the states each may be in (checked by validateWorkflow). */
  children?: Readonly<Record<string, { label: string; states?: readonly string[] }>>;
}

/** Whether a case in `state` is still in progress. */
export function isOpenState<S extends string>(def: { states: Record<S, StateDef> }, state: S): boolean {
  const s = def.states[state];
  return s ? (s.open ?? !s.terminal) : false;
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
  | { ok: false; code: 'unknown_transition' | 'invalid_state' | 'forbidden' | 'gate' | 'requirements'; message: string; fields?: FieldIssue[] };

export interface TransitionPlan<S extends string> {
  transition: string;
  label: string;
  from: S;
  to: S;
  /** undefined: keep the current deadline; null: clear it; a string: the new deadline (ISO). */
  dueAt: string | null | undefined;
  /** What to do to the stored clocks, in declaration order. */
  clocks?: ClockPlan[];
}

export interface PlanContext<L = unknown> {
  now: Date;
  calendar: HolidayCalendar;
  /** A county's rule value, e.g. `clue.deadline.forward` → 13; falls back to the rule's default. */
  setting?: (key: string) => number | undefined;
  /** What the runner's `load` step read for gates and join rules. */
  loaded?: L;
  /** The case's stored clocks by name (extensions and `start` on a running clock need them). */
  clocks?: Readonly<Record<string, ClockState>>;
}

function roleAllowed(allowed: readonly string[], actor: Actor | 'public' | 'system'): boolean {
  if (actor === 'public' || actor === 'system') return allowed.includes(actor);
  return actor.roles.some((r) => allowed.includes(r));
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Whether `actor` may fire `name` on `c` with `input`; every unmet requirement is listed. */
export function checkTransition<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  def: WorkflowDef<S, T, C, L>,
  c: C,
  actor: Actor | 'public' | 'system',
  name: string,
  input: TransitionInput = {},
  loaded?: L,
): TransitionCheck {
  const t = (def.transitions as Record<string, TransitionDef<S, C, L> | undefined>)[name];
  if (!t) return { ok: false, code: 'unknown_transition', message: `没有「${name}」这个操作` };
  return checkAction(def, t, t.from, c, actor, input, loaded);
}

/** Whether `actor` may fire the declared event `name` on `c`. */
export function checkEvent<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  def: WorkflowDef<S, T, C, L>,
  c: C,
  actor: Actor | 'public' | 'system',
  name: string,
  input: TransitionInput = {},
  loaded?: L,
): TransitionCheck {
  const e = def.events?.[name];
  if (!e) return { ok: false, code: 'unknown_transition', message: `没有「${name}」这个操作` };
  const from = e.from ?? (Object.keys(def.states) as S[]).filter((s) => isOpenState(def, s));
  return checkAction(def, e, from, c, actor, input, loaded);
}

/** The reason the first closed gate or join rule gives, if any. */
function closedBy<C, L>(a: { gates?: readonly Gate<C, L>[]; join?: readonly JoinRule[] }, c: C, actor: Actor | 'public' | 'system', loaded: L | undefined): string | null {
  for (const j of a.join ?? []) {
    const kids = ((loaded as { children?: readonly ChildRef[] } | undefined)?.children ?? []).filter((k) => k.caseType === j.child);
    const waiting = kids.filter((k) => !j.states.includes(k.state)).length;
    if (waiting > 0) return `${j.reason}（还有 ${waiting} 项）`;
    if (j.atLeastOne && kids.length === 0) return j.reason;
  }
  for (const g of a.gates ?? []) {
    // A gate that needs loaded data sees an empty context when the caller loaded none; it then closes itself.
    const reason = g(c, (loaded ?? {}) as L, actor);
    if (reason) return reason;
  }
  return null;
}

function checkAction<S extends string, T extends string, C extends CaseState<S>, L>(
  def: WorkflowDef<S, T, C, L>,
  t: Pick<TransitionDef<S, C, L>, 'label' | 'roles' | 'relation' | 'requires' | 'gates' | 'join'>,
  from: readonly S[],
  c: C,
  actor: Actor | 'public' | 'system',
  input: TransitionInput,
  loaded: L | undefined,
): TransitionCheck {
  if (!from.includes(c.state)) {
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
  const closed = closedBy(t, c, actor, loaded);
  if (closed) return { ok: false, code: 'gate', message: closed };
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
export function availableTransitions<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  def: WorkflowDef<S, T, C, L>,
  c: C,
  actor: Actor | 'public',
  loaded?: L,
): T[] {
  return (Object.keys(def.transitions) as T[]).filter((name) => {
    const r = checkTransition(def, c, actor, name, {}, loaded);
    return r.ok || r.code === 'requirements';
  });
}

/** One button: a transition or event the actor's role may fire, open or closed with its reason. */
export interface ActionOption {
  name: string;
  label: string;
  kind: 'transition' | 'event';
  available: boolean;
  /** Why it is closed, in Chinese. */
  reason?: string;
  /** What closed it: another state, the actor's relation to the case, or a gate/join rule. */
  code?: 'invalid_state' | 'forbidden' | 'gate';
  /** What the definition asks for when it is fired, so the console's form asks for the same (a reason, fields by name, attachments). */
  requires?: { reason?: boolean; fields?: readonly string[]; attachments?: number };
}

/**
 * Every transition and event the actor's role could fire, each open or closed with its reason, so the console
 * shows a disabled button that says why (a case in another state gives code `invalid_state`, which a page
 * usually hides). Input requirements do not close a button: the form asks for them.
 */
export function evaluateTransitions<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  def: WorkflowDef<S, T, C, L>,
  c: C,
  actor: Actor | 'public' | 'system',
  loaded?: L,
): ActionOption[] {
  const out: ActionOption[] = [];
  const option = (name: string, label: string, kind: ActionOption['kind'], r: TransitionCheck, requires: ActionOption['requires']) => {
    const req = requires ? { requires } : {};
    if (r.ok || r.code === 'requirements') out.push({ name, label, kind, available: true, ...req });
    else if (r.code !== 'unknown_transition') out.push({ name, label, kind, available: false, reason: r.message, code: r.code, ...req });
  };
  for (const [name, t] of Object.entries<TransitionDef<S, C, L>>(def.transitions)) {
    if (!roleAllowed(t.roles, actor)) continue;
    option(name, t.label, 'transition', checkTransition(def, c, actor, name, {}, loaded), t.requires);
  }
  for (const [name, e] of Object.entries(def.events ?? {})) {
    if (!roleAllowed(e.roles, actor)) continue;
    option(name, e.label, 'event', checkEvent(def, c, actor, name, {}, loaded), e.requires);
  }
  return out;
}

/** `n` units of `kind` after `from`. */
export function addPeriod(kind: ClockKind, n: number, from: Date, calendar: HolidayCalendar): Date {
  switch (kind) {
    case 'workingDays':
      return addWorkingDays(from, n, calendar);
    case 'calendarDays':
      return addCalendarDays(from, n);
    case 'months':
      return addMonths(from, n);
    case 'hours':
      return new Date(from.getTime() + n * 3600_000);
  }
}

export function computeDeadline(rule: DeadlineRule | undefined, ctx: PlanContext): string | null | undefined {
  if (!rule) return undefined;
  if (rule.kind === 'clear') return null;
  const n = ctx.setting?.(rule.setting) ?? rule.default;
  return addPeriod(rule.kind, n, ctx.now, ctx.calendar).toISOString();
}

/** A `YYYY-MM-DD` input as the end of that day in China time, or null. */
function dateField(v: unknown): Date | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const at = endOfCstDay(v);
  return Number.isNaN(at.getTime()) ? null : at;
}

function anchorOf(clock: ClockDef, c: object, input: TransitionInput, now: Date): Date {
  if (!clock.anchor || clock.anchor === 'transition') return now;
  const field = clock.anchor.field;
  const v = input.fields?.[field] ?? (c as Record<string, unknown>)[field];
  const at = typeof v === 'string' || v instanceof Date ? new Date(v) : null;
  return at && !Number.isNaN(at.getTime()) ? at : now;
}

/** The clock operations of a transition or event, computed against the stored clocks in `ctx.clocks`. */
export function planClocks(
  clocks: WorkflowDef<string, string, CaseState, unknown>['clocks'],
  ops: Readonly<Record<string, ClockOp>> | undefined,
  c: object,
  input: TransitionInput,
  ctx: PlanContext<unknown>,
): ClockPlan[] {
  const out: ClockPlan[] = [];
  for (const [name, op] of Object.entries(ops ?? {})) {
    const def = clocks?.[name];
    if (!def) throw new Error(`clock ${name} is not declared`);
    const stored = ctx.clocks?.[name];
    const running = stored && !stored.stoppedAt;
    if (op === 'stop') {
      if (running) out.push({ name, op: 'stop', at: ctx.now.toISOString() });
    } else if (op === 'start' || op === 'reset') {
      // `start` leaves a running clock alone (a second forward does not give the unit more time); `reset` restarts it.
      if (op === 'start' && running) continue;
      const anchor = anchorOf(def, c, input, ctx.now);
      const own = def.lengthField ? Number(input.fields?.[def.lengthField]) : NaN;
      const n = Number.isFinite(own) && own > 0 ? own : (ctx.setting?.(def.setting) ?? def.default);
      const chosen = def.dueField ? dateField(input.fields?.[def.dueField]) : null;
      const due = chosen ?? addPeriod(def.kind, n, anchor, ctx.calendar);
      const capLength = def.cap ? (ctx.setting?.(def.cap.setting) ?? def.cap.default) : 0;
      const cap = def.cap ? addPeriod(def.cap.kind, capLength, def.cap.from === 'due' ? due : anchor, ctx.calendar) : null;
      const dueAt = cap && cap < due ? cap : due;
      out.push({ name, op: 'start', anchorAt: anchor.toISOString(), dueAt: dueAt.toISOString(), capAt: cap?.toISOString() ?? null });
    } else {
      if (!running) throw new WorkflowError('gate', `「${def.label}」未在计时，不能延期`);
      const raw = Number(input.fields?.[op.extend]);
      if (!Number.isFinite(raw) || raw <= 0) throw new WorkflowError('requirements', '请补全必填信息', [{ path: op.extend, message: '请填写延长的期限' }]);
      const extended = addPeriod(def.kind, raw, new Date(stored.dueAt), ctx.calendar);
      if (stored.capAt && extended.toISOString() > stored.capAt) {
        throw new WorkflowError('requirements', '延期超过上限', [{ path: op.extend, message: `「${def.label}」最迟只能延至 ${stored.capAt.slice(0, 10)}` }]);
      }
      out.push({ name, op: 'extend', dueAt: extended.toISOString() });
    }
  }
  return out;
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
export function planTransition<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  def: WorkflowDef<S, T, C, L>,
  c: C,
  actor: Actor | 'public' | 'system',
  name: T,
  input: TransitionInput,
  ctx: PlanContext<L>,
): TransitionPlan<S> {
  const check = checkTransition(def, c, actor, name, input, ctx.loaded);
  if (!check.ok) throw new WorkflowError(check.code, check.message, check.fields);
  const t = def.transitions[name];
  const plan: TransitionPlan<S> = { transition: name, label: t.label, from: c.state, to: t.to, dueAt: computeDeadline(t.deadline, ctx) };
  if (!def.clocks) return plan;
  const clocks = planClocks(def.clocks, t.clocks, c, input, ctx);
  // Leaving the open states stops every clock still running: nobody is late on a closed case.
  if (!isOpenState(def, t.to)) {
    for (const [n, st] of Object.entries(ctx.clocks ?? {})) {
      if (!st.stoppedAt && !clocks.some((p) => p.name === n)) clocks.push({ name: n, op: 'stop', at: ctx.now.toISOString() });
    }
  }
  plan.clocks = clocks;
  if (plan.dueAt === undefined) plan.dueAt = dueAfter(def.dueClock, ctx.clocks, clocks);
  return plan;
}

/**
 * The due date the case row carries after `plans` ran on the `stored` clocks: undefined when the plan touches
 * none of the due clocks (the row keeps its date), null when none of them runs any more.
 */
export function dueAfter(dueClock: string | readonly string[] | undefined, stored: Readonly<Record<string, ClockState>> | undefined, plans: readonly ClockPlan[]): string | null | undefined {
  if (!dueClock) return undefined;
  if (typeof dueClock === 'string') {
    const p = plans.find((x) => x.name === dueClock);
    return p ? (p.op === 'stop' ? null : p.dueAt) : undefined;
  }
  if (!plans.some((p) => dueClock.includes(p.name))) return undefined;
  const after: Record<string, { dueAt: string; running: boolean }> = {};
  for (const [n, st] of Object.entries(stored ?? {})) after[n] = { dueAt: st.dueAt, running: !st.stoppedAt };
  for (const p of plans) {
    if (p.op === 'stop') after[p.name] = { dueAt: after[p.name]?.dueAt ?? p.at, running: false };
    else after[p.name] = { dueAt: p.dueAt, running: true };
  }
  const due = dueClock.map((n) => after[n]).filter((x) => x?.running).map((x) => x!.dueAt).sort();
  return due[0] ?? null;
}

/** The stored clocks after `plans` ran on them (a seeder or a test that plans several steps in a row keeps them so). */
export function applyClockPlans(stored: Readonly<Record<string, ClockState>>, plans: readonly ClockPlan[]): Record<string, ClockState> {
  const out: Record<string, ClockState> = { ...stored };
  for (const p of plans) {
    if (p.op === 'start') out[p.name] = { anchorAt: p.anchorAt, dueAt: p.dueAt, capAt: p.capAt, stoppedAt: null };
    else if (p.op === 'extend') out[p.name] = { ...out[p.name]!, dueAt: p.dueAt };
    else if (out[p.name]) out[p.name] = { ...out[p.name]!, stoppedAt: p.at };
  }
  return out;
}

/** The clocks a new case starts with in its initial state (`initialClocks`), and the due date its row carries. */
export function planInitialClocks(
  def: Pick<WorkflowDef<string, string, CaseState, unknown>, 'clocks' | 'initialClocks' | 'dueClock'>,
  ctx: PlanContext<unknown>,
): { clocks: ClockPlan[]; dueAt: string | null } {
  const clocks = planClocks(def.clocks, def.initialClocks, {}, {}, ctx);
  return { clocks, dueAt: dueAfter(def.dueClock, undefined, clocks) ?? null };
}

export interface EventPlan<S extends string> {
  event: string;
  label: string;
  state: S;
  /** The timeline line, audit action name and public wording, from the definition. */
  timeline: string;
  audit: string;
  publicText: string | null;
  dueAt: string | null | undefined;
  clocks: ClockPlan[];
}

/** Check and plan a declared event; the state stays. */
export function planEvent<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  def: WorkflowDef<S, T, C, L>,
  c: C,
  actor: Actor | 'public' | 'system',
  name: string,
  input: TransitionInput,
  ctx: PlanContext<L>,
): EventPlan<S> {
  const check = checkEvent(def, c, actor, name, input, ctx.loaded);
  if (!check.ok) throw new WorkflowError(check.code, check.message, check.fields);
  const e = def.events![name]!;
  const clocks = planClocks(def.clocks, e.clocks, c, input, ctx);
  return {
    event: name, label: e.label, state: c.state, timeline: e.timeline ?? e.label, audit: e.audit ?? `${def.name}.${name}`,
    publicText: e.publicText ?? null, clocks, dueAt: dueAfter(def.dueClock, ctx.clocks, clocks),
  };
}

/** Structural checks on a declaration, run by each workflow's own test. */
export function validateWorkflow<S extends string, T extends string, C extends CaseState<S>, L = unknown>(def: WorkflowDef<S, T, C, L>): string[] {
  const problems: string[] = [];
  const states = Object.keys(def.states);
  if (!states.includes(def.initial)) problems.push(`initial state ${def.initial} is not declared`);
  const reachable = new Set<string>([def.initial]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, t] of Object.entries<TransitionDef<S, C, L>>(def.transitions)) {
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
  const clocks = Object.keys(def.clocks ?? {});
  const checkClocks = (what: string, ops: Readonly<Record<string, ClockOp>> | undefined) => {
    for (const n of Object.keys(ops ?? {})) if (!clocks.includes(n)) problems.push(`${what}: clock ${n} is not declared`);
  };
  const settingOwner = new Map<string, string>();
  for (const [n, cd] of Object.entries(def.clocks ?? {})) {
    // A setting is referenced once: two clocks on one key would move together when a county changes one.
    for (const key of [cd.setting, cd.cap?.setting].filter((k): k is string => !!k)) {
      if (settingOwner.has(key)) problems.push(`clock ${n}: setting ${key} is already used by ${settingOwner.get(key)}`);
      settingOwner.set(key, `clock ${n}`);
    }
  }
  for (const d of typeof def.dueClock === 'string' ? [def.dueClock] : (def.dueClock ?? [])) {
    if (!clocks.includes(d)) problems.push(`dueClock ${d} is not declared`);
  }
  checkClocks('initialClocks', def.initialClocks);
  const children = def.children ?? {};
  for (const [name, t] of Object.entries<TransitionDef<S, C, L>>(def.transitions)) {
    checkClocks(name, t.clocks);
    for (const j of t.join ?? []) {
      const child = children[j.child];
      if (!child) problems.push(`${name}: join names child type ${j.child}, which is not declared`);
      else for (const st of j.states) if (child.states && !child.states.includes(st)) problems.push(`${name}: join state ${st} is not a state of ${j.child}`);
    }
  }
  for (const [name, e] of Object.entries(def.events ?? {})) {
    if (name in def.transitions) problems.push(`event ${name} clashes with a transition of the same name`);
    if (e.roles.length === 0) problems.push(`event ${name}: nobody may fire it`);
    for (const f of e.from ?? []) if (!states.includes(f)) problems.push(`event ${name}: state ${f} is not declared`);
    checkClocks(`event ${name}`, e.clocks);
  }
  for (const [s, sd] of Object.entries<StateDef>(def.states)) {
    const leaves = Object.values<TransitionDef<S, C, L>>(def.transitions).some((t) => t.from.includes(s as S));
    if (!sd.terminal && !leaves) problems.push(`state ${s} is a dead end but not terminal`);
  }
  return [...new Set(problems)];
}
