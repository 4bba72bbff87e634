/**
 * Full-text search on the clues table, on the dialect DATABASE_URL selects: hostile input never breaks
 * the query, Chinese words are found whatever the cut around them, registers meet through concepts,
 * and relevance ranks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SqlBool } from 'kysely';
import { createCounty, createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';
import { insertRawClue } from '../../modules/clues/fixtures/clue-rows.ts';
import { ensurePlaceNames } from '../../modules/clues/clues.similar.ts';
import type { Analyzer } from './segment.ts';
import { ftsMatch, ftsQuery, ftsQueryTokens, ftsRanking, toFts5, toTsquery } from './fts.ts';

const ROWS = {
  victory: '胜利大道路灯不亮，晚上走路看不见',
  binhe: '滨河路路灯不亮了好几天',
  formal: '关于滨河路照明设施损坏的情况反映：夜间照明严重不足',
  garbage: '城关镇东街村生活垃圾清运不及时，收集点垃圾外溢',
  pit: '建设路中段路面塌陷，出现一个大坑',
  trad: '三號樓門口積水，下雨天出不了門',
  fullwidth: 'ＡＢＣ小区１２号楼电梯坏了',
  parking: '阳光小区车位不足，晚上回来没地方停',
  longWater: '幸福街与白云大道交叉口下雨积水。这个路口地势低洼，排水管网老化，每逢降雨就形成大面积积水，车辆和行人通行都很困难，周边商户和居民意见很大，希望有关部门尽快改造排水设施，彻底解决这个老问题。',
  shortWater: '幸福街积水',
  emoji: '😀路灯又坏了😡',
} as const;
type Key = keyof typeof ROWS;

describe(`full-text search (${DIALECT})`, () => {
  let env: TestEnv;
  let tenantId: number;
  let otherTenant: number;
  let an: Analyzer;
  const ids = new Map<number, Key>();

  beforeAll(async () => {
    env = await createTestApp();
    const county = await createCounty(env.db);
    tenantId = county.id;
    // The county's places in its gazetteer: its analyzer (the clue vocabulary and these names) cuts rows and queries.
    await env.db.insertInto('clue_lexicon').values(['胜利大道', '滨河路', '幸福街', '白云大道', '建设路', '阳光小区', 'ABC小区'].map((name) => ({
      tenant_id: tenantId, name, kind: 'road', aliases: '', note: null, created_at: new Date().toISOString(), version: 1 }))).execute();
    an = await ensurePlaceNames(env.db, tenantId);
    for (const [key, content] of Object.entries(ROWS) as [Key, string][]) {
      const row = await insertRawClue(env.db, tenantId, { content, townshipId: county.townshipId, townshipName: '城关镇' });
      ids.set(row.id, key);
    }
    const other = await createCounty(env.db);
    otherTenant = other.id;
    await ensurePlaceNames(env.db, other.id);
    await insertRawClue(env.db, other.id, { content: '滨河路路灯不亮', townshipId: other.townshipId, townshipName: '城关镇' });
  });

  afterAll(async () => {
    await env?.close();
  });

  /** Matches in relevance order (ftsRanking), checked against the plain filter (ftsMatch). */
  async function search(q: string, tenant = tenantId): Promise<Key[]> {
    const match = ftsMatch(env.db, 'clues', 'c', q, an);
    const plain = await env.db.selectFrom('clues as c').select('c.id').where('c.tenant_id', '=', tenant).where(match ?? sql<SqlBool>`1 = 1`).orderBy('c.id').execute();
    const ranking = ftsRanking(env.db, 'clues', q, 'f', an);
    if (!ranking) return plain.map((r) => ids.get(r.id) ?? ('other' as Key));
    const ranked = await env.db.selectFrom('clues as c').innerJoin(ranking, 'f.id', 'c.id').select(['c.id', 'f.score'])
      .where('c.tenant_id', '=', tenant).orderBy('f.score', 'desc').orderBy('c.id').execute();
    expect(ranked.map((r) => r.id).sort((a, b) => a - b)).toEqual(plain.map((r) => r.id));
    return ranked.map((r) => ids.get(r.id) ?? ('other' as Key));
  }

  const HOSTILE = [
    '"积水', '积水"', '""', '"', "'", "''", "积水'漏水", '路面-塌陷', '-积水', '积水:漏水', 'search_tokens:积水', 'c:积水', '积水 OR', 'OR', 'AND', 'NOT',
    'NOT 积水', '积水 NOT', '积水 AND', '(积水', '积水)', '()', '((积水))', '积水。漏水', '积水。', '。。。', 'NEAR(积水 漏水)', 'NEAR', '*', '积水*',
    '^积水', '积水^', '+积水', '{积水}', '[积水]', '积水 & 漏水 | !停水', '!积水', '&', '|', '<->', '积水 <-> 漏水', '积水:*', ':*', 'a:* & b',
    '\\', '\\"', '积水\\', '😀', '积水😀', '👨‍👩‍👧', '\uD83D', '\uDC00积水', '积水\uD83D', '\u0000', '积水\u0000漏水', '\u200B积水', '　积水　',
    'ＯＲ', '（积水）', '「积水」', '%', '_', '%积水%', "'; DROP TABLE clues; --", '1=1', '的', '的了吗', '   ', '', '路灯'.repeat(300),
    Array.from({ length: 40 }, (_, i) => `词${i}`).join(' '), 'x'.repeat(3000), 'Ⅲ号楼', '①号楼', 'x²', '\t\n积水\r\n',
  ];

  it('never fails on hostile input', async () => {
    for (const q of HOSTILE) {
      await expect(search(q), JSON.stringify(q)).resolves.toBeInstanceOf(Array);
    }
  });

  it('builds queries of quoted letters and digits only', () => {
    for (const q of HOSTILE) {
      const term = ftsQuery(q, an);
      if (!term) continue;
      const fts5 = toFts5(term).replace(/"[\p{L}\p{N}]+"/gu, 'T');
      expect(fts5, q).toMatch(/^[T()\sANDOR]*$/);
      const ts = toTsquery(term).replace(/'[\p{L}\p{N}]+'/gu, 'T');
      expect(ts, q).toMatch(/^[T()\s&|]*$/);
    }
  });

  it('treats a query of nothing searchable as no filter', () => {
    for (const q of ['', '   ', '。。。', '的了吗', '😀', '"', '()', '\uD83D']) expect(ftsMatch(env.db, 'clues', 'c', q), q).toBeNull();
  });

  it('finds words whatever the cut around them', async () => {
    expect(await search('路灯')).toEqual(expect.arrayContaining(['victory', 'binhe', 'emoji']));
    expect(await search('胜利大道')).toEqual(['victory']);
    expect(await search('胜利大道路灯不亮')).toEqual(['victory']);
    // 路灯 also means the concept: the formal 照明设施损坏 report on 滨河路 is found too.
    expect(await search('滨河路 路灯')).toEqual(['binhe', 'formal']);
    // Lone characters (不 亮) are cut differently in every sentence: next to a word they are left out.
    expect(await search('滨河路 不亮')).toEqual(['binhe', 'formal']);
    expect(await search('路面塌陷')).toEqual(['pit']);
    expect(await search('路面-塌陷')).toEqual(['pit']);
    expect(await search('塌陷')).toEqual(['pit']);
    expect(await search('积水')).toEqual(expect.arrayContaining(['trad', 'longWater', 'shortWater']));
    expect(await search('积水')).not.toContain('binhe');
    expect(await search('幸福街积水')).toEqual(expect.arrayContaining(['longWater', 'shortWater']));
    expect(await search('建设路 积水')).toEqual([]);
  });

  it('meets traditional, full-width and numeral variants', async () => {
    expect(await search('3号楼积水')).toEqual(['trad']);
    expect(await search('三號樓')).toEqual(['trad']);
    expect(await search('abc小区')).toEqual(['fullwidth']);
    expect(await search('ＡＢＣ小区 12号楼')).toEqual(['fullwidth']);
  });

  it('meets registers through problem concepts', async () => {
    // 灯不亮 / 路灯不亮 find the formal 照明设施损坏, and the other way round.
    expect(await search('灯不亮')).toEqual(expect.arrayContaining(['victory', 'binhe', 'formal']));
    expect(await search('照明设施损坏')).toEqual(expect.arrayContaining(['victory', 'binhe', 'formal']));
    expect(await search('滨河路 路灯不亮')).toEqual(expect.arrayContaining(['binhe', 'formal']));
    expect(await search('垃圾没人拉')).toEqual(['garbage']);
    expect(await search('停车难')).toEqual(['parking']);
    expect(await search('内涝')).toEqual(expect.arrayContaining(['longWater', 'shortWater', 'trad']));
    expect(ftsQueryTokens('路灯不亮', an)).toContain('zcstreetlight');
  });

  it('ranks the closer match first', async () => {
    const found = await search('幸福街 积水');
    expect(found[0]).toBe('shortWater');
    expect(found).toContain('longWater');
  });

  it('stays in the tenant', async () => {
    expect(await search('滨河路路灯', otherTenant)).toEqual(['other']);
  });
});
