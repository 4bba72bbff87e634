/**
 * The citizen side of 协商议事 beside the clue board: upcoming open meetings and the sign-up as 群众代表
 * (validation, one sign-up per phone, capacity, the rate limit), staff accepting (a participant and an SMS in the
 * outbox) or declining; the published outcomes with their tasks' progress. Only public data, only the county in
 * the URL, never a 500.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSULT_BREAKDOWN_DRILLS, CONSULT_FIGURE_DRILLS, type ConsultDrill, type ConsultFigure } from '@xs/core/schemas/consultations.ts';
import { loadExcel } from '../../platform/excel.ts';
import { clientFor, createCounty, createMember, createTestApp, createUnit, DIALECT, nextAddress, readXlsx, type Client, type TestEnv } from '../../test/helper.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let staff: Client;
let leader: Client;
let otherStaff: Client;

const CHINESE = /[\u4e00-\u9fff]/;
const DAY = 86_400_000;

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  staff = (await clientFor(env, county.id, ['staff'])).client;
  leader = (await clientFor(env, county.id, ['leader'])).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
});
afterAll(async () => env.close());

interface Signup { id: number; name: string; phone: string; state: string; participantId: number | null }
interface Meeting {
  id: number; version: number; openToPublic: boolean; capacity: number | null; publicIntro: string | null;
  participants: { id: number; name: string; role: string; roleLabel: string }[]; signups: Signup[]; signupCounts: Record<string, number>;
}

async function meeting(c: Client, body: Record<string, unknown> = {}): Promise<Meeting> {
  const res = await c.post('/api/v1/consultations/meetings', { kind: 'consult', title: '背街小巷照明协商会', startsAt: new Date(Date.now() + 3 * DAY).toISOString(), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Meeting;
}
const pub = (url: string, address = nextAddress()) => env.app.inject({ url: `/api/v1/public${url}`, remoteAddress: address });
const signUp = (countyId: number, meetingId: number, body: unknown, address = nextAddress()) =>
  env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${countyId}/meetings/${meetingId}/signups`, payload: body as object, remoteAddress: address });
const citizen = (phone: string, extra: Record<string, unknown> = {}) => ({ name: '王大妈', phone, note: '住在滨河社区，想说说路灯的事', consent: true, ...extra });
let phoneSeq = 0;
const phone = () => `139${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`;
const signupCount = async () => (await env.db.selectFrom('meeting_signups').select('id').execute()).length;

describe(`open meetings on the public page (${DIALECT})`, () => {
  it('lists only the county\'s upcoming meetings that staff opened, with nothing personal', async () => {
    const member = await createMember(env.db, county.id, { name: '隐名委员甲', phone: '13700001111' });
    const open = await meeting(staff, { title: '公开的协商会', openToPublic: true, capacity: 20, publicIntro: '商量城区背街小巷路灯怎么装', memberIds: [member.id],
      others: [{ name: '单位代表乙', role: 'unit', org: '县城市管理局' }], address: '县政协三楼会议室', agenda: '1. 通报情况\n2. 群众发言' });
    const closed = await meeting(staff, { title: '不公开的内部会' });
    const past = await meeting(staff, { title: '已经过去的公开会', openToPublic: true, startsAt: new Date(Date.now() - DAY).toISOString() });
    const theirs = await meeting(otherStaff, { title: '外县公开会', openToPublic: true });
    const res = await pub(`/counties/${county.id}/meetings`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { county: { id: number; name: string }; items: { id: number; title: string }[] };
    expect(body.county).toEqual({ id: county.id, name: county.name });
    const ids = body.items.map((m) => m.id);
    expect(ids).toContain(open.id);
    for (const hidden of [closed.id, past.id, theirs.id]) expect(ids).not.toContain(hidden);
    expect(body.items.find((m) => m.id === open.id)).toEqual({
      id: open.id, kindLabel: '协商会', title: '公开的协商会', startsAt: expect.any(String), venueName: null, placeName: null, address: '县政协三楼会议室',
      intro: '商量城区背街小巷路灯怎么装', agenda: '1. 通报情况\n2. 群众发言', topicTitle: null, capacity: 20, seatsLeft: 20, signupOpen: true, closedReason: null,
    });
    for (const secret of ['隐名委员甲', '13700001111', '单位代表乙', '外县公开会', '不公开的内部会']) expect(res.body).not.toContain(secret);
  });

  it('shows one open meeting with the consent text; a closed one, another county\'s, a missing one are 404; bad ids are 400', async () => {
    const open = await meeting(staff, { title: '可以报名的会', openToPublic: true });
    const closed = await meeting(staff, { title: '内部会' });
    const ok = await pub(`/counties/${county.id}/meetings/${open.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: open.id, title: '可以报名的会', signupOpen: true, consentText: expect.stringMatching(/手机号/) });
    for (const url of [`/counties/${county.id}/meetings/${closed.id}`, `/counties/${other.id}/meetings/${open.id}`, `/counties/${county.id}/meetings/2000000000`,
      `/counties/${county.townshipId}/meetings/${open.id}`, `/counties/999999/meetings`]) {
      const res = await pub(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(CHINESE) });
      expect(res.body).not.toContain('内部会');
    }
    for (const url of [`/counties/abc/meetings`, `/counties/${county.id}/meetings/1%20OR%201=1`, `/counties/${county.id}/meetings/99999999999`,
      `/counties/${county.id}/meetings/-1`, `/counties/${county.id}/outcomes?page=0`, `/counties/${county.id}/outcomes?pageSize=1000`, `/counties/${county.id}/outcomes?x=1`]) {
      const res = await pub(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message).toMatch(CHINESE);
    }
  });

  it('closing the meeting to the public again takes it off the page', async () => {
    const m = await meeting(staff, { title: '先公开后收回', openToPublic: true });
    expect((await pub(`/counties/${county.id}/meetings/${m.id}`)).statusCode).toBe(200);
    const res = await staff.post(`/api/v1/consultations/meetings/${m.id}/public`, { version: m.version, openToPublic: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ openToPublic: false, version: m.version + 1 });
    expect((await pub(`/counties/${county.id}/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await staff.post(`/api/v1/consultations/meetings/${m.id}/public`, { version: m.version, openToPublic: true })).statusCode).toBe(409);
    expect((await leader.post(`/api/v1/consultations/meetings/${m.id}/public`, { version: m.version + 1, openToPublic: true })).statusCode).toBe(403);
    expect((await otherStaff.post(`/api/v1/consultations/meetings/${m.id}/public`, { version: m.version + 1, openToPublic: true })).statusCode).toBe(404);
  });
});

describe(`signing up as 群众代表 (${DIALECT})`, () => {
  it('refuses a bad sign-up with every field\'s problem in Chinese and stores nothing', async () => {
    const m = await meeting(staff, { openToPublic: true });
    const before = await signupCount();
    const empty = await signUp(county.id, m.id, {});
    expect(empty.statusCode).toBe(400);
    const fields = (empty.json() as { fields: { path: string; message: string }[] }).fields;
    expect(fields.map((f) => f.path).sort()).toEqual(['consent', 'name', 'phone']);
    for (const f of fields) expect(f.message).toMatch(CHINESE);
    const bad = await signUp(county.id, m.id, { name: '张'.repeat(21), phone: '12345', note: '说'.repeat(201), consent: false, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { fields: { path: string; message: string }[] }).fields).toEqual(expect.arrayContaining([
      { path: 'name', message: '不能超过 20 个字' }, { path: 'phone', message: '请输入 11 位手机号' }, { path: 'note', message: '不能超过 200 个字' },
      { path: 'consent', message: '请先阅读并同意个人信息说明' },
    ]));
    for (const hostile of ['null', '[1]', '"王大妈"', '{"name":"王\\u0000大妈","phone":"13900000000","consent":true}', '{"name":"   ","phone":"13900000000","consent":true}',
      `{"name":"王大妈","phone":"13900000000","consent":true,"note":"${'x'.repeat(300_000)}"}`, '{"name":', '{"name":["王"],"phone":13900000000,"consent":"true"}']) {
      const res = await env.app.inject({ method: 'POST', url: `/api/v1/public/counties/${county.id}/meetings/${m.id}/signups`, payload: hostile,
        headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
      expect(res.statusCode, hostile.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, hostile.slice(0, 40)).toBeLessThan(500);
      expect(res.json().message).toMatch(CHINESE);
    }
    expect(await signupCount()).toBe(before);
  });

  it('takes one sign-up per phone and meeting; staff see it with the phone, a leader masked, another county not at all', async () => {
    const m = await meeting(staff, { openToPublic: true });
    const p = phone();
    const ok = await signUp(county.id, m.id, citizen(p));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ meetingTitle: '背街小巷照明协商会', message: expect.stringMatching(/短信/), createdAt: expect.any(String) });
    expect(ok.body).not.toContain(p);
    const again = await signUp(county.id, m.id, citizen(p, { name: '王大妈的女儿' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'conflict', fields: [{ path: 'phone', message: '这个手机号已经报名过这次活动' }] });
    // The same phone may sign up for another meeting.
    const m2 = await meeting(staff, { openToPublic: true, title: '另一场协商会' });
    expect((await signUp(county.id, m2.id, citizen(p))).statusCode).toBe(201);
    // Not through another county's URL.
    expect((await signUp(other.id, m.id, citizen(phone()))).statusCode).toBe(404);

    const detail = (await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json() as Meeting;
    expect(detail.signups).toEqual([expect.objectContaining({ name: '王大妈', phone: p, state: 'pending', participantId: null })]);
    expect(detail.signupCounts).toEqual({ pending: 1, accepted: 0, declined: 0 });
    const masked = (await leader.get(`/api/v1/consultations/meetings/${m.id}`)).json() as Meeting;
    expect(masked.signups[0]!.phone).toBe(`${p.slice(0, 3)}****${p.slice(-4)}`);
    expect((await otherStaff.get(`/api/v1/consultations/meetings/${m.id}`)).statusCode).toBe(404);
    // Staff are told in the inbox.
    const notice = await env.db.selectFrom('notifications').select('body').where('tenant_id', '=', county.id).where('link', '=', `/consultations/meetings/${m.id}`).execute();
    expect(notice.length).toBeGreaterThan(0);
    expect(notice[0]!.body).not.toContain(p);
    // The list exports to Excel, the phone masked for a leader.
    const xlsx = await leader.get(`/api/v1/consultations/meetings/${m.id}/signups/export`);
    expect(xlsx.statusCode).toBe(200);
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]).toEqual(['姓名', '手机号', '留言', '报名时间', '状态', '处理人', '未安排原因']);
    expect(rows[1]!.slice(0, 2)).toEqual(['王大妈', `${p.slice(0, 3)}****${p.slice(-4)}`]);
  });

  it('holds places for pending and accepted sign-ups up to the capacity; a declined one frees its place', async () => {
    const m = await meeting(staff, { openToPublic: true, capacity: 2 });
    expect((await signUp(county.id, m.id, citizen(phone()))).statusCode).toBe(201);
    expect((await signUp(county.id, m.id, citizen(phone()))).statusCode).toBe(201);
    const full = await signUp(county.id, m.id, citizen(phone()));
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ error: 'invalid_state', message: '群众代表名额已满' });
    expect((await pub(`/counties/${county.id}/meetings/${m.id}`)).json()).toMatchObject({ capacity: 2, seatsLeft: 0, signupOpen: false, closedReason: '群众代表名额已满' });
    const d = (await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json() as Meeting;
    const res = await staff.post(`/api/v1/consultations/meetings/${m.id}/signups/${d.signups[0]!.id}/decision`, { accept: false, reason: '名额已满，欢迎下次报名' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await pub(`/counties/${county.id}/meetings/${m.id}`)).json()).toMatchObject({ seatsLeft: 1, signupOpen: true });
    expect((await signUp(county.id, m.id, citizen(phone()))).statusCode).toBe(201);
  });

  it('closes when the meeting has started, been held or cancelled', async () => {
    const started = await meeting(staff, { openToPublic: true, startsAt: new Date(Date.now() - 60_000).toISOString() });
    const r1 = await signUp(county.id, started.id, citizen(phone()));
    expect(r1.statusCode).toBe(409);
    expect(r1.json().message).toBe('活动已经开始或结束，报名已截止');
    const held = await meeting(staff, { openToPublic: true });
    expect((await staff.post(`/api/v1/consultations/meetings/${held.id}/hold`, { version: held.version, minutes: '已召开' })).statusCode).toBe(200);
    expect((await signUp(county.id, held.id, citizen(phone()))).statusCode).toBe(409);
    expect((await pub(`/counties/${county.id}/meetings/${held.id}`)).json()).toMatchObject({ signupOpen: false });
  });

  it('staff accept: the citizen becomes a 群众代表 participant and gets an SMS through the outbox; decline tells why; each only once', async () => {
    const m = await meeting(staff, { openToPublic: true, address: '滨河社区议事室' });
    const [a, b] = [phone(), phone()];
    await signUp(county.id, m.id, citizen(a, { name: '李大爷' }));
    await signUp(county.id, m.id, citizen(b, { name: '赵阿姨' }));
    const d = (await staff.get(`/api/v1/consultations/meetings/${m.id}`)).json() as Meeting;
    const [sa, sb] = [d.signups.find((s) => s.name === '李大爷')!, d.signups.find((s) => s.name === '赵阿姨')!];
    const decide = (c: Client, id: number, body: unknown) => c.post(`/api/v1/consultations/meetings/${m.id}/signups/${id}/decision`, body);
    expect((await decide(leader, sa.id, { accept: true })).statusCode).toBe(403);
    expect((await decide(otherStaff, sa.id, { accept: true })).statusCode).toBe(404);
    expect((await decide(staff, sa.id, { accept: 'yes' })).statusCode).toBe(400);

    const accepted = await decide(staff, sa.id, { accept: true });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const after = accepted.json() as Meeting;
    const participant = after.participants.find((p) => p.name === '李大爷');
    expect(participant).toMatchObject({ role: 'citizen', roleLabel: '群众代表' });
    expect(after.signups.find((s) => s.id === sa.id)).toMatchObject({ state: 'accepted', participantId: participant!.id });
    const sms = await env.db.selectFrom('outbox').select(['recipient', 'template', 'payload_json', 'channel']).where('tenant_id', '=', county.id).where('recipient', 'in', [a, b]).execute();
    expect(sms).toEqual([expect.objectContaining({ recipient: a, template: 'meeting.signup_accepted', channel: 'sms' })]);
    expect(JSON.parse(sms[0]!.payload_json)).toMatchObject({ meeting: '背街小巷照明协商会', place: '滨河社区议事室' });
    expect((await decide(staff, sa.id, { accept: false })).statusCode).toBe(409);

    expect((await decide(staff, sb.id, { accept: false, reason: '本次名额已满' })).statusCode).toBe(200);
    const declined = await env.db.selectFrom('outbox').select(['template', 'payload_json']).where('recipient', '=', b).execute();
    expect(declined).toEqual([expect.objectContaining({ template: 'meeting.signup_declined' })]);
    expect(JSON.parse(declined[0]!.payload_json)).toMatchObject({ reason: '本次名额已满' });
    const audit = await env.db.selectFrom('audit_log').select('action').where('entity', '=', 'meeting').where('entity_id', '=', m.id).execute();
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['meeting.signup_accept', 'meeting.signup_decline']));
    // A decided sign-up still blocks the same phone.
    expect((await signUp(county.id, m.id, citizen(b))).statusCode).toBe(409);
  });

  it('is limited per address like the clue intake', async () => {
    const limited = await createTestApp({ publicRateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const c = await createCounty(limited.db);
      const s = (await clientFor(limited, c.id, ['staff'])).client;
      const m = (await s.post('/api/v1/consultations/meetings', { kind: 'consult', title: '限流测试会', startsAt: new Date(Date.now() + DAY).toISOString(), openToPublic: true })).json() as Meeting;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({ method: 'POST', url: `/api/v1/public/counties/${c.id}/meetings/${m.id}/signups`, payload: citizen(phone()), remoteAddress: '203.0.113.7' });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json()).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(CHINESE) });
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      expect(await limited.db.selectFrom('meeting_signups').select('id').execute()).toHaveLength(3);
    } finally {
      await limited.close();
    }
  });
});

/** A topic row at a given state, straight into the table (the workflow is tested in consultations.test.ts). */
async function topicRow(tenantId: number, o: { title: string; state: string; createdAt?: string; publishedAt?: string | null; placeId?: number | null; format?: string; level?: string; summary?: string; decision?: string | null }) {
  const created = o.createdAt ?? new Date().toISOString();
  const r = await env.db.insertInto('topics').values({
    tenant_id: tenantId, code: `YT-${randomBytes(5).toString('hex')}`, title: o.title, description: '内部说明：联系人张三 13812345678', source: 'member', source_note: null,
    format: (o.format ?? 'special') as 'special', level: (o.level ?? 'county') as 'county', place_id: o.placeId ?? null, venue_id: null, state: o.state as 'published', version: 1,
    due_at: null, briefing: null, survey: null, approved_at: null, approved_by: null, outcome: '内部成果', report_sent_at: null, decision: o.decision ?? null,
    instruction: '领导批示内部文字', summary: o.summary ?? null, publish_note: null, published_at: o.publishedAt ?? null, plan_year: null, plan_month: null, created_by: null, created_at: created,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
async function taskRow(tenantId: number, unitId: number, topicId: number, o: { title: string; state: string; verifiedAt?: string | null; target?: number; current?: number }) {
  await env.db.insertInto('tasks').values({
    tenant_id: tenantId, code: `RW-${randomBytes(5).toString('hex')}`, title: o.title, description: null, owner_unit_id: unitId, parent_type: 'topic', parent_id: topicId,
    state: o.state as 'verified', version: 1, due_at: null, measure_label: o.target != null ? '完成路段' : null, measure_unit: o.target != null ? '条' : null,
    measure_target: o.target ?? null, measure_current: o.current ?? null, created_by: null, created_at: new Date().toISOString(), verified_at: o.verifiedAt ?? null,
  }).execute();
}

describe(`published outcomes (${DIALECT})`, () => {
  it('lists only published topics of the county, newest first, with decision and progress and nothing internal', async () => {
    const c = await createCounty(env.db);
    const unit = await createUnit(env.db, c.id, '县城市管理局');
    const older = await topicRow(c.id, { title: '老旧小区加装电梯', state: 'published', publishedAt: '2026-03-01T02:00:00.000Z', summary: '已加装 12 部', decision: 'partly' });
    const newer = await topicRow(c.id, { title: '背街小巷路灯', state: 'published', publishedAt: '2026-05-01T02:00:00.000Z', summary: '19 条小巷已装灯', decision: 'adopted',
      level: 'township', placeId: c.townshipId });
    await topicRow(c.id, { title: '仍在督促落实的议题', state: 'implementing' });
    await topicRow(other.id, { title: '外县公开的议题', state: 'published', publishedAt: '2026-06-01T02:00:00.000Z', summary: '外县' });
    await taskRow(c.id, unit.id, newer, { title: '安装路灯', state: 'verified', verifiedAt: '2026-04-20T02:00:00.000Z', target: 19, current: 19 });
    await taskRow(c.id, unit.id, newer, { title: '更换灯杆', state: 'in_progress', target: 6, current: 2 });
    await taskRow(c.id, unit.id, newer, { title: '撤销的事项', state: 'cancelled' });
    const res = await pub(`/counties/${c.id}/outcomes`);
    expect(res.statusCode).toBe(200);
    const page = res.json() as { total: number; items: { id: number; title: string; progress: unknown; decisionLabel: string; placeName: string | null }[] };
    expect(page.total).toBe(2);
    expect(page.items.map((i) => i.id)).toEqual([newer, older]);
    expect(page.items[0]).toMatchObject({ decisionLabel: '采纳', placeName: '城关镇', levelLabel: '乡镇（街道）', progress: { done: 1, total: 2 }, summary: '19 条小巷已装灯' });
    expect(page.items[1]).toMatchObject({ decisionLabel: '部分采纳', progress: { done: 0, total: 0 } });
    for (const secret of ['仍在督促落实', '外县', '13812345678', '张三', '内部成果', '领导批示']) expect(res.body).not.toContain(secret);
    const second = (await pub(`/counties/${c.id}/outcomes?page=2&pageSize=1`)).json() as { items: { id: number }[]; total: number };
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: older }] });

    const detail = await pub(`/counties/${c.id}/outcomes/${newer}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      title: '背街小巷路灯', summary: '19 条小巷已装灯', decisionLabel: '采纳', progress: { done: 1, total: 2 }, ratings: { total: 0, satisfied: 0 },
      tasks: [
        { title: '安装路灯', unitName: '县城市管理局', stateLabel: '已核验', done: true, measure: { label: '完成路段', unit: '条', target: 19, current: 19 } },
        { title: '更换灯杆', stateLabel: '办理中', done: false, measure: { target: 6, current: 2 } },
      ],
    });
    for (const secret of ['撤销的事项', '13812345678', '内部成果', '领导批示']) expect(detail.body).not.toContain(secret);
    const unpublished = await topicRow(c.id, { title: '未公开', state: 'feedback', summary: '草稿摘要' });
    for (const url of [`/counties/${c.id}/outcomes/${unpublished}`, `/counties/${other.id}/outcomes/${newer}`, `/counties/${c.id}/outcomes/2000000000`]) {
      const r = await pub(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('草稿摘要');
    }
  });
});

describe(`the dashboard's drill-downs and Excel (${DIALECT})`, () => {
  it('every figure and every bar opens a list whose total is the figure; the figures and each list export to Excel', async () => {
    const c = await createCounty(env.db);
    const s = (await clientFor(env, c.id, ['staff'])).client;
    const unit = await createUnit(env.db, c.id);
    const at = (d: string) => `${d}T02:00:00.000Z`;
    const t1 = await topicRow(c.id, { title: '议题一', state: 'published', createdAt: at('2026-02-01'), publishedAt: at('2026-04-01'), format: 'micro', level: 'village', placeId: c.villageId });
    await topicRow(c.id, { title: '议题二', state: 'implementing', createdAt: at('2026-03-01'), format: 'special' });
    await topicRow(c.id, { title: '已撤销', state: 'withdrawn', createdAt: at('2026-03-02'), format: 'special' });
    await topicRow(c.id, { title: '期间外', state: 'published', createdAt: at('2025-03-01'), publishedAt: at('2026-01-10'), format: 'talk', level: 'township', placeId: c.townshipId });
    await taskRow(c.id, unit.id, t1, { title: '期间内办结', state: 'verified', verifiedAt: at('2026-05-01') });
    await taskRow(c.id, unit.id, t1, { title: '期间外办结', state: 'verified', verifiedAt: at('2025-05-01') });
    for (const [kind, state, day, b] of [['consult', 'held', '2026-02-10', null], ['research', 'held', '2026-03-10', null], ['service', 'held', '2026-04-10', 120],
      ['service', 'held', '2026-04-11', 80], ['consult', 'planned', '2026-06-10', null], ['service', 'held', '2025-04-10', 999]] as const) {
      await env.db.insertInto('meetings').values({ tenant_id: c.id, topic_id: null, kind, title: `${kind}${day}`, starts_at: at(day), venue_id: null, place_id: null, address: null,
        agenda: null, open_public: 0, state, version: 1, checkin_token: randomBytes(18).toString('base64url'), minutes: 'x', findings: null, beneficiaries: b, held_at: null,
        created_by: null, created_at: at(day) }).execute();
    }
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const d = (await s.get(`/api/v1/consultations/dashboard?from=${period.from}&to=${period.to}`)).json() as {
      figures: Record<ConsultFigure, number>; byFormat: { key: string; n: number }[]; byLevel: { key: string; n: number }[]; byStage: { key: string; n: number }[];
      byTownship: { key: number | null; n: number }[]; meetingsByKind: { key: string; n: number }[];
    };
    expect(d.figures).toEqual({ 'consult.topics': 2, 'consult.meetings': 2, 'consult.problemsSolved': 1, 'consult.serviceActivities': 2, 'consult.beneficiaries': 200, 'consult.published': 2 });

    const API: Record<ConsultDrill['list'], string> = { topics: '/consultations/topics', meetings: '/consultations/meetings', solved: '/consultations/solved' };
    const open = async (drill: ConsultDrill) => {
      const qs = new URLSearchParams(drill.query).toString();
      const res = await s.get(`/api/v1${API[drill.list]}?${qs}`);
      expect(res.statusCode, `${drill.list}?${qs}: ${res.body}`).toBe(200);
      const xlsx = await s.get(`/api/v1${API[drill.list]}/export?${qs}`);
      expect(xlsx.statusCode, `${drill.list}/export?${qs}`).toBe(200);
      const body = res.json() as { total: number; beneficiaries?: number };
      // The export holds the same rows (the meetings' sheet ends with a total row).
      expect((await readXlsx(xlsx.rawPayload)).length - 1 - (drill.list === 'meetings' ? 1 : 0)).toBe(body.total);
      return body;
    };
    for (const [figure, drill] of Object.entries(CONSULT_FIGURE_DRILLS) as [ConsultFigure, (typeof CONSULT_FIGURE_DRILLS)[ConsultFigure]][]) {
      const list = await open(drill(period));
      expect(figure === 'consult.beneficiaries' ? list.beneficiaries : list.total, figure).toBe(d.figures[figure]);
    }
    for (const [name, drill] of Object.entries(CONSULT_BREAKDOWN_DRILLS) as [keyof typeof CONSULT_BREAKDOWN_DRILLS, (typeof CONSULT_BREAKDOWN_DRILLS)['byFormat']][]) {
      const bars = d[name] as { key: string | number | null; n: number }[];
      expect(bars.length, name).toBeGreaterThan(0);
      for (const bar of bars) expect((await open(drill(period, bar.key))).total, `${name} ${String(bar.key)}`).toBe(bar.n);
    }

    const xlsx = await s.get(`/api/v1/consultations/dashboard/export?from=${period.from}&to=${period.to}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计数字', '议题·按形式', '议题·按层级', '议题·按阶段', '议题·按乡镇', '活动·按类型']);
    const figures = wb.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 3));
    expect(figures).toEqual([['协商议题', 2], ['协商活动', 2], ['解决问题', 1], ['服务群众活动', 2], ['受益群众（人）', 200], ['反馈公开', 2]]);
    expect((await s.get('/api/v1/consultations/dashboard/export?from=2026-12-31&to=2026-01-01')).statusCode).toBe(400);
    expect((await s.get('/api/v1/consultations/solved?from=2026-01-01')).statusCode).toBe(400);
  });
});
