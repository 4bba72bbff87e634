/**
 * Dictionaries per county (issue 10), on a real database (SQLite, or PostgreSQL with DATABASE_URL): a county's
 * villages, gazetteer places and words cut its own text only; the index version of a county moves with its own
 * names only; the same text in two counties with different place lists gives each its own tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, createCounty, createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';
import { parseSearchTokens } from '../../platform/search/segment.ts';
import { ftsQueryTokens } from '../../platform/search/fts.ts';
import { countyAnalyzer } from './clues.analyzer.ts';
import { clueIndexVersion, clueSearchTokens, ensurePlaceNames, findSimilarClues } from './clues.similar.ts';
import { insertRawClue } from './fixtures/clue-rows.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => {
  await env?.close();
});

async function addVillage(tenantId: number, parentId: number, name: string) {
  await env.db.insertInto('orgs').values({ parent_id: parentId, tenant_id: tenantId, kind: 'village', name, code: null, sort: 9, created_at: new Date().toISOString(), version: 1 }).execute();
}

const TEXT = '瑞云大道路灯不亮，老槐树青石板那里积水';

describe(`dictionaries per county (${DIALECT})`, () => {
  it('cuts and matches one county\'s text without another county\'s village names', async () => {
    const a = await createCounty(env.db);
    const b = await createCounty(env.db);
    const bBefore = await countyAnalyzer(env.db, b.id, true);
    const tokensBefore = bBefore.searchTokens(TEXT);
    const queryBefore = ftsQueryTokens('瑞云大道 路灯', bBefore);
    expect(bBefore.tokenize(TEXT)).not.toContain('瑞云大道');

    await addVillage(a.id, a.townshipId, '瑞云大道');
    const aNow = await countyAnalyzer(env.db, a.id, true);
    expect(aNow.tokenize(TEXT)).toContain('瑞云大道');
    expect(aNow.analyze(TEXT).places).toContain('瑞云大道');

    const bNow = await countyAnalyzer(env.db, b.id, true);
    expect(bNow.version).toBe(bBefore.version);
    expect(bNow.tokenize(TEXT)).not.toContain('瑞云大道');
    expect(bNow.searchTokens(TEXT)).toBe(tokensBefore);
    expect(ftsQueryTokens('瑞云大道 路灯', bNow)).toEqual(queryBefore);
    // What B's index stores and what its similar-clue search finds are B's own.
    await ensurePlaceNames(env.db, b.id);
    expect(clueSearchTokens({ content: TEXT, tenantId: b.id })).toBe(tokensBefore);
    await insertRawClue(env.db, b.id, { content: TEXT, townshipId: b.townshipId, townshipName: '城关镇' });
    const found = await findSimilarClues(env.db, b.id, { content: '瑞云大道的路灯坏了', townshipId: b.townshipId, category: 'roads' });
    expect(found.length).toBeLessThanOrEqual(1);
  });

  it('reads the county\'s own name before its facilities as the county\'s (鹈泺站 = 县火车站, 鹈泺一中 = 县一中)', async () => {
    // A name of Han characters ending 县, unique per run (a PostgreSQL test database may hold an earlier run's county).
    const name = `鹈泺${[...Date.now().toString(36)].map((c) => String.fromCharCode(0x6c00 + c.charCodeAt(0))).join('')}县`;
    const own = await createCounty(env.db, name);
    const other = await createCounty(env.db);
    const stem = name.slice(0, -1);
    const a = await countyAnalyzer(env.db, own.id, true);
    expect(a.analyze(`${stem}站出站口的出租车都不打表`).places).toContain('县火车站');
    expect(a.analyze(`${stem}一中门口放学堵车`).places).toContain('一中');
    expect(a.analyze(`${stem}县人民医院挂号难`).places).toContain('县人民医院');
    // Another county's analyzer leaves the name as written, and the county's name changes its index version.
    const b = await countyAnalyzer(env.db, other.id, true);
    expect(b.analyze(`${stem}站出站口的出租车都不打表`).places).not.toContain('县火车站');
    expect(a.version).not.toBe(b.version);
    // A name entered with a traditional character is found as the text is read (決 → 决).
    const trad = await createCounty(env.db, `決${name.slice(1)}`);
    const t = await countyAnalyzer(env.db, trad.id, true);
    expect(t.analyze(`决${stem.slice(1)}站出站口的出租车都不打表`).places).toContain('县火车站');
  });

  it('re-versions only the county whose gazetteer changed', async () => {
    const a = await createCounty(env.db);
    const b = await createCounty(env.db);
    const staff = (await clientFor(env, a.id, ['staff'])).client;
    const [va, vb] = [await clueIndexVersion(env.db, a.id), await clueIndexVersion(env.db, b.id)];
    // Two counties with the same names carry the same version; a's cut is cached until its gazetteer changes.
    expect(va).toBe(vb);
    const before = await countyAnalyzer(env.db, a.id);
    expect(before.analyze(TEXT).places).not.toContain('老槐树');

    const res = await staff.post('/api/v1/clues/gazetteer', { name: '老槐树', kind: 'landmark' });
    expect(res.statusCode, res.body).toBe(200);
    const va2 = await clueIndexVersion(env.db, a.id);
    expect(va2).not.toBe(va);
    expect(await clueIndexVersion(env.db, b.id)).toBe(vb);
    // The cached analyzer was dropped with the change: the next use cuts with the new place.
    expect((await countyAnalyzer(env.db, a.id)).analyze(TEXT).places).toContain('老槐树');

    // A note is no part of what shapes tokens.
    const id = ((await staff.get('/api/v1/clues/gazetteer')).json() as { items: { id: number; version: number }[] }).items[0];
    expect((await staff.post('/api/v1/clues/gazetteer', { id: id.id, version: id.version, name: '老槐树', kind: 'landmark', note: '村口那棵' })).statusCode).toBe(200);
    expect(await clueIndexVersion(env.db, a.id)).toBe(va2);
  });

  it('gives the same text in two counties with different place lists each its own tokens', async () => {
    const a = await createCounty(env.db);
    const b = await createCounty(env.db);
    const now = new Date().toISOString();
    await env.db.insertInto('clue_lexicon').values([
      { tenant_id: a.id, name: '老槐树', kind: 'landmark', aliases: '', note: null, created_at: now, version: 1 },
      { tenant_id: b.id, name: '青石板', kind: 'landmark', aliases: '', note: null, created_at: now, version: 1 },
    ]).execute();
    const ta = parseSearchTokens((await countyAnalyzer(env.db, a.id, true)).searchTokens(TEXT));
    const tb = parseSearchTokens((await countyAnalyzer(env.db, b.id, true)).searchTokens(TEXT));
    expect([...ta.places, ...ta.references]).toContain('老槐树');
    expect([...ta.places, ...ta.references]).not.toContain('青石板');
    expect([...tb.places, ...tb.references]).toContain('青石板');
    expect([...tb.places, ...tb.references]).not.toContain('老槐树');
    expect(await clueIndexVersion(env.db, a.id)).not.toBe(await clueIndexVersion(env.db, b.id));
  });

  it('takes a county\'s dialect word for a problem in that county only, through its 地名库', async () => {
    const a = await createCounty(env.db);
    const b = await createCounty(env.db);
    const staff = (await clientFor(env, a.id, ['staff'])).client;
    const text = '巷巷头黑黢黢的，走路怕摔';
    const before = await clueIndexVersion(env.db, a.id);
    expect((await countyAnalyzer(env.db, a.id)).analyze(text).concepts).not.toContain('streetlight');

    // Bad input: an unknown problem, or a problem on a place, is refused field by field in Chinese and changes nothing.
    const bad = await staff.post('/api/v1/clues/gazetteer', { name: '黑黢黢', kind: 'word', concept: 'nosuch' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('没有这个问题类型');
    const onPlace = await staff.post('/api/v1/clues/gazetteer', { name: '老槐树', kind: 'landmark', concept: 'streetlight' });
    expect(onPlace.statusCode).toBe(400);
    expect(onPlace.body).toContain('只有本县词语可以归到问题类型');
    expect(await clueIndexVersion(env.db, a.id)).toBe(before);

    const ok = await staff.post('/api/v1/clues/gazetteer', { name: '黑黢黢', kind: 'word', concept: 'streetlight' });
    expect(ok.statusCode, ok.body).toBe(200);
    const list = (await staff.get('/api/v1/clues/gazetteer')).json() as { items: { name: string; concept: string; conceptLabel: string }[] };
    expect(list.items).toEqual([expect.objectContaining({ name: '黑黢黢', concept: 'streetlight', conceptLabel: '路灯照明' })]);
    expect((await countyAnalyzer(env.db, a.id)).analyze(text).concepts).toContain('streetlight');
    expect((await countyAnalyzer(env.db, b.id)).analyze(text).concepts).not.toContain('streetlight');
    expect(await clueIndexVersion(env.db, a.id)).not.toBe(before);
    expect(await clueIndexVersion(env.db, b.id)).toBe(before);
  });
});
