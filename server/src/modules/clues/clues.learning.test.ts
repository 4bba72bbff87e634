/**
 * Issue 10 on a real database (SQLite, or PostgreSQL with DATABASE_URL): a merge is learned as a "same problem"
 * pair and 不是同一问题 as "not"; the learned-decisions summary counts them; the gazetteer is kept per county
 * (aliases make two names one place, a name taken is refused in Chinese, another county's entry is not found);
 * places repeated in clue text are proposed; units get a function and the text routes to it, rules still win.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createTestApp, createUnit, DIALECT, type TestEnv } from '../../test/helper.ts';
import { createClueWorld, must, submitClue, type ClueWorld } from './clues.factory.ts';
import { findSimilarClues } from './clues.similar.ts';
import { suggestUnits } from './clues.unit-suggestions.ts';
import { insertRawClue } from './fixtures/clue-rows.ts';

let env: TestEnv;
let w: ClueWorld;

beforeAll(async () => {
  env = await createTestApp();
  w = await createClueWorld(env);
});
afterAll(async () => {
  await env?.close();
});

describe(`learning from decisions (${DIALECT})`, () => {
  it('learns a merge as the same problem and 不是同一问题 as not, and says how many it learned from', async () => {
    const a = await submitClue(env, w.county, { content: '东街菜市场门口的路灯不亮了，晚上买菜回来很黑' });
    const b = await submitClue(env, w.county, { content: '东街菜市场路灯坏了好多天' });
    const c = await submitClue(env, w.county, { content: '东街菜市场门口污水横流，臭得很' });
    await must(env, w.staff, b.id, 'merge', { targetId: a.id });
    const res = await w.staff.post('/api/v1/clues/not-same', { clueId: a.id, otherId: c.id });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await env.db.selectFrom('clue_pair_decisions').select(['clue_id', 'other_id', 'same']).where('tenant_id', '=', w.county.id).orderBy('id').execute();
    expect(rows).toEqual([{ clue_id: Math.min(a.id, b.id), other_id: Math.max(a.id, b.id), same: 1 }, { clue_id: Math.min(a.id, c.id), other_id: Math.max(a.id, c.id), same: 0 }]);
    const summary = (await w.staff.get('/api/v1/clues/learning')).json() as { decisions: number; merges: number; notSame: number; features: unknown[]; recent: unknown[] };
    expect(summary).toMatchObject({ decisions: 2, merges: 1, notSame: 1 });
    expect(summary.features).toHaveLength(11);
    expect(summary.recent).toHaveLength(2);
    const audit = await env.db.selectFrom('audit_log').select('action').where('tenant_id', '=', w.county.id).where('action', '=', 'clue.not_same').execute();
    expect(audit).toHaveLength(1);
  });

  it('learns from a merge that two names are one place, and then reads them as one; names of one family learn nothing', async () => {
    const world = await createClueWorld(env);
    const raw = (content: string) => insertRawClue(env.db, world.county.id, { content, townshipId: world.county.townshipId, category: 'housing' });
    const a = await raw('翠湖湾小区3号楼的电梯天天坏，老人下不了楼');
    const b = await raw('碧水家园三号楼电梯又关人了，物业不管');
    const ask = () => findSimilarClues(env.db, world.county.id, { content: '碧水家园电梯坏了一个礼拜了', townshipId: world.county.townshipId, category: 'housing' });
    // Before: two names, two places.
    expect((await ask()).map((f) => f.id)).not.toContain(a.id);
    await must(env, world.staff, b.id, 'merge', { targetId: a.id });
    const entries = await env.db.selectFrom('clue_lexicon').select(['name', 'aliases', 'note']).where('tenant_id', '=', world.county.id).execute();
    expect(entries).toEqual([{ name: '翠湖湾小区', aliases: '碧水家园', note: expect.stringContaining('合并线索') }]);
    const audit = await env.db.selectFrom('audit_log').select('summary').where('tenant_id', '=', world.county.id).where('action', '=', 'clue_place.learn').execute();
    expect(audit).toHaveLength(1);
    expect((await ask()).map((f) => f.id)).toContain(a.id);
    // The name itself still counts: a typo of it (佳 for 家) meets a report under that name.
    const other = await raw('碧水家园5栋电梯天天坏，上礼拜还困了人');
    const typo = await findSimilarClues(env.db, world.county.id, { content: '碧水佳园电梯又坏了', townshipId: world.county.townshipId, category: 'housing' });
    expect(typo.map((f) => f.id)).toContain(other.id);

    // A third name merged in joins the same entry.
    const c = await raw('翠湖湾电梯困人');
    const d = await raw('绿洲花园3栋电梯停了好几天');
    await must(env, world.staff, d.id, 'merge', { targetId: c.id });
    expect(await env.db.selectFrom('clue_lexicon').select(['name', 'aliases']).where('tenant_id', '=', world.county.id).execute())
      .toEqual([{ name: '翠湖湾小区', aliases: '碧水家园、绿洲花园' }]);

    // One problem along two roads of a family (东路 / 西路) is merged, but the roads stay two.
    const e = await raw('滨河东路的路灯一整条都不亮');
    const f = await raw('滨河西路路灯坏了半个月');
    await must(env, world.staff, f.id, 'merge', { targetId: e.id });
    expect(await env.db.selectFrom('clue_lexicon').select('name').where('tenant_id', '=', world.county.id).execute()).toHaveLength(1);

    // Nor do an estate and a school: one problem between them (the school gate's traffic by the estate).
    const i = await raw('锦绣苑门口接孩子的车堵成一锅粥');
    const j = await raw('育才小学门口放学车堵得走不动');
    await must(env, world.staff, j.id, 'merge', { targetId: i.id });
    expect(await env.db.selectFrom('clue_lexicon').select('name').where('tenant_id', '=', world.county.id).execute()).toHaveLength(1);

    // Names staff entered as two places stay two, whatever a merge says.
    for (const name of ['金桂苑', '银杏小区']) expect((await world.staff.post('/api/v1/clues/gazetteer', { name, kind: 'estate' })).statusCode).toBe(200);
    const g = await raw('金桂苑5栋电梯坏了');
    const h = await raw('银杏小区5栋电梯坏了');
    await must(env, world.staff, h.id, 'merge', { targetId: g.id });
    expect(await env.db.selectFrom('clue_lexicon').select(['name', 'aliases']).where('tenant_id', '=', world.county.id).where('name', 'in', ['金桂苑', '银杏小区']).orderBy('name').execute())
      .toEqual([{ name: '金桂苑', aliases: '' }, { name: '银杏小区', aliases: '' }]);
  });

  it('refuses another county\'s clue (404), a bad body (400 in Chinese) and a handler (403), changing nothing', async () => {
    const other = await createCounty(env.db);
    const theirs = await insertRawClue(env.db, other.id, { content: '别的县的线索', townshipId: other.townshipId });
    const mine = await submitClue(env, w.county);
    const before = await env.db.selectFrom('clue_pair_decisions').select('id').execute();
    expect((await w.staff.post('/api/v1/clues/not-same', { clueId: mine.id, otherId: theirs.id })).statusCode).toBe(404);
    const bad = await w.staff.post('/api/v1/clues/not-same', { clueId: mine.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/[\u4e00-\u9fff]/);
    expect((await w.staff.post('/api/v1/clues/not-same', { clueId: mine.id, otherId: mine.id })).statusCode).toBe(400);
    expect((await w.handler.post('/api/v1/clues/not-same', { clueId: mine.id, otherId: mine.id })).statusCode).toBe(403);
    expect(await env.db.selectFrom('clue_pair_decisions').select('id').execute()).toEqual(before);
  });
});

describe(`gazetteer (${DIALECT})`, () => {
  it('keeps places with aliases per county, and two names of one place are one place', async () => {
    const county = await createCounty(env.db);
    const { client } = await clientFor(env, county.id, ['staff']);
    const a = await insertRawClue(env.db, county.id, { content: '老街市场门口卖菜的摆到马路中间，车过不去', townshipId: county.townshipId, category: 'environment' });
    const ask = () => findSimilarClues(env.db, county.id, { content: '红星集贸点门口摆摊占道，堵得过不去车', townshipId: county.townshipId, category: 'environment' });
    const save = await client.post('/api/v1/clues/gazetteer', { name: '老街市场', kind: 'market', aliases: ['红星集贸点'] });
    expect(save.statusCode, save.body).toBe(200);
    expect((await ask()).map((f) => f.id)).toContain(a.id);
    const list = (await client.get('/api/v1/clues/gazetteer')).json() as { items: { id: number; name: string; aliases: string[]; version: number }[] };
    expect(list.items).toMatchObject([{ name: '老街市场', aliases: ['红星集贸点'], version: 1 }]);
    // A name already in the gazetteer is refused, field by field, in Chinese.
    const taken = await client.post('/api/v1/clues/gazetteer', { name: '红星集贸点', kind: 'market' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('已在地名库中');
    // Edited with its version; a stale version is a conflict.
    const id = list.items[0].id;
    expect((await client.post('/api/v1/clues/gazetteer', { id, version: 1, name: '老街市场', kind: 'market', aliases: ['红星集贸点', '老街菜场'] })).statusCode).toBe(200);
    expect((await client.post('/api/v1/clues/gazetteer', { id, version: 1, name: '老街市场', kind: 'market' })).statusCode).toBe(409);
    // Another county sees none of it and cannot remove it.
    const other = await createCounty(env.db);
    const { client: them } = await clientFor(env, other.id, ['staff']);
    expect(((await them.get('/api/v1/clues/gazetteer')).json() as { items: unknown[] }).items).toEqual([]);
    expect((await them.post('/api/v1/clues/gazetteer/remove', { id })).statusCode).toBe(404);
    expect((await client.post('/api/v1/clues/gazetteer/remove', { id })).statusCode).toBe(200);
  });

  it('proposes places the county\'s clues keep naming', async () => {
    const county = await createCounty(env.db);
    const { client } = await clientFor(env, county.id, ['staff']);
    for (const t of ['幸福里小区门口的垃圾没人拉', '幸福里小区停车太乱了', '幸福里小区电梯坏了']) await insertRawClue(env.db, county.id, { content: t, townshipId: county.townshipId });
    const res = (await client.get('/api/v1/clues/gazetteer/proposals')).json() as { items: { name: string; seen: number; kind: string }[] };
    expect(res.items).toContainEqual(expect.objectContaining({ name: '幸福里小区', seen: 3, kind: 'estate' }));
  });
});

describe(`routing by unit function (${DIALECT})`, () => {
  it('routes by the text to the unit of that function, the citizen\'s category aside; a rule still wins', async () => {
    const county = await createCounty(env.db);
    const police = await createUnit(env.db, county.id, '县交通秩序管理中心');
    await env.db.updateTable('units').set({ duty: 'traffic_police' }).where('id', '=', police.id).execute();
    const roads = await createUnit(env.db, county.id, '县交通运输局');
    const clue = { id: 0, category: 'roads' as const, content: '学校门口接孩子的车乱停，天天堵得走不动', place: null, township_id: county.townshipId };
    const s = await suggestUnits(env.db, county.id, clue);
    expect(s[0]).toMatchObject({ unitId: police.id });
    expect(s[0].reason).toContain('公安交管');
    expect(s[0].confidence).toBeGreaterThan(0);
    expect(s.map((x) => x.unitId)).toContain(roads.id);
    await env.db.insertInto('clue_routing_rules').values({ tenant_id: county.id, category: null, keywords: '学校门口', unit_id: roads.id, note: null }).execute();
    const ruled = await suggestUnits(env.db, county.id, clue);
    expect(ruled[0]).toMatchObject({ unitId: roads.id, confidence: 1 });
    expect(ruled[0].reason).toContain('规则');
  });

  it('keeps the function set in the unit form', async () => {
    const admin = await clientFor(env, w.county.id, ['county_admin']);
    const res = await admin.client.post('/api/v1/orgs/units', { name: '县城市综合服务中心', kind: 'department', duty: 'urban' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ duty: 'urban' });
    const bad = await admin.client.post('/api/v1/orgs/units', { name: '县某中心', kind: 'department', duty: 'nonsense' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择单位职能');
  });
});
