/**
 * Similar-clue detection measured on a labelled set (fixtures/similar-clues.json, then the held-out
 * fixtures/similar-clues-unseen.json): each clue, in
 * submission order, is checked against every clue filed before it, as the public form does; each pair
 * the finder reports is a "same problem" decision, right when both clues carry the same group. Runs on
 * the dialect DATABASE_URL selects.
 *
 * How the labelled set was used (be honest about what the figures mean):
 * - dev (60 clues): written first; the scorer, concept table and place rules were built against it.
 * - holdout (52): written before it was ever run. First measurement, public-form mode: precision 0.917
 *   (22/24), recall 0.688 (22/32); all misses were vocabulary (摊子/占路, 山体滑坡, 没信号, 停得乱七八糟,
 *   二小 for 城关二小). The concept table and place aliases were then widened, so holdout is no longer unseen.
 * - fresh (25): written after all tuning and not tuned on. First measurement (both dialects, with the county
 *   place list): precision 1.000 (9/9), recall 0.563 (9/16): problems the concept table does not know
 *   (晒粮占道, 大货车超速) fall back to text overlap, which is rarely enough across registers. The table
 *   (路太黑, 超速/大车, 晒粮, 把路占了), place rules and scorer were then fixed on its misses (commit 18ed8e9):
 *   1.000 / 1.000 since, so fresh is no longer unseen either.
 * - unseen (47, fixtures/similar-clues-unseen.json, filed after the others in the same county): written after
 *   that commit and committed (1c07e7b) before the detector ever ran on it; not tuned on. First measurement,
 *   identical on both dialects: form and full mode precision 0.933 (14/15), recall 0.424 (14/33); without
 *   the county place list 1.000 (12/12), 0.364 (12/33). The code before 18ed8e9 scores it exactly the same:
 *   the fresh fixes did not carry over. Every miss is a pair where neither report names a concept the table
 *   knows (烧烤油烟, 野猪, 黑车揽客, 野泳, 栈道, 自来水发浑 as 黄泥汤) and text overlap across registers stays
 *   under the threshold; the one false pair is 城关一小 no zebra crossing vs an older 城关一小 traffic jam
 *   (学校门口交通 is one concept for both). Its figures are asserted at what they reached, as a floor.
 * - The character fallback (rare characters of the problem words stand in when neither report names a specific
 *   concept; an umbrella concept shared does not decide when each side names another problem) was developed
 *   on all the sets above, unseen included, so unseen is no longer unseen either: form and full 1.000 (24/24),
 *   0.727 (24/33); labelled set 1.000 (90/90), 0.978 (90/92) (the umbrella rule costs two G09 pairs whose
 *   concepts look like the zebra-crossing trap's).
 * - unseen2 (50, fixtures/similar-clues-unseen-2.json: 12 groups of problems the table does not know, 14 traps):
 *   written and committed (c686b66) before any detector ran on it, for that work. The detector before it:
 *   form and full 0.778 (7/9), 0.200 (7/35); without the place list 0.667 (4/6), 0.114 (4/35). With the
 *   fallback, measured once at the end, not tuned on, identical on both dialects: form 0.810 (17/21),
 *   0.486 (17/35); full 0.864 (19/22), 0.543 (19/35); without the place list 0.789 (15/19), 0.429 (15/35).
 *   False pairs: a supermarket's steep steps vs its expired food (the fallback, same street), a gate-access
 *   report vs a cesspit one sharing only 物业, and 县中医院 (not in the place list) vs 县人民医院 scalpers.
 *   Asserted at what it reached, as a floor.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ClueCategory, ClueChannel } from '@xs/core/schemas/clues.ts';
import { insertRawClue, rawClueValues, serviceSearchTokens } from './fixtures/clue-rows.ts';
import { createCounty, createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';
import type { Db } from '../../db/database.ts';
import { addPlaces } from '../../platform/search/segment.ts';
import { clueFeatures, clueSearchTokens, ensurePlaceNames, findSimilarClues, reindexClueTokens, scoreSimilarity, similarCandidates, storedClueFeatures, SAME_PROBLEM_THRESHOLD } from './clues.similar.ts';
import fixture from './fixtures/similar-clues.json';
import unseen from './fixtures/similar-clues-unseen.json';
import unseen2 from './fixtures/similar-clues-unseen-2.json';

interface FixtureClue {
  id: string;
  set: 'dev' | 'holdout' | 'fresh' | 'unseen' | 'unseen2';
  group: string | null;
  township: string;
  village: string | null;
  category: string;
  channel: string;
  place: string | null;
  content: string;
  note?: string;
}
/** The labelled set, then the held-out sets filed after it in the same county. */
const clues = [...fixture.clues, ...unseen.clues, ...unseen2.clues] as FixtureClue[];
const townships: Record<string, string[]> = { ...fixture.townships };
for (const set of [unseen, unseen2]) {
  for (const [t, vs] of Object.entries(set.townships)) townships[t] = [...new Set([...(townships[t] ?? []), ...vs])];
}
const HELD_OUT = ['unseen', 'unseen2'];
const DEBUG = !!process.env.SIMILAR_DEBUG;

interface Orgs {
  tenantId: number;
  township: Map<string, number>;
  village: Map<string, number>;
}

/** The county of the fixture: its townships and villages as org rows. */
async function createFixtureCounty(db: Db): Promise<Orgs> {
  const county = await createCounty(db, `${fixture.county}${randomBytes(3).toString('hex')}`);
  const township = new Map<string, number>([['城关镇', county.townshipId]]);
  const village = new Map<string, number>([['东街村', county.villageId]]);
  const now = new Date().toISOString();
  for (const [tName, villages] of Object.entries(townships)) {
    let tId = township.get(tName);
    if (!tId) {
      tId = (await db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: tName, code: null, sort: township.size + 1, created_at: now, version: 1 })
        .returning('id').executeTakeFirstOrThrow()).id;
      township.set(tName, tId);
    }
    for (const vName of villages) {
      if (village.has(vName)) continue;
      const v = await db.insertInto('orgs').values({ parent_id: tId, tenant_id: county.id, kind: 'village', name: vName, code: null, sort: village.size + 1, created_at: now, version: 1 })
        .returning('id').executeTakeFirstOrThrow();
      village.set(vName, v.id);
    }
  }
  return { tenantId: county.id, township, village };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const precision = (t: Tally) => (t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1);
const recall = (t: Tally) => (t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1);
const fmt = (t: Tally) => `precision ${precision(t).toFixed(3)} (${t.tp}/${t.tp + t.fp}), recall ${recall(t).toFixed(3)} (${t.tp}/${t.tp + t.fn})`;

type Mode = 'orgs' | 'form' | 'full';
const MODES: Record<Mode, string> = {
  form: 'text + township + category (the public form)',
  full: 'plus place field and village (staff, merge suggestions)',
  orgs: 'text + township + category, county road/estate list not loaded (only township and village names)',
};
const SETS = [...new Set(clues.map((c) => c.set))];

describe(`similar clues on the labelled set (${DIALECT})`, () => {
  let env: TestEnv;
  const tallies = Object.fromEntries((Object.keys(MODES) as Mode[]).map((m) => [m, Object.fromEntries(SETS.map((s) => [s, { tp: 0, fp: 0, fn: 0 }]))])) as Record<Mode, Record<string, Tally>>;
  const latencies: number[] = [];
  const top1 = { right: 0, asked: 0 };

  /** Files the clues in order into a fresh county, asking before each which earlier ones are the same problem. */
  async function run(modes: Mode[]) {
    const orgs = await createFixtureCounty(env.db);
    const idOf = new Map<number, FixtureClue>();
    const start = Date.now() - 120 * 86_400_000;
    for (const [i, c] of clues.entries()) {
      const townshipId = orgs.township.get(c.township)!;
      const villageId = c.village ? orgs.village.get(c.village)! : null;
      const earlierSame = clues.slice(0, i).filter((e) => c.group && e.group === c.group).map((e) => e.id);
      for (const mode of modes) {
        const t0 = performance.now();
        const found = await findSimilarClues(env.db, orgs.tenantId, {
          content: c.content, townshipId, category: c.category as ClueCategory,
          ...(mode === 'full' ? { place: c.place, villageId } : {}),
        });
        latencies.push(performance.now() - t0);
        const predicted = found.map((f) => idOf.get(f.id)!);
        const tally = tallies[mode][c.set];
        for (const p of predicted) {
          if (c.group && p.group === c.group) tally.tp++;
          else {
            tally.fp++;
            if (DEBUG) debugPair(mode, c, p, found.find((f) => idOf.get(f.id) === p)!.score);
          }
        }
        for (const e of earlierSame) {
          if (!predicted.some((p) => p.id === e)) {
            tally.fn++;
            if (DEBUG) debugPair(mode, c, clues.find((x) => x.id === e)!, null);
          }
        }
        if (mode === 'form' && earlierSame.length) {
          top1.asked++;
          if (predicted[0] && predicted[0].group === c.group) top1.right++;
        }
      }
      // As the clue service does: the county's names are loaded before a clue is indexed.
      await ensurePlaceNames(env.db, orgs.tenantId);
      const row = await insertRawClue(env.db, orgs.tenantId, {
        content: c.content, place: c.place, category: c.category as ClueCategory, channel: c.channel as ClueChannel, townshipId,
        townshipName: c.township, villageId, villageName: c.village, createdAt: new Date(start + i * 3_600_000),
      });
      idOf.set(row.id, c);
    }
  }

  beforeAll(async () => {
    env = await createTestApp();
    // First as a county that has only entered its townships and villages…
    await run(['orgs']);
    // …then as one that also listed its roads, estates, schools and landmarks.
    addPlaces([...fixture.places, ...unseen.places, ...unseen2.places]);
    await run(['form', 'full']);
  });

  afterAll(async () => {
    await env?.close();
  });

  function debugPair(mode: string, q: FixtureClue, r: FixtureClue, score: number | null) {
    const rq = { content: q.content, place: mode === 'full' ? q.place : null, category: q.category as ClueCategory, villageId: null };
    const rr = storedClueFeatures({ search_tokens: serviceSearchTokens(r.content, r.place, r.township, r.village), place: r.place, category: r.category as ClueCategory, village_id: null });
    const s = scoreSimilarity(clueFeatures(rq), rr);
    console.log(`${score === null ? 'MISS' : 'FALSE'} [${mode}] ${q.id}(${q.group ?? '-'}) ~ ${r.id}(${r.group ?? '-'}) score ${score ?? s.score} ${JSON.stringify(s.evidence)} ${s.reason}\n    ${q.content}\n    ${r.content}`);
  }

  /** Every set but the held-out ones. */
  const labelled = (m: Mode) => sum(SETS.filter((s) => !HELD_OUT.includes(s)).map((s) => tallies[m][s]));
  const sum = (ts: Tally[]): Tally => ts.reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });

  it('decides "same problem" pairs with precision and recall ≥ 0.85 on the labelled set (and prints the held-out figures)', () => {
    const groups = new Set(clues.filter((c) => c.group).map((c) => c.group));
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log([
      `similar clues [${DIALECT}] ${clues.length} clues, ${groups.size} duplicate groups, threshold ${SAME_PROBLEM_THRESHOLD}; pairs: each clue against all earlier ones`,
      ...(['form', 'full', 'orgs'] as Mode[]).flatMap((m) => [
        `  ${MODES[m]}`,
        `      labelled set: ${fmt(labelled(m))}`,
        ...SETS.map((s) => `      ${s}${HELD_OUT.includes(s) ? ' (held out)' : ''}: ${fmt(tallies[m][s])}`),
      ]),
      `  nearest reported clue is a true duplicate: ${top1.right}/${top1.asked}`,
      `  query latency (${latencies.length} queries, small db) p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(2)} ms`,
    ].join('\n'));
    for (const m of ['form', 'full'] as const) {
      const all = labelled(m);
      expect(precision(all), m).toBeGreaterThanOrEqual(0.85);
      expect(recall(all), m).toBeGreaterThanOrEqual(0.85);
      // The held-out clues: not the target, what the detector reached on text it was not fitted to (see the
      // top of the file). A floor, so that a change which loses ground on unseen text shows.
      expect(precision(tallies[m].unseen), `${m} unseen`).toBeGreaterThanOrEqual(1);
      expect(recall(tallies[m].unseen), `${m} unseen`).toBeGreaterThanOrEqual(0.72);
      expect(precision(tallies[m].unseen2), `${m} unseen2`).toBeGreaterThanOrEqual(0.8);
      expect(recall(tallies[m].unseen2), `${m} unseen2`).toBeGreaterThanOrEqual(0.48);
    }
  });
});

describe('scoreSimilarity', () => {
  const same = (a: string, b: string) => scoreSimilarity({ content: a, category: 'roads' }, { content: b, category: 'roads' });

  it('takes registers of one problem at one place for the same', () => {
    const r = same('滨河路路灯坏了好几盏，晚上太黑', '关于滨河路照明设施损坏的情况反映：近期滨河路沿线多盏路灯损坏未亮，夜间照明严重不足，建议尽快检修。');
    expect(r.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    expect(r.reason).toMatch(/^同一乡镇、同一地点（滨河路）、同类问题（路灯照明）/);
    expect(same('阳光小区停车难，车位根本不够用', '阳光小区停车位太少，晚上下班回来找不到地方停车').score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
  });

  it('keeps apart the same place with another problem, and the same problem at another place', () => {
    expect(same('滨河路路灯坏了好几盏，晚上太黑', '滨河路一下雨就积水，电动车都过不去').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    expect(same('滨河路路灯坏了好几盏，晚上太黑', '人民路的路灯晚上不亮，走路看不清').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    expect(same('天桥村卫生室缺药，降压药买不到', '龙王庙村卫生室药品不全，慢性病药得去镇上买').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    expect(same('滨河路（幸福街至人民路段）路灯夜间不亮', '人民路从文化路口到汽车站这一段路灯不亮').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    // A broad concept shared (occupied road, lorries) while the specific problems differ.
    expect(same('北环路夜市摊贩占道经营', '北环路上有人晒玉米，占了半边路').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    expect(same('北环路大货车开得飞快', '北环路的大货车把路面压坏了').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    expect(same('北环路拉土的大车跑得太快', '市民来电反映：北环路重型货车超速行驶').score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
  });

  it('meets a problem the concept table does not know through its rare characters, and keeps another one apart', () => {
    const env = (content: string) => ({ content, category: 'environment' as const });
    const bbq = scoreSimilarity(env('南环路烤串的烟太大了，熏得慌'), env('南环路那几家烧烤店天天把炉子摆到门口烤，油烟呛得人窗户都不敢开'));
    expect(bbq.evidence.text).toBe(0);
    expect(bbq.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    expect(scoreSimilarity(env('南环路烤串的烟太大了，熏得慌'), env('南环路上的下水道盖子丢了一个，晚上骑车容易掉进去')).score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
  });

  it('does not take an umbrella concept shared for one problem when each side names another', () => {
    const r = same('城关一小门口也没有斑马线，过马路太吓人', '城关一小门口早上送孩子的车太多，堵得水泄不通');
    expect(r.sharedConcepts).toContain('schooltraffic');
    expect(r.evidence.concept).toBe(0);
    expect(r.score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
  });

  it('is symmetric and stays in 0..1', () => {
    const a = { content: '东街村垃圾没人拉，堆得跟小山一样', villageId: 3 };
    const b = { content: '城关镇东街村生活垃圾清运不及时，村口垃圾收集点垃圾堆积外溢', villageId: 3 };
    expect(scoreSimilarity(a, b).score).toBe(scoreSimilarity(b, a).score);
    for (const x of [a, b, { content: '' }, { content: '😀' }]) {
      const s = scoreSimilarity(x, a).score;
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(scoreSimilarity(a, { ...b, villageId: 4 }).score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
  });
});

describe(`findSimilarClues scope (${DIALECT})`, () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestApp();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('stays in the tenant and township, skips merged, excluded and (when asked) closed clues', async () => {
    const county = await createCounty(env.db);
    const other = await createCounty(env.db);
    const t2 = (await env.db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: '田湖镇', code: null, sort: 2, created_at: new Date().toISOString(), version: 1 })
      .returning('id').executeTakeFirstOrThrow()).id;
    const text = '滨河路路灯坏了好几盏，晚上太黑';
    const open = await insertRawClue(env.db, county.id, { content: text, townshipId: county.townshipId, townshipName: '城关镇' });
    const closed = await insertRawClue(env.db, county.id, { content: `${text}。`, townshipId: county.townshipId, townshipName: '城关镇', state: 'closed' });
    const merged = await insertRawClue(env.db, county.id, { content: `${text}！`, townshipId: county.townshipId, townshipName: '城关镇', state: 'merged' });
    await insertRawClue(env.db, county.id, { content: text, townshipId: t2, townshipName: '田湖镇' });
    await insertRawClue(env.db, other.id, { content: text, townshipId: other.townshipId, townshipName: '城关镇' });

    const ids = async (input: Partial<Parameters<typeof findSimilarClues>[2]>, tenant = county.id) =>
      (await findSimilarClues(env.db, tenant, { content: '滨河路的路灯不亮了', townshipId: county.townshipId, ...input })).map((f) => f.id).sort();
    expect(await ids({})).toEqual([open.id, closed.id].sort());
    expect(await ids({ openOnly: true })).toEqual([open.id]);
    expect(await ids({ excludeId: open.id })).toEqual([closed.id]);
    expect(await ids({})).not.toContain(merged.id);
    expect(await ids({ content: '' })).toEqual([]);
    expect(await ids({ content: '"(OR -:😀\uD83D' })).toEqual([]);
    const found = await findSimilarClues(env.db, county.id, { content: '滨河路的路灯不亮了', townshipId: county.townshipId }, 1);
    expect(found).toHaveLength(1);
    expect(found[0].reason).toContain('同一地点（滨河路）');
    expect(found[0].code).toMatch(/^[0-9A-Z]{10}$/);
  });

  it('re-indexes rows whose tokens are stale', async () => {
    const county = await createCounty(env.db);
    const row = await insertRawClue(env.db, county.id, { content: '阳光小区停车难', townshipId: county.townshipId, searchTokens: 'stale' });
    expect(await reindexClueTokens(env.db, county.id)).toBe(1);
    const after = await env.db.selectFrom('clues').select('search_tokens').where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.search_tokens).toBe(clueSearchTokens({ content: '阳光小区停车难', townshipName: '城关镇', tenantId: county.id, townshipId: county.townshipId }));
    expect(after.search_tokens.endsWith(` zt${county.id} zw${county.townshipId}`)).toBe(true);
    expect(await reindexClueTokens(env.db, county.id)).toBe(0);
    expect((await findSimilarClues(env.db, county.id, { content: '阳光小区车位不足', townshipId: county.townshipId })).map((f) => f.id)).toEqual([row.id]);
  });
});

/** A township with thousands of clues in a county of tens of thousands: what one query costs. */
describe(`similar clues at township scale (${DIALECT})`, () => {
  const IN_TOWNSHIP = 5_000;
  const ELSEWHERE = 15_000;
  let env: TestEnv;
  let tenantId: number;
  let townshipId: number;
  const PLACES = [...fixture.places, ...Array.from({ length: 20 }, (_, i) => `${'东西南北'[i % 4]}${'关街城郊湖'[i % 5]}${i}号路`)];
  const PROBLEMS = ['路灯不亮', '路灯坏了好几盏', '晚上黑乎乎的灯都不亮', '一下雨就积水', '积水很深过不去', '排水不畅', '垃圾没人拉', '垃圾堆满了', '垃圾清运不及时',
    '停车难', '车位不够', '车辆乱停', '广场舞噪音大', '半夜施工太吵', '飞线充电', '没有充电桩', '路面坑坑洼洼', '路面塌陷', '经常停水', '水压太低',
    '接孩子的车堵路', '卫生室缺药', '流浪狗咬人', '公交车太少', '电压低', '暖气不热', '电梯老坏', '物业不作为', '私搭乱建', '摊贩占道',
    '树枝挡路', '公厕太脏', '烧秸秆冒烟', '养殖场臭味', '浇地难', '手机没信号'];
  const FILLERS = ['已经好几天了', '希望有关部门尽快解决', '老人孩子出行很不方便', '多次反映没人管', '请领导重视', '影响居民休息', '存在安全隐患', '晚上出门很危险'];
  let seed = 7;
  /** mulberry32: the same county every run. */
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const text = () => `${PLACES[rand(PLACES.length)]}${PROBLEMS[rand(PROBLEMS.length)]}，${FILLERS[rand(FILLERS.length)]}，${FILLERS[rand(FILLERS.length)]}`;

  beforeAll(async () => {
    env = await createTestApp();
    const county = await createCounty(env.db);
    tenantId = county.id;
    townshipId = county.townshipId;
    addPlaces(PLACES);
    const others: number[] = [];
    for (let i = 0; i < 15; i++) {
      others.push((await env.db.insertInto('orgs').values({ parent_id: tenantId, tenant_id: tenantId, kind: 'township', name: `测试${i}镇`, code: null, sort: i + 2, created_at: new Date().toISOString(), version: 1 })
        .returning('id').executeTakeFirstOrThrow()).id);
    }
    const texts = Array.from({ length: 1_500 }, text);
    const tokens = new Map(texts.map((t) => [t, serviceSearchTokens(t, null, '城关镇', null)]));
    const now = Date.now();
    const total = IN_TOWNSHIP + ELSEWHERE;
    for (let start = 0; start < total; start += 400) {
      const batch = [];
      for (let i = start; i < Math.min(total, start + 400); i++) {
        const content = texts[rand(texts.length)];
        batch.push(rawClueValues(tenantId, {
          content, townshipId: i % 4 === 0 && i / 4 < IN_TOWNSHIP ? townshipId : others[rand(others.length)], searchTokens: tokens.get(content),
          category: 'roads', state: rand(3) === 0 ? 'closed' : 'submitted', createdAt: new Date(now - rand(700) * 86_400_000 - rand(86_400_000)),
        }));
      }
      await env.db.insertInto('clues').values(batch).execute();
    }
    // What autovacuum does to a table that grew this much.
    if (DIALECT === 'postgres') await sql`ANALYZE clues`.execute(env.db);
  }, 300_000);

  afterAll(async () => {
    await env?.close();
  });

  it('answers in a few milliseconds', async () => {
    const count = await env.db.selectFrom('clues').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('township_id', '=', townshipId).executeTakeFirstOrThrow();
    const wall: number[] = [];
    const cpu: number[] = [];
    const candidates: number[] = [];
    const found: number[] = [];
    for (let i = 0; i < 100; i++) {
      // Some reports name a place, some only a problem (QR notes), some neither.
      const kind = i % 5;
      const content = kind === 0 ? `${PROBLEMS[rand(PROBLEMS.length)]}，${FILLERS[rand(FILLERS.length)]}` : kind === 1 ? `${FILLERS[rand(FILLERS.length)]}，${FILLERS[rand(FILLERS.length)]}` : `${text()}，${FILLERS[rand(FILLERS.length)]}`;
      const input = { content, townshipId, category: 'roads' as const, openOnly: i % 2 === 0 };
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await findSimilarClues(env.db, tenantId, input);
      wall.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpu.push((c1.user + c1.system) / 1000);
      found.push(res.length);
      candidates.push((await similarCandidates(env.db, tenantId, input)).length);
    }
    const pct = (xs: number[], q: number) => [...xs.slice(10)].sort((a, b) => a - b)[Math.min(xs.length - 11, Math.floor((xs.length - 10) * q))].toFixed(1);
    const avg = (xs: number[]) => (xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(0);
    console.log(`similar clues at scale [${DIALECT}]: township ${count.n} clues, county ${IN_TOWNSHIP + ELSEWHERE}; candidates scored avg ${avg(candidates)}, max ${Math.max(...candidates)}; results avg ${avg(found)}; ` +
      `wall p50 ${pct(wall, 0.5)} ms, p95 ${pct(wall, 0.95)} ms; this process's CPU p50 ${pct(cpu, 0.5)} ms, p95 ${pct(cpu, 0.95)} ms`);
    // A regression guard with room for a loaded test machine; the figures above are the measurement.
    expect(Number(pct(wall, 0.5))).toBeLessThan(60);
  }, 120_000);
});
