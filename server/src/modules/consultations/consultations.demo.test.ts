/** The demo reproduces the seed's figures through the dashboard's own definitions, and its stories stand at their real stages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed.ts';
import { DEMO_PASSWORD } from '../../demo/luoyang.data.ts';
import { createTestApp, DIALECT, login, type Client, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
let city: Client;
beforeAll(async () => {
  env = await createTestApp();
  await seedDemo(env.db);
  city = await login(env.app, 'luoyang.admin', DEMO_PASSWORD);
}, 120_000);
afterAll(async () => env.close());

async function inCounty(name: string) {
  const c = await env.db.selectFrom('orgs').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  expect((await city.post('/api/v1/auth/switch-tenant', { tenantId: c.id })).statusCode).toBe(200);
  return c.id;
}
const dashboard = async (from: string, to: string) => (await city.get(`/api/v1/consultations/dashboard?from=${from}&to=${to}`)).json() as { figures: Record<string, number>; byFormat: { key: string; n: number }[] };

describe(`the demo consultations (${DIALECT})`, () => {
  it('偃师: 126 topics and 140+ problems solved since 2023', async () => {
    await inCounty('偃师区政协');
    const d = await dashboard('2023-01-01', '2026-12-31');
    expect(d.figures['consult.topics']).toBe(126);
    expect(d.figures['consult.problemsSolved']).toBeGreaterThanOrEqual(140);
    expect(d.byFormat).toEqual([{ key: 'talk', label: '有事好商量', n: 126 }]);
  });

  it('瀍河: 86 微协商 and 106 problems solved this year', async () => {
    await inCounty('瀍河区政协');
    const d = await dashboard('2026-01-01', '2026-12-31');
    expect(d.figures['consult.topics']).toBe(86);
    expect(d.figures['consult.problemsSolved']).toBe(106);
  });

  it('新安: 56 consultation activities, 79 service activities, 20,000+ people served; the clinics at 196 of 308', async () => {
    await inCounty('新安县政协');
    const d = await dashboard('2025-01-01', '2026-12-31');
    expect(d.figures['consult.meetings']).toBe(56);
    expect(d.figures['consult.serviceActivities']).toBe(79);
    expect(d.figures['consult.beneficiaries']).toBeGreaterThan(20_000);
    const topics = (await city.get('/api/v1/consultations/topics?q=村卫生室')).json() as { items: { id: number; state: string }[] };
    expect(topics.items[0]!.state).toBe('implementing');
    const t = (await city.get(`/api/v1/consultations/topics/${topics.items[0]!.id}`)).json() as { tasks: { state: string; measure: { target: number; current: number } }[] };
    expect(t.tasks).toEqual([expect.objectContaining({ state: 'in_progress', measure: expect.objectContaining({ target: 308, current: 196 }) })]);
    const plan = (await city.get('/api/v1/consultations/plan?year=2026')).json() as { rhythm: string; months: { month: number; kept: boolean }[] };
    expect(plan.rhythm).toBe('odd_sector_even_township');
    expect(plan.months[2]).toMatchObject({ month: 3, kept: true });
  });

  it('the stories: 汝阳 and 西工 published by the fast path, 伊滨 through all eight steps, 老城 an approved plan', async () => {
    for (const [county, q, format] of [['汝阳县政协', '小柏路', 'micro'], ['西工区政协', '行署路', 'talk'], ['伊滨区政协工委', '绿化带', 'parlour']] as const) {
      await inCounty(county);
      const items = ((await city.get(`/api/v1/consultations/topics?q=${encodeURIComponent(q)}`)).json() as { items: { state: string; format: string }[] }).items;
      expect(items).toEqual([expect.objectContaining({ state: 'published', format })]);
    }
    await inCounty('老城区政协');
    const plan = (await city.get('/api/v1/consultations/plan?year=2026')).json() as { approvedAt: string | null; topicCount: number };
    expect(plan.approvedAt).toBeTruthy();
    expect(plan.topicCount).toBe(5);
  });
});

/** The text of a .docx: its document.xml without tags. */
async function docxText(body: Buffer): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (para) => `${para.replace(/<[^>]+>/g, '')}\n`).replace(/<[^>]+>/g, '');
}

describe(`the Word documents (${DIALECT})`, () => {
  it('the outcome report, the minutes and the annual plan open and hold the right figures', async () => {
    await inCounty('新安县政协');
    const topics = (await city.get('/api/v1/consultations/topics?q=村卫生室')).json() as { items: { id: number; code: string }[] };
    const res = await city.get(`/api/v1/consultations/topics/${topics.items[0]!.id}/report.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const report = await docxText(res.rawPayload);
    expect(report).toContain('关于「村卫生室药品供应保障」的协商成果报告');
    expect(report).toContain('共开展协商活动 2 次');
    expect(report).toContain('决议：采纳；批示：请县卫健委牵头，年内覆盖全部村卫生室。');
    expect(report).toContain('共 1 项，已核验办结 0 项。');
    expect(report).toContain('开通药品商城的村卫生室 196/308');

    const detail = (await city.get(`/api/v1/consultations/topics/${topics.items[0]!.id}`)).json() as { meetings: { id: number; kind: string }[] };
    const sector = detail.meetings.find((m) => m.kind === 'sector')!;
    const minutes = await docxText((await city.get(`/api/v1/consultations/meetings/${sector.id}/minutes.docx`)).rawPayload);
    expect(minutes).toContain('医药卫生界界别协商：村卫生室药品供应会议纪要');
    expect(minutes).toMatch(/应到 \d+ 人，实到 0 人。/);
    expect(minutes).toContain('药品商城何时覆盖全部村卫生室？');

    await inCounty('老城区政协');
    const plan = await docxText((await city.get('/api/v1/consultations/plan.docx?year=2026')).rawPayload);
    expect(plan).toContain('老城区政协2026年度协商计划');
    expect(plan).toContain('本计划于 2026-01-20 审定。');
    expect(plan).toContain('全年列入协商议题 5 个。');
    expect(plan).toContain('推进“汉服+”相关产业发展，做强汉服经济');
  });
});

describe(`the demo's public pages (${DIALECT})`, () => {
  it('嵩县 has an open meeting with places left and one sign-up waiting, and a published outcome part way done', async () => {
    const song = await env.db.selectFrom('orgs').select('id').where('name', '=', '嵩县政协').executeTakeFirstOrThrow();
    const meetings = (await env.app.inject(`/api/v1/public/counties/${song.id}/meetings`)).json() as { items: { title: string; capacity: number | null; seatsLeft: number | null; signupOpen: boolean }[] };
    expect(meetings.items).toEqual(expect.arrayContaining([expect.objectContaining({ title: '城区学前教育资源布局协商会', capacity: 10, seatsLeft: 9, signupOpen: true })]));
    const outcomes = (await env.app.inject(`/api/v1/public/counties/${song.id}/outcomes`)).json() as { items: { id: number; title: string; progress: { done: number; total: number } }[] };
    const road = outcomes.items.find((o) => o.title === '城区滨河路、平安街、幸福路拥堵改造')!;
    expect(road.progress).toEqual({ done: 1, total: 2 });
    const detail = (await env.app.inject(`/api/v1/public/counties/${song.id}/outcomes/${road.id}`)).json() as { decisionLabel: string; tasks: { measure: { target: number; current: number } | null }[] };
    expect(detail.decisionLabel).toBe('采纳');
    expect(detail.tasks.map((t) => t.measure)).toContainEqual(expect.objectContaining({ target: 3, current: 1 }));
  });
});
