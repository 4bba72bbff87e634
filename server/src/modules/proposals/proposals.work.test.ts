/**
 * 提案 in 我的待办 (GET /api/v1/work): a co-signer sees the joint proposal waiting for their confirmation, staff
 * what waits for review, assignment and a late clock, a unit its own assignments (新交办, 超期 from the
 * assignment's clocks) and nobody else's, and the proposers the reply waiting for their evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkItem, WorkList } from '@xs/core/schemas/work.ts';
import { clientFor, createCounty, createMember, createUnit, multipartFile, type Client, type TestEnv, createTestApp } from '../../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let staff: Client;
let otherStaff: Client;
let lead: Client;
let co: Client;
let transportUser: Client;
let housingUser: Client;
let policeUser: Client;
let transport: { id: number };
let housing: { id: number };
let coMemberId: number;

interface Detail { id: number; code: string; version: number; state: string; assignments: { id: number; role: string; version: number }[] }

async function memberClient(tenantId: number, name: string) {
  const m = await createMember(env.db, tenantId, { name });
  return { client: (await clientFor(env, tenantId, ['member'], { memberId: m.id })).client, memberId: m.id };
}

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  const other = await createCounty(env.db);
  staff = (await clientFor(env, county.id, ['staff'])).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
  lead = (await memberClient(county.id, '王委员')).client;
  const c = await memberClient(county.id, '李委员');
  co = c.client;
  coMemberId = c.memberId;
  transport = await createUnit(env.db, county.id, '县交通运输局');
  housing = await createUnit(env.db, county.id, '县住建局');
  const police = await createUnit(env.db, county.id, '县公安局');
  transportUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: transport.id })).client;
  housingUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: housing.id })).client;
  policeUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: police.id })).client;
  const t = await staff.post('/api/v1/proposal-terms', { number: 1, name: '第一届', startYear: 2022, endYear: 2026 });
  const termId = (t.json() as { terms: { id: number }[] }).terms[0]!.id;
  const s = await staff.post('/api/v1/proposal-sessions', { termId, number: 4, name: '一届四次会议', opensOn: '2026-01-05', deadlineOn: '2026-01-10' });
  expect(s.statusCode, s.body).toBe(201);
});
afterAll(async () => env.close());

async function proposalWork(c: Client): Promise<WorkItem[]> {
  const res = await c.get('/api/v1/work');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as WorkList).items.filter((i) => i.type.startsWith('proposal'));
}

async function ok(c: Client, url: string, body: Record<string, unknown>): Promise<Detail> {
  const res = await c.post(url, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}

describe('提案 in 我的待办', () => {
  it('follows a joint proposal from 联名确认 through review, assignment, a late clock and evaluation, to each reader only', async () => {
    const draft = await lead.post('/api/v1/my/proposals', {
      title: '关于在主城区增设停车位的建议', category: '社会建设', authorKind: 'joint', cosignerIds: [coMemberId],
      reason: '主城区停车位严重不足，车辆乱停乱放，影响交通秩序和居民出行。', suggestion: '利用边角地块建设立体停车场，推行错时共享停车。',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    let p = draft.json() as Detail;
    p = await ok(lead, `/api/v1/my/proposals/${p.id}/submit`, { version: p.version });

    // The co-signer is asked; the first proposer is not, and no unit sees anything yet.
    expect(await proposalWork(co)).toEqual([expect.objectContaining({ id: p.id, stateLabel: '请确认联名', link: `/m/proposals/${p.id}`, tags: expect.arrayContaining(['to_handle']) })]);
    expect(await proposalWork(lead)).toEqual([]);
    expect(await proposalWork(transportUser)).toEqual([]);

    p = await ok(co, `/api/v1/my/proposals/${p.id}/cosign`, { version: p.version, accept: true });
    expect(await proposalWork(co)).toEqual([]);
    // Staff: to review, then to assign; another county's staff never.
    expect(await proposalWork(staff)).toEqual([expect.objectContaining({ id: p.id, state: 'submitted', link: `/proposals/${p.id}`, tags: ['to_handle'] })]);
    expect(await proposalWork(otherStaff)).toEqual([]);
    p = await ok(staff, `/api/v1/proposals/${p.id}/register`, { version: p.version });
    expect((await proposalWork(staff)).map((i) => i.state)).toEqual(['registered']);

    p = await ok(staff, `/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', leadUnitId: transport.id, coUnitIds: [housing.id] });
    const leadA = p.assignments.find((a) => a.role === 'lead')!;
    const coA = p.assignments.find((a) => a.role === 'co')!;
    // Assigned and in time: nothing left for staff; each unit sees its own part as 新交办 with its clock.
    expect(await proposalWork(staff)).toEqual([]);
    const mine = await proposalWork(transportUser);
    expect(mine).toEqual([expect.objectContaining({ type: 'proposal_assignment', id: leadA.id, code: p.code, link: `/unit/proposals/${leadA.id}`, overdue: false, tags: ['new'] })]);
    expect(mine[0]!.dueAt).toBeTruthy();
    expect(await proposalWork(housingUser)).toEqual([expect.objectContaining({ id: coA.id, tags: expect.arrayContaining(['new']) })]);
    expect(await proposalWork(policeUser)).toEqual([]);

    // The contact clock runs out: the unit sees 超期, staff the proposal to 催办.
    const past = new Date(Date.now() - 86_400_000).toISOString();
    await env.db.updateTable('case_clocks').set({ due_at: past }).where('case_type', '=', 'proposal_assignment').where('case_id', '=', leadA.id).where('name', '=', 'contact').execute();
    expect(await proposalWork(transportUser)).toEqual([expect.objectContaining({ id: leadA.id, overdue: true, dueAt: past, tags: ['new', 'overdue'] })]);
    expect(await proposalWork(staff)).toEqual([expect.objectContaining({ id: p.id, overdue: true, tags: ['overdue'] })]);
    expect(await proposalWork(otherStaff)).toEqual([]);

    // Contact, views, reply: the proposers are asked to evaluate; once one has, only the other is.
    let la = (await transportUser.get(`/api/v1/unit/proposals/${leadA.id}`)).json() as Detail;
    la = await ok(transportUser, `/api/v1/unit/proposals/${leadA.id}/transitions/contact`, { version: la.version, reason: '已电话联系王委员，当面听取意见' });
    expect((await proposalWork(transportUser))[0]!.tags).not.toContain('new');
    const ca = (await housingUser.get(`/api/v1/unit/proposals/${coA.id}`)).json() as Detail;
    await ok(housingUser, `/api/v1/unit/proposals/${coA.id}/transitions/send_views`, { version: ca.version, reason: '同意在旧城改造中预留停车用地' });
    expect(await proposalWork(housingUser)).toEqual([]);
    la = (await transportUser.get(`/api/v1/unit/proposals/${leadA.id}`)).json() as Detail;
    const { body, headers } = multipartFile(Buffer.from('%PDF-1.4 答复函'), '答复函.pdf');
    const up = await transportUser.request('POST', `/api/v1/unit/proposals/${leadA.id}/files`, body, headers);
    expect(up.statusCode, up.body).toBe(201);
    await ok(transportUser, `/api/v1/unit/proposals/${leadA.id}/reply`, { version: la.version, resultClass: 'B', summary: '已规划新建两处立体停车场', letterFileId: (up.json() as { fileId: number }).fileId });
    expect(await proposalWork(transportUser)).toEqual([]);
    for (const c of [lead, co]) expect(await proposalWork(c)).toEqual([expect.objectContaining({ id: p.id, stateLabel: '请评价办理结果', tags: expect.arrayContaining(['to_handle']) })]);
    const l1 = (await lead.get(`/api/v1/my/proposals/${p.id}`)).json() as Detail;
    await ok(lead, `/api/v1/my/proposals/${p.id}/evaluate`, { version: l1.version, handling: 'satisfied', result: 'basically' });
    expect(await proposalWork(lead)).toEqual([]);
    expect((await proposalWork(co)).map((i) => i.id)).toEqual([p.id]);
  });
});
