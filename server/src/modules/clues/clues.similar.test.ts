/**
 * Similar-clue detection measured on a labelled set (fixtures/similar-clues.json, then the held-out
 * fixtures/similar-clues-unseen.json): each clue, in
 * submission order, is checked against every clue filed before it, as the public form does; each pair
 * the finder reports is a "same problem" decision, right when both clues carry the same group. Runs on
 * the dialect DATABASE_URL selects (the runner: fixtures/similar-labelled.ts). This file asserts the
 * precision and recall; bench/similar-labelled.ts prints every figure and the query latency, and
 * bench/similar-scale.ts measures one query against a county of 20,000 clues.
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
import type { ClueState } from '@xs/core/schemas/clues.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRawClue, rawClueValues, serviceSearchTokens } from './fixtures/clue-rows.ts';
import { HELD_OUT, labelled, precision, recall, runLabelledSet, SETS, type LabelledResult } from './fixtures/similar-labelled.ts';
import { createCounty, createTestApp, DIALECT, type TestEnv } from '../../test/helper.ts';
import { clueAnalyzer } from './clues.analyzer.ts';
import { clueSearchTokens, findSimilarClues, PLACE_CANDIDATES, PUBLIC_FLOOR, reindexClueTokens, SAME_PROBLEM_THRESHOLD, scoreSimilarity, similarCandidates } from './clues.similar.ts';

// The figures of every mode and set, the top-1 rate and the query latency: bench/similar-labelled.ts.
describe(`similar clues on the labelled set (${DIALECT})`, () => {
  let env: TestEnv;
  let result: LabelledResult;

  beforeAll(async () => {
    env = await createTestApp();
    result = await runLabelledSet(env.db, { debug: !!process.env.SIMILAR_DEBUG });
  });

  afterAll(async () => {
    await env?.close();
  });

  it('decides "same problem" pairs with precision and recall ≥ 0.85 on the labelled set (and floors on the held-out sets)', () => {
    expect(SETS.filter((s) => HELD_OUT.includes(s))).toEqual(['unseen', 'unseen2']);
    for (const m of ['form', 'full'] as const) {
      const all = labelled(result, m);
      expect(all.tp, m).toBeGreaterThan(0);
      expect(precision(all), m).toBeGreaterThanOrEqual(0.85);
      expect(recall(all), m).toBeGreaterThanOrEqual(0.85);
      // The held-out clues: not the target, what the detector reached on text it was not fitted to (see the
      // top of the file). A floor, so that a change which loses ground on unseen text shows.
      // Issue 10 (calibrated pair weights, aliases of place endings, unknown places no longer dividing the odds):
      // unseen 0.923 / 0.727 (was 1.000 / 0.727), unseen2 form 0.750 / 0.686 and full 0.813 / 0.743 (was 0.810 / 0.486
      // and 0.864 / 0.543): recall up by a third, two false pairs more. Floors at what it reaches now.
      // Stop 17 (township names no evidence, places without their endings, more concepts, schools by number, rivers):
      // unseen 0.962 / 0.758 in both modes; unseen2 form 0.879 / 0.829, full 0.882 / 0.857. Floors raised to them.
      expect(precision(result.tallies[m].unseen), `${m} unseen`).toBeGreaterThanOrEqual(0.95);
      expect(recall(result.tallies[m].unseen), `${m} unseen`).toBeGreaterThanOrEqual(0.75);
      expect(precision(result.tallies[m].unseen2), `${m} unseen2`).toBeGreaterThanOrEqual(0.87);
      expect(recall(result.tallies[m].unseen2), `${m} unseen2`).toBeGreaterThanOrEqual(0.82);
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

  it('takes words no concept names for the problem the other names when they are most like it and the place is one', () => {
    // 欠俺们的不给 names no concept; its characters are most like 拖欠工资's words, and both name 城南砖厂.
    const r = scoreSimilarity({ content: '城南砖厂欠了我们三个月工资，老板躲着不见' }, { content: '城南砖厂欠俺们的不给，找谁都没用' });
    expect(r.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    expect(r.reason).toContain('问题相近（拖欠工资）');
    // Not without the place: a guess alone is no evidence.
    expect(scoreSimilarity({ content: '砖厂欠了我们三个月工资，老板躲着不见' }, { content: '欠钱不给，找谁都没用' }).score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    // Nor a guess of a broad concept (污染): a glue smell and plated waste water in one industrial park are two problems.
    const glue = scoreSimilarity({ content: '新港工业园里面的电镀厂晚上偷偷往旁边水沟排水，水是绿的，一直流到鳌溪' },
      { content: '新港工业园恒昌鞋业车间刷胶水的味道太冲了，风一吹整个社区都是那股味，晚上关着窗都闻得到' });
    expect(glue.reason).not.toContain('问题相近');
    expect(glue.score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
  });

  it('takes a works said by its owner alone for the works named with its trade', () => {
    const county = clueAnalyzer({ townships: ['蚝埠镇'], villages: ['港仔村'] });
    const r = scoreSimilarity({ content: '港仔村旁边那个海润厂的气味比上个月还重' }, { content: '蚝埠镇海润鱼粉厂一开工，成个港仔村都是烂鱼臭' }, county);
    expect(r.evidence.place).not.toBe('apart');
    expect(r.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
  });

  it('reads an estate ending typed by its sound (名底, 名第 for 名邸) as that ending', () => {
    const place = (a: string, b: string) => scoreSimilarity({ content: a }, { content: b }).evidence.place;
    expect(place('御海名底五号楼的电梯又停在半空中了', '御海小区5栋电梯老是坏')).toBe('near');
    expect(place('海曜名第停车费乱涨价', '海曜名邸物业把地下车位月租从150涨到300')).toBe('near');
    expect(place('海曜名第停车费乱涨价', '海澜名邸物业把地下车位月租从150涨到300')).toBe('conflict');
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
    // Two estates of one core and two estate endings (新苑 / 家园) are two estates.
    expect(same('桐安新苑的房产证一直没下来，交房三年多了', '桐安家园的房产证到底好久办，住了这么多年了').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
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

  it('keeps apart wages owed by employers of two kinds, not wages owed by one the other does not name', () => {
    const wages = (a: string, b: string) => scoreSimilarity({ content: a, category: 'social' }, { content: b, category: 'social' });
    const site = '新医院工地的钢筋班组拖欠我们二十几个人的工资，包工头说上面没给钱';
    expect(wages(site, '我们安置点那个做衣服的车间好多人工资都没发，老板躲起不见人').evidence.conceptConflict).toBe(true);
    expect(wages(site, '在茶园采了两个月茶，说好一天一百，到现在还欠着工钱').evidence.conceptConflict).toBe(true);
    const bare = wages(site, '快过年了工资还欠着，找谁都不管');
    expect(bare.evidence.conceptConflict).toBe(false);
    expect(bare.sharedConcepts).toContain('wages');
    expect(wages(site, '工地欠我们农民工工资，找开发商也不管').sharedConcepts).toContain('sitewages');
  });

  it('keeps apart livestock dying of an illness and carcasses thrown away, not dead animals a report does not say more of', () => {
    const farm = (content: string) => ({ content, category: 'agriculture' as const, villageId: 7 });
    const sick = farm('村里的羊病死了好多只，拉稀，兽医一直没来');
    expect(scoreSimilarity(farm('有人把死羊扔到村后头的沟里，天一热就要臭了'), sick).evidence.conceptConflict).toBe(true);
    expect(scoreSimilarity(farm('羊又死了好几只，拉稀，打针也不管用'), sick).evidence.conceptConflict).toBe(false);
    expect(scoreSimilarity(farm('村后沟里的死羊没人管'), farm('有人把死羊扔到村后头的沟里')).evidence.conceptConflict).toBe(false);
  });

  it('keeps apart cold flats, fees for empty ones and a heating subsidy, and reads cold rooms as a heating problem', () => {
    const heat = (a: string, b: string) => scoreSimilarity({ content: a, category: 'utilities' }, { content: b, category: 'utilities' });
    const cold = '家属院5号楼今年暖气就没热过，屋里才十三四度';
    expect(heat(cold, '热力公司给空房子也收全额取暖费，阀门都关了还让交').evidence.conceptConflict).toBe(true);
    expect(heat(cold, '煤改电说好的补贴到现在没到账，电暖器一个月电费四五百').evidence.conceptConflict).toBe(true);
    // Paying for the heat is said in passing by a cold flat; a room cold without 暖气 is still heating.
    expect(heat(cold, '交了两千多的取暖费，暖气片摸上去冰凉凉的').evidence.conceptConflict).toBe(false);
    expect(heat('乡小学教室冷得很，娃娃都穿着羽绒服上课', '小学教室没暖气，娃娃冻得写不成字').sharedConcepts).toContain('heating');
  });

  it('takes a facility said by its trade for the named one, a road by its name before 公路, an estate typed with a same-sounding ending', () => {
    const env = (content: string) => ({ content, category: 'environment' as const });
    // 电镀厂 may be 鑫泓电镀 of the park: no conflict, so the shared problem decides.
    const plating = scoreSimilarity(env('工业园电镀厂偷排废水'), env('来电人反映：新港工业园鑫泓电镀排污口夜间排放有色废水'));
    expect(plating.evidence.place).not.toBe('conflict');
    expect(plating.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    // One trade in two villages is two places; in one, likely one.
    const village = (content: string, villageId: number) => ({ content, category: 'environment' as const, villageId });
    expect(scoreSimilarity(village('菌包厂烧锅炉天天冒黑烟', 1), village('菌包厂烧锅炉天天冒黑烟', 2)).evidence.place).toBe('conflict');
    expect(scoreSimilarity(village('菌包厂烧锅炉天天冒黑烟', 1), village('菌包厂锅炉排放黑烟', 1)).evidence.place).toBe('near');
    // A market said by its trade is not an estate or a hospital the other report names: apart, not unknown; a named market may be it.
    const stalls = '菜市场门口摆摊占道，过不去';
    expect(same(stalls, '丝厂新村门口的摊子把路都占了').evidence.place).toBe('apart');
    expect(same(stalls, '人民医院门口摆摊占道').evidence.place).toBe('apart');
    expect(same(stalls, '凤鸣农贸市场门口摆摊占道').evidence.place).not.toBe('apart');
    expect(same('岭头岭公路落石', '岭头岭那段盘山公路最近老是掉石头，防护网都破了').evidence.place).toBe('near');
    expect(same('荔湾院6号楼电梯又停了，物业电话打不通', '荔湾苑6栋电梯关人，物业不管').evidence.place).toBe('near');
    expect(same('荔湾园6号楼电梯又停了', '荔湾苑6栋电梯关人').evidence.place).not.toBe('near');
    // An estate said short (凤栖华府 as 凤溪府, typed by ear) or with 小区 after its own ending is the one estate.
    expect(same('凤栖华府2栋电梯又停了', '凤溪府2栋电梯关人').evidence.place).toBe('near');
    expect(same('泓川御府小区房产证办不下来', '泓川玉府房产证三年没办').evidence.place).toBe('near');
    // A name a hotline marks as heard is any said alike in every character (锦悦苑 heard for 劲樾苑); unmarked, two slips are two names.
    expect(same('来电人反映：「锦悦苑（音）」小区燃气频繁中断', '劲樾苑小区这个月停了三回燃气').evidence.place).toBe('near');
    expect(same('锦悦苑小区燃气频繁中断', '劲樾苑小区这个月停了三回燃气').evidence.place).toBe('conflict');
    // Two estates of one developer, or two schools on one name, are two places; a park and its square are one.
    expect(same('瑞丰家园北门门禁坏了一个月', '瑞丰新城东门门禁坏了，刷卡没反应').evidence.place).toBe('conflict');
    expect(same('瑞丰小学门口乱停车', '瑞丰中学门口乱停车').evidence.place).toBe('conflict');
    expect(same('瑞丰小区门禁坏了', '瑞丰家园北门门禁坏了').evidence.place).toBe('near');
    expect(same('鹤鸣公园的厕所锁门了', '鹤鸣广场的厕所锁门了').evidence.place).toBe('near');
    // KTV and square dancing are both noise, but two problems.
    const noise = scoreSimilarity(env('滨溪西路金嗓门KTV夜里好吵'), env('滨溪西路每天晚上跳广场舞，音响开得震天响'));
    expect(noise.evidence.conceptConflict).toBe(true);
    expect(noise.score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    // A road and an estate may be one place (the estate on the road): apart, not a conflict; two roads are two places.
    expect(same('望川大道和文汇路口那个工地夜里施工，吵死了', '塬上府工地晚上十一二点还在打桩').evidence.place).toBe('apart');
    expect(same('望川大道工地夜里施工，吵死了', '文汇路工地晚上十一二点还在打桩').evidence.place).toBe('conflict');
    // Noise carries: the site on the avenue and the estate beside it are likely one problem; a light out at each is two.
    expect(same('望川大道工地夜里施工，吵死了', '塬上府旁边的工地晚上还在打桩，吵得睡不着').score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    expect(same('望川大道路灯坏了好几盏，晚上太黑', '塬上府小区路灯不亮，晚上太黑').score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    // Two crossings that share a road are two places; one crossing written both ways is one.
    expect(same('县前街和渎川路交叉口的红绿灯一直闪黄灯', '渎川路和人民路交叉口的红绿灯不亮了').evidence.place).toBe('conflict');
    expect(same('县前街和渎川路交叉口的红绿灯一直闪黄灯', '渎川路县前街路口红绿灯坏了').evidence.place).not.toBe('conflict');
    // One bus line is one place; two lines are two.
    expect(same('11路车太少', '11路公交发车间隔过长，等四十分钟').evidence.place).toBe('same');
    expect(same('11路车太少', '12路公交发车间隔过长，等四十分钟').evidence.place).toBe('conflict');
    // An estate said by a landmark beside it (the estate at the bridge's south end) may be the one the other names.
    const gas = same('洰水大桥南头那个小区燃气又断了，壁挂炉打不着火', '凤仪苑小区天然气一到做饭的点就没气了');
    expect(gas.evidence.place).toBe('unknown');
    expect(gas.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
  });

  it('takes a place said only by its kind as perhaps the one of that kind the other names, never as another kind', () => {
    const school = (content: string) => ({ content, category: 'education' as const });
    // 中学 (the township's) may be 一中; it is not 小学, and not the market.
    expect(scoreSimilarity(school('中学食堂的饭菜分量越来越少'), school('县一中饭堂的菜又贵又少')).evidence.place).toBe('unknown');
    expect(scoreSimilarity(school('中学食堂的饭菜分量越来越少'), school('中心小学食堂饭菜分量少')).evidence.place).toBe('conflict');
    expect(same('中学门口乱停车', '东关农贸市场门口乱停车').evidence.place).toBe('conflict');
    // A small reservoir may be the village's named one; two named reservoirs are two.
    const water = (content: string) => ({ content, category: 'utilities' as const, villageId: 4 });
    expect(scoreSimilarity(water('村里的小型水库坝体渗水'), water('梅岭水库大坝有裂缝在渗水')).evidence.place).toBe('area');
    expect(scoreSimilarity(water('石塘水库坝体渗水'), water('梅岭水库大坝有裂缝在渗水')).evidence.place).toBe('conflict');
  });

  it('takes a report of noise alone for the square dancing another names there, not for a building site', () => {
    const env = (content: string) => ({ content, category: 'environment' as const });
    const dancing = scoreSimilarity(env('魁星楼底下一早就放舞曲，鬼步舞水兵舞轮着来'), env('魁星楼那边天天吵得睡不着'));
    expect(dancing.evidence.conceptConflict).toBe(false);
    expect(dancing.score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    expect(scoreSimilarity(env('魁星楼底下几个大妈的音箱一开，整个屋里都在震'), env('魁星楼旁边工地半夜打桩')).evidence.conceptConflict).toBe(true);
  });

  it('keeps what parking costs apart from cars parked badly at the same place', () => {
    const r = same('鑫汇广场门口乱停车，公交车进不了站', '鑫汇广场地下停车场头一小时就收五块，比省城还贵');
    expect(r.evidence.conceptConflict).toBe(true);
    expect(r.score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
  });

  it('keeps mud a site\'s lorries leave apart from a road worn out, and a sweeper\'s pay apart from rubbish left, at one place', () => {
    const mud = same('鸥翔大道中段路面裂了好几道大缝，有的地方都塌下去了', '沵河湾工地的拉土车出来不冲洗，鸥翔大道上全是泥，下雨溅一身泥点子');
    expect(mud.evidence.place).toBe('same');
    expect(mud.evidence.conceptConflict).toBe(true);
    expect(mud.score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
    const pay = same('盐店社区背街小巷的垃圾堆好几天没清运了', '公益性岗位保洁员，负责盐店社区背街小巷清扫，近三个月岗位补贴未发放');
    expect(pay.evidence.conceptConflict).toBe(true);
    expect(pay.score).toBeLessThan(SAME_PROBLEM_THRESHOLD);
  });

  it('takes a facility named after a village (even one whose name is a plain word) for a named place, not a trade alone', () => {
    const t = (content: string) => ({ content, category: 'traffic' as const });
    // 鳌头 is a plain word (独占鳌头) and 鳌头社区's name: 鳌头农贸市场 is that market, not any market, so it is not the hospital.
    const county = clueAnalyzer({ places: ['鳌头社区'] });
    // A village's river by the village's name may be the river another report names there; its road is a road of its own.
    const mengzhuang = clueAnalyzer({ places: ['孟庄村'] });
    const farm = (content: string) => ({ content, category: 'agriculture' as const });
    expect(scoreSimilarity(farm('孟庄河沟死猪没人管'), farm('孟庄村南头蒲沟河边的沟里扔了七八头死猪'), mengzhuang).evidence.place).toBe('area');
    expect(scoreSimilarity(farm('孟庄路坑坑洼洼'), farm('蒲沟路坑坑洼洼'), mengzhuang).evidence.place).toBe('conflict');
    // Two villages' clinics are two, however the text is cut (天桥村村卫生室).
    const checun = clueAnalyzer({ townships: ['车村镇'], villages: ['天桥村', '龙王庙村'] });
    const health = (content: string, place?: string) => ({ content, place, category: 'health' as const });
    expect(scoreSimilarity(health('车村镇天桥村村卫生室药品配备不足，慢性病常用药长期短缺', '天桥村卫生室'), health('龙王庙村卫生室药品不全，慢性病药得跑到镇上去买'), checun)
      .evidence.place).toBe('conflict');
    // A …新村 nobody listed is an estate, not a village: the works' housing by its two names.
    const water = (content: string) => ({ content, category: 'utilities' as const });
    expect(scoreSimilarity(water('粮站新村的自来水一直发黄'), water('来电人反映：南隅社区老粮站家属院自来水浑浊发黄')).evidence.place).toBe('near');
    expect(scoreSimilarity(t('鳌头农贸市场门口三轮车乱停'), t('人民医院大门口双排停车'), county).evidence.place).toBe('conflict');
  });

  it('takes a name typed with a character of the same sound for the place, not one with another number or side', () => {
    expect(same('凤尾州公园的厕所锁门了', '凤尾洲公园厕所一直锁着').evidence.place).toBe('near');
    expect(same('凤尾州公园的厕所锁门了', '凤凰洲公园厕所一直锁着').evidence.place).toBe('conflict');
    expect(same('东关小区门禁坏了', '西关小区门禁坏了').evidence.place).toBe('conflict');
    // Said alike with another estate ending that can be the same estate's (苑 / 小区), not one that is another estate's (苑 / 府).
    expect(same('梓阴苑2栋电梯又停了', '梓荫小区二号楼电梯又关人了').evidence.place).toBe('near');
    expect(same('梓阴苑2栋电梯又停了', '梓荫府二号楼电梯又关人了').evidence.place).toBe('conflict');
    // An ending estates are named with (湾, 庭) beside another estate's is another estate; with 小区 after it or not, one.
    expect(same('雪松湾小区2号楼电梯坏了一个礼拜', '雪松苑5号楼电梯又停了').evidence.place).toBe('conflict');
    expect(same('雪松湾小区2号楼电梯坏了一个礼拜', '雪松湾2号楼电梯又停了').evidence.place).not.toBe('conflict');
    // A school's short form (民族中学 → 民中), a part of it named or not; not another school's number or level.
    const school = (a: string, b: string) => scoreSimilarity({ content: a, category: 'education' }, { content: b, category: 'education' });
    expect(school('民中宿舍冇热水 冲凉冰死人', '县民族中学男生宿舍5栋热水器坏了快半个月').evidence.place).toBe('near');
    expect(school('民小宿舍冇热水 冲凉冰死人', '县民族中学男生宿舍5栋热水器坏了快半个月').evidence.place).toBe('conflict');
    // Two hamlets (屯) of one village are two places; the road between two hamlets is at both.
    const shimen = clueAnalyzer({ townships: ['石门乡'], villages: ['石门村'] });
    const water = (a: string, b: string) => scoreSimilarity({ content: a, category: 'utilities' }, { content: b, category: 'utilities' }, shimen);
    expect(water('石门村上坝屯的水柜干了，屯里没水吃', '石门村岩脚屯的水柜裂了缝，全屯冇水吃').evidence.place).toBe('conflict');
    expect(water('石门村上坝屯的水柜干了，屯里没水吃', '石门村上坝屯水柜见底了').evidence.place).not.toBe('conflict');
    // A clan's hall by the surname alone: 黎氏宗祠 and 黎家祠堂 are one; 黎家 and 李家 two.
    expect(same('黎氏宗祠的屋面塌了一角', '黎家祠堂后面一进的屋顶塌了').evidence.place).toBe('near');
    expect(same('黎氏宗祠的屋面塌了一角', '李家祠堂后面一进的屋顶塌了').evidence.place).toBe('conflict');
    // A works' housing by any of its names, the works' 厂 said or not (毛纺宿舍, 麻纺新村); a village with and without 村 after its own ending, typed by sound.
    expect(same('老酒厂宿舍 粪水漫院子了', '县酒厂家属院3号楼后头的化粪池满了').evidence.place).toBe('near');
    expect(same('毛纺宿舍暖气不热', '毛纺厂家属院5号楼暖气不热').evidence.place).toBe('near');
    expect(same('麻纺新村要改造了，路挖开没人管', '麻纺厂家属院改造挖开的路没人填').evidence.place).toBe('near');
    expect(same('糖厂宿舍暖气不热', '毛纺厂家属院5号楼暖气不热').evidence.place).toBe('conflict');
    // An estate the report says was a works' housing goes by that name too (这是老水产公司的宿舍, 该小区系原县水产公司职工宿舍).
    expect(same('舢湾社区老水产宿舍3号楼顶层漏雨', '鲐丰新村3号楼楼顶漏雨漏了两年了，这是老水产公司的宿舍，公司早没了').evidence.place).toBe('near');
    expect(same('舢湾社区老水产宿舍3号楼顶层漏雨', '鲐丰新村住宅楼屋面渗漏，该小区系原县水产公司职工宿舍').evidence.place).toBe('near');
    // Said without the works, a 新村 may still be a works' housing (unknown); an estate of another ending is not (conflict).
    expect(same('舢湾社区老水产宿舍3号楼顶层漏雨', '鲐丰新村3号楼楼顶漏雨漏了两年了，物业公司的人不管').evidence.place).toBe('unknown');
    expect(same('舢湾社区老水产宿舍3号楼顶层漏雨', '鲐丰苑3号楼楼顶漏雨漏了两年了，物业公司的人不管').evidence.place).toBe('conflict');
    // A school said short by its name with its dormitory (紫中宿舍) is a middle school, perhaps the one another calls 那个中学.
    expect(same('那个中学，住校生洗不上热水', '紫中宿舍没热水一个月了').evidence.place).toBe('unknown');
    expect(same('南真庄西头有个电镀点偷排废水', '南甄庄村西有个小电镀作坊往坑里放水').evidence.place).not.toBe('conflict');
    // A hotline's name as heard (康家岔（音）村) for a listed village said alike (嵻家岔村) is that village, though a surname
    // before 家 tells two unlisted names apart; two listed villages said alike stay two.
    const heard = clueAnalyzer({ townships: ['甑峁乡'], villages: ['嵻家岔村', '章家湾村', '张家湾村'] });
    const tap = (a: string, b: string) => scoreSimilarity({ content: a, category: 'utilities' }, { content: b, category: 'utilities' }, heard);
    expect(tap('来电人反映：甑峁乡康家岔（音）村人饮工程管网长期不通水', '嵻家岔村的自来水一个月没来了').evidence.place).toBe('area');
    expect(tap('章家湾村的自来水一个月没来了', '张家湾村自来水停了好久').evidence.place).toBe('conflict');
    // 菜市 is a market's ending as 菜市场 is.
    expect(same('东关菜市后门臭水沟', '东关农贸市场后门那条排水沟堵死了').evidence.place).toBe('near');
    // Typed alike in the ending too, and a stem said alike under another word for a market; not a third character.
    expect(same('翠柳家园工地老板欠我们工钱', '萃柳佳园工地拖欠农民工工资').evidence.place).toBe('near');
    expect(same('庆云市场门口垃圾堆成山', '青云菜市场门口的垃圾没人清').evidence.place).toBe('near');
    expect(same('翠柳佳园工地老板欠我们工钱', '萃六家园工地拖欠农民工工资').evidence.place).toBe('conflict');
  });

  it('takes a place said by where in the town it is or by what it is like for the named one there, not a named one for another', () => {
    const cases: [string, string, string][] = [
      // 新区大道 is the new area's avenue, which another calls by its name; the same description on both sides is one place.
      ['新区大道半夜有人骑摩托炸街', '芦笙大道一到半夜就有摩托车炸街', 'unknown'],
      ['沿河路晚上有人飙车', '湄江路晚上有人飙车', 'unknown'],
      ['新区大道半夜有人骑摩托炸街', '新区大道晚上摩托车轰得睡不着', 'same'],
      // Two named roads stay two; a road said by what it is like (大马路) may be any road the other names.
      ['湄江路晚上有人飙车', '芦笙大道晚上有人飙车', 'conflict'],
      ['大马路半夜炸街的摩托车太吵了', '芦笙大道一到半夜就有摩托车炸街', 'unknown'],
    ];
    for (const [a, b, place] of cases) expect(same(a, b).evidence.place, `${a} / ${b}`).toBe(place);
  });

  it('reads places by their number, a people\'s-medicine hospital, an estate named after a bridge and a slaughterhouse, and takes a road\'s kind for none', () => {
    const cases: [string, string, string][] = [
      // Ditches by number: two numbers are two ditches, and 排灌沟 is a 沟.
      ['柳塘村三号排灌沟多年没清淤，下大雨排不出去', '柳塘村五号沟淤死了，下雨水流不动', 'conflict'],
      ['柳塘村三号排灌沟多年没清淤，下大雨排不出去', '柳塘村3号沟淤死了，下雨水流不动', 'same'],
      // 县中藏医院 is not 县人民医院; 金桥小区 (金/桥/小区 in the cut) is an estate, not a bridge.
      ['县中藏医院晚上看急诊没有大夫', '县人民医院急诊晚上就一个大夫', 'conflict'],
      ['金桥小区楼顶水箱的水有股味道', '东关路这几天自来水发黄', 'apart'],
      ['芨岭屠宰场往渠里排血水', '县肉联厂往渠里排血水', 'conflict'],
      // 通组路 and 村组公路 are kinds of road: in one village, that village's road.
      ['青杠村三组的通组路被塌方埋了一半', '青杠村的村组公路塌方了，车过不去', 'area'],
    ];
    for (const [a, b, place] of cases) expect(same(a, b).evidence.place, `${a} / ${b}`).toBe(place);
  });

  it('takes the county\'s own facility said short for its full name, not for the county\'s other ones', () => {
    // The county's own facility said short (县医院, 县福利院) is a place, its full name's (县人民医院, 县社会福利院, 县总医院) and
    // the one said by its kind (客运站 for 县汽车站); not the county's other hospital (县中医院) nor a township's 卫生院.
    const clinic = (a: string, b: string) => scoreSimilarity({ content: a, category: 'health' }, { content: b, category: 'health' }).evidence.place;
    expect(clinic('县医院挂个号要排两个钟头', '县人民医院挂号窗口就开一个')).toBe('near');
    expect(clinic('县医院急诊晚上没医生', '县总医院急诊夜里就一个医生')).toBe('near');
    expect(clinic('县医院挂个号要排两个钟头', '县中医院挂号窗口就开一个')).toBe('conflict');
    expect(clinic('县医院急诊晚上没医生', '卫生院晚上没医生值班')).not.toBe('near');
    expect(same('县福利院伙食太差了', '县社会福利院的饭老人吃不饱').evidence.place).toBe('near');
    expect(same('客运站早上不开门，冻死了', '县汽车站候车室冬天不开门').evidence.place).toBe('near');
    // A district's own (区医院) as a county's; the township's hospital said by 镇 or 乡 is its 卫生院, not the county's hospital.
    expect(clinic('区医院挂个号要排两个钟头', '区人民医院挂号窗口就开一个')).toBe('near');
    expect(clinic('镇医院晚上没人，娃娃半夜发烧去了门锁着', '卫生院晚上没有医生值班')).toBe('near');
    expect(clinic('乡医院晚上没人，娃娃半夜发烧去了门锁着', '县人民医院晚上急诊就一个医生')).not.toBe('near');
  });

  it('reads a place named only to compare or to find a site by as none of the report\'s, estates by one character and an ending, names heard whole, and works of other trades as other works', () => {
    // 跟碓窝岩那边一样: the village compared with is not where the writer's houses crack.
    const hills = clueAnalyzer({ townships: ['石碥乡'], villages: ['碓窝岩村', '牛鼻垭村'] });
    const slope = (a: string, b: string) => scoreSimilarity({ content: a }, { content: b }, hills).evidence.place;
    expect(slope('碓窝岩村二组后山滑坡，我家墙上裂了一指宽的缝', '牛鼻垭村一组有三户房子墙上也裂了缝，跟碓窝岩那边一样是后山往下滑')).toBe('conflict');
    expect(slope('碓窝岩村二组后山滑坡，我家墙上裂了一指宽的缝', '碓窝岩那边后山往下滑，好几户房子裂了')).toBe('area');
    // The site opposite a school is somewhere the school only locates: perhaps the site the other names.
    expect(same('四小对面的工地半夜还在浇混凝土，轰隆隆的', '沵河湾项目工地夜间施工噪声扰民').evidence.place).toBe('unknown');
    // One name character before a two-character estate ending (棣/华苑) is an estate; a place word before 家属院 is none.
    expect(same('棣华苑2栋的电梯坏了一个多礼拜了', '椿晖小区3号楼电梯坏了快二十天了').evidence.place).toBe('conflict');
    expect(same('矿上家属院暖气不热', '柏岩矿新村7号楼暖气一直不热').evidence.place).not.toBe('conflict');
    // A name marked as heard, said alike with its ending (唐溪园 / 棠溪苑), or a listed name said alike in all but one character.
    expect(same('来电人反映：唐溪园（音）小区频繁停气', '棠溪苑小区这个月已经停了三回天然气').evidence.place).toBe('near');
    expect(same('来电人反映：唐溪园（音）小区频繁停气', '棠溪府这个礼拜停了两次天然气').evidence.place).toBe('conflict');
    const resettled = clueAnalyzer({ townships: ['榷关街道'], villages: ['桐梓湾社区'] });
    expect(scoreSimilarity({ content: '来电人反映：同子湾（音）移民小区住户入住多年未办理房产证' }, { content: '住进桐梓湾安置小区三年多了，不动产证一直办不下来' }, resettled).evidence.place).toBe('same');
    // Works said by a trade and works that make something else are two; one trade written two ways is one.
    expect(same('俺在垚晟石材厂切石头干了大半年，工钱一直拖着', '鹰窝顶石子厂欠俺们工资 老板说年底给').evidence.place).toBe('apart');
    expect(same('老地毯厂那片楼暖气片冰凉', '罽毯厂家属院5号楼暖气就没热过').evidence.place).not.toBe('apart');
  });

  it('tells a place described by its kind or by a landmark\'s side from a named place of another kind or side', () => {
    const same = (a: string, b: string) => scoreSimilarity({ content: a }, { content: b }).evidence.place;
    // A mall, a market or an estate described without a name is no estate, school or housing of another kind.
    expect(same('洰南那个大商场的电梯 就是滚梯 这周停了两回了', '澄澜苑9号楼电梯三天两头坏')).toBe('apart');
    expect(same('火车站东边那个小区暖气不热', '孩子在县一中住校，说宿舍楼暖气就是温乎的')).toBe('apart');
    expect(same('老电影院后头那个菜场 后门口鱼鳞鱼肠子一地', '伞厂宿舍门口垃圾堆好几天没人清')).toBe('apart');
    expect(same('新区那个大商场的扶梯老是突然停', '那片小区的电梯三天两头坏')).toBe('apart');
    // The same kind may be it; housing may be a works' or a school's; a site may be anything; a road decides nothing.
    expect(same('火车站东边那个小区暖气不热', '瑞祥家园3号楼暖气不热')).toBe('unknown');
    expect(same('沟口那个厂子的宿舍暖气不热', '丰禾玉米加工厂家属院暖气不热')).toBe('unknown');
    expect(same('新区那个盖学校的工地天天夜里轰隆隆的', '金岸华府项目工地夜间施工')).toBe('unknown');
    expect(same('那个大商场门口车停得乱七八糟', '兴仁街车停得乱七八糟')).toBe('unknown');
    // A road described by its side of a landmark is that side's road, not the other side's.
    expect(same('谯楼东边那截路晚上黑灯瞎火的路灯坏了', '谯楼西路靠菖蒲塘那头路灯有五六盏不亮')).toBe('conflict');
    expect(same('谯楼东边那截路晚上黑灯瞎火的路灯坏了', '谯楼东路路灯全黑了')).toBe('near');
    // The county's welfare home said bare, short or with 社会 is one home; a school's own name keeps no 县 (育英 finds it).
    expect(same('我爸在福利院住 去看他屋里冰凉 这暖气能不能给整热乎点', '县社会福利院的暖气不行，老人屋里十四度')).toBe('near');
    expect(same('县福利院老人房间供暖不足，室温偏低', '我父亲住在县社会福利院，暖气片是凉的')).toBe('near');
    expect(same('孩子在育英住校 宿舍里也就十来度 暖气片冰凉', '县育英中学女生宿舍暖气不热')).toBe('near');
    // A crossroads named by a landmark and a side (戍台东十字) is a place, not its other side's; a school's boarders (住校) name none.
    expect(same('戍台东十字的红绿灯坏了好几天了，一直黄灯闪', '戍台西十字红绿灯坏了 一直闪黄灯')).toBe('conflict');
    expect(same('县二中住校宿舍也冷，暖气不热', '戍台后身那个中学的住校宿舍冷得跟冰窖一样，暖气片冰凉')).not.toBe('near');
    // An estate described in a community may be an estate the other names there.
    const lane = clueAnalyzer({ places: ['鞍匠巷社区'] });
    expect(scoreSimilarity({ content: '鞍匠巷东头那个新小区 暖气忒不得劲了' }, { content: '瑞麓苑小区3号楼暖气一直不热' }, lane).evidence.place).toBe('unknown');
    expect(scoreSimilarity({ content: '鞍匠巷东头那个新商场 扶梯老是停' }, { content: '瑞麓苑小区3号楼电梯老是停' }, lane).evidence.place).toBe('apart');
    // …said with 往 or without 那, and whatever else the report names on it; a stretch (北段) is no side.
    expect(same('谯楼往东那条路，从一中门口到麻纺新村路口，路灯坏了快半个月', '谯楼东路中段路灯夜间不亮')).toBe('near');
    expect(same('谯楼往东那条路，从一中门口到麻纺新村路口，路灯坏了快半个月', '谯楼西路中段路灯夜间不亮')).not.toBe('near');
    expect(same('凤岭公园东边条路烂晒', '凤岭东路啲坑好深啊')).toBe('near');
    expect(same('兴仁街北段路灯坏了好几天', '兴仁北路路灯坏了')).not.toBe('near');
    expect(same('塔东边那条路塌了个坑', '塔西路加油站门口路面坑坑洼洼的')).toBe('conflict');
    expect(same('塔东边那条路塌了个坑', '文峰路路面坑坑洼洼的')).toBe('unknown');
  });

  it('reads a name in corner quotes, an office\'s old housing, a road or a school that only locates, and facilities of two villages', () => {
    const same = (a: string, b: string) => scoreSimilarity({ content: a }, { content: b }).evidence.place;
    // 「济雪园（音）」小区 is an estate said by ear: not 霁雪府, whose ending differs.
    expect(same('来电人反映：「济雪园（音）」小区近期频繁停气', '霁雪府小区燃气压力不够')).toBe('conflict');
    // 林业局老家属楼 is the bureau's housing: no school, no other works' housing; a workers' 新村 may be it.
    expect(same('林业局老家属楼暖气拔凉', '一中教室冷得跟冰窖似的 暖气不热')).not.toBe('unknown');
    expect(same('林业局老家属楼暖气拔凉', '林机家属楼暖气也不热')).toBe('conflict');
    expect(same('林业局老家属楼暖气拔凉', '楸林新村4号楼，暖气一直不热')).toBe('unknown');
    expect(same('铁路家属院暖气不热', '轨北新村5号楼暖气不热')).toBe('unknown');
    expect(same('毛纺厂家属院暖气不热', '金驼苑暖气不热')).toBe('conflict');
    // A road before "that school" only says where the school is; so does a school before the site opposite it.
    expect(same('楞场东路那个中学教室太冷了', '孩子在县第一中学念高二，说教室暖气不热')).toBe('unknown');
    expect(same('来电人反映：噶珊第三小学对面工地夜间施工噪音扰民', '珩悦湾二期项目工地晚上十一二点还在打桩')).toBe('unknown');
    // 怕掉河里 names no river; 渼华购物广场 is 渼华广场; 朝医医院 is a hospital of its own.
    expect(same('村口老石桥栏杆冲没了 晚上走过去怕掉河里', '济涘桥是座老石拱桥，桥上的栏杆冲掉了两截')).not.toBe('conflict');
    expect(same('渼华广场自动扶梯运行中突然急停', '渼华购物广场一楼到二楼的扶梯突然停了一下')).toBe('near');
    expect(same('朝医医院看病排队也太长了', '县医院门诊挂号排队时间过长')).toBe('conflict');
    // A hall named by two characters and 堂 is a place; a canteen, a lane or 亮堂 is not.
    expect(same('叙伦堂屋顶塌了 快修', '詹氏宗祠（叙伦堂）后进的屋顶塌了一角')).toBe('same');
    expect(same('怀德堂漏雨塌顶，没人修', '敦睦堂的屋顶也漏了')).toBe('conflict');
    expect(same('学校食堂饭菜太贵', '这条弄堂里屋里亮堂了')).toBe('unknown');
    // A listed village's number heard as another character said alike (陆墩（音）村 for 六墩村).
    const heardVillage = clueAnalyzer({ townships: ['菰圩镇'], villages: ['六墩村', '陆家村'] });
    expect(scoreSimilarity({ content: '来电人反映：菰圩镇陆墩（音）村灌溉泵站故障' }, { content: '六墩村电灌站水泵坏了半个月' }, heardVillage).evidence.place).toBe('area');
    // A works of one character said to be the estate's owner (就是以前烟厂的房子): its housing.
    expect(same('她住仓街那片老红砖楼，就是以前烟厂的房子，下水道堵了', '烟厂宿舍三栋 粪水冒出来了')).toBe('same');
    // 后身 is a side; 高中 a kind a landmark locates; a kind a word or two after the side (广场东侧住宅小区); not a direction (门口往广场).
    expect(same('来电人反映：火车站后身那所高中，住校生宿舍楼供暖不足', '县一高宿舍贼冷 孩子晚上穿羽绒服睡觉')).toBe('unknown');
    expect(same('来电人反映：火车站后身那所高中，住校生宿舍楼供暖不足', '麦穗小区12号楼二单元暖气不热')).toBe('apart');
    expect(same('关于解决汇邦广场东侧住宅小区不动产权证延迟办理问题的建议', '棠樾府交房三年了房产证还没办')).toBe('unknown');
    expect(same('市民来电称：民族医院门口往广场方向一段道路照明近期大面积不亮', '福利院门口那段巷子路灯坏了一个多月')).toBe('apart');
    // 移民新村 and 河滩公园 are said by what they are; 车把路 is the road the carts took.
    expect(same('移民新村房产证几时办', '沱安家园的房产证到底好久办')).toBe('unknown');
    expect(same('河滩公园那个厕所又锁了', '蔺河湿地公园里就两个厕所，一个常年锁着')).toBe('unknown');
    expect(same('柴埠老街卖橙子的车把路占完了', '每年十一月以后柴埠街两边停满卖脐橙的农用车')).toBe('near');
    // Two villages' works of two trades are in conflict, not only apart.
    const bamboo = clueAnalyzer({ townships: ['箨口镇'], villages: ['箨口村', '笕头村'] });
    const works = (a: string, b: string) => scoreSimilarity({ content: a }, { content: b }, bamboo).evidence.place;
    expect(works('箨口村箨丰竹制品厂打磨竹板的粉尘到处飞', '笕头村那个竹筷厂，做筷子打磨也是灰大得不得了')).toBe('conflict');
    expect(works('箨口村箨丰竹制品厂打磨竹板的粉尘到处飞', '那个竹筷厂，做筷子打磨也是灰大得不得了')).toBe('apart');
  });

  it('counts the citizen\'s category for or against only when both chose one (其他 chose none)', () => {
    const a = '翠湖湾小区门口的垃圾好几天没人拉了';
    const b = '翠湖湾小区门口垃圾堆成山，没人清运';
    expect(scoreSimilarity({ content: a, category: 'environment' }, { content: b, category: 'environment' }).evidence.category).toBe(1);
    expect(scoreSimilarity({ content: a, category: 'environment' }, { content: b, category: 'housing' }).evidence.category).toBe(-1);
    expect(scoreSimilarity({ content: a, category: 'environment' }, { content: b, category: 'other' }).evidence.category).toBe(0);
    expect(scoreSimilarity({ content: a, category: 'other' }, { content: b, category: 'other' }).evidence.category).toBe(0);
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

  it('finds a report of the county\'s own facility by any of its names, though the index holds the one each wrote', async () => {
    const county = await createCounty(env.db);
    // The query names a problem the table knows (挂号看病难) and the report none: no word ask, only the place ask finds it.
    const short = await insertRawClue(env.db, county.id, { content: '县医院挂号只能扫码，我外婆八十多了跑了两趟都没弄成', category: 'health', townshipId: county.townshipId, townshipName: '城关镇' });
    await insertRawClue(env.db, county.id, { content: '县中医院挂号只能扫码，我外婆八十多了跑了两趟都没弄成', category: 'health', townshipId: county.townshipId, townshipName: '城关镇' });
    const found = await findSimilarClues(env.db, county.id, { content: '县人民医院挂号窗口就开一个，排队排到门外头，老人站不住', category: 'health', townshipId: county.townshipId });
    expect(found.map((f) => f.id)).toEqual([short.id]);
    // The township's clinic said as 镇医院 finds the report of its 卫生院.
    const clinic = await insertRawClue(env.db, county.id, { content: '卫生院晚上锁门，一个值班的都没有', category: 'health', townshipId: county.townshipId, townshipName: '城关镇' });
    const byOwner = await findSimilarClues(env.db, county.id, { content: '镇医院半夜找不到人，娃娃发高烧只能往县里跑', category: 'health', townshipId: county.townshipId, openOnly: true, forPublic: true }, 3);
    expect(byOwner.map((f) => f.id)).toContain(clinic.id);
  });

  it('offers the citizen an open report of the same problem the model finds unlikely but above the public floor, which staff are not shown', async () => {
    const county = await createCounty(env.db);
    // The same problem on another street of the township (3 % to the model, few words shared): the citizen decides.
    const lights = await insertRawClue(env.db, county.id, { content: '滨河路从桥头到学校那一段，十几盏路灯坏了一个多月，晚上黑得看不见路', category: 'roads', townshipId: county.townshipId, townshipName: '城关镇' });
    await insertRawClue(env.db, county.id, { content: '小区门口的垃圾桶满了没人收', category: 'environment', townshipId: county.townshipId, townshipName: '城关镇' });
    const input = { content: '文昌街灯不亮了', category: 'roads' as const, townshipId: county.townshipId, openOnly: true };
    const hint = await findSimilarClues(env.db, county.id, { ...input, forPublic: true }, 3);
    expect(hint.map((h) => h.id)).toEqual([lights.id]);
    expect(hint[0].score).toBeGreaterThanOrEqual(PUBLIC_FLOOR);
    expect(hint[0].score).toBeLessThan(0.05);
    expect(await findSimilarClues(env.db, county.id, input)).toEqual([]);
  });

  it('offers the citizen the open reports nearest in wording when nothing passes the floor, never to staff and never an unrelated one', async () => {
    const county = await createCounty(env.db);
    // The scorer reads 炭烟 (burning) and 油烟 (restaurant fumes) as two problems; the citizen sees the same stalls.
    const stalls = await insertRawClue(env.db, county.id, { content: '河边那几家烧烤夜宵每天烤到凌晨，油烟往楼上飘', townshipId: county.townshipId, townshipName: '城关镇' });
    await insertRawClue(env.db, county.id, { content: '小区门口的垃圾桶满了没人收', townshipId: county.townshipId, townshipName: '城关镇' });
    const input = { content: '溪边那排夜宵摊的炭烟呛死人了，老人咳了一晚上', townshipId: county.townshipId, openOnly: true };
    const hint = await findSimilarClues(env.db, county.id, { ...input, forPublic: true }, 3);
    expect(hint.map((h) => h.id)).toEqual([stalls.id]);
    expect(hint[0].score).toBeLessThan(PUBLIC_FLOOR);
    expect(await findSimilarClues(env.db, county.id, input)).toEqual([]);
  });

  it('scores the newest matching clues of the township, a bounded number, never older ones or another scope', async () => {
    const county = await createCounty(env.db);
    const other = await createCounty(env.db);
    const t2 = (await env.db.insertInto('orgs').values({ parent_id: county.id, tenant_id: county.id, kind: 'township', name: '田湖镇', code: null, sort: 2, created_at: new Date().toISOString(), version: 1 })
      .returning('id').executeTakeFirstOrThrow()).id;
    const text = '滨河路路灯坏了好几盏，晚上太黑';
    const tokens = serviceSearchTokens(text, null, '城关镇', null, county.id);
    // More matching clues in the township than are scored, interleaved with the same text in another township
    // and another county (newer ids than most of the township's), some closed, one merged among the newest.
    const n = PLACE_CANDIDATES + 40;
    const values = [];
    for (let i = 0; i < n; i++) {
      const state = i === n - 3 ? 'merged' : i % 7 === 0 ? 'closed' : 'submitted';
      values.push(rawClueValues(county.id, { content: text, townshipId: county.townshipId, searchTokens: tokens, state }));
      if (i % 3 === 0) values.push(rawClueValues(county.id, { content: text, townshipId: t2, searchTokens: tokens }));
      if (i % 5 === 0) values.push(rawClueValues(other.id, { content: text, townshipId: other.townshipId, searchTokens: tokens }));
    }
    await env.db.insertInto('clues').values(values).execute();
    const rows = await env.db.selectFrom('clues').select(['id', 'state']).where('tenant_id', '=', county.id).where('township_id', '=', county.townshipId)
      .orderBy('id', 'desc').execute();
    const newest = (keep: (state: string) => boolean) => rows.filter((r) => keep(r.state)).slice(0, PLACE_CANDIDATES).map((r) => r.id);

    const input = { content: '滨河路的路灯不亮了', townshipId: county.townshipId };
    const all = await similarCandidates(env.db, county.id, input);
    expect(all.map((r) => r.id)).toEqual(newest((s) => s !== 'merged'));
    const open = await similarCandidates(env.db, county.id, { ...input, openOnly: true });
    expect(open.map((r) => r.id)).toEqual(newest((s) => s === 'submitted'));
    // The older ones are never scored: nothing the finder reports is older than the newest PLACE_CANDIDATES.
    const oldest = Math.min(...all.map((r) => r.id));
    const found = await findSimilarClues(env.db, county.id, input, 500);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.id >= oldest && all.some((r) => r.id === f.id))).toBe(true);
    // The other county asks its own clues only.
    const theirs = await similarCandidates(env.db, other.id, { ...input, townshipId: other.townshipId });
    const their = await env.db.selectFrom('clues').select('id').where('tenant_id', '=', other.id).orderBy('id', 'desc').execute();
    expect(theirs.map((r) => r.id)).toEqual(their.map((r) => r.id));
  });

  it('suggests to staff a weaker match that a suggested report is all but certainly the same as, and not to the public', async () => {
    const county = await createCounty(env.db);
    const add = async (content: string) => (await env.db.insertInto('clues').values(rawClueValues(county.id, { content, townshipId: county.townshipId,
      searchTokens: serviceSearchTokens(content, null, '城关镇', null, county.id) })).returning('id').executeTakeFirstOrThrow()).id;
    const input = { content: '晚上出门看不见路，老人摔了', townshipId: county.townshipId };
    const short = await add('滨河路路灯不亮');
    // Alone, the short report is under the threshold for this one.
    expect((await findSimilarClues(env.db, county.id, input)).map((s) => s.id)).not.toContain(short);
    // With a report that says both, it comes along: the same problem told three ways.
    const full = await add('滨河路路灯坏了好几盏，晚上走路就看不见，摔了好几个人');
    const found = await findSimilarClues(env.db, county.id, input);
    expect(found.map((s) => s.id)).toEqual([full, short]);
    expect(found[1].score).toBeGreaterThanOrEqual(SAME_PROBLEM_THRESHOLD);
    expect(found[1].reason).toContain('几乎可以确定是同一问题');
    expect((await findSimilarClues(env.db, county.id, { ...input, forPublic: true })).find((s) => s.id === short)?.reason ?? '').not.toContain('几乎可以确定');
  });

  it('finds a county facility named with 县 by its name without it, and the other way round', async () => {
    const county = await createCounty(env.db);
    // No problem word on the earlier reports: only their place can find them.
    const texts = ['县蒙医医院就一个窗口，早上六点去排，排到九点', '蒙医医院那边就一个窗口，排到九点', '哈梯乡中心小学住校生太多，一个礼拜才回一次家'];
    const ids = [];
    for (const t of texts) {
      ids.push((await env.db.insertInto('clues').values(rawClueValues(county.id, { content: t, townshipId: county.townshipId, searchTokens: serviceSearchTokens(t, null, '城关镇', null, county.id) }))
        .returning('id').executeTakeFirstOrThrow()).id);
    }
    const found = async (content: string) => (await similarCandidates(env.db, county.id, { content, townshipId: county.townshipId })).map((r) => r.id);
    expect(await found('蒙医医院挂号太慢了 排一上午')).toContain(ids[0]);
    expect(await found('县蒙医医院挂号太慢了 排一上午')).toContain(ids[1]);
    // A facility under another word for its kind (中心校 / 中心小学).
    expect(await found('中心校的娃娃洗澡莫得热水')).toContain(ids[2]);
  });

  it('finds the newest open matches under a run of newer closed ones, and keeps their order across words of unequal length', async () => {
    const county = await createCounty(env.db);
    const text = (road: string) => `${road}路灯坏了好几盏，晚上太黑`;
    const tokens = new Map(['滨河路', '人民路'].map((road) => [road, serviceSearchTokens(text(road), null, '城关镇', null, county.id)]));
    const clue = (road: string, state: ClueState) => rawClueValues(county.id, { content: text(road), townshipId: county.townshipId, searchTokens: tokens.get(road), state });
    // Older: open clues of both roads, alternating. Newer: more closed 滨河路 clues than twice PLACE_CANDIDATES, so the
    // newest matches of 滨河路 are all turned away and its list goes on, past the older end of the shorter 人民路 list.
    const values = [];
    for (let i = 0; i < PLACE_CANDIDATES + 50; i++) values.push(clue(i % 2 ? '人民路' : '滨河路', i % 10 === 3 ? 'merged' : 'submitted'));
    for (let i = 0; i < 2 * PLACE_CANDIDATES + 20; i++) values.push(clue('滨河路', 'closed'));
    await env.db.insertInto('clues').values(values).execute();
    const open = await env.db.selectFrom('clues').select('id').where('tenant_id', '=', county.id).where('state', '=', 'submitted').orderBy('id', 'desc').execute();

    const input = { content: '滨河路和人民路的路灯都不亮了', townshipId: county.townshipId, openOnly: true };
    const found = await similarCandidates(env.db, county.id, input);
    expect(found.map((r) => r.id)).toEqual(open.slice(0, PLACE_CANDIDATES).map((r) => r.id));
    const without = await similarCandidates(env.db, county.id, { ...input, excludeId: open[0].id });
    expect(without.map((r) => r.id)).toEqual(open.slice(1, PLACE_CANDIDATES + 1).map((r) => r.id));
  });

  it.runIf(DIALECT === 'postgres')('reads a round of every ask in one statement, the first sized by the share that passed before', async () => {
    const county = await createCounty(env.db);
    const text = '滨河路路灯坏了好几盏，晚上太黑';
    const tokens = serviceSearchTokens(text, null, '城关镇', null, county.id);
    // Open and closed alternate: an open-only ask keeps half of what it reads, so a first read of its bound falls short.
    const values = [];
    for (let i = 0; i < 3 * PLACE_CANDIDATES; i++) values.push(rawClueValues(county.id, { content: text, townshipId: county.townshipId, searchTokens: tokens, state: i % 2 ? 'closed' : 'submitted' }));
    await env.db.insertInto('clues').values(values).execute();
    const open = await env.db.selectFrom('clues').select('id').where('tenant_id', '=', county.id).where('state', '=', 'submitted').orderBy('id', 'desc').limit(PLACE_CANDIDATES).execute();
    const statements: string[] = [];
    const traced = env.db.withPlugin({
      transformQuery: ({ node }) => {
        statements.push(node.kind === 'RawNode' ? node.sqlFragments.join('?') : node.kind);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const input = { content: '滨河路的路灯不亮了', townshipId: county.townshipId, openOnly: true };
    const read = async () => {
      statements.length = 0;
      const ids = (await similarCandidates(traced, county.id, input)).map((r) => r.id);
      return { ids, reads: statements.filter((q) => q.includes('clue_terms')).length, statements: statements.length };
    };
    // The place and the concept ask each need a second read: two statements, not one per ask and round (and none for lexemes).
    const first = await read();
    expect(first.ids).toEqual(open.map((r) => r.id));
    expect(first).toMatchObject({ reads: 2, statements: 2 });
    // Half passed: the next call reads twice the bound at once and ends in one statement, with the same clues.
    const again = await read();
    expect(again).toEqual({ ...first, reads: 1, statements: 1 });
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
