/**
 * The consultation dashboard's figures, each a named definition (the city view reuses them by name):
 * what it counts, over which rows, in which period. Each returns a number or a breakdown for one county.
 */
import { sql, type Kysely } from 'kysely';
import { MEETING_KINDS, TOPIC_FORMATS, TOPIC_LEVELS, TOPIC_STATES, type ConsultFigure, type TopicState } from '@xs/core/schemas/consultations.ts';
import type { Database } from '../../db/database.ts';
import { names } from '../orgs/orgs.read.ts';

export interface Period {
  /** Inclusive, YYYY-MM-DD. */
  from: string;
  /** Inclusive, YYYY-MM-DD. */
  to: string;
}

const end = (p: Period) => `${p.to}T24`;

/** The figures, by name, with the Chinese definition the dashboard shows beside each. */
export const CONSULT_FIGURES: Record<ConsultFigure, string> = {
  'consult.topics': '协商议题：期间内新建的议题数（不含已撤销）',
  'consult.meetings': '协商活动：期间内已召开的会议和活动数（协商会、调研、视察、考察、界别活动、客厅接待日）',
  'consult.problemsSolved': '解决问题：期间内核验办结的、来自协商议题的落实事项数',
  'consult.serviceActivities': '服务群众活动：期间内已开展的服务群众活动数',
  'consult.beneficiaries': '受益群众：期间内已开展的服务群众活动登记的受益人数之和',
  'consult.published': '反馈公开：期间内公开结果的议题数',
};

function topicsIn(db: Kysely<Database>, tenantId: number, p: Period) {
  return db.selectFrom('topics').where('tenant_id', '=', tenantId).where('state', '!=', 'withdrawn').where('created_at', '>=', p.from).where('created_at', '<', end(p));
}
function heldIn(db: Kysely<Database>, tenantId: number, p: Period) {
  return db.selectFrom('meetings').where('tenant_id', '=', tenantId).where('state', '=', 'held').where('starts_at', '>=', p.from).where('starts_at', '<', end(p));
}

const n = <T extends { n: unknown }>(r: T | undefined) => Number(r?.n ?? 0);

export async function consultDashboard(db: Kysely<Database>, tenantId: number, p: Period) {
  const count = sql<number>`count(*)`.as('n');
  const [byFormat, byLevel, byState, byPlace, meetings, service, solved, published] = await Promise.all([
    topicsIn(db, tenantId, p).select(['format as key', count]).groupBy('format').execute(),
    topicsIn(db, tenantId, p).select(['level as key', count]).groupBy('level').execute(),
    topicsIn(db, tenantId, p).select(['state as key', count]).groupBy('state').execute(),
    topicsIn(db, tenantId, p).select(['place_id as key', count]).groupBy('place_id').execute(),
    heldIn(db, tenantId, p).where('kind', '!=', 'service').select(['kind as key', count]).groupBy('kind').execute(),
    heldIn(db, tenantId, p).where('kind', '=', 'service').select([count, sql<number>`coalesce(sum(beneficiaries), 0)`.as('b')]).executeTakeFirst(),
    db.selectFrom('tasks').select(count).where('tenant_id', '=', tenantId).where('parent_type', '=', 'topic').where('state', '=', 'verified')
      .where('verified_at', '>=', p.from).where('verified_at', '<', end(p)).executeTakeFirst(),
    db.selectFrom('topics').select(count).where('tenant_id', '=', tenantId).where('state', '=', 'published')
      .where('published_at', '>=', p.from).where('published_at', '<', end(p)).executeTakeFirst(),
  ]);
  const places = await names(db, tenantId, { orgs: byPlace.map((r) => r.key) });
  const sum = (rows: { n: unknown }[]) => rows.reduce((a, r) => a + Number(r.n), 0);
  return {
    period: p,
    definitions: CONSULT_FIGURES,
    figures: {
      'consult.topics': sum(byFormat),
      'consult.meetings': sum(meetings),
      'consult.problemsSolved': n(solved),
      'consult.serviceActivities': n(service),
      'consult.beneficiaries': Number((service as { b?: unknown } | undefined)?.b ?? 0),
      'consult.published': n(published),
    } satisfies Record<ConsultFigure, number>,
    byFormat: byFormat.map((r) => ({ key: r.key, label: TOPIC_FORMATS[r.key], n: Number(r.n) })),
    byLevel: byLevel.map((r) => ({ key: r.key, label: TOPIC_LEVELS[r.key], n: Number(r.n) })),
    byStage: (Object.keys(TOPIC_STATES) as TopicState[]).filter((s) => s !== 'withdrawn')
      .map((s) => ({ key: s, label: TOPIC_STATES[s].label, n: Number(byState.find((r) => r.key === s)?.n ?? 0) })),
    byTownship: byPlace.map((r) => ({ key: r.key, label: r.key ? (places.orgs.get(r.key) ?? '—') : '县级', n: Number(r.n) })).sort((a, b) => b.n - a.n),
    meetingsByKind: meetings.map((r) => ({ key: r.key, label: MEETING_KINDS[r.key], n: Number(r.n) })),
  };
}

/**
 * The list behind 'consult.problemsSolved': topic tasks verified in the period (the same rows the figure
 * counts), newest first, with the topic each belongs to.
 */
export async function solvedTasks(db: Kysely<Database>, tenantId: number, f: Period & { page: number; pageSize: number }) {
  const q = db.selectFrom('tasks as k').innerJoin('topics as t', (j) => j.onRef('t.id', '=', 'k.parent_id').onRef('t.tenant_id', '=', 'k.tenant_id'))
    .where('k.tenant_id', '=', tenantId).where('k.parent_type', '=', 'topic').where('k.state', '=', 'verified')
    .where('k.verified_at', '>=', f.from).where('k.verified_at', '<', end(f));
  const [rows, count] = await Promise.all([
    q.select(['k.id', 'k.code', 'k.title', 'k.owner_unit_id', 'k.verified_at', 'k.measure_label', 'k.measure_target', 'k.measure_current', 't.id as topic_id', 't.code as topic_code', 't.title as topic_title'])
      .orderBy('k.verified_at', 'desc').orderBy('k.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const units = await names(db, tenantId, { units: rows.map((r) => r.owner_unit_id) });
  return {
    items: rows.map((r) => ({
      id: r.id, code: r.code, title: r.title, unitName: units.units.get(r.owner_unit_id) ?? null, verifiedAt: r.verified_at,
      measure: r.measure_label ? { label: r.measure_label, target: r.measure_target, current: r.measure_current } : null,
      topic: { id: r.topic_id, code: r.topic_code, title: r.topic_title },
    })),
    total: Number(count.n), page: f.page, pageSize: f.pageSize,
  };
}
