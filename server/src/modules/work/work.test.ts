/**
 * 我的待办 (GET /api/v1/work): every case type's open work waiting on the caller in one list — a unit sees the
 * tasks and clues given to it (新交办, 即将到期, 超期, 被退回), staff see what waits on them (待受理, 超期,
 * 延期申请待审, 待核验); nothing of another unit or county; overdue comes from the case's deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkList } from '@xs/core/schemas/work.ts';
import { clientFor, createCity, createCounty, createUnit, type Client, type TestEnv, createTestApp } from '../../test/helper.ts';
import { caseTypes } from '../../platform/cases.ts';
import { runDeadlines } from '../../platform/deadlines.ts';
import { submitClue, versionOf } from '../clues/clues.factory.ts';

let env: TestEnv;
let county: Awaited<ReturnType<typeof createCounty>>;
let other: Awaited<ReturnType<typeof createCounty>>;
let roads: { id: number; name: string };
let water: { id: number; name: string };
let staff: Client;
let roadsUser: Client;
let waterUser: Client;
let otherRoadsUser: Client;
let otherStaff: Client;
let leader: Client;
let citySide: Client;

beforeAll(async () => {
  env = await createTestApp();
  county = await createCounty(env.db);
  other = await createCounty(env.db);
  roads = await createUnit(env.db, county.id, '县交通局');
  water = await createUnit(env.db, county.id, '县水利局');
  const otherRoads = await createUnit(env.db, other.id, '外县交通局');
  staff = (await clientFor(env, county.id, ['staff'])).client;
  leader = (await clientFor(env, county.id, ['leader'])).client;
  roadsUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: roads.id })).client;
  waterUser = (await clientFor(env, county.id, ['unit_handler'], { unitId: water.id })).client;
  otherRoadsUser = (await clientFor(env, other.id, ['unit_handler'], { unitId: otherRoads.id })).client;
  otherStaff = (await clientFor(env, other.id, ['staff'])).client;
  citySide = (await clientFor(env, county.id, ['county_admin'])).client;
});
afterAll(async () => env.close());

async function work(c: Client, query = ''): Promise<WorkList> {
  const res = await c.get(`/api/v1/work${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WorkList;
}

async function newTask(title: string, ownerUnitId: number, extra: Record<string, unknown> = {}) {
  const res = await staff.post('/api/v1/tasks', { title, ownerUnitId, coUnitIds: [], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string; version: number };
}

async function forwardedClue(unitId: number) {
  const c = await submitClue(env, county);
  expect((await staff.post(`/api/v1/clues/${c.id}/transitions/accept`, { version: await versionOf(env, c.id) })).statusCode).toBe(200);
  const res = await staff.post(`/api/v1/clues/${c.id}/transitions/forward`, { version: await versionOf(env, c.id), unitId });
  expect(res.statusCode, res.body).toBe(200);
  return c;
}

describe('我的待办 of a unit', () => {
  it('lists the tasks and clues given to the unit, tagged 新交办, with links into its own portal', async () => {
    const t = await newTask('修复县道护栏', roads.id);
    const c = await forwardedClue(roads.id);
    const mine = await work(roadsUser);
    const task = mine.items.find((i) => i.type === 'task' && i.id === t.id);
    expect(task).toMatchObject({ typeLabel: '落实事项', code: t.code, stateLabel: '已交办', link: `/unit/tasks/${t.id}`, overdue: false, tags: ['new'] });
    const clue = mine.items.find((i) => i.type === 'clue' && i.id === c.id);
    expect(clue).toMatchObject({ typeLabel: '民意线索', code: c.code, stateLabel: '办理中', link: `/unit/clues/${c.id}` });
    expect(clue?.tags).toContain('new');
    expect(mine.counts.new).toBeGreaterThanOrEqual(2);
    expect(mine.types.map((x) => x.name)).toEqual(expect.arrayContaining(['task', 'clue']));

    // Another unit of the county and the same role in another county see none of it.
    const theirs = await work(waterUser);
    expect(theirs.items.some((i) => i.id === t.id && i.type === 'task')).toBe(false);
    expect(theirs.items.some((i) => i.id === c.id && i.type === 'clue')).toBe(false);
    const elsewhere = await work(otherRoadsUser);
    expect(elsewhere.items.filter((i) => i.code === t.code || i.code === c.code)).toEqual([]);
  });

  it('marks a task past its deadline 超期 and one due within three days 即将到期; the tag filter narrows the list', async () => {
    const late = await newTask('超期的整改事项', water.id);
    const soon = await newTask('即将到期的整改事项', water.id);
    const past = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await env.db.updateTable('tasks').set({ due_at: past }).where('id', '=', late.id).execute();
    await env.db.updateTable('tasks').set({ due_at: inTwoDays }).where('id', '=', soon.id).execute();
    const all = await work(waterUser);
    expect(all.items.find((i) => i.id === late.id && i.type === 'task')).toMatchObject({ overdue: true, tags: ['new', 'overdue'] });
    expect(all.items.find((i) => i.id === soon.id && i.type === 'task')).toMatchObject({ overdue: false, tags: ['new', 'due_soon'] });
    // Late work comes first.
    expect(all.items[0]).toMatchObject({ overdue: true });
    const overdue = await work(waterUser, '?tag=overdue');
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.every((i) => i.tags.includes('overdue'))).toBe(true);
    expect(overdue.counts.overdue).toBe(all.counts.overdue);
  });

  it('shows a task sent back by staff as 被退回', async () => {
    const t = await newTask('被退回的整改事项', roads.id);
    let v = t.version;
    const unitAct = async (name: string, body: Record<string, unknown> = {}) => {
      const res = await roadsUser.post(`/api/v1/unit/tasks/${t.id}/transitions/${name}`, { version: v, ...body });
      expect(res.statusCode, res.body).toBe(200);
      v = (res.json() as { version: number }).version;
    };
    await unitAct('start');
    const p = await roadsUser.post(`/api/v1/unit/tasks/${t.id}/progress`, { version: v, note: '已完成' });
    expect(p.statusCode, p.body).toBe(200);
    v = (p.json() as { version: number }).version;
    await unitAct('submit', { reason: '请核验' });
    const back = await staff.post(`/api/v1/tasks/${t.id}/transitions/send_back`, { version: v, reason: '佐证材料不全' });
    expect(back.statusCode, back.body).toBe(200);
    const mine = await work(roadsUser, '?tag=returned');
    expect(mine.items.find((i) => i.id === t.id && i.type === 'task')).toMatchObject({ stateLabel: '办理中', tags: ['returned'] });
  });
});

describe('我的待办 of staff', () => {
  it('has 待受理 clues, tasks 待核验, 超期 forwarded clues and 延期申请待审, each linking to the staff pages', async () => {
    const fresh = await submitClue(env, county);
    const late = await forwardedClue(water.id);
    await env.db.updateTable('clues').set({ due_at: new Date(Date.now() - 86_400_000).toISOString() }).where('id', '=', late.id).execute();
    const asking = await forwardedClue(roads.id);
    const ext = await roadsUser.post(`/api/v1/unit/clues/${asking.id}/transitions/request_extension`, { version: await versionOf(env, asking.id), reason: '需要协调资金', days: 5 });
    expect(ext.statusCode, ext.body).toBe(200);

    const mine = await work(staff);
    expect(mine.items.find((i) => i.type === 'clue' && i.id === fresh.id)).toMatchObject({ stateLabel: '待受理', link: `/clues/${fresh.id}`, tags: ['to_accept'] });
    expect(mine.items.find((i) => i.type === 'clue' && i.id === late.id)).toMatchObject({ overdue: true, tags: ['overdue'] });
    expect(mine.items.find((i) => i.type === 'clue' && i.id === asking.id)?.tags).toEqual(['extension']);
    // The sent-back task earlier is with the unit now, so only the late one (in another unit's hands) is staff's to 催办.
    expect(mine.items.filter((i) => i.type === 'task').every((i) => i.link.startsWith('/tasks/'))).toBe(true);
    expect(mine.counts.to_accept).toBeGreaterThanOrEqual(1);
    expect(mine.counts.extension).toBe(1);

    // Once granted, the request is no longer waiting.
    const grant = await staff.post(`/api/v1/clues/${asking.id}/transitions/grant_extension`, { version: await versionOf(env, asking.id), days: 5 });
    expect(grant.statusCode, grant.body).toBe(200);
    expect((await work(staff)).counts.extension ?? 0).toBe(0);

    // Another county's staff see none of this county's work.
    const theirs = await work(otherStaff);
    expect(theirs.items.filter((i) => [fresh.code, late.code, asking.code].includes(i.code))).toEqual([]);
  });

  it('a clue forwarded and in time waits on the unit, not on staff', async () => {
    const c = await forwardedClue(roads.id);
    expect((await work(staff)).items.some((i) => i.type === 'clue' && i.id === c.id)).toBe(false);
  });
});

describe('the notice of a late task', () => {
  it('links each reader to the case where they can open it: the unit portal for the unit, the staff page for staff', async () => {
    const t = await newTask('催办通知的整改事项', water.id);
    await env.db.updateTable('case_clocks').set({ due_at: new Date(Date.now() - 3 * 86_400_000).toISOString() })
      .where('case_type', '=', 'task').where('case_id', '=', t.id).execute();
    await runDeadlines(env.db, new Date(), caseTypes());
    const notes = await env.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.link', 'u.unit_id', 'u.roles']).where('n.tenant_id', '=', county.id).where('n.body', 'like', `%${t.code}%`).where('n.title', 'like', '%超期%').execute();
    const toUnit = notes.filter((n) => n.unit_id === water.id);
    expect(toUnit.length).toBeGreaterThan(0);
    expect(new Set(toUnit.map((n) => n.link))).toEqual(new Set([`/unit/tasks/${t.id}`]));
    const toStaff = notes.filter((n) => n.unit_id === null);
    expect(toStaff.every((n) => n.link === `/tasks/${t.id}`)).toBe(true);
  });
});

describe('permission', () => {
  it('needs a session, and a role that has work (a leader and an admin get an empty list, not an error)', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/work' })).statusCode).toBe(401);
    expect((await work(leader)).items).toEqual([]);
    expect((await work(citySide)).items).toEqual([]);
  });

  it('is refused to the city\'s accounts, who handle no county work (403)', async () => {
    const city = await createCity(env.db);
    const viewer = (await clientFor(env, city.id, ['city_viewer'])).client;
    const res = await viewer.get('/api/v1/work');
    expect(res.statusCode).toBe(403);
  });

  it('refuses an unknown tag with a Chinese message', async () => {
    const res = await staff.get('/api/v1/work?tag=nonsense');
    expect(res.statusCode).toBe(400);
  });
});

describe('a leader\'s 督办', () => {
  it('lists the open clues this leader supervised, late ones marked, until resolved; nobody else\'s', async () => {
    const other = (await clientFor(env, county.id, ['leader'])).client;
    const c = await forwardedClue(roads.id);
    const res = await leader.post(`/api/v1/clues/${c.id}/supervise`, { version: await versionOf(env, c.id), instruction: '群众反映强烈，请本周内解决并答复' });
    expect(res.statusCode, res.body).toBe(200);
    const mine = await work(leader);
    expect(mine.items).toEqual([expect.objectContaining({ type: 'clue', id: c.id, link: `/clues/${c.id}`, overdue: false })]);
    expect((await work(other)).items).toEqual([]);
    // Late: marked 超期.
    await env.db.updateTable('clues').set({ due_at: new Date(Date.now() - 86_400_000).toISOString() }).where('id', '=', c.id).execute();
    expect((await work(leader)).items[0]).toMatchObject({ id: c.id, overdue: true, tags: ['overdue'] });
    // Resolved: off the list.
    await env.db.updateTable('clues').set({ state: 'resolved' }).where('id', '=', c.id).execute();
    expect((await work(leader)).items).toEqual([]);
  });
});
