/**
 * 提案 at scale: one county with 20 years of sessions (4 terms × 5 plenaries), ≈ 15,000 proposals in every state
 * and ≈ 60,000 assignments (lead, co- and separate units), with proposers, evaluations (some 不满意) and the
 * engine's clocks (some running late), in a scratch database (SQLite in memory, or a PostgreSQL schema of its own
 * when DATABASE_URL names one); OTHERS smaller counties beside it, so every query has to keep to its county.
 * Titles, 案由 and 建议 are drawn from a vocabulary of county matters and indexed by the real segmenter, so the
 * searches find realistic shares.
 *
 * Then the real app on that database listens on 127.0.0.1, and one staff client asks it over HTTP (fetch, keep-alive,
 * one request at a time), REPS times after 3 warm-ups: the proposal list (page 1; by session, state, category,
 * all three; a deep page), full-text searches, the 超期 and 不满意 lists, and the dashboard (one session, one term,
 * all 20 years). Bare baselines in the same run: GET /api/health (one-row read, no session) and GET
 * /api/v1/proposal-sessions (a session check and a 20-row read), over the same HTTP, and a primary-key read in-process.
 * Last, 20 registrations (立案) sent at once, twice (a session with no number yet, and the current session): they
 * must take 20 distinct consecutive numbers.
 * Env: PER_SESSION (750), OTHERS (2), REPS (30); ONLY (a regular expression: time only those requests); PROFILE=1 (print each request's
 * costliest statements).
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { sql, type KyselyPlugin } from 'kysely';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { installModules } from '../server/src/modules/index.ts';
import { hashPassword } from '../server/src/platform/auth.ts';
import { searchTokens } from '../server/src/platform/search/segment.ts';
import type { AssignmentRole, AssignmentState, EvaluationLevel, ProposalState } from '@xs/core/schemas/proposals.ts';
import { DIALECT, scratchDb } from './lib/scratch-db.ts';
import { fmt, machine, summary } from './lib/util.ts';

const PER_SESSION = Number(process.env.PER_SESSION ?? 750);
const OTHERS = Number(process.env.OTHERS ?? 2);
const REPS = Number(process.env.REPS ?? 30);
const PASSWORD = 'Bench@2026';
const FIRST_YEAR = 2007;
const YEARS = 20;
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CATEGORIES = ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设', '其他'];
const VERBS = ['加快', '加强', '完善', '推进', '优化', '解决', '提升', '规范', '支持', '健全'];
const PLACES = ['城区', '农村', '乡镇', '县城', '山区', '老旧小区', '产业园区', '学校周边', '景区', '集镇'];
const TOPICS: [string, string][] = [
  ['停车位建设', '社会建设'], ['养老服务体系', '社会建设'], ['学前教育资源', '社会建设'], ['农村公路养护', '经济建设'], ['生活垃圾分类', '生态文明建设'],
  ['医疗卫生服务', '社会建设'], ['饮水安全保障', '社会建设'], ['文旅融合发展', '文化建设'], ['既有住宅加装电梯', '社会建设'], ['路灯照明设施', '社会建设'],
  ['中小企业融资', '经济建设'], ['乡村振兴人才', '经济建设'], ['义务教育均衡发展', '社会建设'], ['食品安全监管', '政治建设'], ['河道综合治理', '生态文明建设'],
  ['特色农业产业', '经济建设'], ['农村电商物流', '经济建设'], ['高校毕业生就业创业', '社会建设'], ['婴幼儿托育服务', '社会建设'], ['智慧交通建设', '经济建设'],
  ['非物质文化遗产保护', '文化建设'], ['基层社会治理', '政治建设'], ['营商环境', '经济建设'], ['森林防火', '生态文明建设'], ['公共文化场馆', '文化建设'],
];
const PROBLEMS = ['群众反映强烈', '长期得不到解决', '与群众期盼仍有差距', '存在安全隐患', '投入不足', '管理机制不健全', '覆盖面不广', '供需矛盾突出'];
const MEASURES = ['建立长效机制', '加大财政投入', '明确责任分工', '引入社会资本', '开展专项整治', '制定配套政策', '加强督促检查', '推行试点示范'];

installModules();
const m = machine();
console.log(`machine: ${m.nproc} × ${m.cpu}, ${m.memGiB} GiB, node ${m.node}, load ${m.load}; ${DIALECT}`);
const { db, close } = await scratchDb();

let rand = 20261205;
/** A seeded generator, so both databases get the same data. */
const rnd = () => ((rand = (rand * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));

async function batch<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
const iso = (ms: number) => new Date(ms).toISOString();
const DAY = 86_400_000;

/** What a session's proposals look like by its age: the current one in every state, older ones finished. */
function stateFor(yearsAgo: number): ProposalState {
  const r = rnd();
  if (yearsAgo === 0) {
    const mix: [ProposalState, number][] = [['draft', 0.03], ['cosigning', 0.03], ['submitted', 0.08], ['registered', 0.06], ['assigned', 0.4], ['replied', 0.15],
      ['rehandling', 0.03], ['closed', 0.12], ['not_registered', 0.06], ['merged', 0.04]];
    let acc = 0;
    for (const [s, p] of mix) if (r < (acc += p)) return s;
    return 'closed';
  }
  if (yearsAgo === 1) return r < 0.05 ? 'assigned' : r < 0.1 ? 'replied' : r < 0.12 ? 'rehandling' : r < 0.18 ? 'not_registered' : r < 0.21 ? 'merged' : 'closed';
  return r < 0.06 ? 'not_registered' : r < 0.1 ? 'merged' : 'closed';
}

interface County { id: number; sessions: { id: number; name: string; year: number; termId: number }[]; units: number[]; members: number[]; staffUser: string }

async function county(name: string, years: number, seq: number): Promise<County> {
  const now = new Date().toISOString();
  const city = (await db.selectFrom('orgs').select('id').where('kind', '=', 'city').executeTakeFirst())?.id
    ?? (await db.insertInto('orgs').values({ parent_id: null, tenant_id: 0, kind: 'city', name: '基准市', sort: 0, code: null, created_at: now, version: 1 }).returning('id').executeTakeFirstOrThrow()).id;
  const c = await db.insertInto('orgs').values({ parent_id: city, tenant_id: 0, kind: 'county', name, sort: seq, code: null, created_at: now, version: 1 }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('orgs').set({ tenant_id: c.id }).where('id', '=', c.id).execute();
  const units: number[] = [];
  for (let u = 0; u < 60; u++) {
    units.push((await db.insertInto('units').values({ tenant_id: c.id, name: `${name}单位${u + 1}`, kind: 'department', township_id: null, contact_name: null, contact_phone: null, active: 1, version: 1 })
      .returning('id').executeTakeFirstOrThrow()).id);
  }
  const sectors: number[] = [];
  for (let s = 0; s < 30; s++) sectors.push((await db.insertInto('sectors').values({ tenant_id: c.id, name: `界别${s + 1}`, sort: s }).returning('id').executeTakeFirstOrThrow()).id);
  await batch(Array.from({ length: 300 }, (_, i) => ({
    tenant_id: c.id, name: `委员${seq}-${i + 1}`, gender: null, phone: null, sector_id: sectors[i % sectors.length]!, township_id: null, term: '第四届', title: null,
    status: i % 20 === 0 ? 'left' as const : 'active' as const, version: 1, created_at: now,
  })), (chunk) => db.insertInto('members').values(chunk).execute());
  const members = (await db.selectFrom('members').select('id').where('tenant_id', '=', c.id).orderBy('id').execute()).map((r) => r.id);
  const hash = await hashPassword(PASSWORD, { memoryCost: 64, timeCost: 1 });
  const staffUser = `bench.staff${seq}`;
  await db.insertInto('users').values({
    tenant_id: c.id, username: staffUser, display_name: '提案委', phone: null, password_hash: hash, roles: JSON.stringify(['staff']), unit_id: null, member_id: null,
    active: 1, failed_logins: 0, locked_until: null, password_changed_at: now, last_login_at: null, created_at: now, version: 1,
  }).execute();
  const sessions: County['sessions'] = [];
  const lastYear = FIRST_YEAR + YEARS - 1;
  for (let y = lastYear - years + 1; y <= lastYear; y++) {
    const t = Math.floor((y - FIRST_YEAR) / 5);
    const termName = `第${CN[t]}届`;
    let term = await db.selectFrom('proposal_terms').select('id').where('tenant_id', '=', c.id).where('number', '=', t + 1).executeTakeFirst();
    term ??= await db.insertInto('proposal_terms').values({ tenant_id: c.id, number: t + 1, name: termName, start_year: FIRST_YEAR + t * 5, end_year: FIRST_YEAR + t * 5 + 4, created_at: now })
      .returning('id').executeTakeFirstOrThrow();
    const n = ((y - FIRST_YEAR) % 5) + 1;
    const sName = `${CN[t]}届${CN[n - 1]}次会议`;
    const s = await db.insertInto('proposal_sessions').values({ tenant_id: c.id, term_id: term.id, number: n, name: sName, opens_on: `${y}-01-10`, deadline_on: `${y}-01-13`, created_at: now })
      .returning('id').executeTakeFirstOrThrow();
    sessions.push({ id: s.id, name: sName, year: y, termId: term.id });
  }
  return { id: c.id, sessions, units, members, staffUser };
}

/** The proposals of one session with their proposers, assignments, clocks and evaluations. */
async function fill(c: County, s: County['sessions'][number], n: number, nowMs: number) {
  const yearsAgo = FIRST_YEAR + YEARS - 1 - s.year;
  const opens = Date.parse(`${s.year}-01-10T00:00:00+08:00`);
  // The current session opened a few months ago, whatever today's date is, so its clocks are partly running late.
  const base = yearsAgo === 0 ? nowMs - 150 * DAY : opens;
  let number = 0;
  const proposals = Array.from({ length: n }, (_, i) => {
    const [topic, category] = pick(TOPICS);
    const title = `关于${pick(VERBS)}${pick(PLACES)}${topic}的建议`;
    const reason = `目前我县${pick(PLACES)}${topic}${pick(PROBLEMS)}，${pick(PROBLEMS)}。`;
    const suggestion = `一是${pick(MEASURES)}；二是${pick(MEASURES)}；三是${pick(MEASURES)}。`;
    const state = stateFor(yearsAgo);
    const registered = ['registered', 'assigned', 'replied', 'rehandling', 'closed'].includes(state);
    const num = registered ? ++number : null;
    const submitted = base - 20 * DAY + Math.floor(rnd() * 25 * DAY);
    const authorKind = rnd() < 0.3 ? 'joint' as const : rnd() < 0.08 ? 'sector' as const : 'member' as const;
    return {
      tenant_id: c.id, session_id: s.id, number: num, code: num ? `${s.name}第${num}号` : `草稿${s.id}-${i}`, title, category: rnd() < 0.9 ? category : pick(CATEGORIES),
      reason, suggestion, author_kind: authorKind, sector_id: null, committee_id: null, party_name: null, lead_member_id: pick(c.members),
      timing: rnd() < 0.7 ? 'plenary' as const : 'regular' as const, state, version: 3, due_at: null, year: s.year,
      submitted_at: state === 'draft' ? null : iso(submitted), registered_at: registered ? iso(submitted + 10 * DAY) : null,
      replied_at: ['replied', 'rehandling', 'closed'].includes(state) ? iso(submitted + 80 * DAY) : null, closed_at: state === 'closed' ? iso(submitted + 100 * DAY) : null,
      not_registered_ground: state === 'not_registered' ? 'vague' : null, merged_into_id: null, handling_mode: null as 'lead' | 'separate' | null,
      result_class: ['replied', 'rehandling', 'closed'].includes(state) ? pick(['A', 'A', 'B', 'B', 'B', 'C', 'D']) : null,
      key_year: registered && rnd() < 0.015 ? s.year : null, key_leader: null as string | null,
      round: state === 'rehandling' || (state === 'closed' && rnd() < 0.04) ? 2 : 1, search_tokens: searchTokens(`${title} ${reason} ${suggestion}`),
      created_by: null, created_at: iso(submitted - 5 * DAY), updated_at: iso(submitted),
    };
  });
  for (const p of proposals) {
    if (p.key_year) p.key_leader = '县委副书记';
    if (p.number) p.handling_mode = p.state === 'registered' ? null : rnd() < 0.8 ? 'lead' : 'separate';
  }
  await batch(proposals, (chunk) => db.insertInto('proposals').values(chunk).execute());
  const rows = await db.selectFrom('proposals').select(['id', 'state', 'handling_mode', 'lead_member_id', 'author_kind', 'round', 'registered_at', 'replied_at', 'submitted_at'])
    .where('session_id', '=', s.id).orderBy('id').execute();
  await db.insertInto('proposal_counters').values({ tenant_id: c.id, session_id: s.id, last: number }).execute();

  const signers: object[] = [];
  const assignments: { unit: number; role: AssignmentRole; state: AssignmentState; assignedMs: number; proposal: number }[] = [];
  const evaluations: object[] = [];
  const proposalClocks: object[] = [];
  for (const p of rows) {
    const at = p.submitted_at ?? iso(base);
    const who = [p.lead_member_id!];
    if (p.author_kind === 'joint') for (let k = int(1, 4); k > 0; k--) { const x = pick(c.members); if (!who.includes(x)) who.push(x); }
    who.forEach((member_id, i) => {
      signers.push({ tenant_id: c.id, proposal_id: p.id, member_id, role: i ? 'co' : 'lead', position: i, confirmed_at: p.state === 'cosigning' && i ? null : at, declined_at: null, from_proposal_id: null });
    });
    if (p.state === 'cosigning') proposalClocks.push({ name: 'cosign', case_id: p.id, anchor: Date.parse(at), due: Date.parse(at) + 7 * DAY, stopped: null });
    if (p.state === 'replied' || p.state === 'closed') {
      const r = Date.parse(p.replied_at!);
      proposalClocks.push({ name: 'evaluate', case_id: p.id, anchor: r, due: r + 21 * DAY, stopped: p.state === 'closed' ? r + 10 * DAY : null });
    }
    if (!p.handling_mode) continue;
    const assignedMs = Date.parse(p.registered_at!) + 3 * DAY + Math.floor(rnd() * 20 * DAY);
    const open = p.state === 'assigned' || p.state === 'rehandling';
    const units = [...c.units].sort(() => rnd() - 0.5).slice(0, p.handling_mode === 'lead' ? 1 + int(1, 6) : int(3, 6));
    units.forEach((unit, i) => {
      const role: AssignmentRole = p.handling_mode === 'separate' ? 'separate' : i === 0 ? 'lead' : 'co';
      let state: AssignmentState;
      if (role === 'co') state = open && rnd() < 0.3 ? 'assigned' : 'viewed';
      else if (p.state === 'rehandling') state = 'rehandling';
      else if (open) state = rnd() < 0.35 ? 'assigned' : 'contacted';
      else state = 'replied';
      assignments.push({ unit, role, state, assignedMs, proposal: p.id });
    });
    // One in fifty was first given to a unit that got it moved (改交).
    if (rnd() < 0.02) assignments.push({ unit: c.units.find((u) => !units.includes(u))!, role: p.handling_mode === 'lead' ? 'co' : 'separate', state: 'withdrawn', assignedMs, proposal: p.id });
    if (['replied', 'rehandling', 'closed'].includes(p.state)) {
      const when = iso(Date.parse(p.replied_at!) + 5 * DAY);
      for (let round = 1; round <= p.round; round++) {
        const last = round === p.round;
        who.forEach((member_id, i) => {
          if (p.state === 'replied' && last) return;
          // 不满意 sends a proposal back: in every round before its last, and in the last of one still being handled again.
          const unhappy = (!last || p.state === 'rehandling') && i === 0;
          const level = (): EvaluationLevel => (unhappy ? 'unsatisfied' : rnd() < 0.75 ? 'satisfied' : 'basically');
          evaluations.push({ tenant_id: c.id, proposal_id: p.id, member_id, round, handling: unhappy ? 'basically' : level(), result: level(), comment: unhappy ? '落实进度慢，未见实效' : null, entered_by: null, created_at: when });
        });
      }
    }
  }
  await batch(signers, (chunk) => db.insertInto('proposal_signers').values(chunk as never).execute());
  await batch(evaluations, (chunk) => db.insertInto('proposal_evaluations').values(chunk as never).execute());
  await batch(assignments.map((a) => ({
    tenant_id: c.id, proposal_id: a.proposal, parent_type: 'proposal', parent_id: a.proposal, unit_id: a.unit, role: a.role, state: a.state, version: 2,
    due_at: iso(a.assignedMs + 90 * DAY), assigned_at: iso(a.assignedMs), contacted_at: null, contact_note: null, views: a.state === 'viewed' ? '同意主办单位意见' : null,
    replied_at: a.state === 'replied' ? iso(a.assignedMs + 70 * DAY) : null, result_class: a.state === 'replied' ? 'B' : null, summary: null, letter_file_id: null,
  })), (chunk) => db.insertInto('proposal_assignments').values(chunk).execute());
  // Co-units hang under their lead; the engine's clocks, stopped where the step is done.
  const ars = await db.selectFrom('proposal_assignments').select(['id', 'proposal_id', 'role', 'state', 'assigned_at']).where('tenant_id', '=', c.id)
    .where('proposal_id', '>=', rows[0]!.id).where('proposal_id', '<=', rows.at(-1)!.id).orderBy('id').execute();
  const leads = new Map<number, number>();
  for (const a of ars) if (a.role === 'lead') leads.set(a.proposal_id, a.id);
  const coIds = ars.filter((a) => a.role === 'co' && leads.has(a.proposal_id));
  const byLead = new Map<number, number[]>();
  for (const a of coIds) byLead.set(leads.get(a.proposal_id)!, [...(byLead.get(leads.get(a.proposal_id)!) ?? []), a.id]);
  for (const [lead, ids] of byLead) await db.updateTable('proposal_assignments').set({ parent_type: 'proposal_assignment', parent_id: lead }).where('id', 'in', ids).execute();
  const clocks: object[] = [];
  const clock = (case_type: string, case_id: number, name: string, anchor: number, due: number, stopped: number | null) => clocks.push({
    tenant_id: c.id, case_type, case_id, name, anchor_at: iso(anchor), due_at: iso(due), cap_at: null, stopped_at: stopped === null ? null : iso(Math.min(stopped, nowMs)),
    overdue_at: stopped === null && due < nowMs ? iso(due + DAY) : null, last_reminded_at: null, escalation: 0,
  });
  for (const p of proposalClocks as { name: string; case_id: number; anchor: number; due: number; stopped: number | null }[]) clock('proposal', p.case_id, p.name, p.anchor, p.due, p.stopped);
  for (const a of ars) {
    const t = Date.parse(a.assigned_at);
    if (a.role === 'co') clock('proposal_assignment', a.id, 'views', t, t + 30 * DAY, a.state === 'assigned' ? null : t + 20 * DAY);
    else {
      clock('proposal_assignment', a.id, 'contact', t, t + 21 * DAY, a.state === 'assigned' ? null : t + 10 * DAY);
      clock('proposal_assignment', a.id, 'reply', t, t + 90 * DAY, ['assigned', 'contacted', 'rehandling'].includes(a.state) ? null : t + 70 * DAY);
    }
  }
  await batch(clocks, (chunk) => db.insertInto('case_clocks').values(chunk as never).execute());
  return { proposals: rows.length, assignments: ars.length };
}

// ---------- generate ----------

const t0 = performance.now();
const nowMs = Date.now();
const main = await county('基准县', YEARS, 1);
let totals = { proposals: 0, assignments: 0 };
for (const s of main.sessions) {
  const r = await fill(main, s, PER_SESSION, nowMs);
  totals = { proposals: totals.proposals + r.proposals, assignments: totals.assignments + r.assignments };
}
for (let o = 0; o < OTHERS; o++) {
  const c = await county(`邻县${o + 1}`, 4, o + 2);
  for (const s of c.sessions) await fill(c, s, PER_SESSION, nowMs);
}
const count = async (t: 'proposals' | 'proposal_assignments' | 'proposal_evaluations' | 'case_clocks' | 'proposal_signers') =>
  Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const states = await db.selectFrom('proposals').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).where('tenant_id', '=', main.id).groupBy('state').execute();
console.log(`generated in ${fmt((performance.now() - t0) / 1000)} s: the county ${totals.proposals} proposals, ${totals.assignments} assignments `
  + `(${states.map((s) => `${s.state} ${s.n}`).join(', ')}); all counties ${await count('proposals')} proposals, ${await count('proposal_assignments')} assignments, `
  + `${await count('proposal_signers')} proposers, ${await count('proposal_evaluations')} evaluations, ${await count('case_clocks')} clocks`);
// PostgreSQL: VACUUM as autovacuum would have long since done on a county's 20 years, so index-only scans can skip
// the heap (a freshly loaded table has no visibility map yet); then fresh statistics on both databases.
if (DIALECT === 'postgres') await sql`VACUUM ANALYZE`.execute(db);
else await sql`ANALYZE`.execute(db);

// ---------- the app over HTTP ----------

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xs-bench-'));
const config = loadConfig(process.env, { sqliteFile: ':memory:', webDist: '/nonexistent', dataDir, logLevel: 'warn', passwordCost: { memoryCost: 64, timeCost: 1 } });
// PROFILE=1: the app's queries pass a plugin that times each statement from compile to result (pool waits included).
const statements = new Map<string, { n: number; ms: number }>();
const started = new Map<unknown, { at: number; sql: string }>();
const timing: KyselyPlugin = {
  transformQuery: (args) => {
    started.set(args.queryId, { at: performance.now(), sql: '' });
    return args.node;
  },
  transformResult: async (args) => {
    const s = started.get(args.queryId);
    if (s) {
      started.delete(args.queryId);
      const st = statements.get(s.sql) ?? { n: 0, ms: 0 };
      statements.set(s.sql, { n: st.n + 1, ms: st.ms + performance.now() - s.at });
    }
    return args.result;
  },
};
/** The statement text for the plugin: compiled once more here, only when profiling. */
const compiling: KyselyPlugin = {
  transformQuery: (args) => {
    const s = started.get(args.queryId);
    if (s) s.sql = db.getExecutor().compileQuery(args.node, args.queryId).sql.slice(0, 170);
    return args.node;
  },
  transformResult: async (args) => args.result,
};
const appDb = process.env.PROFILE ? db.withPlugin(timing).withPlugin(compiling) : db;
const app = await buildApp(config, { db: appDb, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

interface Session { sid: string; csrf: string }
async function call(method: string, url: string, session?: Session, body?: unknown) {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (session) Object.assign(headers, { cookie: `xs_sid=${session.sid}`, 'x-csrf-token': session.csrf });
  const res = await fetch(`${origin}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}
async function login(username: string): Promise<Session> {
  const res = await call('POST', '/api/v1/auth/login', undefined, { username, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  const sid = /xs_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { sid: sid!, csrf: String((JSON.parse(res.text) as { csrfToken: string }).csrfToken) };
}
const staff = await login(main.staffUser);

async function time(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const xs: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return summary(xs);
}
/** A GET that must answer 200; the answer's total (when it has one) is shown beside the timing. */
const get = (url: string) => async () => {
  const r = await call('GET', url, staff);
  if (r.status !== 200) throw new Error(`${url}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.text;
};

const current = main.sessions.at(-1)!;
const pkId = (await db.selectFrom('proposals').select('id').where('tenant_id', '=', main.id).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
const pages = Math.ceil(totals.proposals / 20);
const enc = encodeURIComponent;
const cases: [string, () => Promise<unknown>, string?][] = [
  ['bare: one proposal by primary key (in-process)', () => db.selectFrom('proposals').select(['id', 'title']).where('id', '=', pkId).executeTakeFirst()],
  ['bare: GET /api/health (HTTP)', async () => call('GET', '/api/health')],
  ['bare: GET /proposal-sessions (HTTP, session check + 20 rows)', get('/api/v1/proposal-sessions')],
  ['list, page 1', get('/api/v1/proposals'), '/api/v1/proposals'],
  [`list, session = ${current.name}`, get(`/api/v1/proposals?sessionId=${current.id}`), `/api/v1/proposals?sessionId=${current.id}`],
  ['list, state = 办理中', get('/api/v1/proposals?state=assigned'), '/api/v1/proposals?state=assigned'],
  ['list, state = 未结（open）', get('/api/v1/proposals?state=open'), '/api/v1/proposals?state=open'],
  ['list, category = 生态文明建设', get(`/api/v1/proposals?category=${enc('生态文明建设')}`), `/api/v1/proposals?category=${enc('生态文明建设')}`],
  ['list, session + state + category', get(`/api/v1/proposals?sessionId=${main.sessions[10]!.id}&state=closed&category=${enc('社会建设')}`)],
  [`list, deep page ${pages - 10} of ${pages}`, get(`/api/v1/proposals?page=${pages - 10}`)],
  ['search 「停车」', get(`/api/v1/proposals?q=${enc('停车')}`), `/api/v1/proposals?q=${enc('停车')}`],
  ['search 「养老服务」, page 5', get(`/api/v1/proposals?q=${enc('养老服务')}&page=5`), `/api/v1/proposals?q=${enc('养老服务')}`],
  ['search 「农村公路 养护」 in one session', get(`/api/v1/proposals?q=${enc('农村公路 养护')}&sessionId=${main.sessions[15]!.id}`)],
  ['list, 超期 filter', get('/api/v1/proposals?overdue=1'), '/api/v1/proposals?overdue=1'],
  ['超期 list', get('/api/v1/proposals/overdue'), '/api/v1/proposals/overdue'],
  ['不满意 list', get('/api/v1/proposals/unsatisfied'), '/api/v1/proposals/unsatisfied'],
  [`dashboard, one session (${current.name})`, get(`/api/v1/proposals/dashboard?sessionId=${current.id}`)],
  ['dashboard, one term', get(`/api/v1/proposals/dashboard?termId=${current.termId}`)],
  ['dashboard, all 20 years', get('/api/v1/proposals/dashboard')],
];

console.log(`\nload before timing: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`\n| request (${DIALECT}; county of ${totals.proposals} proposals, ${totals.assignments} assignments) | rows | p50 | p95 | p99 |\n|---|---|---|---|---|`);
const results: { label: string; p95: number }[] = [];
// ONLY=<regex>: time only the matching requests (and the baselines).
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
for (const [label, fn, totalOf] of cases.filter(([l]) => !only || l.startsWith('bare') || only.test(l))) {
  const s = await time(fn);
  let rows = '';
  if (totalOf) rows = String((JSON.parse((await call('GET', totalOf, staff)).text) as { total: number }).total);
  results.push({ label, p95: s.p95 });
  console.log(`| ${label} | ${rows} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} |`);
  if (statements.size) {
    for (const [k, v] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 4)) console.log(`    ${fmt(v.ms / v.n)} ms × ${v.n}: ${k}`);
    statements.clear();
  }
}
console.log(`\nload after timing: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// ---------- 20 registrations at once ----------

async function race(sessionId: number, label: string) {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) {
    const title = `关于${pick(VERBS)}${pick(PLACES)}${pick(TOPICS)[0]}的建议（立案并发 ${i + 1}）`;
    const r = await db.insertInto('proposals').values({
      tenant_id: main.id, session_id: sessionId, number: null, code: `并发${sessionId}-${i}`, title, category: '社会建设', reason: '案由', suggestion: '建议', author_kind: 'member',
      sector_id: null, committee_id: null, party_name: null, lead_member_id: main.members[i]!, timing: 'plenary', state: 'submitted', version: 1, due_at: null, year: 2026,
      submitted_at: now, registered_at: null, replied_at: null, closed_at: null, not_registered_ground: null, merged_into_id: null, handling_mode: null, result_class: null,
      key_year: null, key_leader: null, round: 1, search_tokens: searchTokens(title), created_by: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('proposal_signers').values({ tenant_id: main.id, proposal_id: r.id, member_id: main.members[i]!, role: 'lead', position: 0, confirmed_at: now, declined_at: null, from_proposal_id: null }).execute();
    ids.push(r.id);
  }
  const before = (await db.selectFrom('proposal_counters').select('last').where('session_id', '=', sessionId).executeTakeFirst())?.last ?? 0;
  const t = performance.now();
  const answers = await Promise.all(ids.map((id) => call('POST', `/api/v1/proposals/${id}/register`, staff, { version: 1 })));
  const wall = performance.now() - t;
  const numbers = (await db.selectFrom('proposals').select('number').where('id', 'in', ids).execute()).map((r) => Number(r.number)).sort((a, b) => a - b);
  const expected = Array.from({ length: 20 }, (_, i) => before + i + 1);
  const ok = answers.every((a) => a.status === 200) && JSON.stringify(numbers) === JSON.stringify(expected);
  console.log(`20 concurrent registrations, ${label}: statuses ${[...new Set(answers.map((a) => a.status))].join(',')}; numbers ${numbers[0]}–${numbers.at(-1)} `
    + `(${new Set(numbers).size} distinct, expected ${expected[0]}–${expected.at(-1)}): ${ok ? 'PASS' : 'FAIL'}; wall ${fmt(wall)} ms`);
  return ok;
}
console.log('');
const fresh = await db.insertInto('proposal_sessions').values({ tenant_id: main.id, term_id: current.termId, number: 9, name: '四届临时会议', opens_on: '2026-06-01', deadline_on: '2026-06-03', created_at: new Date().toISOString() })
  .returning('id').executeTakeFirstOrThrow();
const raced = [await race(fresh.id, 'a session with no number yet'), await race(current.id, `${current.name} (numbers already given)`)];

const missed = results.filter((r) => !r.label.startsWith('bare') && r.p95 >= 200);
console.log(missed.length ? `\np95 ≥ 200 ms: ${missed.map((r) => r.label).join('; ')}` : '\nevery p95 under 200 ms');
await app.close();
// KEEP=1 (PostgreSQL): leave the schema for EXPLAIN by hand; drop it yourself afterwards.
if (process.env.KEEP && DIALECT === 'postgres') console.log('kept the schema (bench_… in the database)');
else await close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(raced.every(Boolean) ? 0 : 1);
