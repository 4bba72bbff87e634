import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOPIC_WORKFLOW } from '@xs/core/schemas/consultations.ts';
import { validateWorkflow } from '@xs/core/workflow.ts';
import { clientFor, createCounty, createMember, createTestApp, createUnit, multipartFile, type Client, type TestEnv } from '../../test/helper.ts';
import { linkCases } from '../../platform/cases.ts';
import { invalidateSettings } from '../../platform/settings.ts';
import { submitClue } from '../clues/clues.factory.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let unit: { id: number; name: string };
let staff: Client;
let leader: Client;
let unitUser: Client;
let otherStaff: Client;
let member: Client;
let memberId: number;

interface Action { name: string; available: boolean; reason?: string }
interface Topic {
  id: number; code: string; state: string; version: number; stage: number; actions: Action[]; tasks: { id: number; state: string }[];
  links: { kind: string; to: { type: string; id: number | null } }[]; timeline: { transition: string; label: string }[]; decisionLabel: string | null;
  clocks: { name: string; stoppedAt: string | null }[];
}
interface Meeting { id: number; version: number; state: string; checkinPath: string; qa: { id: number; taskId: number | null }[]; participants: { id: number; status: string; memberId: number | null }[]; attendance: { invited: number; checkedIn: number } }

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  unit = await createUnit(env.db, county.id, '县交通运输局');
  staff = (await clientFor(env, county.id, ['staff'])).client;
  leader = (await clientFor(env, county.id, ['leader'])).client;
  unitUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: unit.id })).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
  const m = await createMember(env.db, county.id, { name: '王委员' });
  memberId = m.id;
  member = (await clientFor(env, county.id, ['member'], { memberId })).client;
});
afterAll(async () => env.close());

const BASE = { title: '小柏路口交通安全隐患整治', source: 'member', format: 'special', level: 'county' };
async function create(body: Record<string, unknown> = {}): Promise<Topic> {
  const res = await staff.post('/api/v1/consultations/topics', { ...BASE, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Topic;
}
const get = async (id: number, c: Client = staff) => (await c.get(`/api/v1/consultations/topics/${id}`)).json() as Topic;
async function act(id: number, name: string, body: Record<string, unknown> = {}, c: Client = staff) {
  const t = await get(id);
  const path = c === leader ? 'decisions' : 'transitions';
  return c.post(`/api/v1/consultations/topics/${id}/${path}/${name}`, { version: t.version, ...body });
}
async function must(id: number, name: string, body: Record<string, unknown> = {}, c: Client = staff): Promise<Topic> {
  const res = await act(id, name, body, c);
  expect(res.statusCode, `${name}: ${res.body}`).toBe(200);
  return res.json() as Topic;
}
/** The gate's refusal: a disabled button with the reason, and the transition itself refused with it. */
async function refused(id: number, name: string, reason: string) {
  const t = await get(id);
  expect(t.actions.find((a) => a.name === name)).toMatchObject({ available: false, reason });
  const res = await act(id, name);
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json()).toMatchObject({ error: 'invalid_state', message: reason });
  expect((await get(id)).state).toBe(t.state);
}
async function meeting(body: Record<string, unknown>): Promise<Meeting> {
  const res = await staff.post('/api/v1/consultations/meetings', { title: '协商会', kind: 'consult', startsAt: new Date(Date.now() + 3600_000).toISOString(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Meeting;
}
async function hold(m: Meeting, body: Record<string, unknown>): Promise<Meeting> {
  const res = await staff.post(`/api/v1/consultations/meetings/${m.id}/hold`, { version: m.version, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Meeting;
}

describe('the topic workflow', () => {
  it('is a sound declaration', () => {
    expect(validateWorkflow(TOPIC_WORKFLOW)).toEqual([]);
  });
});

describe('creating a topic', () => {
  it('starts in 知情明政 with a code, a timeline entry and an audit entry', async () => {
    const t = await create();
    expect(t).toMatchObject({ state: 'informing', stage: 0, version: 1 });
    expect(t.code).toMatch(/^YT\d{4}-\d{4}$/);
    expect(t.timeline.map((e) => e.transition)).toEqual(['create']);
    const audit = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'topic').where('entity_id', '=', t.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['topic.create']);
  });

  it('refuses a bad form with every problem in Chinese and writes nothing', async () => {
    const before = await env.db.selectFrom('topics').select('id').execute();
    const res = await staff.post('/api/v1/consultations/topics', { title: '短', source: 'x', format: 'y', level: 'township', planYear: 2026 });
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((f) => f.path)).toEqual(['title', 'source', 'format']);
    for (const f of fields) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    const cross = await staff.post('/api/v1/consultations/topics', { ...BASE, level: 'township', planYear: 2026 });
    expect(cross.json().fields).toEqual([
      { path: 'placeId', message: '乡镇、村级协商请选择所在乡镇或村' }, { path: 'planMonth', message: '计划年份和月份须同时填写' },
    ]);
    const foreign = await staff.post('/api/v1/consultations/topics', { ...BASE, level: 'township', placeId: other.townshipId, source: 'clue' });
    expect(foreign.statusCode).toBe(400);
    expect((foreign.json() as { fields: unknown[] }).fields).toEqual([
      { path: 'placeId', message: '乡镇或村不存在' }, { path: 'clueLinkId', message: '来源为民意线索时请选择待转化的线索' },
    ]);
    expect(await env.db.selectFrom('topics').select('id').execute()).toEqual(before);
  });

  it('is staff work: a leader reads but may not create, a unit may not read; another county sees nothing', async () => {
    expect((await leader.post('/api/v1/consultations/topics', BASE)).statusCode).toBe(403);
    expect((await unitUser.get('/api/v1/consultations/topics')).statusCode).toBe(403);
    const t = await create();
    expect((await leader.get(`/api/v1/consultations/topics/${t.id}`)).statusCode).toBe(200);
    const res = await otherStaff.get(`/api/v1/consultations/topics/${t.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(BASE.title);
    const act2 = await otherStaff.post(`/api/v1/consultations/topics/${t.id}/transitions/brief`, { version: 1, briefing: '材料' });
    expect(act2.statusCode).toBe(404);
    expect((await get(t.id)).version).toBe(1);
  });

  it('from a clue conversion completes the waiting link, so the clue and the topic point at each other', async () => {
    const clue = await submitClue(env, county, { contactPhone: '13812345678', contactName: '李群众', consent: true });
    await linkCases(env.db, { tenantId: county.id, from: { type: 'clue', id: clue.id }, kind: 'converted_into', to: { type: 'topic', id: null }, note: '小柏路口缺少警示标志' });
    const pending = (await staff.get('/api/v1/consultations/clue-conversions')).json() as { items: { linkId: number; clueId: number; title: string; clueCode: string }[] };
    const item = pending.items.find((p) => p.clueId === clue.id)!;
    expect(item).toMatchObject({ title: '小柏路口缺少警示标志', clueCode: clue.code });
    const t = await create({ source: 'clue', clueLinkId: item.linkId });
    expect(t.links).toEqual([expect.objectContaining({ kind: 'converted_from', to: { type: 'clue', id: clue.id } })]);
    const again = await staff.post('/api/v1/consultations/topics', { ...BASE, source: 'clue', clueLinkId: item.linkId });
    expect(again.statusCode).toBe(400);
    expect((await staff.get('/api/v1/consultations/clue-conversions')).json().items.some((p: { clueId: number }) => p.clueId === clue.id)).toBe(false);
  });
});

describe('the eight steps, each gate refusing with its reason', () => {
  it('runs 知情明政 → … → 反馈公开 with a meeting, Q&A turned into a task, verification and the citizen told', async () => {
    const clue = await submitClue(env, county, { contactPhone: '13912345678', contactName: '张大爷', consent: true });
    await linkCases(env.db, { tenantId: county.id, from: { type: 'clue', id: clue.id }, kind: 'converted_into', to: { type: 'topic', id: null }, note: '村卫生室缺药' });
    const link = await env.db.selectFrom('case_links').select('id').where('from_type', '=', 'clue').where('from_id', '=', clue.id).executeTakeFirstOrThrow();
    const t = await create({ title: '村卫生室药品供应保障', source: 'clue', clueLinkId: link.id, format: 'sector' });

    // 知情明政
    await refused(t.id, 'collect', '知情明政：请先上传或填写情况通报材料');
    expect((await act(t.id, 'brief', {})).statusCode).toBe(400);
    await must(t.id, 'brief', { briefing: '县卫健委通报全县村卫生室药品配备情况' });
    await must(t.id, 'collect');
    // 收集民意: the linked clue opens it.
    await must(t.id, 'propose');
    // 提出议题: approval by a leader.
    await refused(t.id, 'research', '提出议题：议题尚未经审定同意');
    await must(t.id, 'approve', {}, leader);
    await must(t.id, 'research');
    // 充分调研: a held research record with findings.
    await refused(t.id, 'roundtable', '充分调研：至少要有一条已开展并写明调研发现的调研或视察记录');
    const r = await meeting({ kind: 'research', title: '村卫生室药品调研', topicId: t.id });
    await hold(r, { findings: '308 个村卫生室中 120 个常用药缺货' });
    await must(t.id, 'roundtable');
    // 圆桌协商: a held meeting with minutes, and an agreed outcome.
    await refused(t.id, 'decide', '圆桌协商：还没有已召开并有会议纪要的协商会');
    let m = await meeting({ title: '界别协商会', topicId: t.id, memberIds: [memberId], others: [{ name: '县卫健委代表', role: 'unit' }] });
    // The member checks in by the meeting's code.
    const token = m.checkinPath.split('/').pop()!;
    const checkin = await member.post('/api/v1/member/checkin', { token });
    expect(checkin.statusCode, checkin.body).toBe(200);
    expect((await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json()).toMatchObject({ attendance: { invited: 2, checkedIn: 1 } });
    m = await hold(m, { minutes: '与会各方同意建设药品商城，覆盖 308 个村卫生室' });
    await refused(t.id, 'decide', '圆桌协商：请先写明协商达成的成果');
    await must(t.id, 'outcome', { outcome: '建设药品商城，覆盖 308 个村卫生室' });
    await must(t.id, 'decide');
    // 党政决议: the report sent, the decision recorded.
    await refused(t.id, 'implement', '党政决议：协商成果尚未报送党委政府');
    let d = await must(t.id, 'submit_report');
    expect(d.clocks).toEqual([expect.objectContaining({ name: 'decision', stoppedAt: null })]);
    await refused(t.id, 'implement', '党政决议：请先登记党委政府的决议（采纳、部分采纳或未采纳）');
    expect((await act(t.id, 'record_decision', { decision: 'maybe' }, leader)).statusCode).toBe(400);
    d = await must(t.id, 'record_decision', { decision: 'adopted', instruction: '请卫健委牵头抓好落实' }, leader);
    expect(d.decisionLabel).toBe('采纳');
    await must(t.id, 'implement');
    // 督促落实: a task from a Q&A commitment.
    await refused(t.id, 'feedback', '督促落实：还没有交办任何落实事项');
    const qa = await staff.post(`/api/v1/consultations/meetings/${m.id}/qa`, {
      question: '药品商城何时覆盖全部村卫生室？', askedBy: '王委员', askerKind: 'member', unitId: unit.id, answer: '年内分批接入',
      commitment: '药品商城覆盖全县村卫生室', days: 60, measureLabel: '接入村卫生室', measureTarget: 308,
    });
    expect(qa.statusCode, qa.body).toBe(201);
    const qaId = (qa.json() as Meeting).qa[0]!.id;
    const made = await staff.post(`/api/v1/consultations/meetings/${m.id}/qa/${qaId}/task`, {});
    expect(made.statusCode, made.body).toBe(201);
    const taskId = (made.json() as { taskId: number }).taskId;
    expect((await staff.post(`/api/v1/consultations/meetings/${m.id}/qa/${qaId}/task`, {})).statusCode).toBe(409);
    d = await get(t.id);
    expect(d.tasks).toEqual([expect.objectContaining({ id: taskId, state: 'assigned' })]);
    await must(t.id, 'feedback');
    // 反馈公开: a summary; while the task is open, only with a reason.
    await refused(t.id, 'publish', '反馈公开：请先填写公开摘要');
    await must(t.id, 'summarize', { summary: '药品商城已上线，正在分批接入村卫生室' });
    await refused(t.id, 'publish', '反馈公开：还有 1 项落实事项未办结，须写明提前公开的理由');
    // The unit reports progress and staff verify; then it publishes without a reason.
    let task = (await unitUser.get(`/api/v1/unit/tasks/${taskId}`)).json() as { version: number };
    expect((await unitUser.post(`/api/v1/unit/tasks/${taskId}/transitions/start`, { version: task.version })).statusCode).toBe(200);
    task = (await unitUser.get(`/api/v1/unit/tasks/${taskId}`)).json() as { version: number };
    expect((await unitUser.post(`/api/v1/unit/tasks/${taskId}/progress`, { version: task.version, note: '全部接入', value: 308 })).statusCode).toBe(200);
    task = (await unitUser.get(`/api/v1/unit/tasks/${taskId}`)).json() as { version: number };
    expect((await unitUser.post(`/api/v1/unit/tasks/${taskId}/transitions/submit`, { version: task.version, reason: '已完成' })).statusCode).toBe(200);
    task = (await staff.get(`/api/v1/tasks/${taskId}`)).json() as { version: number };
    expect((await staff.post(`/api/v1/tasks/${taskId}/transitions/verify`, { version: task.version })).statusCode).toBe(200);
    const published = await must(t.id, 'publish');
    expect(published.state).toBe('published');
    // The citizen who reported it is told by SMS through the outbox.
    const sms = await env.db.selectFrom('outbox').select(['recipient', 'template']).where('tenant_id', '=', county.id).where('template', '=', 'topic.published').execute();
    expect(sms).toEqual([{ recipient: '13912345678', template: 'topic.published' }]);
    // The public page shows the outcome, and no phone number.
    const pub = await env.app.inject({ url: `/api/v1/public/counties/${county.id}/outcomes/${t.id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ summary: '药品商城已上线，正在分批接入村卫生室', decisionLabel: '采纳', tasks: [{ stateLabel: '已核验', measure: { target: 308, current: 308 } }] });
    expect(pub.body).not.toContain('139');
    const list = await env.app.inject({ url: `/api/v1/public/counties/${county.id}/outcomes` });
    expect(list.json().items.map((o: { id: number }) => o.id)).toContain(t.id);
    expect((await env.app.inject({ url: `/api/v1/public/counties/${other.id}/outcomes/${t.id}` })).statusCode).toBe(404);
    // The clue's tracking page follows the topic to its public page.
    const track = await env.app.inject({ method: 'POST', url: '/api/v1/public/clues/track', payload: { code: clue.code, secret: clue.secret } });
    expect(track.json().followUps).toEqual([{ type: 'topic', typeLabel: '协商议题', title: '村卫生室药品供应保障', stage: '已公开', path: `/outcomes/${t.id}?c=${county.id}` }]);
    // The citizen rates it once with the clue's code and secret; a wrong secret or another clue may not.
    const rate = (body: Record<string, unknown>) => env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${county.id}/outcomes/${t.id}/rating`, payload: body, remoteAddress: `10.9.0.${Math.floor(Math.random() * 250) + 1}` });
    expect((await rate({ code: clue.code, secret: 'WRONG123', rating: 'satisfied' })).statusCode).toBe(404);
    const stranger = await submitClue(env, county);
    expect((await rate({ code: stranger.code, secret: stranger.secret, rating: 'satisfied' })).json()).toMatchObject({ error: 'forbidden', message: '只有反映了该问题的群众可以评价这个协商结果' });
    expect((await rate({ code: clue.code, secret: clue.secret, rating: 'great' })).statusCode).toBe(400);
    const ok = await rate({ code: clue.code, secret: clue.secret, rating: 'satisfied' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await rate({ code: clue.code, secret: clue.secret, rating: 'satisfied' })).statusCode).toBe(409);
    expect((await env.app.inject({ url: `/api/v1/public/counties/${county.id}/outcomes/${t.id}` })).json().ratings).toEqual({ total: 1, satisfied: 1 });
  });

  it('refuses 收集民意 without a linked clue or a survey; approval is once, and not a stage move for a leader', async () => {
    const t = await create();
    await must(t.id, 'brief', { briefing: '情况通报' });
    await must(t.id, 'collect');
    await refused(t.id, 'propose', '收集民意：请先关联民意线索或填写民意调查情况');
    await must(t.id, 'survey', { survey: '走访 3 个村，收集意见 42 条' });
    await must(t.id, 'propose');
    // The approval is the leader's (or staff's), and only once.
    await must(t.id, 'approve', {}, leader);
    expect((await act(t.id, 'approve', {}, leader)).statusCode).toBe(409);
    const research = await act(t.id, 'research', {}, leader);
    expect(research.statusCode).toBe(400);
  });

  it('refuses the 微协商 fast path to other formats and the eight-step path to 微协商', async () => {
    const slow = await create();
    await refused(slow.id, 'onsite', '只有微协商、有事好商量走现场协商快速通道');
    const fast = await create({ format: 'micro', level: 'village', placeId: county.townshipId, title: '小柏路警示标志微协商' });
    await must(fast.id, 'brief', { briefing: '群众反映小柏路口车速快' });
    await refused(fast.id, 'collect', '微协商、有事好商量走现场协商快速通道，不经此步');
    await must(fast.id, 'onsite');
    await refused(fast.id, 'commit', '现场协商：还没有已召开并有会议纪要的现场协商会');
    const m = await meeting({ title: '小柏路现场微协商', topicId: fast.id });
    await hold(m, { minutes: '交通局当场答复设置警示标志' });
    await refused(fast.id, 'commit', '现场协商：共提共答还没有单位当场答复的事项');
    await staff.post(`/api/v1/consultations/meetings/${m.id}/qa`, { question: '路口能否设警示标志？', askedBy: '村民', askerKind: 'citizen', unitId: unit.id, answer: '一周内设置', commitment: '设置警示标志和减速带', days: 5 });
    const d = await must(fast.id, 'commit');
    expect(d.state).toBe('implementing');
    await refused(fast.id, 'feedback', '督促落实：还没有交办任何落实事项');
    // The on-site answer becomes the task; with it still open, publishing needs the staff's reason.
    const qaId = ((await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json() as Meeting).qa[0]!.id;
    expect((await staff.post(`/api/v1/consultations/meetings/${m.id}/qa/${qaId}/task`, {})).statusCode).toBe(201);
    await must(fast.id, 'feedback');
    await must(fast.id, 'summarize', { summary: '警示标志已设置，减速带正在施工' });
    await refused(fast.id, 'publish', '反馈公开：还有 1 项落实事项未办结，须写明提前公开的理由');
    await must(fast.id, 'summarize', { summary: '警示标志已设置，减速带正在施工', publishNote: '群众关切，先公开进度，办结后再更新' });
    const published = await must(fast.id, 'publish');
    expect(published.state).toBe('published');
    expect(published.clocks).toEqual([expect.objectContaining({ name: 'publish', stoppedAt: expect.any(String) })]);
    const pub = (await env.app.inject({ url: `/api/v1/public/counties/${county.id}/outcomes/${fast.id}` })).json();
    expect(pub.tasks).toEqual([expect.objectContaining({ stateLabel: '已交办' })]);
  });
});

describe('meetings', () => {
  it('refuses a bad meeting with every field in Chinese and writes nothing', async () => {
    const before = await env.db.selectFrom('meetings').select('id').execute();
    const res = await staff.post('/api/v1/consultations/meetings', { kind: 'party', title: '', startsAt: 'tomorrow', memberIds: [2_000_000], venueId: 2_000_000 });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(expect.arrayContaining(['kind', 'title', 'startsAt']));
    const refs = await staff.post('/api/v1/consultations/meetings', { kind: 'consult', title: '协商会', startsAt: '2026-12-10T09:00:00Z', memberIds: [2_000_000], venueId: 2_000_000 });
    expect(refs.statusCode).toBe(400);
    expect((refs.json() as { fields: { path: string; message: string }[] }).fields).toEqual([
      { path: 'venueId', message: '阵地不存在' }, { path: 'memberIds.0', message: '委员不存在或已不在任' },
    ]);
    expect(await env.db.selectFrom('meetings').select('id').execute()).toEqual(before);
  });

  it('a service activity needs its beneficiaries; the dashboard sums them', async () => {
    const m = await meeting({ kind: 'service', title: '送医下乡义诊', startsAt: '2026-03-05T01:00:00Z' });
    const bad = await staff.post(`/api/v1/consultations/meetings/${m.id}/hold`, { version: m.version, minutes: '义诊' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([{ path: 'beneficiaries', message: '服务群众活动请填写受益群众人数' }]);
    await hold(m, { minutes: '义诊 3 个村', beneficiaries: 260 });
    const dash = (await staff.get('/api/v1/consultations/dashboard?from=2026-01-01&to=2026-12-31')).json();
    expect(dash.figures).toMatchObject({ 'consult.serviceActivities': 1, 'consult.beneficiaries': 260 });
    expect(dash.definitions['consult.beneficiaries']).toMatch(/受益/);
    const badPeriod = await staff.get('/api/v1/consultations/dashboard?from=2026-12-31&to=2026-01-01');
    expect(badPeriod.statusCode).toBe(400);
  });

  it('a member asks to be excused with a reason and staff approve; a member of no meeting cannot check in elsewhere', async () => {
    const m = await meeting({ title: '界别活动', kind: 'sector', memberIds: [memberId] });
    const mine = (await member.get('/api/v1/member/meetings')).json() as { items: { id: number; status: string }[] };
    expect(mine.items.find((i) => i.id === m.id)?.status).toBe('invited');
    const ask = await member.post(`/api/v1/member/meetings/${m.id}/absence`, { reason: '赴省里开会' });
    expect(ask.statusCode, ask.body).toBe(200);
    const d = (await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json() as Meeting;
    const p = d.participants.find((x) => x.memberId === memberId)!;
    expect(p.status).toBe('absence_requested');
    const ok = await staff.post(`/api/v1/consultations/meetings/${m.id}/participants/${p.id}/absence`, { approve: true });
    expect(ok.json().participants[0].status).toBe('absence_approved');
    expect((await staff.post(`/api/v1/consultations/meetings/${m.id}/participants/${p.id}/absence`, { approve: true })).statusCode).toBe(409);
    // Another county's meeting code does not exist for this member.
    const theirs = (await otherStaff.post('/api/v1/consultations/meetings', { kind: 'consult', title: '外县协商会', startsAt: '2026-12-10T09:00:00Z' })).json() as Meeting;
    const res = await member.post('/api/v1/member/checkin', { token: theirs.checkinPath.split('/').pop() });
    expect(res.statusCode).toBe(404);
    expect((await member.post('/api/v1/member/checkin', { token: 'x' })).statusCode).toBe(400);
  });
});

describe('meeting attachments', () => {
  it('staff upload a file to a meeting; it is listed and read back, not by another county', async () => {
    const m = await meeting({ title: '附件测试会' });
    const { body, headers } = multipartFile(Buffer.from('%PDF-1.4 议程'), '议程.pdf');
    const up = await staff.request('POST', `/api/v1/consultations/meetings/${m.id}/files`, body, headers);
    expect(up.statusCode, up.body).toBe(201);
    const fileId = (up.json() as { fileId: number }).fileId;
    const d = (await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json() as { files: { id: number; name: string }[] };
    expect(d.files).toEqual([expect.objectContaining({ id: fileId, name: '议程.pdf' })]);
    const read = await staff.get(`/api/v1/consultations/meetings/${m.id}/files/${fileId}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('议程');
    expect((await otherStaff.get(`/api/v1/consultations/meetings/${m.id}/files/${fileId}`)).statusCode).toBe(404);
    expect((await leader.request('POST', `/api/v1/consultations/meetings/${m.id}/files`, body, headers)).statusCode).toBe(403);
  });
});

describe('the annual plan', () => {
  it('flags the months that break the county rhythm, and is approved as a whole once', async () => {
    const c = await createCounty(env.db);
    const s = (await clientFor(env, c.id, ['staff'])).client;
    const l = (await clientFor(env, c.id, ['leader'])).client;
    expect((await l.post('/api/v1/consultations/plan/approve', { year: 2027 })).json()).toMatchObject({ message: '2027 年度协商计划还没有列入任何议题' });
    await env.db.insertInto('settings').values({ tenant_id: c.id, key: 'consult.rhythm', value_json: JSON.stringify('odd_sector_even_township'), updated_at: new Date().toISOString(), updated_by: null }).execute();
    invalidateSettings(c.id);
    const add = (body: Record<string, unknown>) => s.post('/api/v1/consultations/topics', { ...BASE, planYear: 2027, ...body });
    expect((await add({ title: '一月界别协商', format: 'sector', planMonth: 1 })).statusCode).toBe(201);
    expect((await add({ title: '二月乡镇协商', level: 'township', placeId: c.townshipId, planMonth: 2 })).statusCode).toBe(201);
    expect((await add({ title: '三月专题协商', planMonth: 3 })).statusCode).toBe(201);
    const plan = (await s.get('/api/v1/consultations/plan?year=2027')).json();
    expect(plan.rhythm).toBe('odd_sector_even_township');
    expect(plan.months[0]).toMatchObject({ month: 1, expected: '界别活动', kept: true });
    expect(plan.months[1]).toMatchObject({ month: 2, expected: '乡镇协商', kept: true });
    expect(plan.breaks).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await s.get('/api/v1/consultations/plan?year=abc')).statusCode).toBe(400);
    const ok = await l.post('/api/v1/consultations/plan/approve', { year: 2027 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().approvedAt).toBeTruthy();
    expect((await l.post('/api/v1/consultations/plan/approve', { year: 2027 })).statusCode).toBe(409);
    expect((await (await clientFor(env, c.id, ['unit_handler'], { unitId: (await createUnit(env.db, c.id)).id })).client.post('/api/v1/consultations/plan/approve', { year: 2027 })).statusCode).toBe(403);
  });
});
