/**
 * 会办: the co-units of a forwarded clue, each a child case of the clue (CLUE_COUNIT_WORKFLOW) with its own clock
 * (`views`, `clue.deadline.coViews` working days, never past the lead's deadline). The lead unit replies once every
 * co-unit has sent its views (the clue's `reply` join rule), or once the office stopped waiting (`waive_views`).
 * A new forwarding or a return withdraws the co-units still asked.
 */
import type { Kysely, Transaction } from 'kysely';
import { addWorkingDays, cstDate } from '@xs/core/calendar.ts';
import { CLUE_COUNIT_WORKFLOW, COUNIT_STATES, type ClueCoViews, type CounitState } from '@xs/core/schemas/clues.ts';
import type { WorkItem } from '@xs/core/schemas/work.ts';
import type { Actor } from '@xs/core/workflow.ts';
import type { Database } from '../../db/database.ts';
import type { CaseType, WorkViewer } from '../../platform/cases.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { getCalendar, getSetting } from '../../platform/settings.ts';
import { bindWorkflow, type CaseRow } from '../../platform/workflow.ts';
import { isDueSoon, isRecent } from '../../platform/work-tags.ts';
import { names } from '../orgs/orgs.read.ts';

/** The co-unit workflow bound to its table. */
export const counitRunner = bindWorkflow({ def: CLUE_COUNIT_WORKFLOW, table: 'clue_counits', caseType: 'clue_counit', label: '会办' });

/** Who asks: the caller, its county, and (in the unit portal) its unit. */
export interface CounitContext {
  tenantId: number;
  actor: Actor;
  ip: string | null;
  unitId?: number | null;
}

const OPEN: CounitState[] = ['new', 'asked'];

/** The co-units of one clue, oldest first. */
export const coUnitsOf = (db: Kysely<Database>, tenantId: number, clueId: number) =>
  db.selectFrom('clue_counits').selectAll().where('tenant_id', '=', tenantId).where('clue_id', '=', clueId).orderBy('id').execute();

/** Whether `unitId` was asked about the clue (it may then read the clue in its portal). */
export async function isCoUnit(db: Kysely<Database>, tenantId: number, clueId: number, unitId: number): Promise<boolean> {
  return !!(await db.selectFrom('clue_counits').select('id').where('tenant_id', '=', tenantId).where('clue_id', '=', clueId).where('unit_id', '=', unitId).executeTakeFirst());
}

/**
 * Ask each unit for its views on the clue, in the forwarding's transaction: a child case per unit, its clock due
 * `clue.deadline.coViews` working days on, or at the lead's deadline when that comes first.
 */
export async function askCoUnits(t: Transaction<Database>, ctx: CounitContext, clue: { id: number; code: string }, unitIds: readonly number[], leadDueAt: string | null, now: Date) {
  if (unitIds.length === 0) return;
  const [days, calendar] = await Promise.all([getSetting(t, ctx.tenantId, 'clue.deadline.coViews'), getCalendar(t, ctx.tenantId)]);
  const own = cstDate(addWorkingDays(now, days, calendar));
  const lead = leadDueAt ? cstDate(new Date(leadDueAt)) : own;
  const dueDate = [own, lead].sort()[0]!;
  for (const unitId of unitIds) {
    const row = await t.insertInto('clue_counits').values({
      tenant_id: ctx.tenantId, clue_id: clue.id, clue_code: clue.code, parent_type: 'clue', parent_id: clue.id, unit_id: unitId, state: 'new', version: 1,
      due_at: null, views: null, note: null, asked_at: now.toISOString(), viewed_at: null, viewed_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await counitRunner.apply(t, { trx: t, tenantId: ctx.tenantId, id: row.id, expectedVersion: 1, actor: ctx.actor, ip: ctx.ip, transition: 'ask', now,
      input: { fields: { dueDate } }, eventData: { unitId, clueId: clue.id } });
    await notifyUsers(t, ctx.tenantId, { unitId }, { title: '请提出会办意见', body: `线索 ${clue.code} 请贵单位会办，请于 ${dueDate} 前向主办单位提出意见`, link: `/unit/clues/${clue.id}` });
  }
}

/** End the co-units still asked: `withdraw` (a new forwarding, a return) or `waive` (the office stops waiting). Returns how many. */
export async function closeCoUnits(t: Transaction<Database>, ctx: CounitContext | { tenantId: number; actor: 'system'; ip: null }, clueId: number,
  how: 'withdraw' | 'waive', reason: string, now: Date): Promise<number> {
  const open = await t.selectFrom('clue_counits').select(['id', 'version', 'state']).where('tenant_id', '=', ctx.tenantId).where('clue_id', '=', clueId)
    .where('state', 'in', how === 'waive' ? ['asked'] : OPEN).execute();
  for (const k of open) {
    await counitRunner.apply(t, { trx: t, tenantId: ctx.tenantId, id: k.id, expectedVersion: k.version, actor: ctx.actor, ip: ctx.ip, transition: how, now,
      input: { reason }, changes: () => ({ note: reason }) });
  }
  return open.length;
}

/** A co-unit sends its views: its case moves to 已提会办意见; the lead unit and the office are told. */
export async function sendCoViews(db: Kysely<Database>, ctx: CounitContext & { unitId: number }, clueId: number, body: ClueCoViews) {
  const mine = await db.selectFrom('clue_counits').selectAll().where('tenant_id', '=', ctx.tenantId).where('clue_id', '=', clueId).where('unit_id', '=', ctx.unitId)
    .orderBy('id', 'desc').executeTakeFirst();
  if (!mine) throw notFound('线索');
  if (mine.state !== 'asked') throw new AppError('invalid_state', `本单位的会办已是「${COUNIT_STATES[mine.state].label}」，不能再提意见`);
  const now = new Date();
  await db.transaction().execute(async (t) => {
    await counitRunner.apply(db, { trx: t, tenantId: ctx.tenantId, id: mine.id, expectedVersion: body.version, actor: ctx.actor, ip: ctx.ip, transition: 'send_views', now,
      input: { fields: { views: body.views } }, changes: () => ({ views: body.views, viewed_at: now.toISOString(), viewed_by: ctx.actor.id }),
      eventData: { unitId: ctx.unitId, clueId, views: body.views } });
    const clue = await t.selectFrom('clues').select(['unit_id', 'code']).where('id', '=', clueId).where('tenant_id', '=', ctx.tenantId).executeTakeFirstOrThrow();
    const unitName = (await names(t, ctx.tenantId, { units: [ctx.unitId] })).units.get(ctx.unitId) ?? '会办单位';
    const notice = { title: '会办意见已送达', body: `线索 ${clue.code}：${unitName}已提出会办意见` };
    if (clue.unit_id) await notifyUsers(t, ctx.tenantId, { unitId: clue.unit_id }, { ...notice, link: `/unit/clues/${clueId}` });
    await notifyUsers(t, ctx.tenantId, { roles: ['staff'] }, { ...notice, link: `/clues/${clueId}` });
  });
}

/**
 * The co-units as a clue's detail shows them: all of them to the office and the lead unit (the lead reads the views
 * it must answer with), its own to a co-unit, with the actions it may take.
 */
export async function coUnitRows(db: Kysely<Database>, ctx: CounitContext, clueId: number, viewer: 'staff' | 'lead' | 'co', now = new Date()) {
  const rows = (await coUnitsOf(db, ctx.tenantId, clueId)).filter((k) => viewer !== 'co' || k.unit_id === ctx.unitId);
  const unitNames = (await names(db, ctx.tenantId, { units: rows.map((r) => r.unit_id) })).units;
  return Promise.all(rows.map(async (k) => ({
    id: k.id, unitId: k.unit_id, unitName: unitNames.get(k.unit_id) ?? '', state: k.state, stateLabel: COUNIT_STATES[k.state].label,
    dueAt: k.due_at, overdue: k.state === 'asked' && !!k.due_at && k.due_at < now.toISOString(), views: k.views, viewedAt: k.viewed_at, note: k.note,
    version: k.version,
    actions: viewer === 'co' ? (await counitRunner.available(db, k as unknown as Parameters<typeof counitRunner.available>[1], ctx.actor))
      .filter((a) => a.name === 'send_views' && a.code !== 'invalid_state') : [],
  })));
}

/** The co-units' timeline lines, for the office's and the lead's view of the clue: each line names its unit. */
export async function coUnitTimeline(db: Kysely<Database>, tenantId: number, clueId: number) {
  const rows = await coUnitsOf(db, tenantId, clueId);
  if (rows.length === 0) return [];
  const unitNames = (await names(db, tenantId, { units: rows.map((r) => r.unit_id) })).units;
  const byId = new Map(rows.map((r) => [r.id, unitNames.get(r.unit_id) ?? '会办单位']));
  const events = await db.selectFrom('case_events').selectAll().where('tenant_id', '=', tenantId).where('case_type', '=', 'clue_counit')
    .where('case_id', 'in', rows.map((r) => r.id)).orderBy('id').execute();
  return events.map((e) => ({
    // Ids of another case type: kept apart from the clue's own lines.
    id: -e.id, transition: `counit.${e.transition}`, label: `会办·${byId.get(e.case_id)}：${e.label}`, from: null, to: null, actorKind: e.actor_kind,
    actorName: e.actor_name, note: e.note, data: e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : null, at: e.at,
  }));
}

/** 我的待办 of a unit: the clues it was asked about and has not answered yet. */
async function counitWorkOf(db: Kysely<Database>, who: WorkViewer, now: Date): Promise<WorkItem[]> {
  if (!who.roles.includes('unit_handler') || who.unitId == null) return [];
  const rows = await db.selectFrom('clue_counits as k').innerJoin('clues as c', 'c.id', 'k.clue_id')
    .select(['k.id', 'k.clue_id', 'k.clue_code', 'k.due_at', 'k.asked_at', 'c.content'])
    .where('k.tenant_id', '=', who.tenantId).where('k.unit_id', '=', who.unitId).where('k.state', '=', 'asked').orderBy('k.due_at').limit(500).execute();
  const nowIso = now.toISOString();
  return rows.map((r) => {
    const overdue = !!r.due_at && r.due_at < nowIso;
    const tags: WorkItem['tags'] = [];
    if (isRecent(r.asked_at, now)) tags.push('new');
    if (overdue) tags.push('overdue');
    else if (isDueSoon(r.due_at, now)) tags.push('due_soon');
    if (tags.length === 0) tags.push('to_handle');
    const one = r.content.replace(/\s+/g, ' ').trim();
    return {
      type: 'clue_counit', typeLabel: '线索会办', id: r.id, code: r.clue_code, title: `请提会办意见：${one.length > 34 ? `${one.slice(0, 34)}…` : one}`,
      state: 'asked', stateLabel: COUNIT_STATES.asked.label, dueAt: r.due_at, overdue, link: `/unit/clues/${r.clue_id}`, tags, since: r.asked_at,
    };
  });
}

export const CLUE_COUNIT_CASE_TYPE: CaseType = {
  name: 'clue_counit', label: '线索会办', table: 'clue_counits', def: CLUE_COUNIT_WORKFLOW, child: true,
  responsible: (_db, row) => (row.state === 'asked' ? { unitIds: [Number(row.unit_id)] } : { roles: ['staff'] }),
  title: (row: CaseRow) => `线索 ${String(row.clue_code)} 的会办`,
  path: (row) => `/clues/${String(row.clue_id)}`,
  unitPath: (row) => `/unit/clues/${String(row.clue_id)}`,
  workOf: counitWorkOf,
};
