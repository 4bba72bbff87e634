/**
 * 协商议题 use-cases: create (from a clue conversion, a proposal, 党政点题 …), list and export, detail with the
 * stage bar and every button's reason, and the eight steps' events and transitions on the engine.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '@xs/core/workflow.ts';
import {
  DECISIONS, MEETING_KINDS, RESEARCH_KINDS, ROUNDTABLE_KINDS, TOPIC_FORMATS, TOPIC_LEVELS, TOPIC_SOURCES, TOPIC_STAGES, TOPIC_STATES, TOPIC_WORKFLOW,
  type TopicAction, type TopicCase, type TopicContext, type TopicCreate, type TopicListQuery, type TopicTransition,
} from '@xs/core/schemas/consultations.ts';
import { TASK_STATES } from '@xs/core/schemas/tasks.ts';
import type { Database } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { childrenOf, linksOf, type CaseType } from '../../platform/cases.ts';
import { writeAudit } from '../../platform/audit.ts';
import { contains } from '../../platform/like.ts';
import { enqueueMessage, notifyUsers } from '../../platform/notify.ts';
import { defineSettings, enumSetting, numberSetting, type SettingValuesOf } from '../../platform/settings.ts';
import { bindWorkflow, type CaseRow } from '../../platform/workflow.ts';
import { names, venueOf } from '../orgs/orgs.read.ts';
import { clueBrief, clueContacts, completeClueLink, linkedClueIds, provenClue } from './clue-source.ts';
import type { TopicsTable } from './consultations.table.ts';

type TopicRow = Selectable<TopicsTable>;

const group = '协商议事';
export const CONSULT_SETTINGS = defineSettings({
  'consult.decision.days': numberSetting({ label: '协商成果报送后党政决议时限', group, default: 30, min: 1, max: 365, unit: '个工作日',
    description: '协商成果报送党委政府后，须在这么多个工作日内登记决议，逾期提醒机关工作人员跟进。' }),
  'consult.publish.days': numberSetting({ label: '督促落实后反馈公开时限', group, default: 15, min: 1, max: 365, unit: '个工作日',
    description: '进入反馈公开后，须在这么多个工作日内公开协商结果。' }),
  'consult.rhythm': enumSetting({ label: '协商工作节奏', group, default: 'none',
    options: [{ value: 'none', label: '不设固定节奏' }, { value: 'odd_sector_even_township', label: '单月界别活动、双月乡镇协商（新安县）' }],
    description: '年度协商计划按此节奏排月，偏离的月份在计划视图中标出。' }),
});

declare module '../../platform/settings.ts' {
  interface SettingValues extends SettingValuesOf<typeof CONSULT_SETTINGS> {}
}

/** What the gates read: linked clues, held research and roundtables, answered Q&A, the tasks. */
async function loadTopicContext(db: Kysely<Database>, c: TopicCase & CaseRow): Promise<TopicContext> {
  const [children, clues, meetings, answered] = await Promise.all([
    childrenOf(db, c.tenant_id, 'topic', c.id),
    linkedClueIds(db, c.tenant_id, c.id),
    db.selectFrom('meetings').select(['kind', 'minutes', 'findings']).where('tenant_id', '=', c.tenant_id).where('topic_id', '=', c.id).where('state', '=', 'held').execute(),
    db.selectFrom('meeting_qa as q').innerJoin('meetings as m', 'm.id', 'q.meeting_id').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('m.tenant_id', '=', c.tenant_id).where('m.topic_id', '=', c.id).where('m.state', '=', 'held').where('q.answer', 'is not', null).executeTakeFirstOrThrow(),
  ]);
  return {
    children,
    clues: clues.length,
    research: meetings.filter((m) => RESEARCH_KINDS.includes(m.kind) && !!m.findings).length,
    roundtables: meetings.filter((m) => ROUNDTABLE_KINDS.includes(m.kind) && !!m.minutes).length,
    answered: Number(answered.n),
  };
}

export const topicRunner = bindWorkflow({ def: TOPIC_WORKFLOW, table: 'topics', caseType: 'topic', label: '协商议题', load: loadTopicContext });

export const TOPIC_CASE_TYPE: CaseType = {
  name: 'topic', label: '协商议题', table: 'topics', def: TOPIC_WORKFLOW,
  responsible: () => ({ roles: ['staff'] }),
  title: (row) => `${String(row.code)} ${String(row.title)}`,
  path: (row) => `/consultations/topics/${row.id}`,
  // The reporter of a converted clue follows the topic by its title and stage (no names: the title is staff's wording).
  publicView: (row) => ({ title: String(row.title), stage: TOPIC_WORKFLOW.states[row.state as keyof typeof TOPIC_WORKFLOW.states]?.label ?? '',
    // Once published the outcome has its public page (the same link as the SMS to the reporters).
    path: row.state === 'published' ? `/outcomes/${row.id}?c=${row.tenant_id}` : null }),
};

export interface ConsultActor {
  tenantId: number;
  actor: Actor;
  ip?: string | null;
}

export async function checkPlaceVenue(db: Kysely<Database>, tenantId: number, input: { placeId?: number | null; venueId?: number | null }, path = '') {
  const issues: { path: string; message: string }[] = [];
  if (input.placeId) {
    const place = await db.selectFrom('orgs').select('id').where('id', '=', input.placeId).where('tenant_id', '=', tenantId).where('kind', 'in', ['township', 'village']).executeTakeFirst();
    if (!place) issues.push({ path: `${path}placeId`, message: '乡镇或村不存在' });
  }
  if (input.venueId && !(await venueOf(db, tenantId, input.venueId))) issues.push({ path: `${path}venueId`, message: '阵地不存在' });
  return issues;
}

/** A new topic in 知情明政; from a clue conversion it completes the clue's waiting link, so the clue follows the topic. */
export async function createTopic(db: Kysely<Database>, who: ConsultActor, input: TopicCreate) {
  const issues = await checkPlaceVenue(db, who.tenantId, input);
  if (input.source === 'clue' && !input.clueLinkId) issues.push({ path: 'clueLinkId', message: '来源为民意线索时请选择待转化的线索' });
  if (issues.length) throw invalid(issues);
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const created = await trx.insertInto('topics').values({
      tenant_id: who.tenantId, code: `tmp-${randomBytes(8).toString('hex')}`, title: input.title, description: input.description, source: input.source,
      source_note: input.sourceNote, format: input.format, level: input.level, place_id: input.placeId, venue_id: input.venueId, state: 'informing',
      version: 1, due_at: null, briefing: null, survey: null, approved_at: null, approved_by: null, outcome: null, report_sent_at: null, decision: null,
      instruction: null, summary: null, publish_note: null, published_at: null, plan_year: input.planYear, plan_month: input.planMonth,
      created_by: who.actor.id, created_at: now.toISOString(),
    }).returning('id').executeTakeFirstOrThrow();
    const code = `YT${now.getFullYear()}-${String(created.id).padStart(4, '0')}`;
    await trx.updateTable('topics').set({ code }).where('id', '=', created.id).execute();
    const clueId = input.clueLinkId ? await completeClueLink(trx, who.tenantId, input.clueLinkId, created.id) : null;
    await trx.insertInto('case_events').values({
      tenant_id: who.tenantId, case_type: 'topic', case_id: created.id, transition: 'create', label: '新建议题', from_state: 'informing', to_state: 'informing',
      actor_kind: 'user', actor_id: who.actor.id, actor_name: who.actor.name, note: null, data_json: clueId ? JSON.stringify({ clueId }) : null, at: now.toISOString(),
    }).execute();
    await writeAudit(trx, {
      tenantId: who.tenantId, actorId: who.actor.id, actorName: who.actor.name, ip: who.ip ?? null, action: 'topic.create', entity: 'topic', entityId: created.id,
      summary: `新建协商议题「${code} ${input.title}」（${TOPIC_FORMATS[input.format]}）`, after: { ...input },
    });
    return { id: created.id, code };
  });
}

async function visibleTopic(db: Kysely<Database>, tenantId: number, id: number): Promise<TopicRow> {
  const row = await db.selectFrom('topics').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) throw notFound('协商议题');
  return row;
}

function listQuery(db: Kysely<Database>, tenantId: number, f: Partial<TopicListQuery>) {
  let q = db.selectFrom('topics as t').where('t.tenant_id', '=', tenantId);
  if (f.state) q = q.where('t.state', '=', f.state);
  if (f.format) q = q.where('t.format', '=', f.format);
  if (f.level) q = q.where('t.level', '=', f.level);
  if (f.source) q = q.where('t.source', '=', f.source);
  if (f.placeId === 0) q = q.where('t.place_id', 'is', null);
  else if (f.placeId) q = q.where('t.place_id', '=', f.placeId);
  if (f.active) q = q.where('t.state', '!=', 'withdrawn');
  if (f.year) q = q.where('t.created_at', '>=', `${f.year}-01-01`).where('t.created_at', '<', `${f.year + 1}-01-01`);
  if (f.from) q = q.where('t.created_at', '>=', f.from);
  if (f.to) q = q.where('t.created_at', '<', `${f.to}T24`);
  if (f.publishedFrom) q = q.where('t.published_at', '>=', f.publishedFrom);
  if (f.publishedTo) q = q.where('t.published_at', '<', `${f.publishedTo}T24`);
  if (f.q) q = q.where((eb) => eb.or([contains('t.title', f.q!), contains('t.code', f.q!)]));
  return q;
}

const LIST_COLUMNS = ['t.id', 't.code', 't.title', 't.source', 't.format', 't.level', 't.place_id', 't.venue_id', 't.state', 't.version', 't.due_at', 't.created_at', 't.published_at', 't.plan_year', 't.plan_month'] as const;

export async function listTopics(db: Kysely<Database>, tenantId: number, f: TopicListQuery) {
  const q = listQuery(db, tenantId, f);
  const [rows, count] = await Promise.all([
    q.select(LIST_COLUMNS).orderBy('t.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const n = await names(db, tenantId, { orgs: rows.map((r) => r.place_id), venues: rows.map((r) => r.venue_id) });
  return { items: rows.map((r) => toItem(r, n)), total: Number(count.n), page: f.page, pageSize: f.pageSize };
}

/** Every matching topic for the Excel export (capped). */
export async function exportTopics(db: Kysely<Database>, tenantId: number, f: Partial<TopicListQuery>) {
  const rows = await listQuery(db, tenantId, f).select(LIST_COLUMNS).orderBy('t.id', 'desc').limit(20_000).execute();
  const n = await names(db, tenantId, { orgs: rows.map((r) => r.place_id), venues: rows.map((r) => r.venue_id) });
  return rows.map((r) => toItem(r, n));
}

type ListRow = Pick<TopicRow, 'id' | 'code' | 'title' | 'source' | 'format' | 'level' | 'place_id' | 'venue_id' | 'state' | 'version' | 'due_at' | 'created_at' | 'published_at' | 'plan_year' | 'plan_month'>;
function toItem(r: ListRow, n: Awaited<ReturnType<typeof names>>) {
  return {
    id: r.id, code: r.code, title: r.title, source: r.source, sourceLabel: TOPIC_SOURCES[r.source], format: r.format, formatLabel: TOPIC_FORMATS[r.format],
    level: r.level, levelLabel: TOPIC_LEVELS[r.level], placeId: r.place_id, placeName: r.place_id ? (n.orgs.get(r.place_id) ?? null) : null,
    venueId: r.venue_id, venueName: r.venue_id ? (n.venues.get(r.venue_id) ?? null) : null, state: r.state, stateLabel: TOPIC_STATES[r.state].label,
    stage: TOPIC_STAGES.indexOf(r.state), version: r.version, dueAt: r.due_at, createdAt: r.created_at, publishedAt: r.published_at,
    planYear: r.plan_year, planMonth: r.plan_month,
  };
}

/** One topic: its fields, stage bar, every button with its reason, meetings, Q&A, tasks, links and timeline. */
export async function topicDetail(db: Kysely<Database>, who: ConsultActor, id: number) {
  const row = await visibleTopic(db, who.tenantId, id);
  const [meetings, tasks, links, timeline, clocks, actions] = await Promise.all([
    db.selectFrom('meetings').select(['id', 'kind', 'title', 'starts_at', 'state', 'minutes', 'findings', 'beneficiaries']).where('tenant_id', '=', who.tenantId)
      .where('topic_id', '=', id).orderBy('starts_at').execute(),
    db.selectFrom('tasks as t').innerJoin('units as u', 'u.id', 't.owner_unit_id')
      .select(['t.id', 't.code', 't.title', 't.state', 't.due_at', 't.measure_label', 't.measure_target', 't.measure_current', 'u.name as unit_name'])
      .where('t.tenant_id', '=', who.tenantId).where('t.parent_type', '=', 'topic').where('t.parent_id', '=', id).orderBy('t.id').execute(),
    linksOf(db, who.tenantId, { type: 'topic', id }),
    topicRunner.timeline(db, who.tenantId, id),
    topicRunner.clocks(db, who.tenantId, id),
    topicRunner.available(db, row as unknown as TopicCase & CaseRow, who.actor),
  ]);
  const qa = meetings.length
    ? await db.selectFrom('meeting_qa').selectAll().where('tenant_id', '=', who.tenantId).where('meeting_id', 'in', meetings.map((m) => m.id)).orderBy('id').execute()
    : [];
  const clueIds = links.filter((l) => l.to.type === 'clue' && l.to.id !== null).map((l) => l.to.id as number);
  const [n, briefs] = await Promise.all([
    names(db, who.tenantId, { orgs: [row.place_id], venues: [row.venue_id], units: qa.map((q) => q.unit_id) }),
    clueBrief(db, who.tenantId, clueIds),
  ]);
  return {
    ...toItem(row, n), description: row.description, sourceNote: row.source_note, briefing: row.briefing, survey: row.survey,
    approvedAt: row.approved_at, approvedBy: row.approved_by, outcome: row.outcome, reportSentAt: row.report_sent_at,
    decision: row.decision, decisionLabel: row.decision ? (DECISIONS[row.decision as keyof typeof DECISIONS] ?? row.decision) : null,
    instruction: row.instruction, summary: row.summary, publishNote: row.publish_note,
    stages: TOPIC_STAGES.map((s) => ({ state: s, label: TOPIC_STATES[s].label })),
    meetings: meetings.map((m) => ({ id: m.id, kind: m.kind, kindLabel: MEETING_KINDS[m.kind], title: m.title, startsAt: m.starts_at, state: m.state, hasMinutes: !!m.minutes, hasFindings: !!m.findings, beneficiaries: m.beneficiaries })),
    qa: qa.map((q) => ({ id: q.id, meetingId: q.meeting_id, question: q.question, askedBy: q.asked_by, unitName: q.unit_id ? (n.units.get(q.unit_id) ?? null) : null, answer: q.answer, commitment: q.commitment, taskId: q.task_id })),
    tasks: tasks.map((t) => ({ id: t.id, code: t.code, title: t.title, state: t.state, stateLabel: TASK_STATES[t.state].label, dueAt: t.due_at, unitName: t.unit_name,
      measure: t.measure_label ? { label: t.measure_label, target: t.measure_target, current: t.measure_current } : null })),
    links: links.map((l) => ({ ...l, clueCode: l.to.type === 'clue' && l.to.id ? (briefs.get(l.to.id)?.code ?? null) : null })),
    clocks: Object.entries(clocks).map(([name, c]) => ({ name, label: TOPIC_WORKFLOW.clocks?.[name]?.label ?? name, ...c })),
    actions: actions.filter((a) => a.code !== 'invalid_state'),
    timeline,
  };
}

const EVENT_FIELDS: Record<string, (b: TopicAction) => Record<string, unknown>> = {
  brief: (b) => ({ briefing: b.briefing }),
  survey: (b) => ({ survey: b.survey }),
  approve: () => ({}),
  outcome: (b) => ({ outcome: b.outcome }),
  submit_report: () => ({}),
  record_decision: (b) => ({ decision: b.decision, instruction: b.instruction }),
  summarize: (b) => ({ summary: b.summary, publishNote: b.publishNote }),
};

/** A step's event (briefing, survey, approval, outcome, report, decision, summary) or a stage transition. */
export async function actOnTopic(db: Kysely<Database>, who: ConsultActor, id: number, name: string, body: TopicAction) {
  await visibleTopic(db, who.tenantId, id);
  const now = new Date();
  const at = now.toISOString();
  const common = { tenantId: who.tenantId, id, expectedVersion: body.version, actor: who.actor, ip: who.ip, now };
  if (TOPIC_WORKFLOW.events?.[name]) {
    const fields = EVENT_FIELDS[name]!(body);
    await topicRunner.fire(db, {
      ...common, event: name, input: { reason: body.reason ?? null, fields }, eventData: Object.fromEntries(Object.entries(fields).filter(([, v]) => v != null)),
      changes: () => {
        switch (name) {
          case 'brief': return { briefing: body.briefing };
          case 'survey': return { survey: body.survey };
          case 'approve': return { approved_at: at, approved_by: who.actor.name };
          case 'outcome': return { outcome: body.outcome };
          case 'submit_report': return { report_sent_at: at };
          case 'record_decision': return { decision: body.decision, instruction: body.instruction ?? null };
          case 'summarize': return { summary: body.summary, publish_note: body.publishNote ?? null };
          default: return {};
        }
      },
    });
  } else {
    if (!(name in TOPIC_WORKFLOW.transitions)) throw new AppError('bad_request', `没有「${name}」这个操作`);
    const transition = name as TopicTransition;
    const { row } = await topicRunner.apply(db, {
      ...common, transition, input: { reason: body.reason ?? null },
      changes: (_c, plan) => (plan.to === 'published' ? { published_at: at } : {}),
    });
    if (transition === 'publish') await tellCitizens(db, row as unknown as TopicRow);
  }
  return topicDetail(db, who, id);
}

/** On publishing: every citizen of a linked clue gets an SMS through the outbox; staff get an in-app notice. */
async function tellCitizens(db: Kysely<Database>, row: TopicRow) {
  const contacts = await clueContacts(db, row.tenant_id, await linkedClueIds(db, row.tenant_id, row.id));
  for (const c of contacts) {
    await enqueueMessage(db, { tenantId: row.tenant_id, channel: 'sms', recipient: c.phone, template: 'topic.published',
      payload: { clueCode: c.code, topic: row.title, link: `/h5/outcomes/${row.id}?c=${row.tenant_id}` } });
  }
  await notifyUsers(db, row.tenant_id, { roles: ['staff'] }, { title: '协商结果已公开', body: `${row.code}「${row.title}」已反馈公开，已通知 ${contacts.length} 位反映人`, link: `/consultations/topics/${row.id}` });
}

export const TOPIC_RATINGS = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;

/** The citizen of a linked clue rates the published outcome, once, proving the clue with its code and secret. */
export async function rateTopic(db: Kysely<Database>, tenantId: number, id: number, body: { code: string; secret: string; rating: keyof typeof TOPIC_RATINGS }) {
  const row = await db.selectFrom('topics').select(['id', 'title']).where('id', '=', id).where('tenant_id', '=', tenantId).where('state', '=', 'published').executeTakeFirst();
  if (!row) throw notFound('协商结果');
  const clue = await provenClue(db, tenantId, body.code, body.secret);
  if (!(await linkedClueIds(db, tenantId, id)).includes(clue.id)) throw new AppError('forbidden', '只有反映了该问题的群众可以评价这个协商结果');
  const done = await db.selectFrom('topic_ratings').select('id').where('topic_id', '=', id).where('clue_id', '=', clue.id).executeTakeFirst();
  if (done) throw new AppError('conflict', '您已经评价过这个协商结果');
  await db.insertInto('topic_ratings').values({ tenant_id: tenantId, topic_id: id, clue_id: clue.id, rating: body.rating, created_at: new Date().toISOString() }).execute();
  return { rated: body.rating, label: TOPIC_RATINGS[body.rating] };
}
