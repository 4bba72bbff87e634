/**
 * Apply a declared workflow transition to a case row: one transaction that re-reads the case,
 * checks its version (a stale version is a 409), loads what the gates need, plans with the pure engine,
 * updates the row and its named clocks, and writes the timeline event and the audit entry.
 * Notifications belong after commit, to the caller.
 */
import type { Kysely, Transaction } from 'kysely';
import {
  evaluateTransitions, planEvent, planTransition, type ActionOption, type Actor, type CaseState, type ClockPlan, type ClockState,
  type EventPlan, type PlanContext, type TransitionInput, type TransitionPlan, type WorkflowDef,
} from '@xs/core/workflow.ts';
import type { Database } from '../db/database.ts';
import { affected } from '../db/database.ts';
import { AppError, notFound } from './errors.ts';
import { writeAudit } from './audit.ts';
import { getCalendar, settingReader } from './settings.ts';

/** The columns every case table has. */
export interface CaseRow extends CaseState {
  id: number;
  tenant_id: number;
  due_at: string | null;
  [column: string]: unknown;
}

type LooseDb = Kysely<Record<string, CaseRow>>;

/**
 * The runner's context-loading step: reads, inside the transaction, what the definition's gates and join
 * rules need from other tables (children's states, co-signers …). Core stays pure; this is where the I/O is.
 */
export type CaseLoader<C, L> = (db: Kysely<Database>, c: C & CaseRow) => Promise<L>;

export interface ApplyOptions<S extends string, T extends string, C extends CaseState<S>, L = unknown> {
  def: WorkflowDef<S, T, C, L>;
  load?: CaseLoader<C, L>;
  table: keyof Database & string;
  /** Timeline/audit name of the case type, e.g. `clue`. */
  caseType: string;
  /** Label for messages, e.g. 线索. */
  label: string;
  tenantId: number;
  id: number;
  /** The version the caller saw; omit only for system and public actions that re-read anyway. */
  expectedVersion?: number;
  actor: Actor | 'public' | 'system';
  /** Who to name in the timeline when the actor is the public or the system. */
  actorName?: string;
  transition: T;
  input?: TransitionInput;
  /** Other columns to change with the state (e.g. the unit a clue is forwarded to), decided inside the transaction. */
  changes?: (current: C, plan: TransitionPlan<S>, trx: Transaction<Database>) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Extra data for the timeline event (e.g. the reply text); a function is read after `changes` ran. */
  eventData?: Record<string, unknown> | (() => Record<string, unknown>);
  ip?: string | null;
  now?: Date;
  /** Run a transaction the caller already has open. */
  trx?: Transaction<Database>;
}

/** What the runner's shared opening gives a transition or an event: the row as it is, its clocks and context. */
interface Opened<C, L> {
  trx: Transaction<Database>;
  current: C & CaseRow;
  ctx: PlanContext<L>;
}

type OpenOptions<S extends string, T extends string, C extends CaseState<S>, L> = Pick<ApplyOptions<S, T, C, L>,
  'def' | 'load' | 'table' | 'caseType' | 'label' | 'tenantId' | 'id' | 'expectedVersion' | 'now' | 'trx'>;

/**
 * The opening every transition and event shares: the county's settings and calendar, then in one transaction
 * (the caller's, if it has one) the row re-read, its version checked (stale → 409), its clocks and the
 * definition's context loaded. `step` plans and writes; its result is returned.
 */
async function openCase<S extends string, T extends string, C extends CaseState<S>, L, R>(
  db: Kysely<Database>,
  o: OpenOptions<S, T, C, L>,
  step: (opened: Opened<C, L>) => Promise<R>,
): Promise<R> {
  const now = o.now ?? new Date();
  // Inside a caller's transaction read through it: SQLite has one connection, and a read through
  // `db` would wait for the very transaction it runs in (a deadlock whenever the settings cache is cold).
  const reader = o.trx ?? db;
  const [setting, calendar] = await Promise.all([settingReader(reader, o.tenantId), getCalendar(reader, o.tenantId)]);
  const run = async (trx: Transaction<Database>) => {
    const t = trx as unknown as LooseDb;
    const current = (await t.selectFrom(o.table).selectAll().where('id', '=', o.id).where('tenant_id', '=', o.tenantId).executeTakeFirst()) as C & CaseRow | undefined;
    if (!current) throw notFound(o.label);
    if (o.expectedVersion !== undefined && current.version !== o.expectedVersion) {
      throw new AppError('stale_version', `该${o.label}刚刚已被他人处理（当前状态：${o.def.states[current.state as S]?.label ?? current.state}），请刷新后再试`);
    }
    const clocks = o.def.clocks ? await readClocks(trx, o.tenantId, o.caseType, o.id) : undefined;
    const loaded = o.load ? await o.load(trx, current) : undefined;
    return step({ trx, current, ctx: { now, calendar, setting, loaded, clocks } });
  };
  return o.trx ? run(o.trx) : db.transaction().execute(run);
}

/** The closing both share: the row written at the version read, the clocks, the timeline line and the audit entry. */
async function writeCase<S extends string, T extends string, C extends CaseState<S>, L>(
  o: OpenOptions<S, T, C, L> & { actor: Actor | 'public' | 'system'; actorName?: string; ip?: string | null; input?: TransitionInput },
  { trx, current, ctx }: Opened<C, L>,
  w: {
    set: Record<string, unknown>; clocks: readonly ClockPlan[]; name: string; label: string; from: string; to: string;
    data: Record<string, unknown> | undefined; audit: string; summary: string; before: Record<string, unknown>; after: Record<string, unknown>;
  },
): Promise<C> {
  const t = trx as unknown as LooseDb;
  const res = await t.updateTable(o.table).set({ ...w.set, version: current.version + 1 }).where('id', '=', o.id).where('tenant_id', '=', o.tenantId)
    .where('version', '=', current.version).executeTakeFirst();
  if (affected(res) === 0) throw new AppError('stale_version', `该${o.label}刚刚已被他人处理，请刷新后再试`);
  await writeClocks(trx, o.tenantId, o.caseType, o.id, w.clocks);
  const { actorName, actorId } = who(o);
  await trx.insertInto('case_events').values({
    tenant_id: o.tenantId, case_type: o.caseType, case_id: o.id, transition: w.name, label: w.label,
    from_state: w.from, to_state: w.to, actor_kind: typeof o.actor === 'object' ? 'user' : o.actor, actor_id: actorId,
    actor_name: actorName, note: o.input?.reason ?? null, data_json: eventJson(w.data), at: ctx.now.toISOString(),
  }).execute();
  await writeAudit(trx, {
    tenantId: o.tenantId, actorId, actorName, ip: o.ip ?? null, action: w.audit, entity: o.caseType, entityId: o.id,
    summary: w.summary, before: w.before, after: w.after,
  });
  return (await t.selectFrom(o.table).selectAll().where('id', '=', o.id).executeTakeFirstOrThrow()) as C;
}

const caseName = (c: CaseRow) => String(c.code ?? c.title ?? c.id);

export async function applyTransition<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  db: Kysely<Database>,
  o: ApplyOptions<S, T, C, L>,
): Promise<{ plan: TransitionPlan<S>; row: C }> {
  return openCase(db, o, async (opened) => {
    const { current, ctx, trx } = opened;
    const plan = planTransition(o.def, current, o.actor, o.transition, o.input ?? {}, ctx);
    const extra = (await o.changes?.(current, plan, trx)) ?? {};
    const set: Record<string, unknown> = { ...extra, state: plan.to };
    if (plan.dueAt !== undefined) set.due_at = plan.dueAt;
    const row = await writeCase(o, opened, {
      set, clocks: plan.clocks ?? [], name: plan.transition, label: plan.label, from: plan.from, to: plan.to,
      data: typeof o.eventData === 'function' ? o.eventData() : o.eventData, audit: `${o.caseType}.${plan.transition}`,
      summary: `${o.label}「${caseName(current)}」${plan.label}：${o.def.states[plan.from].label} → ${o.def.states[plan.to].label}`,
      before: { state: plan.from, version: current.version }, after: { state: plan.to, ...extra, note: o.input?.reason ?? undefined },
    });
    return { plan, row };
  });
}

function who(o: { actor: Actor | 'public' | 'system'; actorName?: string }) {
  const actorName = typeof o.actor === 'object' ? o.actor.name : (o.actorName ?? (o.actor === 'public' ? '群众' : '系统'));
  return { actorName, actorId: typeof o.actor === 'object' ? o.actor.id : null };
}

function eventJson(value: Record<string, unknown> | undefined): string | null {
  return value && Object.keys(value).length ? JSON.stringify(value) : null;
}

/** The timeline of a case, oldest first. */
export async function caseTimeline(db: Kysely<Database>, tenantId: number, caseType: string, id: number) {
  const rows = await db.selectFrom('case_events').selectAll().where('tenant_id', '=', tenantId).where('case_type', '=', caseType)
    .where('case_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, transition: r.transition, label: r.label, from: r.from_state, to: r.to_state, actorKind: r.actor_kind,
    actorName: r.actor_name, note: r.note, data: r.data_json ? (JSON.parse(r.data_json) as Record<string, unknown>) : null, at: r.at,
  }));
}

/** The stored clocks of a case, by name. */
export async function readClocks(db: Kysely<Database>, tenantId: number, caseType: string, id: number): Promise<Record<string, ClockState>> {
  const rows = await db.selectFrom('case_clocks').selectAll().where('tenant_id', '=', tenantId).where('case_type', '=', caseType)
    .where('case_id', '=', id).execute();
  return Object.fromEntries(rows.map((r) => [r.name, { anchorAt: r.anchor_at, dueAt: r.due_at, capAt: r.cap_at, stoppedAt: r.stopped_at }]));
}

/**
 * Apply planned clock operations; a restarted clock is no longer overdue, reminded or escalated. A module that
 * inserts a case in its initial state itself (a submitted clue) writes its `planInitialClocks` with it.
 */
export async function writeClocks(trx: Kysely<Database>, tenantId: number, caseType: string, id: number, plans: readonly ClockPlan[]) {
  for (const p of plans) {
    const q = trx.updateTable('case_clocks').where('tenant_id', '=', tenantId).where('case_type', '=', caseType).where('case_id', '=', id).where('name', '=', p.name);
    if (p.op === 'stop') {
      await q.set({ stopped_at: p.at }).execute();
    } else if (p.op === 'extend') {
      // A clock extended past now is not overdue any more; the job sets the flag again if it runs out.
      await q.set({ due_at: p.dueAt, overdue_at: null, escalation: 0 }).execute();
    } else {
      const fresh = { anchor_at: p.anchorAt, due_at: p.dueAt, cap_at: p.capAt, stopped_at: null, overdue_at: null, last_reminded_at: null, escalation: 0 };
      const r = await q.set(fresh).executeTakeFirst();
      if (affected(r) === 0) {
        await trx.insertInto('case_clocks').values({ tenant_id: tenantId, case_type: caseType, case_id: id, name: p.name, ...fresh }).execute();
      }
    }
  }
}

export type FireOptions<S extends string, T extends string, C extends CaseState<S>, L = unknown> =
  Omit<ApplyOptions<S, T, C, L>, 'transition' | 'changes'> & {
    event: string;
    /** Columns the event changes besides the version (a progress update moves the current value). */
    changes?: (current: C, plan: EventPlan<S>, trx: Transaction<Database>) => Promise<Record<string, unknown>> | Record<string, unknown>;
  };

/**
 * Record a declared event (progress update, remind, recheck, comment): the state stays; the timeline line, the
 * audit action and the public wording come from the definition. The version still goes up: an event may change
 * what a decision rests on (a progress update moves the value a verifier judges), so a form opened before it
 * must be refused rather than silently decide on old figures.
 */
export async function fireEvent<S extends string, T extends string, C extends CaseState<S>, L = unknown>(
  db: Kysely<Database>,
  o: FireOptions<S, T, C, L>,
): Promise<{ plan: EventPlan<S>; row: C }> {
  return openCase(db, o, async (opened) => {
    const { current, ctx, trx } = opened;
    const plan = planEvent(o.def, current, o.actor, o.event, o.input ?? {}, ctx);
    const extra = (await o.changes?.(current, plan, trx)) ?? {};
    const set: Record<string, unknown> = { ...extra };
    if (plan.dueAt !== undefined) set.due_at = plan.dueAt;
    const row = await writeCase(o, opened, {
      set, clocks: plan.clocks, name: plan.event, label: plan.timeline, from: plan.state, to: plan.state,
      data: { ...(typeof o.eventData === 'function' ? o.eventData() : o.eventData), ...(plan.publicText ? { publicText: plan.publicText } : {}) },
      audit: plan.audit, summary: `${o.label}「${caseName(current)}」${plan.timeline}`,
      before: { version: current.version }, after: { ...extra, note: o.input?.reason ?? undefined },
    });
    return { plan, row };
  });
}

type Bound<O> = Omit<O, 'def' | 'table' | 'caseType' | 'label' | 'load'>;

export interface BindOptions<S extends string, T extends string, C extends CaseState<S>, L> {
  def: WorkflowDef<S, T, C, L>;
  table: keyof Database & string;
  caseType: string;
  label: string;
  load?: CaseLoader<C, L>;
}

/** One runner per case type: the definition, its table and its loading step bound once. */
export function bindWorkflow<S extends string, T extends string, C extends CaseState<S>, L = unknown>(b: BindOptions<S, T, C, L>) {
  return {
    ...b,
    apply: (db: Kysely<Database>, o: Bound<ApplyOptions<S, T, C, L>>) => applyTransition<S, T, C, L>(db, { ...b, ...o }),
    fire: (db: Kysely<Database>, o: Bound<FireOptions<S, T, C, L>>) => fireEvent<S, T, C, L>(db, { ...b, ...o }),
    /** Every action the actor's role could take on the case, open or closed with its reason (the buttons). */
    available: async (db: Kysely<Database>, c: C & CaseRow, actor: Actor | 'public' | 'system'): Promise<ActionOption[]> =>
      evaluateTransitions(b.def, c, actor, b.load ? await b.load(db, c) : undefined),
    timeline: (db: Kysely<Database>, tenantId: number, id: number) => caseTimeline(db, tenantId, b.caseType, id),
    clocks: (db: Kysely<Database>, tenantId: number, id: number) => readClocks(db, tenantId, b.caseType, id),
  };
}
export type BoundWorkflow<S extends string, T extends string, C extends CaseState<S>, L = unknown> = ReturnType<typeof bindWorkflow<S, T, C, L>>;
