import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkflow } from '@xs/core/workflow.ts';
import { ASSIGNMENT_WORKFLOW, PROPOSAL_WORKFLOW } from '@xs/core/schemas/proposals.ts';
import { clientFor, createCounty, createMember, createSector, createUnit, multipartFile, setSetting, type Client, type TestEnv, createTestApp } from '../../test/helper.ts';
import { runDeadlines } from '../../platform/deadlines.ts';
import { caseTypes, linkCases } from '../../platform/cases.ts';
import { submitClue } from '../clues/clues.factory.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let staff: Client;
let leader: Client;
let otherStaff: Client;
let lead: { client: Client; memberId: number };
let co: { client: Client; memberId: number };
let paperMember: { id: number };
let transport: { id: number; name: string };
let housing: { id: number; name: string };
let police: { id: number; name: string };
let transportUser: Client;
let housingUser: Client;
let policeUser: Client;
let sessionId: number;

interface Action { name: string; available: boolean; reason?: string }
interface Detail {
  id: number; code: string; number: number | null; state: string; version: number; round: number; resultClass: string | null; timing: string | null;
  actions: Action[]; timeline: { transition: string; label: string }[];
  signers: { memberId: number; role: string; confirmedAt: string | null }[];
  assignments: { id: number; unitId: number; role: string; state: string; version: number; dueAt: string | null; clocks: { name: string; dueAt: string; stoppedAt: string | null }[] }[];
  evaluations: { memberId: number; round: number; result: string; paper: boolean }[];
  me: { mustCosign: boolean; mustEvaluate: boolean } | null;
  links: { kind: string; to: { type: string; id: number | null } }[];
  key: { year: number; leader: string } | null;
}
interface Assignment { id: number; state: string; version: number; actions: Action[]; coUnits: { state: string; views: string | null }[] }

async function memberClient(tenantId: number, name: string) {
  const m = await createMember(env.db, tenantId, { name });
  const { client } = await clientFor(env, tenantId, ['member'], { memberId: m.id });
  return { client, memberId: m.id };
}

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  staff = (await clientFor(env, county.id, ['staff'])).client;
  leader = (await clientFor(env, county.id, ['leader'])).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
  lead = await memberClient(county.id, '王委员');
  co = await memberClient(county.id, '李委员');
  paperMember = await createMember(env.db, county.id, { name: '赵委员' });
  transport = await createUnit(env.db, county.id, '县交通运输局');
  housing = await createUnit(env.db, county.id, '县住建局');
  police = await createUnit(env.db, county.id, '县公安局');
  transportUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: transport.id })).client;
  housingUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: housing.id })).client;
  policeUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: police.id })).client;
  const t = await staff.post('/api/v1/proposal-terms', { number: 1, name: '第一届', startYear: 2022, endYear: 2026 });
  expect(t.statusCode, t.body).toBe(201);
  const termId = (t.json() as { terms: { id: number }[] }).terms[0]!.id;
  // A session whose plenary window is open today: proposals are 大会提案.
  const today = new Date();
  const opens = new Date(today.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
  const deadline = new Date(today.getTime() + 25 * 86_400_000).toISOString().slice(0, 10);
  const s = await staff.post('/api/v1/proposal-sessions', { termId, number: 4, name: '一届四次会议', opensOn: opens, deadlineOn: deadline });
  expect(s.statusCode, s.body).toBe(201);
  sessionId = (s.json() as { sessions: { id: number }[] }).sessions[0]!.id;
});
afterAll(async () => env.close());

const PARKING = {
  title: '关于在主城区增设停车位的建议', category: '社会建设',
  reason: '主城区停车位严重不足，车辆乱停乱放，影响交通秩序和居民出行。',
  suggestion: '一是利用边角地块建设立体停车场；二是推行错时共享停车；三是加强停车秩序管理。',
};

async function draft(c: Client, body: Record<string, unknown> = {}): Promise<Detail> {
  const res = await c.post('/api/v1/my/proposals', { ...PARKING, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}
const staffDetail = async (id: number) => (await staff.get(`/api/v1/proposals/${id}`)).json() as Detail;
const unitDetail = async (c: Client, id: number) => (await c.get(`/api/v1/unit/proposals/${id}`)).json() as Assignment;

async function submitted(body: Record<string, unknown> = {}): Promise<Detail> {
  const d = await draft(lead.client, body);
  const res = await lead.client.post(`/api/v1/my/proposals/${d.id}/submit`, { version: d.version });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

describe('the workflows', () => {
  it('are well formed', () => {
    expect(validateWorkflow(PROPOSAL_WORKFLOW)).toEqual([]);
    expect(validateWorkflow(ASSIGNMENT_WORKFLOW)).toEqual([]);
  });
});

describe('terms and sessions', () => {
  it('refuses a bad or duplicate session with Chinese field messages and writes nothing', async () => {
    const before = await env.db.selectFrom('proposal_sessions').select('id').execute();
    const bad = await staff.post('/api/v1/proposal-sessions', { termId: 'x', number: 0, name: '', opensOn: '2026-13', deadlineOn: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json() as { fields: { path: string; message: string }[] }).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['termId', 'number', 'name', 'opensOn']));
    const termId = (await env.db.selectFrom('proposal_terms').select('id').where('tenant_id', '=', county.id).executeTakeFirstOrThrow()).id;
    const dup = await staff.post('/api/v1/proposal-sessions', { termId, number: 4, name: '重复', opensOn: '2026-01-01', deadlineOn: '2026-01-05' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ fields: [{ path: 'number', message: '该届第4次会议已经存在' }] });
    const foreign = await otherStaff.post('/api/v1/proposal-sessions', { termId, number: 9, name: '越界', opensOn: '2026-01-01', deadlineOn: '2026-01-05' });
    expect(foreign.statusCode).toBe(400);
    expect(await env.db.selectFrom('proposal_sessions').select('id').execute()).toEqual(before);
    expect((await leader.post('/api/v1/proposal-terms', { number: 2, name: '第二届', startYear: 2027, endYear: 2031 })).statusCode).toBe(403);
  });
});

describe('drafts and submission', () => {
  it('autosaves a draft with a version check, and staff do not see it until it is submitted', async () => {
    const d = await draft(lead.client, { reason: null, suggestion: null });
    expect(d).toMatchObject({ state: 'draft', version: 1, number: null });
    expect((await staff.get(`/api/v1/proposals/${d.id}`)).statusCode).toBe(404);
    const saved = await lead.client.request('PUT', `/api/v1/my/proposals/${d.id}`, { version: 1, draft: { ...PARKING, title: '关于增设停车位的建议' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as Detail).version).toBe(2);
    const stale = await lead.client.request('PUT', `/api/v1/my/proposals/${d.id}`, { version: 1, draft: PARKING });
    expect(stale.statusCode).toBe(409);
    // Another member does not see it at all.
    expect((await co.client.get(`/api/v1/my/proposals/${d.id}`)).statusCode).toBe(404);
  });

  it('refuses a bad draft with every field named in Chinese and writes nothing', async () => {
    const before = await env.db.selectFrom('proposals').select('id').execute();
    const res = await lead.client.post('/api/v1/my/proposals', { title: '短', authorKind: 'sector', cosignerIds: ['x'] });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['title', 'sectorId']));
    for (const f of fields) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    const foreignMember = await createMember(env.db, other.id);
    const wrong = await lead.client.post('/api/v1/my/proposals', { ...PARKING, category: '体育', cosignerIds: [foreignMember.id] });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['category', 'cosignerIds']);
    expect(await env.db.selectFrom('proposals').select('id').execute()).toEqual(before);
  });

  it('asks co-signers of a joint proposal, and goes to review when the last confirms', async () => {
    const d = await draft(lead.client, { authorKind: 'joint', cosignerIds: [co.memberId] });
    // 提交 is closed with its reason; 提交联名确认 is open.
    expect(d.actions.find((a) => a.name === 'submit')).toMatchObject({ available: false, reason: '联名提案请先提交附议人确认' });
    const sub = await lead.client.post(`/api/v1/my/proposals/${d.id}/submit`, { version: d.version });
    expect(sub.statusCode, sub.body).toBe(200);
    const s = sub.json() as Detail;
    expect(s.state).toBe('cosigning');
    expect(s.timing).toBe('plenary');
    // The co-signer sees the request; the clock runs.
    const seen = (await co.client.get(`/api/v1/my/proposals/${d.id}`)).json() as Detail;
    expect(seen.me).toMatchObject({ mustCosign: true });
    const ok = await co.client.post(`/api/v1/my/proposals/${d.id}/cosign`, { version: seen.version, accept: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = ok.json() as Detail;
    expect(after.state).toBe('submitted');
    expect(after.timeline.map((e) => e.transition)).toEqual(['submit_joint', 'cosign', 'cosigned']);
    // Not a co-signer: refused; a second answer: refused.
    expect((await co.client.post(`/api/v1/my/proposals/${d.id}/cosign`, { version: after.version, accept: true })).statusCode).toBe(409);
  });

  it('offers the county\'s active members as co-signers, by name only, never the proposer, a past member or another county\'s', async () => {
    const left = await createMember(env.db, county.id, { name: '已离任委员' });
    await env.db.updateTable('members').set({ status: 'left' }).where('id', '=', left.id).execute();
    const foreign = await createMember(env.db, other.id, { name: '外县委员' });
    const res = await lead.client.get('/api/v1/my/proposal-cosigners');
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Record<string, unknown>[] }).items;
    const ids = items.map((i) => i.id);
    expect(ids).toContain(co.memberId);
    expect(ids).toContain(paperMember.id);
    for (const id of [lead.memberId, left.id, foreign.id]) expect(ids).not.toContain(id);
    for (const i of items) expect(Object.keys(i).sort()).toEqual(['id', 'name']);
    // A past member cannot be asked either.
    const refused = await lead.client.post('/api/v1/my/proposals', { ...PARKING, authorKind: 'joint', cosignerIds: [left.id] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ fields: [{ path: 'cosignerIds', message: '附议人须为本县在任委员' }] });
  });

  it('refuses submission without 案由 and 建议', async () => {
    const d = await draft(lead.client, { reason: '', suggestion: null });
    const res = await lead.client.post(`/api/v1/my/proposals/${d.id}/submit`, { version: d.version });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['reason', 'suggestion']);
    expect(((await lead.client.get(`/api/v1/my/proposals/${d.id}`)).json() as Detail).state).toBe('draft');
  });
});

describe('review', () => {
  it('numbers registered proposals per session', async () => {
    const a = await submitted();
    const b = await submitted();
    const ra = await staff.post(`/api/v1/proposals/${a.id}/register`, { version: a.version });
    expect(ra.statusCode, ra.body).toBe(200);
    const rb = await staff.post(`/api/v1/proposals/${b.id}/register`, { version: b.version });
    const na = (ra.json() as Detail).number!;
    expect((rb.json() as Detail).number).toBe(na + 1);
    expect((ra.json() as Detail).code).toBe(`一届四次会议第${na}号`);
    // A second registration of the same proposal is refused.
    expect((await staff.post(`/api/v1/proposals/${a.id}/register`, { version: a.version })).statusCode).toBe(409);
    // Another county's staff: 404.
    expect((await otherStaff.post(`/api/v1/proposals/${b.id}/register`, { version: 1 })).statusCode).toBe(404);
  });

  it('gives 20 concurrent registrations 20 distinct consecutive numbers', async () => {
    const props = [];
    for (let i = 0; i < 20; i++) props.push(await submitted({ title: `并发立案测试提案第${i}件` }));
    const before = await env.db.selectFrom('proposal_counters').select('last').where('session_id', '=', sessionId).executeTakeFirst();
    const start = before?.last ?? 0;
    const results = await Promise.all(props.map((p) => staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const rows = await env.db.selectFrom('proposals').select('number').where('id', 'in', props.map((p) => p.id)).execute();
    const numbers = rows.map((r) => r.number!).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => start + i + 1));
  });

  it('does not register with a ground and a note, tells the proposer, keeps it as an opinion-report lead', async () => {
    const p = await submitted({ title: '关于解决本人子女工作问题的请求' });
    const bad = await staff.post(`/api/v1/proposals/${p.id}/not-register`, { version: p.version, ground: 'nonsense', note: '' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['ground', 'note']);
    const res = await staff.post(`/api/v1/proposals/${p.id}/not-register`, { version: p.version, ground: 'personal', note: '属个人事务', toOpinion: true });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d.state).toBe('not_registered');
    expect(d.links).toEqual([expect.objectContaining({ kind: 'converted_into', to: { type: 'opinion', id: null } })]);
    const leadUser = await env.db.selectFrom('users').select('id').where('member_id', '=', lead.memberId).executeTakeFirstOrThrow();
    const notes = await env.db.selectFrom('notifications').select('body').where('user_id', '=', leadUser.id).execute();
    expect(notes.some((n) => n.body.includes('不予立案：个人或家庭事务'))).toBe(true);
  });

  it('merges a proposal into another, keeping every proposer', async () => {
    const target = await submitted();
    const other2 = await memberClient(county.id, '孙委员');
    const d = await draft(other2.client, { title: '关于缓解城区停车难的建议' });
    const s = (await (await other2.client.post(`/api/v1/my/proposals/${d.id}/submit`, { version: d.version })).json()) as Detail;
    const res = await staff.post(`/api/v1/proposals/${s.id}/merge`, { version: s.version, targetId: target.id });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Detail).state).toBe('merged');
    const t = await staffDetail(target.id);
    expect(t.signers.map((x) => [x.memberId, x.role])).toEqual([[lead.memberId, 'lead'], [other2.memberId, 'merged']]);
    // The merged proposer sees the target.
    expect((await other2.client.get(`/api/v1/my/proposals/${target.id}`)).statusCode).toBe(200);
  });

  it('lists earlier similar proposals with the shared words as the reason', async () => {
    const bus = { reason: '城区公交线路少，公交站点离小区远，老人出行不便。', suggestion: '增开城区公交线路，加密公交站点。' };
    const earlier = await submitted({ title: '关于优化城区公交线路的建议', ...bus });
    const p = await submitted({ title: '关于加密城区公交站点的建议', reason: '新建小区周边没有公交站点，居民出行难。', suggestion: '在新建小区周边增设公交站点。' });
    const res = await staff.get(`/api/v1/proposals/${p.id}/similar`);
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { id: number; reason: string; sharedWords: string[] }[] }).items;
    expect(items[0]!.id).toBe(earlier.id);
    expect(items[0]!.sharedWords).toEqual(expect.arrayContaining(['公交', '站点']));
    // 城区, 居民 and 出行 are in most earlier proposals of this file: too common to be a reason.
    expect(items[0]!.sharedWords).not.toContain('城区');
    expect(items[0]!.reason).toMatch(/^共同的词：/);
    expect(items.every((i) => i.id < p.id)).toBe(true);
  });

  it('finds proposals by Chinese full-text search', async () => {
    const res = await staff.get(`/api/v1/proposals?q=${encodeURIComponent('子女工作')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: { title: string }[] };
    expect(body.items.map((i) => i.title)).toEqual(['关于解决本人子女工作问题的请求']);
    expect(((await staff.get(`/api/v1/proposals?q=${encodeURIComponent('停车')}`)).json() as { total: number }).total).toBeGreaterThan(20);
    const none = (await staff.get(`/api/v1/proposals?q=${encodeURIComponent('火箭发射')}`)).json() as { total: number };
    expect(none.total).toBe(0);
  });
});

async function upload(c: Client, id: number): Promise<number> {
  const { body, headers } = multipartFile(Buffer.from('%PDF-1.4 答复函'), '答复函.pdf');
  const up = await c.request('POST', `/api/v1/unit/proposals/${id}/files`, body, headers);
  expect(up.statusCode, up.body).toBe(201);
  return (up.json() as { fileId: number }).fileId;
}

describe('assignment, reply, evaluation', () => {
  it('runs a joint proposal from registration through a lead and a co-unit, reply B, 不满意, rehandling and 满意', async () => {
    const d = await draft(lead.client, { authorKind: 'joint', cosignerIds: [co.memberId] });
    let p = (await (await lead.client.post(`/api/v1/my/proposals/${d.id}/submit`, { version: d.version })).json()) as Detail;
    p = (await (await co.client.post(`/api/v1/my/proposals/${d.id}/cosign`, { version: p.version, accept: true })).json()) as Detail;
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })).json()) as Detail;

    // Bad assignment: every problem named, nothing written.
    const bad = await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', coUnitIds: [transport.id] });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(['leadUnitId']);
    const foreignUnit = await createUnit(env.db, other.id);
    const foreign = await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', leadUnitId: foreignUnit.id, coUnitIds: [] });
    expect(foreign.statusCode).toBe(400);
    expect(await env.db.selectFrom('proposal_assignments').select('id').where('proposal_id', '=', p.id).execute()).toEqual([]);

    const res = await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', leadUnitId: transport.id, coUnitIds: [housing.id] });
    expect(res.statusCode, res.body).toBe(200);
    p = res.json() as Detail;
    expect(p.state).toBe('assigned');
    const leadA = p.assignments.find((a) => a.role === 'lead')!;
    const coA = p.assignments.find((a) => a.role === 'co')!;
    expect(leadA.clocks.map((c) => c.name).sort()).toEqual(['contact', 'reply']);
    expect(coA.clocks.map((c) => c.name)).toEqual(['views']);
    expect(coA.dueAt).toBeTruthy();

    // Units see only their own.
    expect((await policeUser.get(`/api/v1/unit/proposals/${leadA.id}`)).statusCode).toBe(404);
    let la = await unitDetail(transportUser, leadA.id);
    const contact = await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/transitions/contact`, { version: la.version, reason: '已电话联系王委员，当面听取意见' });
    expect(contact.statusCode, contact.body).toBe(200);
    la = contact.json() as Assignment;
    // The reply waits for the co-unit's views.
    expect(la.actions.find((a) => a.name === 'reply')).toMatchObject({ available: false, reason: '会办单位意见尚未全部送达（还有 1 项）' });
    const fileId = await upload(transportUser, leadA.id);
    const early = await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/reply`, { version: la.version, resultClass: 'B', summary: '正在推进', letterFileId: fileId });
    expect(early.statusCode).toBe(409);

    const ca = await unitDetail(housingUser, coA.id);
    expect(ca.actions.find((a) => a.name === 'reply')).toBeUndefined();
    const views = await housingUser.post(`/api/v1/unit/proposals/${coA.id}/transitions/send_views`, { version: ca.version, reason: '同意在旧城改造中预留停车用地' });
    expect(views.statusCode, views.body).toBe(200);
    la = await unitDetail(transportUser, leadA.id);
    expect(la.coUnits).toEqual([expect.objectContaining({ state: 'viewed', views: '同意在旧城改造中预留停车用地' })]);

    // Class must be of the county's scheme; the letter must be this user's upload.
    await setSetting(env.db, county.id, 'proposal.resultClasses', 'three' as never);
    const wrongClass = await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/reply`, { version: la.version, resultClass: 'D', summary: '留作参考', letterFileId: fileId });
    expect(wrongClass.statusCode).toBe(400);
    expect(wrongClass.json()).toMatchObject({ fields: [{ path: 'resultClass', message: '本县办理结果分为 A、B、C 类' }] });
    await setSetting(env.db, county.id, 'proposal.resultClasses', 'henan4' as never);

    const reply = await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/reply`, {
      version: la.version, resultClass: 'B', summary: '已规划新建两处立体停车场', letterFileId: fileId, promises: [{ title: '建成人民路立体停车场', days: 120 }],
    });
    expect(reply.statusCode, reply.body).toBe(200);
    p = await staffDetail(p.id);
    expect(p).toMatchObject({ state: 'replied', resultClass: 'B' });
    const tasks = await env.db.selectFrom('case_links').select(['from_id']).where('from_type', '=', 'task').where('to_type', '=', 'proposal').where('to_id', '=', p.id).execute();
    expect(tasks).toHaveLength(1);
    // The promise is assigned by the system on the unit's behalf, never by the unit's account posing as staff.
    const task = await env.db.selectFrom('tasks').select(['owner_unit_id', 'created_by', 'state']).where('id', '=', tasks[0]!.from_id).executeTakeFirstOrThrow();
    const replier = await env.db.selectFrom('users').select('id').where('unit_id', '=', transport.id).executeTakeFirstOrThrow();
    expect(task).toEqual({ owner_unit_id: transport.id, created_by: replier.id, state: 'assigned' });
    const assigned = await env.db.selectFrom('case_events').select(['actor_kind', 'actor_id', 'actor_name']).where('case_type', '=', 'task').where('case_id', '=', tasks[0]!.from_id)
      .where('transition', '=', 'assign').executeTakeFirstOrThrow();
    expect(assigned).toMatchObject({ actor_kind: 'system', actor_id: null, actor_name: expect.stringMatching(/^系统（.+答复承诺）$/) });

    // 不满意 from the co-signer sends it back once both have evaluated.
    const l1 = (await lead.client.get(`/api/v1/my/proposals/${p.id}`)).json() as Detail;
    expect(l1.me).toMatchObject({ mustEvaluate: true });
    const e1 = await lead.client.post(`/api/v1/my/proposals/${p.id}/evaluate`, { version: l1.version, handling: 'satisfied', result: 'basically' });
    expect(e1.statusCode, e1.body).toBe(200);
    const badEval = await co.client.post(`/api/v1/my/proposals/${p.id}/evaluate`, { version: 1, handling: 'great', result: null });
    expect(badEval.statusCode).toBe(400);
    expect((badEval.json() as { fields: { path: string }[] }).fields.map((f) => f.path).sort()).toEqual(['handling', 'result']);
    const e2 = await co.client.post(`/api/v1/my/proposals/${p.id}/evaluate`, { version: (e1.json() as Detail).version, handling: 'basically', result: 'unsatisfied', comment: '进度太慢' });
    expect(e2.statusCode, e2.body).toBe(200);
    p = await staffDetail(p.id);
    expect(p).toMatchObject({ state: 'rehandling', round: 2 });
    expect(p.assignments.find((a) => a.role === 'lead')!.state).toBe('rehandling');

    // Rehandling: the lead replies again; both evaluate 满意 (one by a paper form entered by staff is refused: not a proposer).
    la = await unitDetail(transportUser, leadA.id);
    const file2 = await upload(transportUser, leadA.id);
    const again = await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/reply`, { version: la.version, resultClass: 'A', summary: '人民路停车场已开工', letterFileId: file2 });
    expect(again.statusCode, again.body).toBe(200);
    p = await staffDetail(p.id);
    expect(p).toMatchObject({ state: 'replied', resultClass: 'A' });
    const paper = await staff.post(`/api/v1/proposals/${p.id}/evaluations`, { version: p.version, memberId: paperMember.id, handling: 'satisfied', result: 'satisfied' });
    expect(paper.statusCode).toBe(400);
    const e3 = await lead.client.post(`/api/v1/my/proposals/${p.id}/evaluate`, { version: p.version, handling: 'satisfied', result: 'satisfied' });
    expect(e3.statusCode, e3.body).toBe(200);
    // Staff enter the co-signer's paper form.
    const e4 = await staff.post(`/api/v1/proposals/${p.id}/evaluations`, { version: (e3.json() as Detail).version, memberId: co.memberId, handling: 'satisfied', result: 'satisfied' });
    expect(e4.statusCode, e4.body).toBe(200);
    p = e4.json() as Detail;
    expect(p.state).toBe('closed');
    expect(p.evaluations.map((e) => [e.round, e.result, e.paper])).toEqual([[1, 'basically', false], [1, 'unsatisfied', false], [2, 'satisfied', false], [2, 'satisfied', true]]);

    // The figures: registered, handled, adopted, satisfaction from the latest round.
    const dash = (await staff.get(`/api/v1/proposals/dashboard?sessionId=${sessionId}`)).json() as { total: { handled: number; registered: number; satisfaction: number } };
    expect(dash.total.handled).toBeGreaterThanOrEqual(1);
  });

  it('lets a unit dispute within the window and staff move it to another unit', async () => {
    let p = await submitted();
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })).json()) as Detail;
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'separate', unitIds: [police.id, housing.id] })).json()) as Detail;
    const a = p.assignments.find((x) => x.unitId === police.id)!;
    const noReason = await policeUser.post(`/api/v1/unit/proposals/${a.id}/transitions/dispute`, { version: a.version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const disp = await policeUser.post(`/api/v1/unit/proposals/${a.id}/transitions/dispute`, { version: a.version, reason: '停车场建设不属我局职责' });
    expect(disp.statusCode, disp.body).toBe(200);
    const ad = disp.json() as Assignment;
    expect(ad.state).toBe('disputed');
    const moved = await staff.post(`/api/v1/proposal-assignments/${a.id}/transitions/withdraw`, { version: ad.version, reason: '改由交通运输局办理', unitId: transport.id });
    expect(moved.statusCode, moved.body).toBe(200);
    p = await staffDetail(p.id);
    expect(p.assignments.map((x) => [x.unitId, x.role, x.state])).toEqual([[police.id, 'separate', 'withdrawn'], [housing.id, 'separate', 'assigned'], [transport.id, 'separate', 'assigned']]);
    // A unit cannot take a staff decision.
    const self = await policeUser.post(`/api/v1/unit/proposals/${a.id}/transitions/withdraw`, { version: 1, reason: '自己改交' });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ message: '没有「withdraw」这个操作' });
  });

  it('closes the dispute window after the set working days', async () => {
    await setSetting(env.db, county.id, 'proposal.dispute.days', 1);
    let p = await submitted();
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })).json()) as Detail;
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', leadUnitId: police.id, coUnitIds: [] })).json()) as Detail;
    const a = p.assignments[0]!;
    await env.db.updateTable('proposal_assignments').set({ assigned_at: new Date(Date.now() - 20 * 86_400_000).toISOString() }).where('id', '=', a.id).execute();
    const d = await unitDetail(policeUser, a.id);
    expect(d.actions.find((x) => x.name === 'dispute')).toMatchObject({ available: false, reason: expect.stringMatching(/^已过申请调整的期限/) });
    await setSetting(env.db, county.id, 'proposal.dispute.days', 10);
  });

  it('reminds the unit through the platform deadline job when the contact clock runs out', async () => {
    let p = await submitted();
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })).json()) as Detail;
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', leadUnitId: housing.id, coUnitIds: [] })).json()) as Detail;
    const a = p.assignments[0]!;
    const contact = a.clocks.find((c) => c.name === 'contact')!;
    const later = new Date(Date.parse(contact.dueAt) + 2 * 86_400_000);
    await runDeadlines(env.db, later, caseTypes());
    const ev = await env.db.selectFrom('case_events').select(['transition', 'note']).where('case_type', '=', 'proposal_assignment').where('case_id', '=', a.id).where('transition', '=', 'remind').execute();
    expect(ev).toHaveLength(1);
    expect(ev[0]!.note).toMatch(/联系提案人/);
    const overdue = (await staff.get(`/api/v1/proposals?overdue=1`)).json() as { items: { id: number }[] };
    expect(overdue.items.some((i) => i.id === p.id)).toBe(false);
  });

  it('marks a key proposal with its leading leader and records supervision', async () => {
    let p = await submitted();
    p = (await (await staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })).json()) as Detail;
    const refused = await leader.post(`/api/v1/proposals/${p.id}/supervision`, { version: p.version, kind: 'visit', note: '实地察看', on: '2026-05-01' });
    expect(refused.statusCode).toBe(409);
    const key = await staff.post(`/api/v1/proposals/${p.id}/key`, { version: p.version, year: 2026, leader: '县委副书记 王某' });
    expect(key.statusCode, key.body).toBe(200);
    p = key.json() as Detail;
    expect(p.key).toEqual({ year: 2026, leader: '县委副书记 王某' });
    const sup = await leader.post(`/api/v1/proposals/${p.id}/supervision`, { version: p.version, kind: 'visit', note: '实地察看停车场选址', on: '2026-05-01' });
    expect(sup.statusCode, sup.body).toBe(200);
    expect((await staff.get('/api/v1/proposals?key=1')).json()).toMatchObject({ total: 1 });
  });
});

describe('a clue converted into a proposal lead', () => {
  it('completes the waiting link when a member starts a proposal from it', async () => {
    const clue = await submitClue(env, county);
    await linkCases(env.db, { tenantId: county.id, from: { type: 'clue', id: clue.id }, kind: 'converted_into', to: { type: 'proposal', id: null } });
    const link = await env.db.selectFrom('case_links').select('id').where('tenant_id', '=', county.id).where('to_type', '=', 'proposal').where('to_id', 'is', null).executeTakeFirstOrThrow();
    const d = await draft(lead.client, { linkId: link.id });
    expect(d.links).toEqual([expect.objectContaining({ kind: 'converted_from', to: { type: 'clue', id: clue.id } })]);
    const again = await lead.client.post('/api/v1/my/proposals', { ...PARKING, linkId: link.id });
    expect(again.statusCode).toBe(400);
  });
});

describe('proposals on behalf of a sector', () => {
  it('keeps the sector and counts under it on the dashboard', async () => {
    const sector = await createSector(env.db, county.id, '经济界');
    const p = await submitted({ authorKind: 'sector', sectorId: sector.id });
    const d = await staffDetail(p.id);
    expect(d).toMatchObject({ authorKind: 'sector' });
    // A member of the sector writing alone counts under the sector too, in the list's filter and on the dashboard.
    const member = await createMember(env.db, county.id, { name: '界别委员', sectorId: sector.id });
    const { client } = await clientFor(env, county.id, ['member'], { memberId: member.id });
    const own = (await (await client.post('/api/v1/my/proposals', PARKING)).json()) as Detail;
    expect((await client.post(`/api/v1/my/proposals/${own.id}/submit`, { version: own.version })).statusCode).toBe(200);
    const dash = (await staff.get('/api/v1/proposals/dashboard')).json() as { bySector: { name: string; submitted: number }[] };
    expect(dash.bySector.find((s) => s.name === '经济界')?.submitted).toBe(2);
    const listed = (await staff.get(`/api/v1/proposals?sectorId=${sector.id}`)).json() as { items: { id: number }[]; total: number };
    expect(listed.items.map((i) => i.id).sort()).toEqual([p.id, own.id].sort());
    expect((await otherStaff.get(`/api/v1/proposals?sectorId=${sector.id}`)).json()).toMatchObject({ total: 0 });
  });
});
