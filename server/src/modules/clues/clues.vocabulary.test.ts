/**
 * The clue vocabulary as data (issue 10): every example sentence of the notes vocabulary is recognised as what
 * it says; interchangeable place endings make one place; the routing model reads the text (a traffic-order
 * report filed under 道路设施 goes to 公安交管, a dust report under 环境卫生 to 生态环境); learning moves the pair
 * weights towards the decisions. Pure: no database.
 */
import { describe, expect, it } from 'vitest';
import { conceptExampleResults, noteExampleResults, vocabularySummary } from './clues.vocabulary/index.ts';
import { CLUE_CONCEPTS, CONCEPT_IMPLIES, CONCEPT_RIVALS } from './clues.vocabulary/concepts.ts';
import { CLUE_CONCEPT_MATCHER, clueAnalyzer } from './clues.analyzer.ts';
import { ConceptMatcher } from '../../platform/search/vocabulary.ts';
import { normalizeText } from '../../platform/search/normalize.ts';
import { parseSearchTokens } from '../../platform/search/segment.ts';
import { NOT_NOTE_PATTERNS, noteKind } from './clues.vocabulary/notes.ts';
import { samePlaceByType, sameSoundingName, sameWorks } from './clues.vocabulary/place-types.ts';
import { dutyOfUnit, predictRoute, routeFeatures } from './clues.routing-model.ts';
import { DEFAULT_PAIR_WEIGHTS, fitPairWeights, learnPairWeights, pairProbability } from './clues.learning.ts';
import { ROUTING_CORPUS } from './clues.vocabulary/routing-corpus.ts';
import { CONCEPT_DUTIES } from './clues.vocabulary/concept-duties.ts';
import { withWording } from './clues.vocabulary/wording/index.ts';

describe('notes vocabulary', () => {
  it('recognises each example sentence as what it says, per kind', () => {
    const results = noteExampleResults();
    expect(results.length).toBeGreaterThan(10);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('needs a word that it is fixed for a thank-you, and takes a relapse for a report', () => {
    expect(noteKind('垃圾站的垃圾今天全拉走了，谢谢')).toBe('thanks');
    expect(noteKind('路灯不亮半个月了，谢谢')).toBeNull();
    expect(noteKind('路灯修好了又坏了，谢谢帮忙再看看')).toBeNull();
    expect(noteKind('再问一下，停水的事有进展没有')).toBe('followup');
  });
});

const conceptsOf = (text: string) => CLUE_CONCEPT_MATCHER.conceptsOf(normalizeText(text));
const concepts = (text: string) => parseSearchTokens(clueAnalyzer().searchTokens(text)).concepts;

describe('problem concepts', () => {
  it('folds the wider wording of a domain into a concept, and refuses a new concept without a label', () => {
    const base = [{ key: 'streetlight', label: '路灯照明', phrases: ['路灯'], examples: { positive: ['路灯不亮'], negative: ['信号灯坏了'] } }];
    const [light, stall] = withWording(base, [
      { key: 'streetlight', phrases: ['路灯', '街灯'], examples: { positive: ['街灯坏了'], negative: [] } },
      { key: 'stall', label: '摊位', phrases: ['摊位'], duty: 'market' },
    ]);
    expect(light).toMatchObject({ key: 'streetlight', label: '路灯照明', phrases: ['路灯', '街灯'], examples: { positive: ['路灯不亮', '街灯坏了'], negative: ['信号灯坏了'] } });
    expect(stall).toMatchObject({ key: 'stall', label: '摊位', phrases: ['摊位'] });
    expect(base[0].phrases).toEqual(['路灯']);
    expect(() => withWording(base, [{ key: 'nosuch', phrases: ['某某'] }])).toThrow(/nosuch/);
    expect(() => withWording(base, [{ key: 'stall', label: '摊位', phrases: ['摊位'] }, { key: 'stall', label: '摊点', phrases: ['摊点'] }])).toThrow(/stall/);
  });

  it('has positive and negative examples for every concept, and each is read as it says', () => {
    for (const c of CLUE_CONCEPTS) {
      expect(c.examples?.positive.length, c.key).toBeGreaterThan(0);
      expect(c.examples?.negative.length, c.key).toBeGreaterThan(0);
    }
    const results = conceptExampleResults();
    expect(results.length).toBeGreaterThan(2 * CLUE_CONCEPTS.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('names the problem the same way in every register', () => {
    for (const t of ['路灯不亮', '照明设施损坏', '晚上黑咕隆咚的', '灯都不亮了', '黑灯瞎火']) expect(concepts(t), t).toContain('streetlight');
    for (const t of ['垃圾没人拉', '生活垃圾清运不及时', '垃圾桶满了没人清']) expect(concepts(t), t).toContain('garbage');
    for (const t of ['一下雨就积水', '雨后内涝', '下大雨路上全是水', '得蹚水过']) expect(concepts(t), t).toContain('drainage');
    for (const t of ['停车难', '车位不足', '车辆乱停乱放']) expect(concepts(t), t).toContain('parking');
    for (const t of ['村卫生室缺药', '降压药买不到', '药品配备不足']) expect(concepts(t), t).toContain('clinicmedicine');
    // How residents say it, without the operator's words (the misses of the fresh labelled clues).
    for (const t of ['后面的路太黑了', '巷子里黑漆漆的']) expect(concepts(t), t).toContain('streetlight');
    for (const t of ['拉土的大车跑得太快', '重型货车超速行驶', '车都开得飞快']) expect(concepts(t), t).toContain('speeding');
    for (const t of ['公路上晾晒粮食', '路上到处是晒的玉米']) expect(concepts(t), t).toContain('cropdrying');
    for (const t of ['夜市一到天黑就把路占完了', '摊子摆到马路上了', '占道经营']) expect(concepts(t), t).toContain('occupyroad');
  });

  it('names every rival and part concept in the table, and shows them on the 词库 page by label', () => {
    for (const k of [...CONCEPT_RIVALS.flat(), ...Object.keys(CONCEPT_IMPLIES), ...Object.values(CONCEPT_IMPLIES)]) expect(CLUE_CONCEPTS.some((c) => c.key === k), k).toBe(true);
    const { concepts, notes } = vocabularySummary();
    // The page shows the wordings that are not a note's (others' reporting, sympathy) with the note's own.
    expect(notes.notNote).toEqual(NOT_NOTE_PATTERNS);
    expect(concepts.rivals).toContainEqual(['工地欠薪', '厂矿欠薪', '农活欠薪', '公益岗补贴']);
    expect(concepts.parts).toContainEqual({ part: '暖气不热', of: '供暖' });
  });

  it('keeps apart what only looks alike', () => {
    expect(concepts('路口信号灯坏了')).not.toContain('streetlight');
    expect(concepts('滨河路灯坏了')).toContain('streetlight');
    expect(concepts('滨河路灯坏了')).not.toContain('road');
    expect(concepts('路面坑坑洼洼')).toEqual(['road']);
    expect(conceptsOf('自来水发黄')).not.toContain('watersupply');
    expect(conceptsOf('建筑垃圾乱倒')).toEqual(['debris']);
    // The department a report is sent to names no problem.
    expect(conceptsOf('供水管道冻裂，请水利部门抢修')).toEqual(['watersupply']);
    expect(conceptsOf('污水黑乎乎的')).not.toContain('streetlight');
  });

  it('takes a county\'s own words for a concept in that county only, and versions them', () => {
    const dialect = clueAnalyzer({ conceptWords: new Map([['streetlight', ['黑黢黢']]]) });
    expect(parseSearchTokens(dialect.searchTokens('巷巷头黑黢黢的')).concepts).toContain('streetlight');
    expect(concepts('巷巷头黑黢黢的')).not.toContain('streetlight');
    expect(dialect.version).not.toBe(clueAnalyzer().version);
  });

  it('changes the version with the data that shapes tokens, not with labels or examples', () => {
    const copy = () => structuredClone(CLUE_CONCEPTS) as typeof CLUE_CONCEPTS & { phrases: string[] }[];
    expect(new ConceptMatcher(copy()).version).toBe(CLUE_CONCEPT_MATCHER.version);
    const relabelled = copy().map((c) => ({ ...c, label: `${c.label}类`, examples: { positive: [], negative: [] } }));
    expect(new ConceptMatcher(relabelled).version).toBe(CLUE_CONCEPT_MATCHER.version);
    const phrase = copy().map((c, i) => (i === 0 ? { ...c, phrases: [...c.phrases, '灯瞎了'] } : c));
    expect(new ConceptMatcher(phrase).version).not.toBe(CLUE_CONCEPT_MATCHER.version);
  });
});

describe('place endings', () => {
  it('takes two names of one place for one place, and different stems or kinds apart', () => {
    expect(samePlaceByType('东关菜市场', '东关农贸市场')).toBe(true);
    expect(samePlaceByType('田湖中心小学', '田湖中心校')).toBe(true);
    expect(samePlaceByType('东关菜市场', '西关菜市场')).toBe(false);
    // Typed with a character of the same sound: one place; not a side, a number or a clan (李家 / 黎家).
    expect(sameSoundingName('凤尾州公园', '凤尾州', '凤尾洲公园', '凤尾洲')).toBe(true);
    expect(sameSoundingName('东关小区', '东关', '冬关小区', '冬关')).toBe(false);
    // A number heard for a character said alike is a slip of the ear (四洲苑 for 泗洲苑); a side is not (above).
    expect(sameSoundingName('四洲苑', '四洲', '泗洲苑', '泗洲')).toBe(true);
    // An estate ending estates share with other places (湾) with 小区 after it is that estate (泊淮湾小区 / 泊怀湾).
    expect(sameSoundingName('泊怀湾', '泊怀', '泊淮湾小区', '泊淮湾')).toBe(true);
    expect(sameSoundingName('李家祠堂', '李家', '黎家祠堂', '黎家')).toBe(false);
    expect(samePlaceByType('东关菜市场', '东关小学')).toBe(false);
    // -ing and -in said alike, as in most of the south and by voice input (仁心 / 仁兴).
    expect(sameSoundingName('仁心社区', '仁心', '仁兴社区', '仁兴')).toBe(true);
    expect(sameSoundingName('仁心社区', '仁心', '仁和社区', '仁和')).toBe(false);
    // The ending typed alike too, and a stem said alike under two words for one kind of place: up to two characters of
    // a longer name, never a side, and not three.
    expect(sameSoundingName('翠柳家园', '翠柳', '萃柳佳园', '萃柳')).toBe(true);
    expect(sameSoundingName('清石井市场', '清石井', '青石井菜市场', '青石井菜')).toBe(true);
    expect(sameSoundingName('翠柳苑', '翠柳', '萃六苑', '萃六')).toBe(false);
    expect(sameSoundingName('翠柳佳园', '翠柳', '萃六家园', '萃六')).toBe(false);
    expect(sameSoundingName('东湖家园', '东湖', '冬湖佳园', '冬湖')).toBe(false);
    expect(sameSoundingName('清石井菜市场', '清石井菜', '青石井小学', '青石井')).toBe(false);
  });

  it('takes a works and its workers\' housing for one place, and two works apart', () => {
    expect(sameWorks('县酒厂', '酒厂宿舍')).toBe(true);
    expect(sameWorks('糖厂宿舍', '县糖厂家属区')).toBe(true);
    expect(sameWorks('糖厂红砖楼', '县糖厂')).toBe(true);
    expect(sameWorks('糖厂宿舍', '酒厂宿舍')).toBe(false);
    expect(sameWorks('一矿', '二矿宿舍')).toBe(false);
    expect(sameWorks('洗煤厂', '焦化厂')).toBe(false);
    // The works' name typed alike (毛方厂 for 毛纺厂) when one names the housing; not two names apart in two characters.
    expect(sameWorks('毛方厂', '毛纺厂家属院')).toBe(true);
    expect(sameWorks('棉纺厂', '面粉厂家属院')).toBe(false);
  });
});

describe('routing model', () => {
  const classes = Object.keys(ROUTING_CORPUS);
  const top = (text: string, category: Parameters<typeof routeFeatures>[1]) => predictRoute(routeFeatures(text, category), classes, null)[0];

  it('reads the function of a unit from its form field, its kind, or its name', () => {
    expect(dutyOfUnit({ name: '县公安局交警大队' })).toBe('traffic_police');
    expect(dutyOfUnit({ name: '县交通运输局' })).toBe('transport');
    expect(dutyOfUnit({ name: '某某镇人民政府', kind: 'township_gov' })).toBe('township');
    expect(dutyOfUnit({ name: '县交通运输局', duty: 'water' })).toBe('water');
    expect(dutyOfUnit({ name: '县档案馆' })).toBeNull();
  });

  it('routes by what the text says, whatever category the citizen picked', () => {
    expect(top('医院门口天天乱停车，堵得救护车都进不来', 'roads').cls).toBe('traffic_police');
    expect(top('马路中间塌了个大坑，电动车栽进去了', 'traffic').cls).toBe('transport');
    expect(top('砖厂烟囱天天冒黑烟，呛得人喘不过气', 'environment').cls).toBe('ecology');
    expect(top('小区燃气没气了，做不了饭', 'utilities').cls).toBe('housing');
    expect(top('村里自来水停了三天', 'other').cls).toBe('water');
  });

  it('weighs the citizen\'s category as less than a word, so a near category does not outvote the text', () => {
    // At a word's full weight the category won both: the canal went to 农业农村 (0.46 against 水利 0.40), the pharmacy to 卫健.
    expect(top('村里那条灌溉渠漏水，轮到我们浇地水都流不过来', 'agriculture').cls).toBe('water');
    expect(top('卫生院门口的药店卖假保健品给老人', 'health').cls).toBe('market');
    // A category that agrees with the text still counts.
    expect(top('乡卫生院晚上没有医生值班', 'health').cls).toBe('health');
  });

  it('weighs each word for a function against the other functions, so a word several share decides for none', () => {
    // Plain naive Bayes gave the cable to 城管 (its sentences hold fewest words) and left the drums and the quarry's dust
    // nearly even with 民政 and 交通运输; each word against the rest puts them where their telling words are, clearly.
    expect(top('楼道里有人私拉电线给电动车充电，线就吊在窗子外面', 'other').cls).toBe('housing');
    const drums = predictRoute(routeFeatures('乡文化站的锣鼓锁在屋里几年了，社火队想借都借不出来', 'other'), classes, null);
    expect(drums[0].cls).toBe('culture');
    expect(drums[0].p - drums[1].p).toBeGreaterThan(0.5);
    // The words shown are the ones that speak for 文旅 against the rest, not the ones frequent everywhere (不, 想).
    expect(drums[0].evidence).toContain('文化站');
    expect(drums[0].evidence).not.toContain('想');
    expect(new Set(top('县医院门口天天乱停车，救护车进不去', 'other').evidence).size).toBe(3);
    const dust = predictRoute(routeFeatures('村那个打石头的厂子一开机村里就像下了雾，窗子都不敢开', 'other'), classes, null);
    expect(dust[0].cls).toBe('ecology');
    expect(dust[0].p - dust[1].p).toBeGreaterThan(0.2);
  });

  it('routes by the sector before the problem: the heat of a welfare home or a school, wages for farm work, a drain in a market, a covered bridge (corpus v9)', () => {
    expect(top('老人住在县福利院，院里暖气不热，房间冷得很', 'elderly').cls).toBe('civil');
    expect(top('二中女生宿舍暖气不热，娃晚上冻醒', 'education').cls).toBe('education');
    expect(top('给人摘葡萄干了一个多月，工钱只给了一半', 'social').cls).toBe('hr');
    expect(top('菜市场里下水堵了，脏水漫一地', 'environment').cls).toBe('urban');
    expect(top('村口的老廊桥屋面被台风掀了，梁柱都朽了', 'culture').cls).toBe('culture');
  });

  it('weighs a problem the report names above the words around it', () => {
    // 补贴, 钱 and 老百姓 speak for 人社 and 民政; the 煤改电 subsidy the sentence names is 住建's.
    expect(top('我们村煤改电的补贴说好年底发，到现在一分钱没见着，电暖器是自己掏钱买的，老百姓负担太重', 'other').cls).toBe('housing');
  });

  it('reads a problem the corpus has no sentence for through its concept and the concept\'s usual function', () => {
    // No corpus sentence names 小广告 or a light's timing; their concepts' functions (CONCEPT_DUTIES) say who handles them.
    const ads = top('小区墙上贴满了小广告，刚刷的墙', 'other');
    expect(ads.cls).toBe('urban');
    expect(ads.evidence).toContain('小广告涂鸦');
    expect(top('行人绿灯只有十几秒', 'other').cls).toBe('traffic_police');
    for (const [k, duty] of Object.entries(CONCEPT_DUTIES)) {
      expect(CLUE_CONCEPTS.some((c) => c.key === k), k).toBe(true);
      expect(Object.keys(ROUTING_CORPUS), k).toContain(duty);
    }
  });

  it('sends restaurant fumes to 生态环境, stalls spread on the road to 城管 and a farm project\'s subsidy to 农业农村', () => {
    // The corpus had the fumes under 城管 while their concept's duty said 生态环境; the stalls' jam read as 交警's; a bare
    // 补贴 read as 民政's allowances.
    expect(top('楼下新开的烧烤店油烟直接往楼上窗户里排，晚上熏得没法开窗', 'other').cls).toBe('ecology');
    expect(top('农贸市场门口菜摊占道，早上堵得过不去', 'other').cls).toBe('urban');
    expect(top('去年搭的防雹网说有补贴，到现在还没到卡', 'other').cls).toBe('agriculture');
    expect(top('茶园改造的补贴么时候发，去年就验收了', 'other').cls).toBe('agriculture');
    // A fair day's jam of cars stays 交警's.
    expect(top('逢集那天街上停满了三轮车和面包车，堵了两个钟头没人疏导', 'other').cls).toBe('traffic_police');
  });

  it('gives a confidence and the words that speak for it', () => {
    const r = top('路灯坏了好几盏，晚上黑得很', null);
    expect(r.cls).toBe('urban');
    expect(r.p).toBeGreaterThan(0.3);
    expect(r.p).toBeLessThanOrEqual(1);
    expect(r.evidence).toContain('路灯');
  });
});

describe('pair weights from decisions', () => {
  it('starts from the defaults and moves towards what staff decided', () => {
    const x = [1, 0, 0, 0.2, 0.2, 0, 0, 1, 0, 0, 1];
    expect(fitPairWeights([])).toEqual([...DEFAULT_PAIR_WEIGHTS]);
    const before = pairProbability(DEFAULT_PAIR_WEIGHTS, x);
    const merged = fitPairWeights(Array.from({ length: 30 }, () => ({ x, y: 1 as const })));
    expect(pairProbability(merged, x)).toBeGreaterThan(before);
    const apart = fitPairWeights(Array.from({ length: 30 }, () => ({ x, y: 0 as const })));
    expect(pairProbability(apart, x)).toBeLessThan(before);
  });

  it('uses the county\'s refit only when it predicts decisions it was not fitted on better than the defaults', () => {
    const x = [1, 0, 0, 0.2, 0.2, 0, 0, 1, 0, 0, 1];
    expect(learnPairWeights(Array.from({ length: 4 }, () => ({ x, y: 1 as const })), 5)).toEqual({ weights: DEFAULT_PAIR_WEIGHTS, adopted: false, heldOut: null });
    // Staff keep merging what the defaults doubt: the refit predicts the held-out folds better and is used.
    const agree = learnPairWeights(Array.from({ length: 30 }, () => ({ x, y: 1 as const })), 5);
    expect(agree.adopted).toBe(true);
    expect(agree.heldOut!.learned).toBeLessThan(agree.heldOut!.defaults);
    expect(pairProbability(agree.weights, x)).toBeGreaterThan(pairProbability(DEFAULT_PAIR_WEIGHTS, x));
    // Decisions that contradict each other fold by fold (the same evidence merged and refused in turn, the folds
    // unbalanced) teach nothing that holds: the defaults stay.
    const y = [1, 2, 2, 0.6, 0.6, 1, 0, 1, 0, 0, 1];
    const noisy = Array.from({ length: 10 }, (_, i) => ({ x: y, y: (i % 5 === 0 ? 0 : 1) as 0 | 1 }));
    const kept = learnPairWeights(noisy, 5);
    expect(kept.adopted).toBe(false);
    expect(kept.weights).toEqual(DEFAULT_PAIR_WEIGHTS);
    // Many refusals of pairs that look strong and a few weaker pairs merged: a refit lowers the held-out loss by doubting
    // the weak ones, so it would no longer suggest merges staff made. Recall is what staff lose; the defaults stay.
    const strong = [1, 3, 2, 0.6, 0.6, 1, 0, 1, 0, 0, 1];
    const weak = [1, 1, 0.5, 0.2, 0.1, 1, 0, 1, 0, 0, 1];
    const refused = [...Array.from({ length: 20 }, (_, i) => ({ x: strong, y: (i % 4 === 0 ? 1 : 0) as 0 | 1 })), ...Array.from({ length: 10 }, () => ({ x: weak, y: 1 as const }))];
    expect(pairProbability(fitPairWeights(refused), weak)).toBeLessThan(0.5);
    const guarded = learnPairWeights(refused, 5);
    expect(guarded.heldOut!.learned).toBeLessThan(guarded.heldOut!.defaults);
    expect(guarded.adopted).toBe(false);
  });
});
