import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createMember, createUnit, type Client, type TestEnv, createTestApp } from '../../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let staff: Client;
let ids: Record<string, number>;
let assignmentId: number;

/** The text of a .docx: the paragraphs of word/document.xml, tags dropped. */
async function docText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
}

async function get(url: string): Promise<Buffer> {
  const res = await staff.get(url);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('wordprocessingml');
  return res.rawPayload;
}

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db, '伊川县测试');
  staff = (await clientFor(env, county.id, ['staff'])).client;
  const unitA = await createUnit(env.db, county.id, '县交通运输局');
  const unitB = await createUnit(env.db, county.id, '县住建局');
  const m1 = await createMember(env.db, county.id, { name: '王委员' });
  const m2 = await createMember(env.db, county.id, { name: '李委员' });
  const now = new Date().toISOString();
  const term = await env.db.insertInto('proposal_terms').values({ tenant_id: county.id, number: 1, name: '第一届', start_year: 2022, end_year: 2026, created_at: now }).returning('id').executeTakeFirstOrThrow();
  const session = await env.db.insertInto('proposal_sessions').values({ tenant_id: county.id, term_id: term.id, number: 4, name: '一届四次会议', opens_on: '2025-01-10', deadline_on: '2025-01-12', created_at: now }).returning('id').executeTakeFirstOrThrow();
  const make = async (title: string, state: string, n: number | null, cls: string | null, key: string | null = null) => {
    const r = await env.db.insertInto('proposals').values({
      tenant_id: county.id, session_id: session.id, number: n, code: n ? `一届四次会议第${n}号` : '草稿', title, category: '社会建设', reason: '案由', suggestion: '建议',
      author_kind: 'member', sector_id: null, committee_id: null, party_name: null, lead_member_id: m1.id, timing: 'plenary', state: state as 'closed', version: 1, due_at: null,
      year: 2025, submitted_at: now, registered_at: n ? now : null, replied_at: cls ? now : null, closed_at: null, not_registered_ground: null, merged_into_id: null,
      handling_mode: 'lead', result_class: cls, key_year: key ? 2025 : null, key_leader: key, round: 1, search_tokens: title, created_by: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await env.db.insertInto('proposal_signers').values([
      { tenant_id: county.id, proposal_id: r.id, member_id: m1.id, role: 'lead', position: 0, confirmed_at: now, declined_at: null, from_proposal_id: null },
      { tenant_id: county.id, proposal_id: r.id, member_id: m2.id, role: 'co', position: 1, confirmed_at: now, declined_at: null, from_proposal_id: null },
    ]).execute();
    return r.id;
  };
  ids = {
    parking: await make('关于在主城区增设停车位的建议', 'closed', 1, 'A', '区委副书记 张某'),
    school: await make('关于改善农村学校条件的建议', 'closed', 2, 'B'),
    road: await make('关于修缮乡村道路的建议', 'replied', 3, 'D'),
    water: await make('关于保障农村饮水安全的建议', 'assigned', 4, null),
    personal: await make('关于个人事务的请求', 'not_registered', null, null),
  };
  const assign = async (proposalId: number, unitId: number, state: string, cls: string | null) => (await env.db.insertInto('proposal_assignments').values({
    tenant_id: county.id, proposal_id: proposalId, parent_type: 'proposal', parent_id: proposalId, unit_id: unitId, role: 'lead', state: state as 'replied', version: 1, due_at: null,
    assigned_at: now, contacted_at: now, contact_note: '已联系', views: null, replied_at: cls ? now : null, result_class: cls, summary: cls ? '已建成两处停车场' : null, letter_file_id: null,
  }).returning('id').executeTakeFirstOrThrow()).id;
  assignmentId = await assign(ids.parking!, unitA.id, 'replied', 'A');
  await assign(ids.school!, unitB.id, 'replied', 'B');
  await assign(ids.road!, unitA.id, 'replied', 'D');
  await assign(ids.water!, unitB.id, 'contacted', null);
  const evaluate = (proposalId: number, memberId: number, result: string) => env.db.insertInto('proposal_evaluations').values({
    tenant_id: county.id, proposal_id: proposalId, member_id: memberId, round: 1, handling: 'satisfied', result: result as 'satisfied', comment: null, entered_by: null, created_at: now,
  }).execute();
  await evaluate(ids.parking!, m1.id, 'satisfied');
  await evaluate(ids.parking!, m2.id, 'basically');
  await evaluate(ids.school!, m1.id, 'unsatisfied');
});
afterAll(async () => env.close());

describe('Word documents', () => {
  it('the yearly report holds the figures the database gives', async () => {
    const text = await docText(await get('/api/v1/proposals/report.docx?year=2025'));
    const count = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) => Number((await where(base()).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const base = () => env.db.selectFrom('proposals').where('tenant_id', '=', county.id).where('year', '=', 2025);
    const submitted = await count((q) => q);
    const registered = await count((q) => q.where('number', 'is not', null));
    const handled = await count((q) => q.where('state', 'in', ['replied', 'rehandling', 'closed']));
    const adopted = await count((q) => q.where('state', 'in', ['replied', 'rehandling', 'closed']).where('result_class', 'in', ['A', 'B', 'C']));
    expect([submitted, registered, handled, adopted]).toEqual([5, 4, 3, 2]);
    expect(text).toContain(`共收到提案${submitted}件，经审查立案${registered}件，不予立案1件，并案0件，立案率80%`);
    expect(text).toContain(`已办复${handled}件，办复率75%`);
    expect(text).toContain(`被采纳${adopted}件，采纳率66.7%`);
    expect(text).toContain('A类（已解决或采取措施解决）1件，占33.3%');
    expect(text).toContain('D类（留作参考（已说明））1件，占33.3%');
    // 3 evaluations, 2 satisfied or basically satisfied with the result.
    expect(text).toContain('共评价3人次，对办理结果满意或基本满意的占66.7%');
    expect(text).toContain('关于在主城区增设停车位的建议');
    expect(text).toContain('区委副书记 张某');
    expect(text).toMatch(/县交通运输局\s*2\s*2\s*0\s*0\s*2\s*100%/);
  });

  it('the proposal form, the assignment notice and the reply letter carry the proposal', async () => {
    const form = await docText(await get(`/api/v1/proposals/${ids.parking}/form.docx`));
    expect(form).toContain('提 案 表');
    expect(form).toContain('一届四次会议第1号');
    expect(form).toContain('王委员、李委员');
    const notice = await docText(await get(`/api/v1/proposals/${ids.parking}/notice.docx`));
    expect(notice).toContain('县交通运输局');
    expect(notice).toContain('主办');
    const letter = await docText(await get(`/api/v1/proposal-assignments/${assignmentId}/letter.docx`));
    expect(letter).toContain('关于一届四次会议第1号提案的答复');
    expect(letter).toContain('办理结果类别：A 已解决或采取措施解决');
    expect(letter).toContain('已建成两处停车场');
  });
});
