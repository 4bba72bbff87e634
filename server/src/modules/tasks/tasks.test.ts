import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createUnit, multipartFile, type Client, type TestEnv, createTestApp } from '../../test/helper.ts';
import { runDeadlines } from '../../platform/deadlines.ts';
import { caseTypes, linkCases } from '../../platform/cases.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let health: { id: number; name: string };
let finance: { id: number; name: string };
let water: { id: number; name: string };
let staff: Client;
let leader: Client;
let healthUser: Client;
let healthUserId: number;
let financeUser: Client;
let waterUser: Client;
let otherStaff: Client;

interface Action { name: string; available: boolean; reason?: string }
interface Detail {
  id: number; code: string; state: string; version: number; dueAt: string | null; overdue: boolean;
  measure: { current: number | null; target: number | null } | null;
  actions: Action[]; timeline: { transition: string; label: string; note: string | null }[];
  updates: { unitName: string; note: string; value: number | null; files: { id: number; name: string }[] }[];
  clocks: { name: string; dueAt: string; stoppedAt: string | null }[]; children: { id: number; state: string }[];
  links: { kind: string; to: { type: string; id: number | null } }[];
}

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  health = await createUnit(env.db, county.id, '县卫健委');
  finance = await createUnit(env.db, county.id, '县财政局');
  water = await createUnit(env.db, county.id, '县水利局');
  staff = (await clientFor(env, county.id, ['staff'])).client;
  leader = (await clientFor(env, county.id, ['leader'])).client;
  const h = await clientFor(env, county.id, ['unit_handler'], { unitId: health.id });
  healthUser = h.client;
  healthUserId = h.user.id;
  financeUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: finance.id })).client;
  waterUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: water.id })).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
});
afterAll(async () => env.close());

const CLINICS = { title: '村卫生室标准化建设', ownerUnitId: 0, coUnitIds: [] as number[], measureLabel: '达标村卫生室', measureUnit: '个', measureTarget: 308 };
async function create(body: Record<string, unknown> = {}): Promise<Detail> {
  const res = await staff.post('/api/v1/tasks', { ...CLINICS, ownerUnitId: health.id, coUnitIds: [finance.id], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}
const detail = async (c: Client, id: number, prefix = '/api/v1/tasks') => (await c.get(`${prefix}/${id}`)).json() as Detail;
const act = (c: Client, id: number, name: string, body: Record<string, unknown>, prefix = '/api/v1/tasks') => c.post(`${prefix}/${id}/transitions/${name}`, body);
const progress = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/v1/unit/tasks/${id}/progress`, body);

describe('creating a task', () => {
  it('assigns it to the owner unit with a deadline clock, a timeline entry and notices to owner and co-units', async () => {
    const t = await create({ days: 10 });
    expect(t).toMatchObject({ state: 'assigned', version: 2, measure: { current: 0, target: 308 } });
    expect(t.code).toMatch(/^RW\d{4}-\d{4}$/);
    expect(t.dueAt).toBeTruthy();
    expect(t.clocks).toEqual([expect.objectContaining({ name: 'deadline', dueAt: t.dueAt, stoppedAt: null })]);
    expect(t.timeline.map((e) => e.transition)).toEqual(['assign']);
    const audit = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'task').where('entity_id', '=', t.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['task.assign']);
    for (const unitId of [health.id, finance.id]) {
      const users = await env.db.selectFrom('users').select('id').where('unit_id', '=', unitId).execute();
      const notes = await env.db.selectFrom('notifications').select('body').where('user_id', 'in', users.map((u) => u.id)).execute();
      expect(notes.some((n) => n.body.includes(t.code))).toBe(true);
    }
  });

  it('refuses a bad form with every problem in Chinese and writes nothing', async () => {
    const before = await env.db.selectFrom('tasks').select('id').execute();
    const res = await staff.post('/api/v1/tasks', { title: '', ownerUnitId: 'x', measureTarget: -1, days: 0 });
    expect(res.statusCode).toBe(400);
    const paths = (res.json() as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'ownerUnitId', 'measureTarget', 'days']));
    const otherUnit = await createUnit(env.db, other.id);
    const foreign = await staff.post('/api/v1/tasks', { ...CLINICS, ownerUnitId: otherUnit.id, parentType: 'task', parentId: 2_000_000 });
    expect(foreign.statusCode).toBe(400);
    expect((foreign.json() as { fields: { path: string; message: string }[] }).fields).toEqual([
      { path: 'ownerUnitId', message: '牵头单位不存在或已停用' }, { path: 'parentId', message: '上级事项不存在' },
    ]);
    expect(await env.db.selectFrom('tasks').select('id').execute()).toEqual(before);
  });

  it('is not open to a unit handler or a leader', async () => {
    expect((await healthUser.post('/api/v1/tasks', { ...CLINICS, ownerUnitId: health.id })).statusCode).toBe(403);
    expect((await leader.post('/api/v1/tasks', { ...CLINICS, ownerUnitId: health.id })).statusCode).toBe(403);
    expect((await leader.get('/api/v1/tasks')).statusCode).toBe(200);
  });
});

describe('the whole path: progress with evidence, gates, verification', () => {
  it('runs from assignment to verification, with each closed button saying why', async () => {
    const t = await create();
    // The owner signs for it.
    let d = await detail(healthUser, t.id, '/api/v1/unit/tasks');
    expect(d.actions.map((a) => a.name)).toEqual(['start', 'progress']);
    const started = await act(healthUser, t.id, 'start', { version: d.version }, '/api/v1/unit/tasks');
    expect(started.statusCode, started.body).toBe(200);

    // Submitting is closed until the owner reports and the co-unit has too.
    d = await detail(healthUser, t.id, '/api/v1/unit/tasks');
    expect(d.actions.find((a) => a.name === 'submit')).toEqual({ name: 'submit', label: '报请核验', kind: 'transition', available: false, reason: '请先报送至少一次办理进展', code: 'gate', requires: { reason: true } });
    const refused = await act(healthUser, t.id, 'submit', { version: d.version, reason: '完成' }, '/api/v1/unit/tasks');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'invalid_state', message: '请先报送至少一次办理进展' });

    // Evidence: uploaded first, attached with the update, which moves the measure.
    const { body, headers } = multipartFile(Buffer.from('%PDF-1.4 验收报告'), '验收报告.pdf');
    const up = await healthUser.request('POST', `/api/v1/unit/tasks/${t.id}/files`, body, headers);
    expect(up.statusCode, up.body).toBe(201);
    const fileId = (up.json() as { fileId: number }).fileId;
    const rep = await progress(healthUser, t.id, { version: d.version, note: '已完成 300 个村卫生室改造', value: 300, fileIds: [fileId] });
    expect(rep.statusCode, rep.body).toBe(200);
    d = rep.json() as Detail;
    expect(d).toMatchObject({ state: 'in_progress', measure: { current: 300 } });
    expect(d.updates).toEqual([expect.objectContaining({ unitName: '县卫健委', note: '已完成 300 个村卫生室改造', value: 300, files: [expect.objectContaining({ id: fileId, name: '验收报告.pdf' })] })]);
    expect(d.timeline.at(-1)).toMatchObject({ transition: 'progress', label: '报送了办理进展', note: '已完成 300 个村卫生室改造' });
    // The same file cannot be evidence twice.
    expect((await progress(healthUser, t.id, { version: d.version, note: '再传一次', fileIds: [fileId] })).statusCode).toBe(400);
    expect(d.actions.find((a) => a.name === 'submit')).toMatchObject({ available: false, reason: '协办单位尚未报送进展：县财政局' });

    // The co-unit sees the task in 我的任务 and reports; a unit with no part in it sees nothing.
    const mine = (await financeUser.get('/api/v1/unit/tasks')).json() as { items: { id: number; mine: boolean }[] };
    expect(mine.items).toContainEqual(expect.objectContaining({ id: t.id, mine: false }));
    expect(((await waterUser.get('/api/v1/unit/tasks')).json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.id);
    expect((await waterUser.get(`/api/v1/unit/tasks/${t.id}`)).statusCode).toBe(404);
    expect((await progress(waterUser, t.id, { version: d.version, note: '越权' })).statusCode).toBe(404);
    const co = await progress(financeUser, t.id, { version: d.version, note: '资金已拨付' });
    expect(co.statusCode, co.body).toBe(200);
    d = co.json() as Detail;
    // The co-unit may not submit for the owner.
    expect((await act(financeUser, t.id, 'submit', { version: d.version, reason: '完成' }, '/api/v1/unit/tasks')).statusCode).toBe(403);

    const sub = await act(healthUser, t.id, 'submit', { version: d.version, reason: '请核验' }, '/api/v1/unit/tasks');
    expect(sub.statusCode, sub.body).toBe(200);
    d = sub.json() as Detail;
    expect(d.state).toBe('submitted');
    expect(d.clocks.find((c) => c.name === 'deadline')?.stoppedAt).toBeTruthy();
    expect(d.clocks.find((c) => c.name === 'verify')?.stoppedAt).toBeNull();

    // Staff cannot verify short of the target: the gate says so; they send it back with a reason.
    d = await detail(staff, t.id);
    expect(d.actions.find((a) => a.name === 'verify')).toMatchObject({ available: false, reason: '完成值 300 未达到目标 308，请退回继续办理' });
    expect((await act(staff, t.id, 'send_back', { version: d.version }).then((r) => r.statusCode))).toBe(400);
    const back = await act(staff, t.id, 'send_back', { version: d.version, reason: '还差 8 个' });
    expect(back.statusCode, back.body).toBe(200);
    d = back.json() as Detail;
    expect(d.state).toBe('in_progress');

    d = (await progress(healthUser, t.id, { version: d.version, note: '全部 308 个达标', value: 308 })).json() as Detail;
    d = (await act(healthUser, t.id, 'submit', { version: d.version, reason: '已全部完成' }, '/api/v1/unit/tasks')).json() as Detail;
    // A stale version is refused.
    expect((await act(staff, t.id, 'verify', { version: d.version - 1 })).statusCode).toBe(409);
    const ok = await act(staff, t.id, 'verify', { version: d.version });
    expect(ok.statusCode, ok.body).toBe(200);
    d = ok.json() as Detail;
    expect(d.state).toBe('verified');
    expect(d.clocks.every((c) => c.stoppedAt)).toBe(true);
    expect(d.timeline.map((e) => e.transition)).toEqual(['assign', 'start', 'progress', 'progress', 'submit', 'send_back', 'progress', 'submit', 'verify']);

    const file = await staff.get(`/api/v1/tasks/${t.id}/files/${fileId}`);
    expect(file.statusCode).toBe(200);
    expect((await otherStaff.get(`/api/v1/tasks/${t.id}/files/${fileId}`)).statusCode).toBe(404);
  });
});

describe('sub-tasks and the join rule', () => {
  it('keeps a parent task from verification until every sub-task is verified or cancelled', async () => {
    const parent = await create({ measureTarget: null, measureLabel: null });
    const child = await create({ title: '子任务：设备采购', parentType: 'task', parentId: parent.id, coUnitIds: [], measureTarget: null, measureLabel: null });
    let p = await detail(staff, parent.id);
    expect(p.children).toEqual([expect.objectContaining({ id: child.id, state: 'assigned' })]);
    // The parent's owner does its part.
    await act(healthUser, parent.id, 'start', { version: p.version }, '/api/v1/unit/tasks');
    p = await detail(healthUser, parent.id, '/api/v1/unit/tasks');
    p = (await progress(healthUser, parent.id, { version: p.version, note: '牵头推进' })).json() as Detail;
    p = (await progress(financeUser, parent.id, { version: p.version, note: '资金到位' })).json() as Detail;
    p = (await act(healthUser, parent.id, 'submit', { version: p.version, reason: '请核验' }, '/api/v1/unit/tasks')).json() as Detail;
    p = await detail(staff, parent.id);
    expect(p.actions.find((a) => a.name === 'verify')).toMatchObject({ available: false, reason: '子任务尚未全部核验（还有 1 项）' });
    expect((await act(staff, parent.id, 'verify', { version: p.version })).statusCode).toBe(409);

    const c = await detail(staff, child.id);
    expect((await act(staff, child.id, 'cancel', { version: c.version, reason: '并入主任务' })).statusCode).toBe(200);
    expect((await act(staff, parent.id, 'verify', { version: p.version })).statusCode).toBe(200);
  });
});

describe('staff list, remind, links', () => {
  it('filters by state, unit, parent and text, only within the county', async () => {
    const t = await create({ title: '乡镇污水处理站提标改造', ownerUnitId: water.id, coUnitIds: [] });
    const q = async (qs: string) => ((await staff.get(`/api/v1/tasks?${qs}`)).json() as { items: { id: number }[]; total: number });
    expect((await q('q=污水处理')).items.map((i) => i.id)).toEqual([t.id]);
    expect((await q(`unitId=${water.id}`)).items.map((i) => i.id)).toContain(t.id);
    expect((await q(`unitId=${finance.id}`)).items.map((i) => i.id)).not.toContain(t.id);
    expect((await q('state=verified')).items.map((i) => i.id)).not.toContain(t.id);
    expect((await q('state=open')).items.map((i) => i.id)).toContain(t.id);
    expect(((await otherStaff.get('/api/v1/tasks?q=污水处理')).json() as { total: number }).total).toBe(0);
    expect((await otherStaff.get(`/api/v1/tasks/${t.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/tasks?state=nonsense')).statusCode).toBe(400);
  });

  it('records a remind event with its reason and tells the owner unit', async () => {
    const t = await create({ ownerUnitId: water.id, coUnitIds: [] });
    const res = await act(staff, t.id, 'remind', { version: t.version, reason: '请本周内报送进展' });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Detail;
    expect(d).toMatchObject({ state: 'assigned', version: t.version + 1 });
    expect(d.timeline.at(-1)).toMatchObject({ transition: 'remind', label: '催办', note: '请本周内报送进展' });
    const inbox = (await waterUser.get('/api/v1/notifications')).body;
    expect(inbox).toContain('请本周内报送进展');
  });

  it('shows links to the case a task came from', async () => {
    const a = await create();
    const b = await create({ title: '同一事项的另一条' });
    await linkCases(env.db, { tenantId: county.id, from: { type: 'task', id: b.id }, kind: 'same_matter_as', to: { type: 'task', id: a.id } });
    expect((await detail(staff, a.id)).links).toEqual([expect.objectContaining({ kind: 'same_matter_as', to: { type: 'task', id: b.id } })]);
  });
});

describe('deadlines through the platform job', () => {
  it('reminds the owner and co-units of an overdue task and flags it overdue in the list', async () => {
    const t = await create({ days: 1 });
    const later = new Date(Date.parse(t.dueAt!) + 2 * 86_400_000);
    const before = await env.db.selectFrom('notifications').select('id').where('user_id', '=', healthUserId).execute();
    const sent = await runDeadlines(env.db, later, caseTypes());
    expect(sent).toBeGreaterThanOrEqual(1);
    const after = await env.db.selectFrom('notifications').select(['id', 'title', 'body']).where('user_id', '=', healthUserId).execute();
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.some((n) => n.body.includes(t.code) && n.title.includes('已超期'))).toBe(true);
    const clock = await env.db.selectFrom('case_clocks').selectAll().where('case_type', '=', 'task').where('case_id', '=', t.id).executeTakeFirstOrThrow();
    expect(clock.overdue_at).toBe(later.toISOString());
    expect((await detail(staff, t.id)).timeline.at(-1)).toMatchObject({ transition: 'remind' });
  });
});
