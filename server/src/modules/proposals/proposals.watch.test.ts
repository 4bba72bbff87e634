/**
 * The 超期 and 不满意 lists: what each holds and why, scoped to the county, session and unit; their totals are the
 * dashboard's drill-down figures; each exports to Excel; bad filters are 400 in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createMember, createTestApp, createUnit, multipartFile, readXlsx, uniq, type Client, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let staff: Client;
let otherStaff: Client;
let member: { client: Client; id: number; name: string };
let transport: { id: number; name: string };
let housing: { id: number; name: string };
let transportUser: Client;
let housingUser: Client;
let sessionId: number;
let laterSessionId: number;

interface Detail { id: number; code: string; version: number; state: string; round: number; assignments: { id: number; unitId: number; role: string; version: number }[] }
interface OverdueItem { proposalId: number; code: string; clock: string; clockLabel: string; waitingOn: string; unitId: number | null; daysOverdue: number; sessionName: string }
interface UnsatisfiedItem { proposalId: number; memberName: string; round: number; handlingLabel: string; resultLabel: string; comment: string | null; units: string; stateLabel: string; rehandled: boolean }
interface ListOf<T> { items: T[]; total: number }

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  staff = (await clientFor(env, county.id, ['staff'])).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
  const m = await createMember(env.db, county.id, { name: '周委员' });
  member = { client: (await clientFor(env, county.id, ['member'], { memberId: m.id })).client, id: m.id, name: m.name };
  transport = await createUnit(env.db, county.id, '县交通运输局');
  housing = await createUnit(env.db, county.id, '县住建局');
  transportUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: transport.id })).client;
  housingUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: housing.id })).client;
  const t = await staff.post('/api/v1/proposal-terms', { number: 1, name: '第一届', startYear: 2022, endYear: 2026 });
  const termId = (t.json() as { terms: { id: number }[] }).terms[0]!.id;
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const s1 = await staff.post('/api/v1/proposal-sessions', { termId, number: 3, name: '一届三次会议', opensOn: day(-300), deadlineOn: day(-295) });
  sessionId = (s1.json() as { sessions: { id: number; number: number }[] }).sessions.find((s) => s.number === 3)!.id;
  const s2 = await staff.post('/api/v1/proposal-sessions', { termId, number: 4, name: '一届四次会议', opensOn: day(20), deadlineOn: day(25) });
  laterSessionId = (s2.json() as { sessions: { id: number; number: number }[] }).sessions.find((s) => s.number === 4)!.id;
});
afterAll(async () => env.close());

/** A proposal of the session, registered and assigned to transport (lead) with housing (co). */
async function assigned(session: number, title = uniq('关于规范农村公路养护的建议')): Promise<Detail> {
  const d = await member.client.post('/api/v1/my/proposals', { title, category: '经济建设', reason: '农村公路失修。', suggestion: '建立养护机制。', sessionId: session });
  expect(d.statusCode, d.body).toBe(201);
  let p = d.json() as Detail;
  p = (await (await member.client.post(`/api/v1/my/proposals/${p.id}/submit`, { version: p.version })).json()) as Detail;
  p = (await (await staff.post(`/api/v1/proposals/${p.id}/register`, { version: p.version })).json()) as Detail;
  const a = await staff.post(`/api/v1/proposals/${p.id}/assign`, { version: p.version, mode: 'lead', leadUnitId: transport.id, coUnitIds: [housing.id] });
  expect(a.statusCode, a.body).toBe(200);
  return a.json() as Detail;
}

/** Move one running clock of a case back so it ran out `days` ago. */
async function runOut(caseType: 'proposal' | 'proposal_assignment', caseId: number, name: string, days: number) {
  const due = new Date(Date.now() - days * 86_400_000 - 60_000).toISOString();
  const r = await env.db.updateTable('case_clocks').set({ due_at: due }).where('case_type', '=', caseType).where('case_id', '=', caseId).where('name', '=', name).executeTakeFirst();
  expect(Number(r.numUpdatedRows)).toBe(1);
}

describe('the overdue list', () => {
  it('lists each clock past due with who must act, most overdue first, and only within the county, session and unit asked', async () => {
    const p = await assigned(sessionId);
    const q = await assigned(sessionId);
    const fresh = await assigned(sessionId);
    const leadP = p.assignments.find((a) => a.role === 'lead')!;
    const coQ = q.assignments.find((a) => a.role === 'co')!;
    await runOut('proposal_assignment', leadP.id, 'contact', 3);
    await runOut('proposal_assignment', coQ.id, 'views', 10);

    const res = await staff.get(`/api/v1/proposals/overdue?sessionId=${sessionId}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as ListOf<OverdueItem>;
    expect(list.total).toBe(2);
    expect(list.items.map((i) => [i.code, i.clock, i.clockLabel, i.waitingOn, i.daysOverdue])).toEqual([
      [q.code, 'views', '会办意见', '县住建局（会办）', 10],
      [p.code, 'contact', '联系提案人', '县交通运输局（主办）', 3],
    ]);
    expect(list.items.some((i) => i.proposalId === fresh.id)).toBe(false);
    expect(list.items[0]!.sessionName).toBe('一届三次会议');

    // One unit's part only; another session; another county.
    expect(((await staff.get(`/api/v1/proposals/overdue?sessionId=${sessionId}&unitId=${transport.id}`)).json() as ListOf<OverdueItem>).items.map((i) => i.proposalId)).toEqual([p.id]);
    expect((await staff.get(`/api/v1/proposals/overdue?sessionId=${laterSessionId}`)).json()).toMatchObject({ total: 0 });
    const theirs = await otherStaff.get('/api/v1/proposals/overdue');
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toMatchObject({ total: 0, items: [] });
    expect(theirs.body).not.toContain(p.code);
    // Paged.
    const page2 = (await staff.get(`/api/v1/proposals/overdue?sessionId=${sessionId}&pageSize=1&page=2`)).json() as ListOf<OverdueItem>;
    expect(page2).toMatchObject({ total: 2, items: [expect.objectContaining({ proposalId: p.id })] });

    // The dashboard's drill-down figure is this list's total; the proposal list's 超期 filter finds the same proposals.
    const dash = (await staff.get(`/api/v1/proposals/dashboard?sessionId=${sessionId}`)).json() as { total: { overdue: number }; figures: Record<string, { label: string }> };
    expect(dash.total.overdue).toBe(2);
    const whole = (await staff.get('/api/v1/proposals/dashboard')).json() as { total: { overdue: number } };
    expect(whole.total.overdue).toBe(((await staff.get('/api/v1/proposals/overdue')).json() as ListOf<OverdueItem>).total);
    expect(dash.figures.overdue!.label).toBe('超期');
    const filtered = (await staff.get(`/api/v1/proposals?overdue=1&sessionId=${sessionId}`)).json() as ListOf<{ id: number }>;
    expect(filtered.items.map((i) => i.id).sort()).toEqual([p.id, q.id].sort());

    // A clock that stops (the unit contacts the proposer) leaves the list.
    const d = (await (await transportUser.get(`/api/v1/unit/proposals/${leadP.id}`)).json()) as { version: number };
    expect((await transportUser.post(`/api/v1/unit/proposals/${leadP.id}/transitions/contact`, { version: d.version, reason: '已电话联系提案人' })).statusCode).toBe(200);
    expect(((await staff.get(`/api/v1/proposals/overdue?sessionId=${sessionId}`)).json() as ListOf<OverdueItem>).items.map((i) => i.proposalId)).toEqual([q.id]);
  });

  it('exports the list to Excel with the same rows', async () => {
    const res = await staff.get(`/api/v1/proposals/overdue/export?sessionId=${sessionId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]).toEqual(['编号', '标题', '会议', '超期事项', '待办理', '期限', '超期天数', '最近催办', '提案状态']);
    expect(rows.slice(1).map((r) => [r[3], r[4], String(r[6])])).toEqual([['会办意见', '县住建局（会办）', '10']]);
    const theirs = await readXlsx((await otherStaff.get('/api/v1/proposals/overdue/export')).rawPayload);
    expect(theirs).toHaveLength(1);
  });

  it('refuses bad filters with every field named in Chinese', async () => {
    const res = await staff.get('/api/v1/proposals/overdue?sessionId=abc&page=0&pageSize=500&colour=red');
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((f) => f.path).sort()).toEqual(expect.arrayContaining(['page', 'pageSize', 'sessionId']));
    for (const f of fields) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

async function upload(c: Client, id: number): Promise<number> {
  const { body, headers } = multipartFile(Buffer.from('%PDF-1.4 答复函'), '答复函.pdf');
  const up = await c.request('POST', `/api/v1/unit/proposals/${id}/files`, body, headers);
  expect(up.statusCode, up.body).toBe(201);
  return (up.json() as { fileId: number }).fileId;
}

describe('the unsatisfied list', () => {
  it('lists each 不满意 evaluation with the units and whether the proposal was handled again, within the county, session and unit', async () => {
    const p = await assigned(laterSessionId, '关于加快老旧小区加装电梯的建议');
    const leadA = p.assignments.find((a) => a.role === 'lead')!;
    const coA = p.assignments.find((a) => a.role === 'co')!;
    const co = (await (await housingUser.get(`/api/v1/unit/proposals/${coA.id}`)).json()) as { version: number };
    expect((await housingUser.post(`/api/v1/unit/proposals/${coA.id}/transitions/send_views`, { version: co.version, reason: '同意' })).statusCode).toBe(200);
    let la = (await (await transportUser.get(`/api/v1/unit/proposals/${leadA.id}`)).json()) as { version: number };
    la = (await (await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/transitions/contact`, { version: la.version, reason: '已联系' })).json()) as { version: number };
    const reply = await transportUser.post(`/api/v1/unit/proposals/${leadA.id}/reply`, { version: la.version, resultClass: 'C', summary: '列入规划', letterFileId: await upload(transportUser, leadA.id) });
    expect(reply.statusCode, reply.body).toBe(200);
    const mine = (await (await member.client.get(`/api/v1/my/proposals/${p.id}`)).json()) as Detail;
    const ev = await member.client.post(`/api/v1/my/proposals/${p.id}/evaluate`, { version: mine.version, handling: 'basically', result: 'unsatisfied', comment: '两年没有动静' });
    expect(ev.statusCode, ev.body).toBe(200);
    expect((ev.json() as Detail).state).toBe('rehandling');

    const res = await staff.get(`/api/v1/proposals/unsatisfied?sessionId=${laterSessionId}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as ListOf<UnsatisfiedItem>;
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      proposalId: p.id, memberName: '周委员', round: 1, handlingLabel: '基本满意', resultLabel: '不满意', comment: '两年没有动静',
      units: '县交通运输局（主办）', stateLabel: '重新办理', rehandled: true,
    });
    expect(((await staff.get(`/api/v1/proposals/unsatisfied?sessionId=${laterSessionId}&unitId=${housing.id}`)).json() as ListOf<UnsatisfiedItem>).total).toBe(1);
    const unrelated = await createUnit(env.db, county.id);
    expect((await staff.get(`/api/v1/proposals/unsatisfied?unitId=${unrelated.id}`)).json()).toMatchObject({ total: 0 });
    expect((await staff.get(`/api/v1/proposals/unsatisfied?sessionId=${sessionId}`)).json()).toMatchObject({ total: 0 });
    const theirs = await otherStaff.get('/api/v1/proposals/unsatisfied');
    expect(theirs.json()).toMatchObject({ total: 0, items: [] });
    expect(theirs.body).not.toContain('两年没有动静');

    const dash = (await staff.get(`/api/v1/proposals/dashboard?sessionId=${laterSessionId}`)).json() as { total: { unsatisfied: number } };
    expect(dash.total.unsatisfied).toBe(1);

    const xlsx = await staff.get(`/api/v1/proposals/unsatisfied/export?sessionId=${laterSessionId}`);
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]).toEqual(['编号', '标题', '会议', '评价人', '轮次', '办理工作', '办理结果', '意见', '纸质评价表', '承办单位', '现状', '评价时间']);
    expect(rows.slice(1).map((r) => [r[3], r[4], r[6], r[7], r[10]])).toEqual([['周委员', '第1轮', '不满意', '两年没有动静', '已重新办理，重新办理']]);
  });

  it('is not for a unit or a member', async () => {
    expect((await transportUser.get('/api/v1/proposals/unsatisfied')).statusCode).toBe(403);
    expect((await member.client.get('/api/v1/proposals/overdue')).statusCode).toBe(403);
  });
});
