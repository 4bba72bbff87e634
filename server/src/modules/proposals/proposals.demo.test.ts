/** The demo proposals: 孟津区 一届四次会议 all handled; 伊川县's term 685 handled and 512 adopted, by the dashboard's definitions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed.ts';
import { DEMO_PASSWORD } from '../../demo/luoyang.data.ts';
import { createTestApp, DIALECT, login, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
  await seedDemo(env.db);
}, 120_000);
afterAll(async () => env.close());

interface Dash { total: { submitted: number; registered: number; handled: number; adopted: number; replyRate: number | null }; keyProposals: { title: string; leader: string }[] }
interface Sessions { terms: { id: number; name: string }[]; sessions: { id: number; name: string }[] }

describe(`the demo proposals (${DIALECT})`, () => {
  it('shows 孟津区 一届四次会议 with 167 proposals all handled and the parking key proposal with its leader', async () => {
    const admin = await login(env.app, 'mengjin.admin', DEMO_PASSWORD);
    const s = (await admin.get('/api/v1/proposal-sessions')).json() as Sessions;
    const session = s.sessions.find((x) => x.name === '一届四次会议')!;
    const d = (await admin.get(`/api/v1/proposals/dashboard?sessionId=${session.id}`)).json() as Dash;
    expect(d.total).toMatchObject({ registered: 167, handled: 167, replyRate: 100 });
    expect(d.keyProposals).toEqual([expect.objectContaining({ title: '关于在主城区增设停车位的建议', leader: '区委副书记 周明' })]);
  });

  it('gives 伊川县 685 handled and 512 adopted over its term, with proposals in every state', async () => {
    const admin = await login(env.app, 'yichuan.admin', DEMO_PASSWORD);
    const s = (await admin.get('/api/v1/proposal-sessions')).json() as Sessions;
    const d = (await admin.get(`/api/v1/proposals/dashboard?termId=${s.terms[0]!.id}`)).json() as Dash;
    expect(d.total).toMatchObject({ handled: 685, adopted: 512 });
    const states = await env.db.selectFrom('proposals as p').innerJoin('orgs as o', 'o.id', 'p.tenant_id').select('p.state').distinct().where('o.name', 'like', '伊川%').execute();
    expect(states.map((x) => x.state).sort()).toEqual(['assigned', 'closed', 'cosigning', 'draft', 'merged', 'not_registered', 'registered', 'rehandling', 'replied', 'submitted']);
  });

  it('gives the 嵩县 demo accounts live cases: a draft for the member, a proposal with the unit', async () => {
    const member = await login(env.app, 'songxian.member', DEMO_PASSWORD);
    const mine = (await member.get('/api/v1/my/proposals')).json() as { items: { title: string; state: string }[] };
    expect(mine.items.map((i) => i.state).sort()).toEqual(['assigned', 'draft', 'submitted']);
    const unit = await login(env.app, 'songxian.unit', DEMO_PASSWORD);
    const list = (await unit.get('/api/v1/unit/proposals')).json() as { items: { title: string; role: string }[] };
    expect(list.items[0]).toEqual(expect.objectContaining({ title: '关于在主城区增设停车位的建议', role: 'lead', state: 'assigned' }));
  });
});
