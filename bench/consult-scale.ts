/**
 * 协商议事 at scale: 15 counties × 10 years of consultations (TOPICS per county-year topics, MEETINGS meetings,
 * TASKS tasks from topics) in a scratch database (SQLite in memory, or a PostgreSQL schema when DATABASE_URL
 * names one). Then the real listTopics() (page 1 unfiltered, by format, by state, a deep page, a title search)
 * and consultDashboard() (one year, ten years), two dashboard drill-down lists, and the citizens' pages (upcoming open
 * meetings, published outcomes page 1 and 50, one outcome) for one county, REPS times each, p50/p95/p99 in ms; the bare
 * baseline is a primary-key read of one topic through the same connection in the same run.
 * Env: TOPICS (200), MEETINGS (700), TASKS (700), REPS (30).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../server/src/db/database.ts';
import { installModules } from '../server/src/modules/index.ts';
import { listTopics } from '../server/src/modules/consultations/topics.service.ts';
import { consultDashboard, solvedTasks } from '../server/src/modules/consultations/consult.figures.ts';
import { listMeetings } from '../server/src/modules/consultations/meetings.service.ts';
import { publicMeetings, publicOutcome, publicOutcomes } from '../server/src/modules/consultations/public.service.ts';
import { TopicListQuerySchema, type MeetingKind, type TopicFormat, type TopicState } from '@xs/core/schemas/consultations.ts';
import { DIALECT, scratchDb } from './lib/scratch-db.ts';
import { fmt, machine, summary } from './lib/util.ts';

const COUNTIES = 15;
const YEARS = 10;
const TOPICS = Number(process.env.TOPICS ?? 200);
const MEETINGS = Number(process.env.MEETINGS ?? 700);
const TASKS = Number(process.env.TASKS ?? 700);
const REPS = Number(process.env.REPS ?? 30);
const FORMATS: TopicFormat[] = ['special', 'sector', 'counterpart', 'proposal', 'micro', 'talk', 'invite', 'parlour'];
const STATES: TopicState[] = ['informing', 'collecting', 'proposing', 'researching', 'roundtable', 'deciding', 'implementing', 'feedback', 'published', 'published', 'published'];
const KINDS: MeetingKind[] = ['consult', 'research', 'inspection', 'study', 'sector', 'reception', 'service'];
const WORDS = ['道路', '路灯', '养老', '学前教育', '垃圾', '停车', '医疗', '供水', '文旅', '老旧小区', '农村公路', '电梯'];

installModules();
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, ${m.memGiB} GiB, node ${m.node}, load ${m.load}; ${DIALECT}`);
const { db, close } = await scratchDb();

async function batch<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function generate(db: Db) {
  const now = new Date().toISOString();
  const city = await db.insertInto('orgs').values({ parent_id: null, tenant_id: 0, kind: 'city', name: '基准市', sort: 0, code: null, created_at: now, version: 1 }).returning('id').executeTakeFirstOrThrow();
  const counties: { id: number; townships: number[]; units: number[] }[] = [];
  for (let c = 0; c < COUNTIES; c++) {
    const county = await db.insertInto('orgs').values({ parent_id: city.id, tenant_id: 0, kind: 'county', name: `基准县${c + 1}`, sort: c + 1, code: null, created_at: now, version: 1 }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('orgs').set({ tenant_id: county.id }).where('id', '=', county.id).execute();
    const townships: number[] = [];
    for (let t = 0; t < 12; t++) {
      townships.push((await db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: `乡镇${t + 1}`, sort: t, code: null, created_at: now, version: 1 }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const units: number[] = [];
    for (let u = 0; u < 20; u++) {
      units.push((await db.insertInto('units').values({ tenant_id: county.id, name: `单位${u + 1}`, kind: 'department', township_id: null, contact_name: null, contact_phone: null, active: 1, version: 1 }).returning('id').executeTakeFirstOrThrow()).id);
    }
    counties.push({ id: county.id, townships, units });
  }
  const start = Date.parse('2017-01-01T00:00:00Z');
  const span = YEARS * 365 * 86_400_000;
  const at = (i: number, n: number) => new Date(start + Math.floor((span * (i + Math.random())) / n)).toISOString();
  let seq = 0;
  for (const c of counties) {
    const nTopics = TOPICS * YEARS;
    const topics = Array.from({ length: nTopics }, (_, i) => {
      const created = at(i, nTopics);
      const state = STATES[i % STATES.length]!;
      const township = i % 3 === 0 ? null : c.townships[i % c.townships.length]!;
      return {
        tenant_id: c.id, code: `YT${created.slice(0, 4)}-${String(++seq).padStart(6, '0')}`, title: `关于${WORDS[i % WORDS.length]}问题的协商 ${i}`, description: null,
        source: 'member' as const, source_note: null, format: FORMATS[i % FORMATS.length]!, level: township ? ('township' as const) : ('county' as const), place_id: township,
        venue_id: null, state, version: 1, due_at: null, briefing: null, survey: null, approved_at: null, approved_by: null, outcome: null, report_sent_at: null,
        decision: state === 'published' ? 'adopted' : null, instruction: null, summary: state === 'published' ? '公开摘要' : null, publish_note: null, published_at: state === 'published' ? created : null, plan_year: null, plan_month: null,
        created_by: null, created_at: created,
      };
    });
    await batch(topics, (chunk) => db.insertInto('topics').values(chunk).execute());
    const ids = (await db.selectFrom('topics').select('id').where('tenant_id', '=', c.id).orderBy('id').execute()).map((r) => r.id);
    const nMeetings = MEETINGS * YEARS;
    await batch(Array.from({ length: nMeetings }, (_, i) => {
      // The last planned ones are still to come; every planned one is open to the public (the citizens' list).
      const when = i % 10 === 0 && i >= nMeetings * 0.99 ? new Date(Date.now() + (1 + (i % 60)) * 86_400_000).toISOString() : at(i, nMeetings);
      const kind = KINDS[i % KINDS.length]!;
      return {
        tenant_id: c.id, topic_id: i % 2 ? ids[i % ids.length]! : null, kind, title: `活动 ${i}`, starts_at: when, venue_id: null, place_id: c.townships[i % c.townships.length]!,
        address: null, agenda: null, open_public: i % 10 ? 0 : 1, state: i % 10 ? 'held' : 'planned', version: 1, checkin_token: randomBytes(12).toString('base64url'), minutes: '纪要', findings: null,
        beneficiaries: kind === 'service' ? 50 + (i % 300) : null, held_at: when, created_by: null, created_at: when,
      };
    }), (chunk) => db.insertInto('meetings').values(chunk).execute());
    const nTasks = TASKS * YEARS;
    await batch(Array.from({ length: nTasks }, (_, i) => {
      const when = at(i, nTasks);
      const verified = i % 4 !== 0;
      return {
        tenant_id: c.id, code: `RW${when.slice(0, 4)}-${String(++seq).padStart(7, '0')}`, title: `落实事项 ${i}`, description: null, owner_unit_id: c.units[i % c.units.length]!,
        parent_type: 'topic', parent_id: ids[i % ids.length]!, state: verified ? ('verified' as const) : ('in_progress' as const), version: 1, due_at: null, measure_label: null,
        measure_unit: null, measure_target: null, measure_current: null, created_by: null, created_at: when, verified_at: verified ? when : null,
      };
    }), (chunk) => db.insertInto('tasks').values(chunk).execute());
  }
  return counties;
}

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return summary(xs);
}

const t0 = performance.now();
const counties = await generate(db);
const [topics, meetings, tasks] = await Promise.all((['topics', 'meetings', 'tasks'] as const).map(async (t) => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)));
console.log(`generated ${topics} topics, ${meetings} meetings, ${tasks} tasks in ${fmt((performance.now() - t0) / 1000)} s`);
if (DIALECT === 'postgres') await (await import('kysely')).sql`ANALYZE`.execute(db);

const c = counties[7]!;
const one = (await db.selectFrom('topics').select('id').where('tenant_id', '=', c.id).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const q = (o: Record<string, unknown>) => TopicListQuerySchema.parse(o);
const county = { id: c.id, name: '基准县' };
const published = (await db.selectFrom('topics').select('id').where('tenant_id', '=', c.id).where('state', '=', 'published').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
const cases: [string, () => Promise<unknown>][] = [
  ['bare: one topic by primary key', () => db.selectFrom('topics').select(['id', 'title']).where('id', '=', one).executeTakeFirst()],
  ['topic list, page 1', () => listTopics(db, c.id, q({}))],
  ['topic list, format = 微协商', () => listTopics(db, c.id, q({ format: 'micro' }))],
  ['topic list, state = 督促落实', () => listTopics(db, c.id, q({ state: 'implementing' }))],
  ['topic list, township + year', () => listTopics(db, c.id, q({ placeId: c.townships[2], year: 2022 }))],
  ['topic list, page 50', () => listTopics(db, c.id, q({ page: 50 }))],
  ['topic list, title search 「养老」', () => listTopics(db, c.id, q({ q: '养老' }))],
  ['dashboard, one year', () => consultDashboard(db, c.id, { from: '2025-01-01', to: '2025-12-31' })],
  ['dashboard, ten years', () => consultDashboard(db, c.id, { from: '2017-01-01', to: '2026-12-31' })],
  ['drill: service activities, ten years, page 1', () => listMeetings(db, c.id, { from: '2017-01-01', to: '2026-12-31', state: 'held', service: 'only', page: 1, pageSize: 20 })],
  ['drill: problems solved, ten years, page 1', () => solvedTasks(db, c.id, { from: '2017-01-01', to: '2026-12-31', page: 1, pageSize: 20 })],
  ['public: upcoming open meetings', () => publicMeetings(db, county)],
  ['public: outcomes, page 1', () => publicOutcomes(db, county, { page: 1, pageSize: 10 })],
  ['public: outcomes, page 50', () => publicOutcomes(db, county, { page: 50, pageSize: 10 })],
  ['public: one outcome with its tasks', () => publicOutcome(db, county, published)],
];
console.log(`\n| query (${DIALECT}, county of ${topics / COUNTIES} topics) | p50 | p95 | p99 |\n|---|---|---|---|`);
for (const [label, fn] of cases) {
  const s = await time(fn);
  console.log(`| ${label} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} |`);
}
await close();
