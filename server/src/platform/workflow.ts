/**
 * Apply a declared workflow transition to a case row: one transaction that re-reads the case,
 * checks its version (a stale version is a 409), plans with the pure engine, updates the row,
 * and writes the timeline event and the audit entry. Notifications belong after commit, to the caller.
 */
import type { Kysely, Transaction } from 'kysely';
import { planTransition, type Actor, type CaseState, type TransitionInput, type TransitionPlan, type WorkflowDef } from '@xs/core/workflow.ts';
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

export interface ApplyOptions<S extends string, T extends string, C extends CaseState<S>> {
  def: WorkflowDef<S, T, C>;
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

export async function applyTransition<S extends string, T extends string, C extends CaseState<S>>(
  db: Kysely<Database>,
  o: ApplyOptions<S, T, C>,
): Promise<{ plan: TransitionPlan<S>; row: C }> {
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
    const plan = planTransition(o.def, current, o.actor, o.transition, o.input ?? {}, { now, calendar, setting });
    const extra = (await o.changes?.(current, plan, trx)) ?? {};
    const set: Record<string, unknown> = { ...extra, state: plan.to, version: current.version + 1 };
    if (plan.dueAt !== undefined) set.due_at = plan.dueAt;
    const res = await t.updateTable(o.table).set(set).where('id', '=', o.id).where('tenant_id', '=', o.tenantId)
      .where('version', '=', current.version).executeTakeFirst();
    if (affected(res) === 0) throw new AppError('stale_version', `该${o.label}刚刚已被他人处理，请刷新后再试`);
    const actorName = typeof o.actor === 'object' ? o.actor.name : (o.actorName ?? (o.actor === 'public' ? '群众' : '系统'));
    const actorId = typeof o.actor === 'object' ? o.actor.id : null;
    await trx.insertInto('case_events').values({
      tenant_id: o.tenantId, case_type: o.caseType, case_id: o.id, transition: plan.transition, label: plan.label,
      from_state: plan.from, to_state: plan.to, actor_kind: typeof o.actor === 'object' ? 'user' : o.actor, actor_id: actorId,
      actor_name: actorName, note: o.input?.reason ?? null, data_json: eventJson(o.eventData), at: now.toISOString(),
    }).execute();
    await writeAudit(trx, {
      tenantId: o.tenantId, actorId, actorName, ip: o.ip ?? null, action: `${o.caseType}.${plan.transition}`, entity: o.caseType, entityId: o.id,
      summary: `${o.label}「${String(current.code ?? current.title ?? o.id)}」${plan.label}：${o.def.states[plan.from].label} → ${o.def.states[plan.to].label}`,
      before: { state: plan.from, version: current.version }, after: { state: plan.to, ...extra, note: o.input?.reason ?? undefined },
    });
    const row = (await t.selectFrom(o.table).selectAll().where('id', '=', o.id).executeTakeFirstOrThrow()) as C;
    return { plan, row };
  };
  return o.trx ? run(o.trx) : db.transaction().execute(run);
}

function eventJson(data: ApplyOptions<string, string, CaseState>['eventData']): string | null {
  const value = typeof data === 'function' ? data() : data;
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
