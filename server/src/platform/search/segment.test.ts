/** Segmentation, normalisation, concepts and places: what the index stores for a text. */
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';
import { Analyzer, parseSearchTokens, type AnalyzerSpec } from './segment.ts';
import { ConceptMatcher } from './vocabulary.ts';

/** A module's vocabulary, as the clue module gives one (clues.vocabulary/concepts.ts); the segmenter knows none. */
const CONCEPTS = new ConceptMatcher([{
  key: 'streetlight', label: '路灯', phrases: ['路灯', '照明'],
  patterns: [[{ any: ['灯'], notBefore: ['信号', '红绿'] }, { any: ['不亮', '坏'], within: 4 }]],
}]);
const PHRASES = ['路灯不亮', '照明设施', '黑咕隆咚'];
const make = (spec: AnalyzerSpec = {}) => new Analyzer({ concepts: CONCEPTS, ...spec, words: [...PHRASES, ...(spec.words ?? [])] });
const base = make();
const tokenize = (t: string) => base.tokenize(t);
const searchTokens = (t: string) => base.searchTokens(t);
const concepts = (text: string) => parseSearchTokens(searchTokens(text)).concepts;

describe('normalisation', () => {
  it('makes full-width half-width, traditional simplified, numerals digits', () => {
    expect(normalizeText('ＡＢＣ小区１２号楼')).toBe('abc小区12号楼');
    expect(normalizeText('三號樓門口積水')).toBe('3号楼门口积水');
    expect(normalizeText('十二组的路燈壞了')).toBe('12组的路灯坏了');
    expect(normalizeText('  多个\t空白\n ')).toBe('多个 空白');
    // A hotline's marker of a name as heard comes out, so the name is whole: 浪沟（音）村 → 浪沟村.
    expect(normalizeText('汊闸镇浪沟（音）村支渠塌了')).toBe('汊闸镇浪沟村支渠塌了');
    // 人名 typed for 人民 before what is the people's, not a person's name (人名写错了).
    expect(normalizeText('人名医院门口堵得要死')).toBe('人民医院门口堵得要死');
    expect(normalizeText('表上的人名写错了')).toBe('表上的人名写错了');
    expect(normalizeText('蓝汐(音)海岸小区')).toBe('蓝汐海岸小区');
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

  it('marks the concepts of the analyzer\'s vocabulary, and none without one', () => {
    expect(concepts('照明设施损坏')).toEqual(['streetlight']);
    expect(concepts('灯都不亮了')).toEqual(['streetlight']);
    expect(concepts('路口信号灯坏了')).toEqual([]);
    expect(parseSearchTokens(new Analyzer().searchTokens('照明设施损坏')).concepts).toEqual([]);
  });

  it('marks the places named, and the ones named only to locate', () => {
    const county = make({ places: ['滨河路', '幸福街', '人民路'] });
    const analyze = (t: string) => county.analyze(t);
    const s = parseSearchTokens(county.searchTokens('市民来电反映：滨河路（幸福街至人民路段）路灯夜间不亮'));
    expect(s.places).toEqual(['滨河路']);
    expect(s.references.sort()).toEqual(['人民路', '幸福街']);
    // The one place each names.
    const one: [string, string][] = [
      ['阳光小区停车难', '阳光小区'],
      // Names nobody loaded: rebuilt from the characters jieba left single, or read off 村卫生室.
      ['俺孙店村那条泥巴路该修成水泥路了', '孙店村'], ['伊河湾小区化粪池满了', '伊河湾小区'], ['天桥村卫生室缺药', '天桥村'],
      ['修东关小区门口的路', '东关小区'], ['实验中学门口车多', '实验中学'],
      // The landmark's own corner, stall or shop is still the landmark (东头那家卖牛肉的 is in the market).
      ['幸福街东头那家卖牛肉的秤不准', '幸福街'], ['幸福街南边的路灯坏了', '幸福街'], ['滨河路南头那个小区和阳光小区都停水了', '阳光小区'],
      // An estate's one-character ending after a name ending like a lake (桂语湖苑): the estate, not the lake.
      ['桂语湖苑9栋每天晚上水压低', '桂语湖苑'], ['桂语湖府3号楼没水压', '桂语湖府'],
      // A name ending in a measure word after a noun (窑/台) is a name; a count (这段, 多盏) is not.
      ['窑台西路晚上路灯一整条都不亮', '窑台西路'],
      // Works' housing as people say it, without 公司 (花纱布公司宿舍 → 花纱布宿舍); a rare first character jieba cut off (澨/河大桥).
      ['我住花纱布公司宿舍2栋五楼', '花纱布宿舍'], ['澨河大桥伸缩缝那儿的钢板翘起来了', '澨河大桥'], ['关于尽快将幸福街尾的路灯修好的建议', '幸福街'],
      // A street with a rare name before its lights (召/庙街/路灯): the street, not 召庙街路.
      ['召庙街路灯坏了', '召庙街'], ['召庙巷路面全是坑', '召庙巷'],
      // A high school by number (第一高级中学 = 一高), and a numbered school's dormitory as the school; a one-character trade's works housing.
      ['县一高宿舍贼冷', '一高'], ['鹭川县第一高级中学住校生多', '一高'], ['二中女生宿舍暖气不热', '二中'], ['伞厂宿舍门口垃圾没人清', '伞厂宿舍'],
      // A covered bridge by its name, not by how it is built (木拱廊桥).
      ['凤渡廊桥屋面瓦片被台风刮掉了，这座木拱廊桥是清代的', '凤渡廊桥'],
    ];
    for (const [text, place] of one) expect(analyze(text).places, text).toEqual([place]);
    // A landmark that only says where an unnamed place of another kind is: a reference, even with nothing else named.
    for (const [text, landmark] of [['滨河路南头那个小区燃气又断了', '滨河路'], ['幸福街东北角那个小区三号楼漏水', '幸福街'], ['人民路北头那所小学课后服务乱收费', '人民路'],
      ['阳光小区往东那截路路灯坏了好些天', '阳光小区'], ['阳光小区门口那条大路半夜炸街', '阳光小区'], ['滨河路南头的搬迁安置小区屋面渗水', '滨河路'],
      ['幸福街菜场斜对面那条小巷子天天摆摊', '幸福街'], ['幸福街对过的小区高层没水', '幸福街']]) {
      expect(analyze(text).places, text).toEqual([]);
      expect(analyze(text).references, text).toEqual([landmark]);
    }
  });

  it('knows a village by its name without 村/社区, unless that is a plain word or the township\'s', () => {
    const county = make({ townships: ['枫溪镇'], villages: ['后坂社区', '石门村', '枫溪村'] });
    // 后坂 alone names 后坂社区, and a market after it is that village's: 后坂市场 and 后坂农贸市场 are named the same way.
    expect(county.analyze('后坂的水又是黄的').places).toEqual(['后坂社区']);
    expect(county.analyze('在后坂农贸市场买的海蛎缺斤少两').places).toContain('后坂农贸市场');
    expect(county.analyze('后坂市场的秤不准').places).toContain('后坂市场');
    // 石门 is a plain word (a stone gate); 枫溪 is the township, which every report of it may name.
    expect(county.analyze('石门坏了一扇').places).toEqual([]);
    expect(county.analyze('枫溪的路灯不亮').places).toEqual([]);
    // A village's own generic word is no second place (松柏村农村饮水 is 松柏村; 松柏村村道 too).
    expect(make({ villages: ['青杉坑村'] }).analyze('青杉坑村农村饮水工程水质浑浊').places).toEqual(['青杉坑村']);
    expect(make({ villages: ['青杉坑村'] }).analyze('青杉坑村村道上拉煤车开得飞快').places).toEqual(['青杉坑村']);
    // A community's market said with the community's full name is the market its short name names, in the community.
    const rongting = make({ villages: ['榕亭社区'] });
    expect(rongting.analyze('榕亭社区农贸市场后门排水沟堵了').places.sort()).toEqual(['榕亭农贸市场', '榕亭社区']);
    expect(rongting.analyze('榕亭农贸市场后门那条排水沟堵死了').places).toContain('榕亭农贸市场');
  });

  it('cuts a conjunction off the next place, reads bus lines and roads that end in 公路', () => {
    expect(base.analyze('鳌岭路和登瀛街交叉口的信号灯不正常').places.sort()).toEqual(['登瀛街', '鳌岭路']);
    expect(base.analyze('11路车太少，等四十分钟').places).toEqual(['11路公交']);
    expect(base.analyze('来电人反映：11路公交发车间隔过长').places).toEqual(['11路公交']);
    expect(base.analyze('人民路3路口车多').places).toEqual(['人民路']);
    // A road's rare name cut into single characters before 西路; hospitals by number without 县 or 第.
    expect(base.analyze('滨溪西路金嗓门KTV夜里好吵').places.sort()).toEqual(['滨溪西路', '金嗓门ktv']);
    expect(base.analyze('到二医院看病排队太久').places).toEqual(['二院']);
    expect(base.analyze('十二医院').places).toEqual([]);
    expect(base.analyze('我娃在实验一小上二年级').places).toEqual(['一实小']);
    // Estates named …湾 without 小区; a bay of a river is no place.
    expect(base.analyze('松江湾今年暖气也是半死不活的').places).toEqual(['松江湾']);
    expect(base.analyze('河湾里有人电鱼').places).toEqual([]);
    expect(base.analyze('第一实验小学课后服务收费').places).toEqual(['一实小']);
    // Each text and the places it names (sorted).
    const named: [string, string[]][] = [
      // A dialect's function word before a name is no part of it (Cantonese 系/喺, Wu 侬).
      ['我系鳌峰小区嘅业主，电梯又坏咗', ['鳌峰小区']],
      ['喺鳌峰小区门口有人乱摆卖', ['鳌峰小区']],
      // Estates' endings the base cut splits (锦洲/雅/居, 名/都 with 都 a stop word), and what is under a bridge.
      ['锦洲雅居车库天花板成日滴水', ['锦洲雅居']],
      ['锦洲名都地下车库水浸', ['锦洲名都']],
      ['东升嘉园电梯坏了', ['东升嘉园']],
      ['翠微名邸车库漏水', ['翠微名邸']],
      ['迎恩桥底下桥洞有人乱倒垃圾', ['迎恩桥']],
      // Mines and courtyards by their endings.
      ['鑫源煤矿的拉煤车把路压坏了', ['鑫源煤矿']],
      ['王家大院门票太贵', ['王家大院']],
      // A resort by its ending (度假村): a place, not a village.
      ['芒岗温泉度假村的木栈道烂了', ['芒岗温泉度假村']],
      // A wetland park by its name; 湿地公园 alone is its kind, as 公园 is (another report may call it 红树林湿地公园).
      ['翠泊湿地公园里那个公厕一直锁着', ['翠泊湿地公园']],
      ['湿地公园入口的公厕长期锁门', []],
      // Housing the hotline wrote by its kind, with the caller's name for it in brackets.
      ['来电人反映：后埕社区老旧小区（锦埕里）3号楼化粪池满溢', ['后埕社区', '锦埕里']],
      ['其母亲居住在原糖厂宿舍（来电人称“甘泉里”），外墙剥落', ['甘泉里', '糖厂宿舍']],
      // A venue by its name and a Latin-lettered kind; not a count or the road it is on.
      ['滨溪东路声浪KTV每天夜里唱到两三点', ['声浪ktv', '滨溪东路']],
      ['楼下开了一家KTV天天吵', []],
      // Works' housing and buildings by their endings (新村, 宿舍, 大楼).
      ['粮站新村的自来水这半个月一直发黄', ['粮站新村']],
      ['粮站宿舍自来水黄 有锈味', ['粮站宿舍']],
      ['百货大楼那个十字路口信号灯坏了', ['百货大楼']],
      // A name with a verb of its own word stays one (建设路); a short one cut into single characters too (凤/栖/路).
      ['建设路积水', ['建设路']],
      ['凤栖路暖气不热', ['凤栖路']],
    ];
    for (const [text, places] of named) expect(base.analyze(text).places.sort(), text).toEqual(places);
  });

  it('takes no counts, verbs or offices written to for places', () => {
    const analyze = (t: string) => base.analyze(t);
    for (const t of ['多盏路灯损坏', '建议加装路灯', '北段路灯不亮', '野狗咬伤村民', '部分村民组没信号', '污水外溢至小区道路', '请镇政府劝导清理',
      '山上滚下来的石头堵路了', '猪场的粪水流落河', '埗头过河冇救生衣', '粉尘污染严重，影响村民生活', '本年度水库移民后期扶持资金未发放',
      '寄宿生宿舍床位不足', '唯一道路发生塌方', '半夜有人骑摩托车炸街', '差点撞上路边的石墩子', '麻烦政府管一下', '谢谢政府。', '孩子小学就在隔壁读',
      '整段路都烂了', '门口那盏路灯也不亮', '关于规范新区住宅小区停车收费的建议', '能不能当传统村落保护起来', '我们那个移民村停水了', '我们行政村的路坏了', '城中村的垃圾没人清', '那个低洼村一下雨就淹', '阿拉村里做鞋的人家太多了', '阿拉小区门口停满了车', '一高兴就喝多了', '这楼一高一低', '村口的老木廊桥屋面坏了']) {
      expect(analyze(t).places, t).toEqual([]);
    }
    // Where people have to go instead is no place of the problem.
    expect(analyze('天桥村卫生室缺药，需到镇卫生院购买').references).toEqual(['卫生院']);
    expect(analyze('希望落实卫生院24小时值班制度').places).toEqual(['卫生院']);
    expect(analyze('青岚大道每天半夜都有人骑摩托车炸街').places).toEqual(['青岚大道']);
    // A landmark only saying where the place is: the end of a bridge (桥头), a few buildings (那几栋老楼).
    expect(analyze('格萨尔大道桥头那个小区又停气了').places).toEqual([]);
    expect(analyze('格萨尔大道桥头那个小区又停气了').references).toEqual(['格萨尔大道']);
    expect(analyze('就是河坝边上那几栋老楼的下水道堵了').places).toEqual([]);
    // 一小区 is an estate, not No. 1 primary school (一小).
    expect(analyze('蓝沙社区一小区8号楼电梯又坏了').places).toEqual(['蓝沙社区']);
    // An estate ending of two characters after a name cut into single ones (桐/安/新/苑): the estate.
    expect(analyze('桐安新苑的房产证一直没下来').places).toEqual(['桐安新苑']);
  });

  it('learns a county\'s names, for that county only', () => {
    expect(tokenize('瑞云大道路灯不亮')).not.toContain('瑞云大道');
    const county = make({ places: ['瑞云大道'] });
    expect(county.version).not.toBe(base.version);
    expect(county.tokenize('瑞云大道路灯不亮')).toContain('瑞云大道');
    expect(county.analyze('瑞云大道路灯不亮').places).toEqual(['瑞云大道']);
    // The base and another county cut as before.
    expect(tokenize('瑞云大道路灯不亮')).not.toContain('瑞云大道');
    expect(make({ places: ['幸福街'] }).tokenize('瑞云大道路灯不亮')).toEqual(tokenize('瑞云大道路灯不亮'));
    const taoyuan = make({ townships: ['桃园镇'], places: ['桃园二小'] });
    expect(taoyuan.analyze('二小门口接孩子的车太多').places).toEqual(['桃园二小']);
    expect(base.analyze('二小门口接孩子的车太多').places).not.toContain('桃园二小');
    // The same names in another order are the same version; a word more is another.
    expect(make({ places: ['甲乙路', '丙丁街'] }).version).toBe(make({ places: ['丙丁街', '甲乙路'] }).version);
    expect(make({ places: ['甲乙路'], words: ['某某词'] }).version).not.toBe(make({ places: ['甲乙路'] }).version);
  });

  it('reads back what it stored', () => {
    const stored = make({ places: ['滨河路'] }).searchTokens('照明设施损坏 滨河路');
    const back = parseSearchTokens(stored);
    expect(back.concepts).toEqual(['streetlight']);
    expect(back.places).toEqual(['滨河路']);
    expect(back.words).not.toContain('zcstreetlight');
    expect(stored.split(' ').every((t) => /^[\p{L}\p{N}]+$/u.test(t))).toBe(true);
  });
});

describe('names heard alike', () => {
  const county = make({ townships: ['吐别镇', '碱甸乡'], villages: ['铁列克村', '阔什艾日克村', '大榆树村', '东湖村', '冬梅村', '腊梅村'] });
  const places = (text: string) => parseSearchTokens(county.searchTokens(text)).places;

  it('reads a listed village written with characters said alike as that village', () => {
    // One character of a short name, two of a longer one; the township too.
    expect(county.read('来电人反映：铁烈克村多户羊只出现死亡')).toContain('铁列克村');
    expect(county.read('阔什爱日克村干渠防渗层坏了')).toContain('阔什艾日克村');
    expect(county.read('吐鳖镇的班车停了')).toContain('吐别镇');
    expect(places('来电人反映：铁烈克村多户羊只出现死亡')).toContain('铁列克村');
  });

  it('reads a name a hotline marks as heard by its stem, and no stem said alike without the mark', () => {
    expect(county.read('来电人反映：大玉树（音）通往县城的客车停了')).toContain('大榆树');
    expect(county.read('大玉树长得真好，村口那棵')).not.toContain('大榆树');
  });

  it('never takes a number or a side for a slip, nor picks between two listed names said alike', () => {
    expect(county.read('冬湖村的自来水停了')).toBe('冬湖村的自来水停了');
    // 东梅 / 冬梅: a side; 蜡梅 said like 腊梅 only: read as it.
    expect(county.read('东梅村的自来水停了')).toBe('东梅村的自来水停了');
    expect(county.read('蜡梅村的自来水停了')).toContain('腊梅村');
    const two = make({ villages: ['腊梅村', '蜡梅村'] });
    expect(two.read('辣梅村的自来水停了')).toBe('辣梅村的自来水停了');
  });
});

describe('names that say a problem', () => {
  it('takes a listed name holding a problem\'s word for the name, and the word elsewhere in the text for the problem', () => {
    const county = make({ villages: ['路灯村'] });
    const of = (text: string) => parseSearchTokens(county.searchTokens(text)).concepts;
    expect(of('路灯村的卫生室一个礼拜只开两天门')).not.toContain('streetlight');
    expect(of('路灯村村口的路灯坏了')).toContain('streetlight');
    // Unlisted, the words are read as they stand.
    expect(parseSearchTokens(base.searchTokens('路灯村的卫生室一个礼拜只开两天门')).concepts).toContain('streetlight');
  });
});

describe('a township named like its seat village', () => {
  it('takes 加依劳乡 for the township, not for 加依劳村, and keeps 乡 out of the next village\'s name', () => {
    // The townships' registered names hold their people (加依劳哈萨克族乡); the short form is what people write.
    const county = make({ townships: ['加依劳哈萨克族乡', '加绒苗族乡'], villages: ['加依劳村', '喀拉塔斯村', '加绒村'] });
    const places = (text: string) => parseSearchTokens(county.searchTokens(text)).places;
    expect(places('加依劳乡喀拉塔斯村的自来水管冻了')).toEqual(['喀拉塔斯村']);
    expect(places('加依劳村的自来水管冻了')).toEqual(['加依劳村']);
    expect(places('来电人反映：加绒乡乌洛村低保评定不公示')).toEqual(['乌洛村']);
  });
});
