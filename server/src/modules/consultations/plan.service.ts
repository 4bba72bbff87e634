/**
 * 年度协商计划: the year's topics by planned month, the meetings held or planned each month, approval of the
 * plan as a whole, and the county's rhythm (新安: odd months sector activities, even months township
 * consultations) with each month that breaks it flagged, and the slots the rhythm drafts.
 */
import type { Kysely } from 'kysely';
import { TOPIC_FORMATS, TOPIC_LEVELS, TOPIC_STATES } from '@xs/core/schemas/consultations.ts';
import type { Database } from '../../db/database.ts';
import { writeAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { getSetting } from '../../platform/settings.ts';
import type { ConsultActor } from './topics.service.ts';

export const RHYTHMS = {
  none: null,
  odd_sector_even_township: { odd: { label: '界别活动', test: 'sector' }, even: { label: '乡镇协商', test: 'township' } },
} as const;

export async function annualPlan(db: Kysely<Database>, tenantId: number, year: number) {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const [topics, meetings, plan, rhythmKey] = await Promise.all([
    db.selectFrom('topics').select(['id', 'code', 'title', 'format', 'level', 'state', 'plan_month']).where('tenant_id', '=', tenantId).where('plan_year', '=', year)
      .orderBy('plan_month').orderBy('id').execute(),
    db.selectFrom('meetings').select(['id', 'kind', 'title', 'starts_at', 'state', 'place_id']).where('tenant_id', '=', tenantId).where('starts_at', '>=', from)
      .where('starts_at', '<', to).where('state', '!=', 'cancelled').orderBy('starts_at').execute(),
    db.selectFrom('consult_plans').selectAll().where('tenant_id', '=', tenantId).where('year', '=', year).executeTakeFirst(),
    getSetting(db, tenantId, 'consult.rhythm'),
  ]);
  const rhythm = RHYTHMS[rhythmKey] ?? null;
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const mt = topics.filter((t) => t.plan_month === month);
    const mm = meetings.filter((m) => Number(m.starts_at.slice(5, 7)) === month);
    const expected = rhythm ? (month % 2 === 1 ? rhythm.odd : rhythm.even) : null;
    const kept = !expected ? true : expected.test === 'sector'
      ? mt.some((t) => t.format === 'sector') || mm.some((m) => m.kind === 'sector')
      : mt.some((t) => t.level === 'township');
    return {
      month, expected: expected?.label ?? null, kept,
      topics: mt.map((t) => ({ id: t.id, code: t.code, title: t.title, formatLabel: TOPIC_FORMATS[t.format], levelLabel: TOPIC_LEVELS[t.level], stateLabel: TOPIC_STATES[t.state].label })),
      meetings: mm.map((m) => ({ id: m.id, kind: m.kind, title: m.title, startsAt: m.starts_at, state: m.state })),
    };
  });
  return {
    year, rhythm: rhythmKey, approvedAt: plan?.approved_at ?? null, approvedBy: plan?.approved_by ?? null,
    months, breaks: months.filter((m) => !m.kept).map((m) => m.month), topicCount: topics.length,
  };
}

/** The plan is approved as a whole; a plan without topics is not a plan. */
export async function approvePlan(db: Kysely<Database>, who: ConsultActor, year: number) {
  const count = await db.selectFrom('topics').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', who.tenantId).where('plan_year', '=', year).executeTakeFirstOrThrow();
  if (Number(count.n) === 0) throw new AppError('invalid_state', `${year} 年度协商计划还没有列入任何议题`);
  const existing = await db.selectFrom('consult_plans').selectAll().where('tenant_id', '=', who.tenantId).where('year', '=', year).executeTakeFirst();
  if (existing?.approved_at) throw new AppError('conflict', `${year} 年度协商计划已经审定`);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    if (existing) await trx.updateTable('consult_plans').set({ approved_at: now, approved_by: who.actor.name }).where('id', '=', existing.id).execute();
    else await trx.insertInto('consult_plans').values({ tenant_id: who.tenantId, year, approved_at: now, approved_by: who.actor.name }).execute();
    await writeAudit(trx, { tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action: 'consult_plan.approve', entity: 'consult_plan',
      entityId: year, summary: `审定 ${year} 年度协商计划（${Number(count.n)} 个议题）` });
  });
  return annualPlan(db, who.tenantId, year);
}
