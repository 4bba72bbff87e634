/**
 * Case types and the links between cases. Every module registers its case types here (the manifest carries
 * `caseTypes` and calls `registerCaseType`); the platform deadline job, child-case joins and case links read
 * this registry rather than a list of modules.
 */
import type { Kysely } from 'kysely';
import type { Role } from '@xs/core/roles.ts';
import type { WorkItem } from '@xs/core/schemas/work.ts';
import type { ChildRef, StateDef, WorkflowDef } from '@xs/core/workflow.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from './errors.ts';
import { runDeadlines } from './deadlines.ts';
import { defineJob } from './scheduler.ts';
import type { CaseRow } from './workflow.ts';

/** Who must act on a case now: the deadline job reminds them. */
export interface Responsible {
  unitIds?: number[];
  userIds?: number[];
  roles?: string[];
}

type LooseDb = Kysely<Record<string, CaseRow>>;

export interface CaseType {
  /** Timeline/audit name, e.g. `task`. */
  name: string;
  /** e.g. 落实事项. */
  label: string;
  table: keyof Database & string;
  /** The declared workflow; the platform reads its states and clocks. */
  def: Pick<WorkflowDef<string, string>, 'name' | 'label'> & { states: Readonly<Record<string, StateDef>>; clocks?: WorkflowDef<string, string>['clocks'] };
  /** Rows carry `parent_type` and `parent_id`: the type is a child case that join rules count. */
  child?: boolean;
  /** Who is responsible for a case in its current state, for reminders (催办). */
  responsible: (db: Kysely<Database>, row: CaseRow) => Promise<Responsible> | Responsible;
  /**
   * What the module does besides the platform's notices with each automatic reminder, in its transaction (the
   * clue texts the unit's duty phone and marks its row).
   */
  reminded?: (trx: Kysely<Database>, row: CaseRow, r: Reminder) => Promise<void>;
  /** The case's display name in notices (its code or title). */
  title?: (row: CaseRow) => string;
  /** Console path of a case, for the link in a notice. */
  path?: (row: CaseRow) => string;
  /** The same case in the unit portal, for the link in a notice to its units (who cannot open the staff page). */
  unitPath?: (row: CaseRow) => string;
  /**
   * 我的待办: this type's open cases waiting on `who` (a unit's handler, staff …), newest work first, in the
   * uniform row shape. Scoped to `who.tenantId`; a type without it simply has no work to list.
   */
  workOf?: (db: Kysely<Database>, who: WorkViewer, now: Date) => Promise<WorkItem[]>;
  /**
   * What a citizen whose report led to this case may see of it (the clue tracking page follows a clue converted
   * into it): a public title, the stage in plain words, and the public page once there is one. A type without it
   * is not shown to citizens.
   */
  publicView?: (row: CaseRow) => PublicCaseView;
}

export interface PublicCaseView {
  title: string;
  stage: string;
  /** Path of the case's public page under the H5 app (e.g. `/consultations/12`), or null while it has none. */
  path: string | null;
}

/** One automatic reminder the deadline job sent: which clock, how late, to whom. */
export interface Reminder {
  clock: string;
  /** 0 催办, 1 督办 (staff told), 2 领导督办. */
  level: number;
  /** Days past due, counting the day it ran out. */
  lateDays: number;
  dueAt: string;
  at: Date;
  target: Responsible;
}

/** Who asks for their work: the caller, in the county the request acts in. */
export interface WorkViewer {
  tenantId: number;
  userId: number;
  roles: readonly Role[];
  unitId: number | null;
  memberId: number | null;
}

const registry = new Map<string, CaseType>();

export function registerCaseType(t: CaseType): void {
  const existing = registry.get(t.name);
  if (existing && existing !== t) throw new Error(`case type ${t.name} is registered twice`);
  registry.set(t.name, t);
}

/** Overdue flags, 催办 and escalation for every registered case type's clocks. */
defineJob({ name: 'case.deadlines', label: '办理期限检查和超期催办', everyMs: 10 * 60_000, run: (db, now) => runDeadlines(db, now, caseTypes()) });

/** For a process that runs several test files (server/src/test/setup.ts): a call that forgets the case types registered since. */
export function markCaseTypes(): () => void {
  const before = new Map(registry);
  return () => {
    registry.clear();
    for (const [k, v] of before) registry.set(k, v);
  };
}

export function caseTypes(): readonly CaseType[] {
  return [...registry.values()];
}

export function caseTypeOf(name: string): CaseType | undefined {
  return registry.get(name);
}

/** A case of a registered type in the tenant, or undefined (another county's case does not exist here). */
export async function findCase(db: Kysely<Database>, tenantId: number, type: string, id: number): Promise<CaseRow | undefined> {
  const t = registry.get(type);
  if (!t) throw new Error(`case type ${type} is not registered`);
  return (await (db as unknown as LooseDb).selectFrom(t.table).selectAll().where('id', '=', id).where('tenant_id', '=', tenantId)
    .executeTakeFirst()) as CaseRow | undefined;
}

/** The children of a case across every child case type, for join rules. */
export async function childrenOf(db: Kysely<Database>, tenantId: number, parentType: string, parentId: number): Promise<ChildRef[]> {
  const out: ChildRef[] = [];
  for (const t of registry.values()) {
    if (!t.child) continue;
    const rows = await (db as unknown as LooseDb).selectFrom(t.table).select(['id', 'state']).where('tenant_id', '=', tenantId)
      .where('parent_type', '=', parentType).where('parent_id', '=', parentId).orderBy('id').execute();
    for (const r of rows) out.push({ caseType: t.name, id: r.id, state: r.state });
  }
  return out;
}

// ---- Links ----

/** Link kinds, each with its inverse: a link is stored once per direction so either case lists it. */
export const LINK_KINDS = {
  converted_into: { label: '转化为', inverse: 'converted_from' },
  converted_from: { label: '由…转化而来', inverse: 'converted_into' },
  merged_into: { label: '并入', inverse: 'merged_from' },
  merged_from: { label: '并入了', inverse: 'merged_into' },
  originated_from: { label: '源自', inverse: 'origin_of' },
  origin_of: { label: '产生了', inverse: 'originated_from' },
  same_matter_as: { label: '同一事项', inverse: 'same_matter_as' },
} as const;
export type LinkKind = keyof typeof LINK_KINDS;

export interface CaseRef {
  type: string;
  id: number;
}

export interface LinkInput {
  tenantId: number;
  from: CaseRef;
  kind: LinkKind;
  /** `id: null` when the target case does not exist yet: the link waits for it (see `completeLink`). */
  to: { type: string; id: number | null };
  note?: string | null;
  actorId?: number | null;
  now?: Date;
}

async function requireCase(db: Kysely<Database>, tenantId: number, ref: CaseRef) {
  // Types a module has not registered yet (a clue before clues join the registry) are trusted to the caller.
  if (!registry.has(ref.type)) return;
  if (!(await findCase(db, tenantId, ref.type, ref.id))) throw notFound(registry.get(ref.type)?.label ?? '案件');
}

/**
 * Link two cases both ways. Call it inside the use-case's transaction. Linking the same pair the same way
 * twice is a conflict, not a second row.
 */
export async function linkCases(db: Kysely<Database>, l: LinkInput): Promise<void> {
  if (l.to.id !== null && l.from.type === l.to.type && l.from.id === l.to.id) throw new AppError('bad_request', '不能关联到自身');
  await requireCase(db, l.tenantId, l.from);
  if (l.to.id !== null) await requireCase(db, l.tenantId, { type: l.to.type, id: l.to.id });
  const existing = await db.selectFrom('case_links').select('id').where('tenant_id', '=', l.tenantId).where('from_type', '=', l.from.type)
    .where('from_id', '=', l.from.id).where('kind', '=', l.kind).where('to_type', '=', l.to.type)
    .where((eb) => (l.to.id === null ? eb('to_id', 'is', null) : eb('to_id', '=', l.to.id))).executeTakeFirst();
  if (existing) throw new AppError('conflict', '这两个案件已经关联过了');
  const at = (l.now ?? new Date()).toISOString();
  const base = { tenant_id: l.tenantId, note: l.note ?? null, created_by: l.actorId ?? null, created_at: at };
  await db.insertInto('case_links').values({ ...base, from_type: l.from.type, from_id: l.from.id, kind: l.kind, to_type: l.to.type, to_id: l.to.id }).execute();
  if (l.to.id !== null) {
    await db.insertInto('case_links').values({ ...base, from_type: l.to.type, from_id: l.to.id, kind: LINK_KINDS[l.kind].inverse, to_type: l.from.type, to_id: l.from.id }).execute();
  }
}

/** A waiting link gets its target (the topic a clue was converted into now exists): the inverse appears too. */
export async function completeLink(db: Kysely<Database>, tenantId: number, linkId: number, toId: number): Promise<void> {
  const link = await db.selectFrom('case_links').selectAll().where('id', '=', linkId).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!link) throw notFound('关联');
  if (link.to_id !== null) throw new AppError('conflict', '该关联已有目标');
  await requireCase(db, tenantId, { type: link.to_type, id: toId });
  await db.updateTable('case_links').set({ to_id: toId }).where('id', '=', linkId).execute();
  const kind = link.kind as LinkKind;
  await db.insertInto('case_links').values({
    tenant_id: tenantId, from_type: link.to_type, from_id: toId, kind: LINK_KINDS[kind].inverse, to_type: link.from_type, to_id: link.from_id,
    note: link.note, created_by: link.created_by, created_at: link.created_at,
  }).execute();
}

/** The links of one case, oldest first. */
export async function linksOf(db: Kysely<Database>, tenantId: number, ref: CaseRef) {
  const rows = await db.selectFrom('case_links').selectAll().where('tenant_id', '=', tenantId).where('from_type', '=', ref.type)
    .where('from_id', '=', ref.id).orderBy('id').execute();
  return rows.map((r) => ({
    linkId: r.id, kind: r.kind as LinkKind, label: LINK_KINDS[r.kind as LinkKind]?.label ?? r.kind,
    to: { type: r.to_type, id: r.to_id }, note: r.note, at: r.created_at,
  }));
}

/** Links still waiting for their target, e.g. the clue conversion queue (`converted_into` a `topic`). */
export async function pendingLinks(db: Kysely<Database>, tenantId: number, kind: LinkKind, toType: string) {
  return db.selectFrom('case_links').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind).where('to_type', '=', toType)
    .where('to_id', 'is', null).orderBy('id').execute();
}
