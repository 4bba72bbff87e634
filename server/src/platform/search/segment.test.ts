/** Segmentation, normalisation, concepts and places: what the index stores for a text. */
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';
import { addPlaces, addTownships, addWords, analyze, dictionaryVersion, parseSearchTokens, searchTokens, tokenize } from './segment.ts';
import { conceptsOf } from './concepts.ts';

const concepts = (text: string) => parseSearchTokens(searchTokens(text)).concepts;

describe('normalisation', () => {
  it('makes full-width half-width, traditional simplified, numerals digits', () => {
    expect(normalizeText('ＡＢＣ小区１２号楼')).toBe('abc小区12号楼');
    expect(normalizeText('三號樓門口積水')).toBe('3号楼门口积水');
    expect(normalizeText('十二组的路燈壞了')).toBe('12组的路灯坏了');
    expect(normalizeText('  多个\t空白\n ')).toBe('多个 空白');
  });

  it('cuts variants into the same tokens', () => {
    expect(tokenize('三號樓門口積水')).toEqual(tokenize('3号楼门口积水'));
    expect(tokenize('ＡＢＣ小区')).toEqual(tokenize('abc小区'));
  });

  it('drops what no index can hold', () => {
    for (const t of tokenize('\uD83D积水😀"OR"(漏水)-停水:NEAR\u0000')) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(tokenize('。。。！？……')).toEqual([]);
  });
});

describe('what the index stores', () => {
  it('keeps every dictionary word, whatever the cut around it', () => {
    const words = parseSearchTokens(searchTokens('胜利大道路灯不亮')).words;
    expect(words).toEqual(expect.arrayContaining(['路灯', '胜利', '大道']));
    expect(parseSearchTokens(searchTokens('滨河路路灯不亮了好几天')).words).toContain('路灯');
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

  it('marks the places named, and the ones named only to locate', () => {
    addPlaces(['滨河路', '幸福街', '人民路']);
    const s = parseSearchTokens(searchTokens('市民来电反映：滨河路（幸福街至人民路段）路灯夜间不亮'));
    expect(s.places).toEqual(['滨河路']);
    expect(s.references.sort()).toEqual(['人民路', '幸福街']);
    expect(analyze('阳光小区停车难').places).toEqual(['阳光小区']);
    // Names nobody loaded: rebuilt from the characters jieba left single, or read off 村卫生室.
    expect(analyze('俺孙店村那条泥巴路该修成水泥路了').places).toEqual(['孙店村']);
    expect(analyze('伊河湾小区化粪池满了').places).toEqual(['伊河湾小区']);
    expect(analyze('天桥村卫生室缺药').places).toEqual(['天桥村']);
    expect(analyze('修东关小区门口的路').places).toEqual(['东关小区']);
    expect(analyze('实验中学门口车多').places).toEqual(['实验中学']);
  });

  it('takes no counts, verbs or offices written to for places', () => {
    for (const t of ['多盏路灯损坏', '建议加装路灯', '北段路灯不亮', '野狗咬伤村民', '部分村民组没信号', '污水外溢至小区道路', '请镇政府劝导清理']) {
      expect(analyze(t).places, t).toEqual([]);
    }
    // Where people have to go instead is no place of the problem.
    expect(analyze('天桥村卫生室缺药，需到镇卫生院购买').references).toEqual(['卫生院']);
  });

  it('learns a county\'s names', () => {
    const before = dictionaryVersion();
    expect(tokenize('瑞云大道路灯不亮')).not.toContain('瑞云大道');
    addPlaces(['瑞云大道']);
    expect(dictionaryVersion()).toBeGreaterThan(before);
    expect(tokenize('瑞云大道路灯不亮')).toContain('瑞云大道');
    expect(analyze('瑞云大道路灯不亮').places).toEqual(['瑞云大道']);
    addTownships(['桃园镇']);
    addPlaces(['桃园二小']);
    expect(analyze('二小门口接孩子的车太多').places).toEqual(['桃园二小']);
    expect(addWords(['瑞云大道'])).toBe(0);
  });

  it('reads back what it stored', () => {
    const stored = searchTokens('照明设施损坏 滨河路');
    const back = parseSearchTokens(stored);
    expect(back.concepts).toEqual(['streetlight']);
    expect(back.places).toEqual(['滨河路']);
    expect(back.words).not.toContain('zcstreetlight');
    expect(stored.split(' ').every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true);
  });
});
