/**
 * Places named in a report: the county's own names (villages, roads, estates, schools, landmarks — a
 * `PlaceRegistry` per county, built by the caller), and — for names nobody loaded — words ending like a place
 * (…路, …街, …小区, …村) with a real name before the suffix. Township names are not places here: the township
 * is already known.
 */
import type { Piece } from './segment.ts';

/** A village (or community) is an area; a road, estate, school or landmark is a spot inside one. */
export type PlaceKind = 'village' | 'spot';

const VILLAGE_END = /(村|社区|庄|屯|寨)$/;

/** One county's known places: its gazetteer, the short names they go by, and the prefixes short names drop. */
export class PlaceRegistry {
  private readonly gazetteer = new Map<string, PlaceKind>();
  /** Short names people use: 二小 for 城关二小, 人民医院 for 县人民医院. */
  private readonly aliases = new Map<string, string>();
  /** Leading parts that short names drop: 县, and each township's name (城关镇, 城关). */
  private readonly prefixes = new Set(['县', '县城']);
  /** Villages' names without 村/社区, plain words among them (鳌头 of 鳌头社区): a facility named after one is that village's. */
  private readonly villageCores = new Set<string>();

  private aliasesOf(name: string): string[] {
    const out: string[] = [];
    for (const p of this.prefixes) {
      const rest = name.slice(p.length);
      if (name.startsWith(p) && rest.length >= 2 && !this.gazetteer.has(rest) && !GENERIC.has(rest)) {
        this.aliases.set(rest, name);
        out.push(rest);
      }
    }
    return out;
  }

  /**
   * Registers a place; returns the short names it may go by (for the lexicon). A village also goes by its name
   * without 村/社区 (后埕 for 后埕社区, 洋坂 for 洋坂村), unless that is a township's name or a plain word
   * (`commonWord`: 河坝 of 河坝村 is a dam before it is the village).
   */
  registerPlace(name: string, kind?: PlaceKind, commonWord: (w: string) => boolean = () => false): string[] {
    const k = kind ?? (VILLAGE_END.test(name) ? 'village' : 'spot');
    this.gazetteer.set(name, k);
    this.aliases.delete(name);
    const out = this.aliasesOf(name);
    const core = name.replace(VILLAGE_END, '');
    if (k === 'village' && core.length >= 2) this.villageCores.add(core);
    if (k === 'village' && core !== name && core.length >= 2 && !this.prefixes.has(core) && !this.gazetteer.has(core) && !this.aliases.has(core)
      && !GENERIC.has(core) && !commonWord(core)) {
      this.aliases.set(core, name);
      out.push(core);
    }
    return out;
  }

  /** Registers a township name as a prefix short names drop; returns the words it adds: its core (德亭 of 德亭镇) and the new short names. */
  registerTownship(name: string): string[] {
    const core = name.replace(/(镇|乡|街道|街道办事处|办事处)$/, '');
    const added = [name, core].filter((p) => p.length >= 2 && !this.prefixes.has(p));
    for (const p of added) this.prefixes.add(p);
    return added.length ? [...added, ...[...this.gazetteer.keys()].flatMap((n) => this.aliasesOf(n))] : [];
  }

  /** Whether a word is a village's name without 村/社区, even one that is a plain word (鳌头, 河坝). */
  isVillageCore(word: string): boolean {
    return this.villageCores.has(word);
  }

  isGazetteerPlace(word: string): boolean {
    return this.gazetteer.has(word);
  }

  /** The registered place a word names: itself, or the place it is a short name of. */
  placeOf(word: string): string | undefined {
    return this.gazetteer.has(word) ? word : this.aliases.get(word);
  }

  /** Villages and communities: several problems at several spots share one. */
  isAreaPlace(name: string): boolean {
    const k = this.gazetteer.get(name);
    // A …新村 nobody listed is a housing estate (工人新村, 粮站新村), a …度假村 a resort, not a village.
    return k ? k === 'village' : VILLAGE_END.test(name) && !/(新村|度假村)$/.test(name);
  }

  /** Whether a registered township's name (or its core) is this word: 田湖 in 田湖卫生院 names no place of its own. */
  isTownshipName(word: string): boolean {
    return this.prefixes.has(word) && word !== '县' && word !== '县城';
  }

  /**
   * Whether a word is a township's name or a piece of one (龙泉镇, 龙泉, 关镇 of 城关镇): every report of the township
   * may name it, so it is no evidence that two of them tell of one problem.
   */
  isTownshipPart(word: string): boolean {
    if (word.length < 2) return false;
    for (const p of this.prefixes) if (p !== '县' && p !== '县城' && p.includes(word)) return true;
    return false;
  }
}

/** What place detection reads of the county: its places, and the tags of a word as the county's cut gives them. */
export interface PlaceContext {
  places: PlaceRegistry;
  tags(word: string): string[];
}

/** Whether two place names name the same place: exactly, or nearly (滨河路/滨河大道, 县人民医院/人民医院). */
export function placeMatch(a: string, b: string): 'same' | 'near' | null {
  if (a === b) return 'same';
  if (placeCore(a) === placeCore(b)) return 'near';
  if (a.length >= 3 && b.length >= 3 && (a.includes(b) || b.includes(a))) return 'near';
  return null;
}

/**
 * Endings of housing estates, longest first: two of them on one core (瑞丰家园 / 瑞丰新城) are two estates of one
 * developer (the clue module's compatibleEndings); those of two characters are kept whole when segmenting.
 */
export const ESTATE_ENDINGS: readonly string[] = ['公馆', '新城', '华府', '华庭', '名都', '雅居', '雅苑', '花苑', '名苑', '名邸', '名底', '名第', '府邸', '嘉园', '佳园',
  '花城', '花园', '家园', '公寓', '家属院', '新苑', '新居', '名居', '华苑', '丽苑', '锦苑', '佳苑', '雅园', '名府', '府', '苑'];

/** Longest first, so 大道 wins over 道 and 卫生院 over 院. */
const SUFFIXES = [...ESTATE_ENDINGS.filter((e) => e.length >= 2), '宗祠', '祠堂', '家祠', '客运中心', '卫生院', '卫生室', '卫生所', '幼儿园', '养老院', '敬老院', '福利院', '工业园', '产业园', '商贸城', '加油站', '收费站', '文化站', '客运站', '汽车站', '火车站',
  '客运总站', '总站', '家属楼', '煤矿', '矿区', '大院', '宿舍', '新村', '大楼', '大厦', '商场', '养殖场', '养牛场', '养猪场', '养鸡场', '滑雪场', '游乐场', '加工厂', '早市', '夜市', '度假村', '厂',
  '体育馆', '图书馆', '文化馆', '大道', '大街', '胡同', '小区', '社区', '购物广场', '购物中心', '广场', '湿地公园', '公园', '市场', '菜场', '湾',
  '中心完小', '小学', '中学', '初中', '高中', '十字', '中藏医院', '中蒙医院', '藏医院', '蒙医院', '中医院', '医院', '屠宰场', '屠宰厂', '诊所', '车站', '景区', '水库', '码头', '廊桥', '矿', '府', '苑', '路', '街', '巷', '村', '庄', '屯', '寨', '桥', '河', '湖'];

/** Estates' endings that are everyday words too (花园里, 美丽家园): the base cut's own reading of them stands. */
const EVERYDAY_ENDINGS = new Set(['新城', '花园', '家园', '公寓']);

/**
 * Estates' endings kept whole when segmenting (锦洲/雅/居, 名/都 with 都 dropped as a stop word): the analyzer keeps them whole so
 * the name before them is read.
 */
export const PLACE_ENDING_WORDS: readonly string[] = [...ESTATE_ENDINGS.filter((e) => e.length >= 2 && !EVERYDAY_ENDINGS.has(e)), '家属楼'];

/** A word right after a name that means "that place's …": 滨河/路口 → 滨河路. */
const SUFFIX_WORDS: Record<string, string> = {
  路口: '路', 路段: '路', 路上: '路', 路边: '路', 路面: '路', 路西: '路', 路东: '路', 路南: '路', 路北: '路', 路灯: '路',
  街口: '街', 街上: '街', 街道: '街', 街边: '街', 村口: '村', 村头: '村', 村里: '村', 村委: '村', 村民: '村', 桥头: '桥', 桥下: '桥', 桥上: '桥',
  桥底: '桥', 桥底下: '桥', 桥洞: '桥', 桥边: '桥',
  河里: '河', 河边: '河', 河沟: '河', 河道: '河', 河水: '河',
};

/** Whole words that end like a place but name none. */
const GENERIC = new Set(['马路', '道路', '公路', '铁路', '水路', '山路', '土路', '泥路', '小路', '大路', '近路', '出路', '线路', '通路', '电路',
  '思路', '走路', '修路', '带路', '路路', '断路', '网路', '街道', '小街', '背街', '商业街', '步行街', '小巷', '村庄', '农村', '乡村', '本村', '全村', '邻村',
  '外村', '各村', '老小区', '新小区', '高层小区', '高楼小区', '移民小区', '搬迁小区', '移民新村', '搬迁新村', '安置新村', '电梯小区', '新建小区', '校区', '城区', '学校', '大学', '菜市场', '超市', '村卫生室', '大桥', '小桥', '石桥', '过街', '上街', '逛街', '沿街',
  '临街', '当街', '满街', '一条街', '老旧小区', '住宅小区', '整个小区', '安置小区', '水泥路', '泥巴路', '柏油路', '沥青路', '石子路', '砂石路', '农村公路', '通村路',
  '通户路', '入户路', '生产路', '田间路', '通组路', '组组路', '通组公路', '村组路', '村组公路', '通村公路', '机耕路', '机耕道', '产业路', '断头路', '上学路', '回家路', '必经路', '盘山路', '环山路', '乡村公路', '村级公路', '县级公路', '林区路', '河堤路', '人行路',
  '私人诊所', '小诊所', '民办养老院', '工厂', '厂子', '厂里', '化工厂', '砖厂', '政府', '镇政府', '乡政府', '县政府', '区政府', '市政府', '人民政府', '王府', '官府',
  '小河', '大河', '河道', '河沟', '河里', '一条河', '那条河', '这条河', '过河', '护城河', '湖',
  // A village by what it is, not by its name (那个低洼村, 库区移民村, 我们行政村, 城中村): no village of the county's.
  '移民村', '搬迁村', '安置村', '行政村', '自然村', '城中村', '城郊村', '城边村', '贫困村', '空心村', '示范村', '民俗村', '低洼村', '偏远村', '边远村', '山区村', '库区村',
  // Riding loud through a street (炸街), where one lives (居住小区), a whole stretch (整段路).
  '炸街', '居住小区', '整段路', '整条路', '整条街',
  // The new area's or the old town's estates as a kind (新区住宅小区, 老城小区): no one estate.
  '新区小区', '新区住宅小区', '老城小区', '老城区小区', '城区小区', '新城小区',
  // A bridge by how it is built (木拱廊桥, 老木廊桥, 石拱桥): its kind, not its name (鹊渡廊桥).
  '廊桥', '木廊桥', '木拱廊桥', '老廊桥', '石拱桥', '拱桥', '木桥',
  // Every kind of place alone names none (小区, 养老院, 客运中心): the endings themselves.
  ...SUFFIXES.filter((s) => s.length >= 2)]);

/** Words for a kind of road (公路, 盘山公路, 水泥路), longest first: what a road's name ends with when it has no 路 of its own. */
const ROAD_WORDS = [...GENERIC].filter((w) => w.length >= 2 && /[路街]$/.test(w) && !SUFFIXES.includes(w)).sort((a, b) => b.length - a.length);

/** Kinds of road, not names: 水泥路, 泥巴路, 农村公路. */
const TYPE_PREFIX = /^(水泥|泥巴|柏油|沥青|石子|砂石|土|农村|乡村|村级|县级|通村|通户|入户|生产|田间|山区|上学|回家|必经|环山|盘山)/;

/** Places of which a township has one: 卫生院 in a report to 田湖镇 is 田湖镇卫生院. */
const LANDMARKS = new Set(['卫生院', '中心小学', '中心校', '汽车站', '客运站', '客运总站', '火车站', '农贸市场', '菜市场', '镇政府', '乡政府', '派出所', '敬老院', '福利院',
  '人民医院', '中医院', '妇幼保健院',
  '初中', '中学', '便民服务中心', '文化广场', '供电所', '自来水厂', '水厂']);

/** Kinds of facility a township has one of, so that its name before one names that one (旧县商贸城 = 旧县镇商贸城); not streets or estates, which are often named after the township (兴隆大街 in 兴隆街道). */
const TOWNSHIP_FACILITIES = new Set(['商贸城', '工业园', '产业园', '文化站', '养老院', '敬老院', '福利院', '卫生院', '卫生所', '医院', '中学', '小学', '初中',
  '高中', '幼儿园', '车站', '客运站', '汽车站', '市场', '菜市场', '农贸市场', '体育馆', '图书馆', '文化馆', '派出所', '政府']);

/** Endings of roads and streets (公路 and 大街 among them). */
const ROAD_ENDS = ['路', '街', '巷', '大道', '大街', '胡同'];
/** Whether a place is a road or street by its ending. */
export const isRoadName = (name: string) => ROAD_ENDS.some((e) => name.endsWith(e));
/** Endings of roads, streets and bridges: 村 + 马路 is no place of the village's own. */
const ROAD_KINDS = new Set([...ROAD_ENDS, '桥']);

/** Endings whose name may itself be a word for a place (石桥村, 铁路小区, 大桥社区). */
const NAMED_LIKE_A_PLACE = new Set(['村', '社区', '小区', '花园', '家园', '公寓', '新村', '家属院']);

/** The last part of a road's name cut off with a direction (富民/西路, 人民/东大街). */
const ROAD_AFTER_NAME = /^[东西南北中](路|街|大街|大道)$/;

/** The dialects' own function characters (Cantonese and Hakka 系/喺/嘅/咗/佢/冇, Wu 侬/伲): never inside a name, nor ending one. */
const DIALECT_FUNCTION = '系喺嘅咗佢啲嗰哋冇唔噉咁嘢俾侬伲';
/** Function characters never inside a place name. */
const FUNCTION_CHARS = new RegExp(`[的了在到从往和与及跟同是没不很都也就还又把被给让这那哪些每各我你他她俺咱们啥咋怎么呢吧啊吗哩该满${DIALECT_FUNCTION}]`);
const BAD_PREFIX = new Set(['部分', '定点', '大部分', '少数', '多数', '个别', '附近', '周边', '门口', '一条', '整条', '这条', '那条', '这个', '那个', '县城', '城里', '乡里', '镇上', '街上', '路上',
  '回家', '上学', '放学', '出门', '进村', '出村', '通村', '隔壁', '对面', '旁边', '前面', '后面', '东边', '西边', '南边', '北边', '主要', '整个',
  '老旧', '新建', '一些', '所有', '很多', '好多', '几个', '两个', '城乡', '农村', '乡村', '村村', '公共', '背后', '里面', '外面', '咱村', '俺们',
  '我家', '他家', '家门', '小区', '社区', '这边', '那边', '现在', '平时', '经常', '周围', '沿线', '一带', '全镇', '全乡', '全县',
  // Verbs whose object is the villagers (影响村民), times (本年度水库), and who lives in a school's dormitory (寄宿生宿舍).
  '影响', '组织', '帮助', '发动', '动员', '带领', '通知', '号召', '本年度', '本年', '今年', '去年', '当年', '唯一', '寄宿生', '住校生', '住校', '学生', '男生', '女生',
  // Who asks or is thanked (麻烦政府, 谢谢政府, 落实卫生院…制度), whose school (孩子小学), what kind of village (传统村落).
  '麻烦', '谢谢', '感谢', '多谢', '落实', '协调', '孩子', '小孩', '娃娃', '儿子', '女儿', '孙子', '孙女', '家长', '居住', '传统',
  // Whose village as the counties say "our" (吴 阿拉村里, 我们村, 咱们小区): no name.
  '阿拉', '我们', '咱们', '我俚', '我伲']);

/** A demonstrative or a count with its measure word (那盏/路灯, 这根/电线杆, 几栋/楼): no name either. */
const COUNTED = /^[这那哪每各几一两][个条段截盏根座所处栋幢块片家间只台辆排]$/;
const badPrefix = (p: string) => BAD_PREFIX.has(p) || COUNTED.test(p);

const HAN = /^\p{Script=Han}+$/u;
/** Single characters that end a name to their left (verbs, pronouns, function words): 修/东关/小区 is not 修东关小区. */
const NOT_IN_NAME = new RegExp(`[${DIALECT_FUNCTION}将原修住去来走进出回过找看说叫跑靠挨离近撞炸掉怕是在到从往把被给让和与及跟同就都也还又很太最更再才只而但却并或等用拿买卖开关停挖铺建装拆搬送接放扔倒堆占拉推俺我你他她咱这那哪个条段盏根辆座所处栋幢的了着呢吧啊吗哩嘞每各几老新至经沿旁边侧对向朝路街巷道桥庄]`);
/** One Han character that may be part of a name (伞 of 伞/厂, 计 of 计/毯/厂): no function character, no verb or pronoun. */
const loneNameChar = (t: string) => t.length === 1 && HAN.test(t) && !FUNCTION_CHARS.test(t) && !NOT_IN_NAME.test(t);
/** A lone name character that jieba tags only as a noun (伞 of 伞/厂/宿舍, 棣 of 棣/华苑; not 上 of 矿/上/家属院). */
const loneNoun = (ctx: PlaceContext, t: string) => loneNameChar(t) && ctx.tags(t).every((g) => g.startsWith('n'));

/**
 * Tags of words that are no name (jieba's, for the word alone): verbs (加装/路灯, 咬伤/村民, 列入/危/桥),
 * numerals and measures (一盏/路灯), times, positions and directions (北段/路灯, 半边/路), pronouns, adverbs,
 * prepositions, conjunctions, particles, idioms. Verbal nouns stay (建设路, 胜利大道), as do adjectives (幸福街).
 */
const NOT_NAME_TAG = /^(v|vd|vg|vi|m|mq|q|t|tg|s|f|d|dg|p|r|rr|rz|c|u[a-z]*|y|e|o|ad|l|i)$/;

/** Whether a word cut before a generic word (路灯, 路面, 村民, 村卫生室…) can be the name it belongs to. */
function nameLike(ctx: PlaceContext, word: string): boolean {
  if (word.endsWith('段')) return false;
  const tags = ctx.tags(word);
  if (tags.length === 1) return !NOT_NAME_TAG.test(tags[0]);
  // 多/盏, 全/段, 这/段: a count, not a name; a noun before the measure word is a name's (窑/台, 柴/台: …台 names a place).
  return (tags.at(-1) !== 'q' || /^n[rsz]?$/.test(tags.at(-2) ?? '')) && !(tags[0] === 'm' && tags.length === 2);
}

function okPrefix(prefix: string, ctx?: PlaceContext): boolean {
  // 车把路占完了: 把 marks what is done to the road, no name's last character.
  return prefix.length >= 2 && HAN.test(prefix) && !/[把被将]$/.test(prefix) && (!FUNCTION_CHARS.test(prefix) || (!!ctx && oneName(ctx, prefix))) && !badPrefix(prefix)
    && !/[镇乡市]$/.test(prefix) && !TYPE_PREFIX.test(prefix) && !(ctx && endsInVerb(ctx, prefix));
}

/** Tags of a verb or a particle. */
const VERB_TAG = /^(v|u[a-z]*)$/;

/**
 * Whether words end in a verb or particle of one character cut on its own (石头/堵/路, 水流/落/河, 埗头/过/河): a
 * sentence running into a place's ending, not a name (a name's verb is of its word: 建设路, 解放路).
 */
function endsInVerb(ctx: PlaceContext, words: string): boolean {
  const tags = ctx.tags(words);
  return words.length >= 3 && tags.length >= 2 && VERB_TAG.test(tags.at(-1)!) && ctx.tags(words.slice(0, -1)).length === tags.length - 1;
}

/** Tags of a proper name (places, people, organisations, other names). */
export const PROPER_TAGS: ReadonlySet<string> = new Set(['ns', 'nr', 'nz', 'nt']);
/** Tags of a word that is a name or a plain noun: 丽都, 和平 hold 都 and 和, which elsewhere are function words. */
const NAME_TAGS = new Set([...PROPER_TAGS, 'n']);
/** The tag of a plain noun (社会 of 社会福利院), not a name. */
const PLAIN_NOUN: ReadonlySet<string> = new Set(['n']);
/** Whether a word is one piece of the county's cut with one of `tags` (a name or noun: its characters are not function words). */
function oneName(ctx: PlaceContext, word: string, tags: ReadonlySet<string> = NAME_TAGS): boolean {
  const t = ctx.tags(word);
  return t.length === 1 && tags.has(t[0]);
}

/** The suffixes by their last character, longest first (SUFFIXES order), so a word is checked against a few. */
const SUFFIXES_BY_LAST = new Map<string, string[]>();
for (const s of SUFFIXES) SUFFIXES_BY_LAST.set(s.at(-1)!, [...(SUFFIXES_BY_LAST.get(s.at(-1)!) ?? []), s]);

function suffixOf(word: string): string | null {
  for (const s of SUFFIXES_BY_LAST.get(word.at(-1) ?? '') ?? []) if (word.endsWith(s)) return s;
  return null;
}

export interface FoundPlaces {
  /** Where the problem is. */
  places: string[];
  /** Places named only to locate it: the ends of a stretch (幸福街至人民路段), what it is near (靠近幸福街). */
  references: string[];
}

/** Offices a report is addressed to (请镇政府劝导清理): named after 请/建议…, they are not where the problem is. */
const OFFICES = new Set(['镇政府', '乡政府', '派出所', '供电所', '自来水厂', '水厂', '便民服务中心']);
const BEFORE_ADDRESSEE = /(请|建议|由|要求|希望|督促|责成|恳请|呼吁|联系|报告|报请|交由|转)$/;

/** Before a place named to locate (or as where people have to go instead: 需到镇卫生院购买). */
const BEFORE_REFERENCE = /(从|自|至|到|去|往|靠近|临近|挨着|紧挨|距离|离|距|接近|通往|通到|对面|旁边的)[镇乡县]?$/;
/** Words after a place named only to compare with (跟碓窝岩那边一样, 像柳树湾似的). */
const COMPARING = '一样|似的|那样';
const AFTER_REFERENCE = new RegExp(`^(至|到|往|之间|路段之间|对面|附近|那边|跟前|旁边|边上|${COMPARING})`);
const COMPARED = new RegExp(`^(那边|那里|那儿|那块|这边)?(${COMPARING})`);

/**
 * After a landmark that only says where another, unnamed place is: a side of it and "that …" (大桥南头那个小区,
 * 十字东北角那个小区, 塔底下那所中学, 城楼往东那条路, 广场门口那条大路). The report is about the place it does not name,
 * so the landmark stays a reference even when no other place is named.
 */
const LANDMARK_SIDE = '(菜场|市场|菜市场|医院|学校|小学|中学|公园|广场|大桥)?([往朝向]?[东西南北]{1,2}[头边面侧角端]?|斜对面|对面|对过|旁边|附近|跟前|边上|底下|下面|下边|上头|上面|后头|后面|后边|后身|前头|前面|背后|外头|外面|门口|门前|桥头|桥边|桥下|桥底)';
const LANDMARK_KINDS = ['工地', '小区', '院子', '家属院', '家属楼', '宿舍', '小学', '中学', '高中', '学校', '幼儿园', '医院', '卫生院', '诊所', '文化站', '厂', '商场', '超市', '市场', '菜场', '村', '屯', '广场', '公园'];
const AFTER_LANDMARK = new RegExp(`^${LANDMARK_SIDE}(的?那[几一两]?(个|所|家|座|栋|幢|片|处|条|截|段|块)[^，。！？,.!?\\s]{0,4}?(${[...LANDMARK_KINDS, '桥', '路', '街', '楼', '巷'].join('|')})`
  // 大桥南头的搬迁安置小区: with 的 alone, not a road's, a bridge's or a building's (滨河路南边的路灯 is 滨河路's).
  + `|的[^，。！？,.!?\\s的]{0,6}?(${LANDMARK_KINDS.join('|')})`
  // 三小对面工地, 大桥南侧湖边公园, 广场东侧住宅小区: the kind right after the side, or a word or two before it.
  + `|[^，。！？,.!?\\s的往向朝到至从去]{0,3}?(${LANDMARK_KINDS.join('|')}))`);
/** After a road, "that …" of another kind (楞场东路那个中学): the road only says where the school is. */
const ROAD_LOCATES = new RegExp(`^那(个|所|家|座|片)[^，。！？,.!?\\s]{0,4}?(${LANDMARK_KINDS.filter((k) => !/^[村屯]$/.test(k)).join('|')})`);

/** Places named in normalised text, given its cut and its dictionary words. */
export function findPlaces(ctx: PlaceContext, norm: string, pieces: Piece[], words: Iterable<string>): FoundPlaces {
  const all = detectPlaces(ctx, norm, pieces, words).filter((p) => !OFFICES.has(p) || !everyOccurrence(norm, p, (i) => BEFORE_ADDRESSEE.test(norm.slice(Math.max(0, i - 3), i))));
  const places: string[] = [];
  const references: string[] = [];
  const landmarks: string[] = [];
  for (const p of all) {
    let ref = true;
    let landmark = true;
    // A village said without its ending only to compare (跟碓窝岩那边一样 for 碓窝岩村): named, not where the problem is.
    const stem = p.replace(/(村|社区|屯|寨)$/, '');
    if (!norm.includes(p) && stem.length >= 2 && norm.includes(stem) && everyOccurrence(norm, stem, (i) => COMPARED.test(norm.slice(i + stem.length, i + stem.length + 6)))) {
      references.push(p);
      continue;
    }
    for (let i = norm.indexOf(p); i >= 0; i = norm.indexOf(p, i + p.length)) {
      const before = norm.slice(Math.max(0, i - 4), i);
      // A school's short form found in its written one (三小 in 第三小学): what follows the whole name.
      const rest = norm.slice(i + p.length, i + p.length + 15);
      const after = /[小中]$/.test(p) ? rest.replace(/^学/, '') : rest;
      const locates = AFTER_LANDMARK.test(after) || (isRoadName(p) && ROAD_LOCATES.test(after));
      if (!locates) landmark = false;
      if (!BEFORE_REFERENCE.test(before) && !AFTER_REFERENCE.test(after.replace(/^(口|路口|街口)/, '')) && !locates) ref = false;
    }
    if (!norm.includes(p)) places.push(p);
    else (landmark && !ctx.places.isAreaPlace(p) ? landmarks : ref ? references : places).push(p);
  }
  return places.length || landmarks.length ? { places, references: [...references, ...landmarks] } : { places: references, references: [] };
}

/** A word that is a suffix, a suffix word, or a place itself (路段, 小区, 滨河路), never the start of another name. */
function suffixWord(t: string, ctx?: PlaceContext): boolean {
  if (SUFFIX_WORDS[t] || GENERIC.has(t)) return true;
  const s = suffixOf(t);
  return !!s && (s === t || okPrefix(t.slice(0, -s.length), ctx));
}

/** Places named in normalised text, given its cut and its dictionary words. */
export function detectPlaces(ctx: PlaceContext, norm: string, pieces: Piece[], words: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const w of words) {
    const p = ctx.places.placeOf(w);
    // A village's name that is only ever the township's here (加依劳乡 beside 加依劳村): the township, not the village.
    if (p && !(p !== w && ctx.places.isAreaPlace(p) && everyOccurrence(norm, w, (i) => /^(乡|镇|街道|苏木)/.test(norm.slice(i + w.length))))) out.add(p);
  }
  for (let i = 0; i < pieces.length; i++) {
    const { t } = pieces[i];
    if (!HAN.test(t)) continue;
    const adjacent = i > 0 && pieces[i - 1].end === pieces[i].start;
    // The county's or a district's own facility (县/医院, 县/图书馆, 区/汽车站): a place of its own, as 县人民医院 is; and the
    // township's hospital said by 镇 or 乡 (镇/医院): its clinic, the 卫生院 (镇/卫生院 is read as 卫生院 below).
    const owner = adjacent ? pieces[i - 1].t : '';
    if ((owner === '县' || owner === '区') && (TOWNSHIP_FACILITIES.has(t) || LANDMARKS.has(t)) && !/^[镇乡县区]/.test(t)) {
      out.add(`${owner}${t}`);
      continue;
    }
    if ((owner === '镇' || owner === '乡') && t === '医院') {
      out.add(`${owner}${t}`);
      continue;
    }
    // A kind of place right after the township's name is the township's one: 旧县商贸城 and 旧县镇商贸城 are one 商贸城.
    const ofTownship = adjacent && TOWNSHIP_FACILITIES.has(t) && ctx.places.isTownshipName(pieces[i - 1].t);
    const landmark = LANDMARKS.has(t) || ofTownship ? t : /^[镇乡]/.test(t) && LANDMARKS.has(t.slice(1)) ? t.slice(1) : null;
    // A kind of place right after a village's name is that village's (沙梁村砖厂, 杨柳湾村小学): a spot of its own.
    if (adjacent && t.length >= 2 && (GENERIC.has(t) || LANDMARKS.has(t)) && suffixOf(t) && !ROAD_KINDS.has(suffixOf(t)!) && !VILLAGE_END.test(t)) {
      const village = ctx.places.placeOf(pieces[i - 1].t);
      if (village && ctx.places.isAreaPlace(village)) {
        out.add(pieces[i - 1].t + t);
        continue;
      }
    }
    // A village's or an estate's name may be a word that names a place of its own (石桥村, 大桥村, 铁路小区).
    let before = adjacent && (!suffixWord(pieces[i - 1].t, ctx) || (NAMED_LIKE_A_PLACE.has(t) && pieces[i - 1].t.length >= 2 && !badPrefix(pieces[i - 1].t))) ? pieces[i - 1].t : null;
    // A lone function character or a word that is no name is no end of one (外溢/至/小区, 狗/咬伤/村民).
    if (before && (before.length === 1 ? NOT_IN_NAME.test(before) : !nameLike(ctx, before) || badPrefix(before))) before = null;
    // An estate's ending after a name that ends like a lake, a river or a bridge (桂语湖/苑, 金沙河/府, 仓/桥/小区): the estate.
    if (!before && adjacent && i >= 2 && (ESTATE_ENDINGS.includes(t) || NAMED_LIKE_A_PLACE.has(t)) && /^[湖河湾桥]$/.test(pieces[i - 1].t) && pieces[i - 2].end === pieces[i - 1].start
      && HAN.test(pieces[i - 2].t) && !FUNCTION_CHARS.test(pieces[i - 2].t) && !suffixWord(pieces[i - 2].t, ctx)) before = pieces[i - 1].t;
    // Works' housing named after the works (花纱布/公司/宿舍): the works' name and the housing, as people say it (花纱布宿舍).
    if (WORKS_HOUSING.has(t) && adjacent && i >= 2 && /^(公司|厂)$/.test(pieces[i - 1].t) && pieces[i - 2].end === pieces[i - 1].start
      && HAN.test(pieces[i - 2].t) && !badPrefix(pieces[i - 2].t)
      // 花纱布/公司/宿舍, and a one-character trade (伞/厂/宿舍: a noun), not the last of a rare name cut into characters (计/毯/厂).
      && (pieces[i - 2].t.length >= 2 ? nameLike(ctx, pieces[i - 2].t)
        : loneNoun(ctx, pieces[i - 2].t) && !(i >= 3 && pieces[i - 3].end === pieces[i - 2].start && loneNameChar(pieces[i - 3].t)))) {
      out.add(pieces[i - 2].t.length >= 2 ? pieces[i - 2].t + t : pieces[i - 2].t + pieces[i - 1].t + t);
      continue;
    }
    // An office's or a works' old housing (林业局/老/家属楼): its housing (林业局家属楼), as 电业局家属楼 is.
    if (WORKS_HOUSING.has(t) && adjacent && i >= 2 && pieces[i - 1].t === '老' && pieces[i - 2].end === pieces[i - 1].start
      && /^\p{Script=Han}{1,4}(局|厂|公司|矿|林场)$/u.test(pieces[i - 2].t) && !badPrefix(pieces[i - 2].t)) {
      out.add(pieces[i - 2].t + t);
      continue;
    }
    if (landmark) {
      // 实验/中学 is a school of its own; 田湖/卫生院, 镇/中心小学 the township's one.
      // The county's one said with a plain word for its kind (县/社会/福利院): the county's, as 县福利院 is; not a name (县/育英/中学).
      if (before && before.length >= 2 && t === landmark && suffixOf(t) && okPrefix(before, ctx) && nameLike(ctx, before) && !ctx.places.isTownshipName(before)) {
        const county = i >= 2 && pieces[i - 2].end === pieces[i - 1].start && /^[县区]$/.test(pieces[i - 2].t) && oneName(ctx, before, PLAIN_NOUN);
        out.add((county ? pieces[i - 2].t : '') + before + t);
      } else out.add(landmark);
      continue;
    }
    if (before) {
      // A rare name comes cut into single characters (孙/店/村, 伊/河湾/小区): take them back, up to four.
      for (let j = i - 2; j >= 0 && before.length < 4; j--) {
        const p = pieces[j];
        // 乡/镇 alone ends the township's name before a village's (加绒/乡/乌/洛/村): no part of the village's.
        if (p.end !== pieces[j + 1].start || !HAN.test(p.t) || NOT_IN_NAME.test(p.t) || FUNCTION_CHARS.test(p.t) || suffixWord(p.t, ctx) || /^[乡镇]$/.test(p.t)) break;
        if (p.t.length === 1) before = p.t + before;
        else {
          // One word before a lone character: 东城/名/苑 → 东城名苑.
          if (before.length === 1 && p.t.length <= 3 && !badPrefix(p.t) && nameLike(ctx, p.t)) before = p.t + before;
          break;
        }
      }
    }
    // A name jieba keeps whole may start with a character that elsewhere is no name's (和平, 都江).
    const prev = before && (!NOT_IN_NAME.test(before[0]) || (before.length >= 2 && oneName(ctx, before))) ? before : null;
    const s = suffixOf(t);
    // A rare character the base dictionary does not know, cut off before a place word (澨/河大桥, 洰/河桥): the name's first.
    if (s && before?.length === 1 && RARE_TAG.test(ctx.tags(before)[0] ?? '') && !GENERIC.has(t) && t.length <= 4) {
      out.add(before + t);
      continue;
    }
    // A two-character estate ending after one name character (棣/华苑, 樱/华府): the estate, not the ending alone.
    if (s && t.length === 2 && ESTATE_ENDINGS.includes(t) && prev && (prev.length >= 2 ? okPrefix(prev, ctx) && nameLike(ctx, prev)
      : loneNoun(ctx, prev))) {
      out.add(prev + t);
      continue;
    }
    if (s && t.length > s.length && !GENERIC.has(t) && okPrefix(t.slice(0, -s.length), ctx)) {
      out.add(t);
      continue;
    }
    // A name whose first character came cut off (陆/浑河): one name character before a one-character name.
    if (s && t.length === s.length + 1 && before && before.length === 1 && !FUNCTION_CHARS.test(before) && !GENERIC.has(t)) {
      out.add(before + t);
      continue;
    }
    // 村卫生室, 村委会, 村口…: the name before it is a village.
    // Not a verb on an ending (过河, 修路, 逛街): that is something done there, no kind of place.
    const tail = s === t || (s && GENERIC.has(t) && !TYPE_PREFIX.test(t) && !ctx.tags(t.slice(0, -s.length)).every((g) => VERB_TAG.test(g))) ? t : (SUFFIX_WORDS[t] ?? (t.length >= 2 && t[0] === '村' ? '村' : undefined));
    // The suffix or a word holding it came cut off (滨河/路灯, 天桥/村卫生室): the word before must be a name.
    // 沙梁村/村道: the village is named already.
    if (tail && prev?.endsWith(tail)) out.add(prev);
    // A street's lights (召庙街/路灯): the street is named whole already, 路 is the lights'.
    else if (tail && prev && isRoadName(tail) && isRoadName(prev)) out.add(prev);
    else if (tail && prev && LANDMARKS.has(prev + tail)) out.add(prev + tail);
    else if (tail && prev && okPrefix(prev, ctx) && nameLike(ctx, prev) && !GENERIC.has(prev + tail)) out.add(prev + tail);
    // A road named with a direction after its name, cut apart: 富民/西路, 人民/东大街.
    else if (ROAD_AFTER_NAME.test(t) && adjacent) {
      // 滨/溪/西路: the name's characters come single, as other rare names do.
      const name = pieces[i - 1].t.length >= 2 ? pieces[i - 1].t : before;
      if (name && name.length >= 2 && okPrefix(name, ctx) && nameLike(ctx, name)) out.add(name + t);
    }
  }
  for (const p of estatesBeforeBuildings(ctx, norm, pieces)) out.add(p);
  for (const p of ordinalStreets(norm)) out.add(p);
  for (const p of busLines(norm)) out.add(p);
  for (const p of venues(ctx, norm)) out.add(p);
  for (const p of halls(norm)) out.add(p);
  // 鳌峰路和登云街: the conjunction after a place is no part of the next one's name.
  for (const p of [...out]) {
    if (/^[和与及跟]/.test(p) && p.length >= 4 && everyOccurrence(norm, p, (i) => i > 0 && !!suffixOf(norm.slice(Math.max(0, i - 4), i)))) {
      out.delete(p);
      out.add(p.slice(1));
    }
  }
  for (const p of namesBeforeLocations(ctx, pieces)) out.add(p);
  const schools = numberedSchools(norm);
  for (const m of norm.matchAll(NUMBERED_HOSPITAL)) out.add(`${m[1]}院`);
  for (const m of norm.matchAll(NAME_IN_BRACKETS)) if (!FUNCTION_CHARS.test(m[1])) out.add(m[1]);
  for (const m of norm.matchAll(OWN_MEDICINE_HOSPITAL)) out.add(m[0]);
  for (const m of norm.matchAll(NUMBERED_WATERWORKS)) out.add(m[1] + (WATERWORKS_KIND[m[2]] ?? m[2]));
  for (const m of norm.matchAll(WORKS_HOUSING_SAID)) out.add(`${m[1]}${m[2]}宿舍`);
  // A county's own school goes by its registered name (二小 → 桃园二小).
  for (const p of schools.names) out.add(ctx.places.placeOf(p) ?? p);
  // 第二中学 is 二中, not the township's 中学; 第一高级中学 is 一高.
  for (const p of ['小学', '中学', '高级中学', '高中']) if (out.has(p) && countOf(norm, p) <= schools.spelledOut[p]) out.delete(p);
  // A numbered school's dormitory or canteen (县一高宿舍, 二中食堂) is the school's.
  for (const p of [...out]) {
    const rest = p.replace(/^[县区镇乡]/, '');
    if (schools.names.some((n) => rest !== n && rest.startsWith(n) && SCHOOL_PART.test(rest.slice(n.length)))) out.delete(p);
  }
  // 第二实验小学 is 二实小, not the 实验小学 its words also name.
  if (schools.names.some((n) => n.includes('实'))) for (const p of [...out]) if (/实验[小中]学$/.test(p)) out.delete(p);
  // 东街村 makes 东街 redundant when every 东街 of the text is part of 东街村; a building's number (12/号楼) names no place.
  const list = [...out].filter((p) => !/^(号|栋|幢|单元)/.test(p));
  return list.filter((p) => !list.some((q) => q !== p && q.includes(p) && countOf(norm, p) === countOf(norm, q)))
    .flatMap((p) => communityPlace(ctx, p) ?? [p]);
}

/**
 * A place said with its community's full name before it (榕亭社区农贸市场): the community, and the place by the
 * community's short name (榕亭农贸市场), as the other reports call it.
 */
function communityPlace(ctx: PlaceContext, name: string): [string, string] | null {
  const m = /^(\p{Script=Han}{2,6}?社区)(\p{Script=Han}{2,})$/u.exec(name);
  if (!m || !ctx.places.isGazetteerPlace(m[1]) || !ctx.places.isAreaPlace(m[1]) || !suffixOf(m[2])) return null;
  return [m[1], m[1].slice(0, -2) + m[2]];
}

/** Tags jieba gives a character it does not know as a word (澨 x, 洰 zg). */
const RARE_TAG = /^(x|zg)$/;

/** Housing a works or a company built for its workers. */
const WORKS_HOUSING = new Set(['宿舍', '家属楼', '家属院']);

/** A building's number (normalised: 三号楼 → 3号楼): the name right before it is an estate, with or without 小区. */
const BUILDING = /^\d+(号楼|号院|栋|幢|单元)/;

/**
 * Estates named right before a building number, which people write without 小区 (翠湖湾7号楼, 我们翡翠城3号楼):
 * the name pieces just before the number, back to a word that is no name (我们, 住在), two to six characters.
 */
function estatesBeforeBuildings(ctx: PlaceContext, norm: string, pieces: Piece[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < pieces.length; i++) {
    if (!BUILDING.test(norm.slice(pieces[i].start))) continue;
    let name = '';
    for (let j = i - 1; j >= 0; j--) {
      const p = pieces[j];
      if (p.end !== (j === i - 1 ? pieces[i].start : pieces[j + 1].start) || !HAN.test(p.t) || FUNCTION_CHARS.test(p.t) || badPrefix(p.t) || suffixWord(p.t, ctx)) break;
      if (p.t.length === 1 ? NOT_IN_NAME.test(p.t) : !nameLike(ctx, p.t)) break;
      if (name.length + p.t.length > 6) break;
      name = p.t + name;
    }
    if (name.length >= 2 && okPrefix(name, ctx) && !ctx.places.isTownshipName(name)) out.push(name);
  }
  return out;
}

/**
 * Schools by number, as people write them: 第五小学, 五小, 实验二小, 县一中, 二中, 第一实验小学, 三完小 — each as its short
 * form (五小, 二中, 一实小, 三完小), so that the ways of writing one school meet. Not 一小时, 一小块, 二中午, 一小区: no measure,
 * time word or 区 may follow.
 */
const NUMBERED_SCHOOL = /(第)?([一二三四五六七八九十]{1,2})(实验小学|实验中学|实小|实中|完全小学|完小|高级中学|高中|小学|中学|小|中|高(?=宿舍|食堂|饭堂|门口|校门|学生|女生|男生|老师|教室|操场|放学|的|[^\p{Script=Han}]|$))(?![时块段部会片撮点半伙群些朋午间国心型龄碗杯袋包盒瓶把条份步声截节圈组姐哥妹弟号区])/gu;
/** What of a school is named with it (一高宿舍, 二中食堂). */
const SCHOOL_PART = /^(男生|女生|学生|住校生)?(宿舍|宿舍楼|食堂|饭堂|操场|门口|校门)$/;
/** Hospitals by number: 县第二人民医院, 县二医院, 二医院, 二院 are one (二院); not 十二医院. */
const NUMBERED_HOSPITAL = /(?<![一二三四五六七八九十百千\d])(?:第|县)?([一二三四五六七八九十])(?:人民医院|医院)/gu;

/**
 * The county's or a district's hospital of a people's medicine (县藏医院, 区蒙医院, 县中藏医院), or one said by its medicine
 * (朝医医院, 蒙医医院): a hospital of its own, not 县医院.
 */
const OWN_MEDICINE_HOSPITAL = /[县区](?:中藏|中蒙|藏|蒙)医院|(?:朝|蒙|藏|维|壮|苗|傣)医医院/gu;

/**
 * A ditch, canal, sluice or pumping station by its number (3号排灌沟 = 3号沟, 2号闸): two numbers are two places, and the
 * kinds of ditch one (排灌沟, 排水沟, 沟). Not a branch canal by its order (四支渠): it runs through several villages, and
 * another report names it by a village's name (蒗沟支渠).
 */
const NUMBERED_WATERWORKS = /(?<![\d一二三四五六七八九十])(\d+号)(排灌沟|排水沟|灌溉沟|排涝沟|沟|渠|排灌站|泵站|闸|机井)(?!村|社区)/gu;
/**
 * The name a caller gives housing or a market the hotline wrote by its kind, in brackets after it (老旧小区（锦埕里）, 原糖厂宿舍
 * （来电人称"甘泉里"）): that name is a place of its own, as another report may call it. Not a works' (加工厂（来电人称"胶厂"）):
 * what a caller calls a works is its trade, which names no one works.
 */
const NAME_IN_BRACKETS = /(?:小区|宿舍|家属院|家属楼|新村|市场)\((?:来电人称|又称|俗称|即|就是|叫)?[\x22\x27\u201c\u2018]?(\p{Script=Han}{2,5})[\x22\x27\u201d\u2019]?\)/gu;
/**
 * An estate a report says was a works' housing (燕翎新村…这是原来机械厂的房子, 该小区系原县水产公司职工宿舍): the works' housing is
 * the estate's other name, which another report may use (机械厂家属院, 老水产宿舍). Read as 机械厂宿舍, 水产公司宿舍.
 */
const WORKS_HOUSING_SAID = new RegExp(`(?:是|系)(?:原来|原先|以前|早先|原|老)?(?:县)?(\\p{Script=Han}{1,4}?)(厂|公司|矿)(?:的)?(?:职工)?(?:${[...WORKS_HOUSING, '家属区', '房子', '院儿', '院子', '楼'].join('|')})`, 'gu');

const WATERWORKS_KIND: Record<string, string> = { 排灌沟: '沟', 排水沟: '沟', 灌溉沟: '沟', 排涝沟: '沟', 排灌站: '泵站' };

function numberedSchools(norm: string): { names: string[]; spelledOut: Record<string, number> } {
  const names: string[] = [];
  const spelledOut: Record<string, number> = { 小学: 0, 中学: 0, 高级中学: 0, 高中: 0 };
  for (const m of norm.matchAll(NUMBERED_SCHOOL)) {
    if (!m[1] && m[3].length === 2 && m.index > 0 && /[\p{Script=Han}]/u.test(norm[m.index - 1]) && !/[县实验城关区镇乡市]/.test(norm[m.index - 1])
      && norm.slice(Math.max(0, m.index - 2), m.index) !== '街道') continue;
    // 实验二小 is 第二实验小学: 二实小.
    const experimental = m[3].startsWith('实') || (!m[1] && norm.slice(Math.max(0, m.index - 2), m.index) === '实验' && /^[小中]/.test(m[3]));
    names.push(m[2] + (m[3].startsWith('完') ? '完小' : experimental ? (m[3].includes('中') ? '实中' : '实小') : m[3][0]));
    if (m[3] in spelledOut) spelledOut[m[3]]++;
  }
  return { names, spelledOut };
}

/** Streets and gullies named by order (二道街, 头道沟, 铁北二道街): the number cuts them apart; up to two name characters before. */
const ORDINAL_STREET = /([\p{Script=Han}]{0,2})([一二三四五六七八九十头]道(?:街|巷|沟))/gu;
function ordinalStreets(norm: string): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(ORDINAL_STREET)) {
    let prefix = m[1];
    while (prefix && (NOT_IN_NAME.test(prefix[0]) || FUNCTION_CHARS.test(prefix[0]))) prefix = prefix.slice(1);
    out.push(prefix.length === 2 && !badPrefix(prefix) ? prefix + m[2] : m[2]);
  }
  return out;
}

/** A venue by its name and a Latin-lettered kind (声浪ktv, 金嗓门ktv): the name before it, two to four characters. */
const VENUE = /(\p{Script=Han}{2,4})(ktv)/gu;
function venues(ctx: PlaceContext, norm: string): string[] {
  const out: string[] = [];
  for (const m of norm.matchAll(VENUE)) {
    // After the place it is on (滨溪东路声浪 → 声浪), from the last function character on (在声浪 → 声浪).
    let name = m[1].replace(/^.*[路街巷道桥村区]/u, '');
    while (name.length > 2 && (NOT_IN_NAME.test(name[0]) || FUNCTION_CHARS.test(name[0]))) name = name.slice(1);
    // Not a count (一家ktv) or a pointer (那个ktv).
    if (okPrefix(name, ctx) && nameLike(ctx, name) && !ctx.tags(name).every((t) => UNNAMED_TAGS.has(t)) && !ctx.places.isTownshipName(name)) out.push(`${name}${m[2]}`);
  }
  return out;
}

/**
 * A hall named by two characters and 堂 (叙伦堂, 怀德堂, a pharmacy's 仁济堂): a place of its own. Not a canteen, a lane, a
 * bathhouse or any hall of a kind (食堂, 弄堂, 澡堂, 礼堂, 祠堂…), nor 亮堂 (bright).
 */
const HALL = /(\p{Script=Han}{2})堂(?!堂)/gu;
const HALL_WORDS = new Set(['食堂', '饭堂', '亮堂', '弄堂', '祠堂', '澡堂', '礼堂', '课堂', '学堂', '教堂', '佛堂', '天堂', '讲堂', '大堂', '正堂', '灵堂', '会堂', '明堂', '满堂',
  '中堂', '高堂', '经堂', '厅堂', '殿堂', '庙堂', '公堂', '歌堂', '后堂', '前堂', '草堂', '本堂', '当堂', '同堂']);
function halls(norm: string): string[] {
  return [...norm.matchAll(HALL)].filter((m) => !HALL_WORDS.has(`${m[1][1]}堂`) && !NOT_IN_NAME.test(m[1]) && !FUNCTION_CHARS.test(m[1])).map((m) => `${m[1]}堂`);
}

/** Bus lines (11路车, 3路公交): a line is where a bus problem is; not 3路口 or a house number's road. */
const BUS_LINE = /(?<![\d号])(\d{1,3})路(?=公交|公共汽车|班车|车|巴士|线)/gu;
function busLines(norm: string): string[] {
  return [...norm.matchAll(BUS_LINE)].map((m) => `${m[1]}路公交`);
}

/** Words that say where at a place (门口, 后门, 楼下, 旁边): the name right before them is a place. */
const LOCATION_WORDS = new Set(['门口', '大门', '大门口', '后门', '前门', '楼下', '旁边', '对面', '边上', '附近', '里面', '院里', '院内', '出站口', '进站口', '东门', '西门', '南门', '北门']);
/** Nouns before a location word that name no place of their own. */
const NOT_A_PLACE = new Set(['公司', '单位', '家里', '家', '屋', '楼', '楼道', '工地', '店', '商店', '饭店', '银行', '车', '门', '路边', '马路', '房子', '窗户', '电梯', '厕所', '教室']);

/**
 * Names right before a location word (梧桐里门口, 星汇公馆旁边, 嘉禾后门): estates and shops people name without an
 * ending the county's lists or the place endings know. One or two pieces of up to five characters, name-like; a
 * single piece only when jieba tags it as a name (a plain noun like 公司门口 names no place).
 */
function namesBeforeLocations(ctx: PlaceContext, pieces: Piece[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < pieces.length; i++) {
    if (!LOCATION_WORDS.has(pieces[i].t)) continue;
    const parts: string[] = [];
    for (let j = i - 1; j >= 0 && parts.length < 2; j--) {
      const p = pieces[j];
      if (p.end !== pieces[j + 1].start || !HAN.test(p.t) || badPrefix(p.t) || GENERIC.has(p.t) || NOT_A_PLACE.has(p.t) || suffixOf(p.t)) break;
      if (p.t.length === 1 ? NOT_IN_NAME.test(p.t) || FUNCTION_CHARS.test(p.t) : !nameLike(ctx, p.t) || (FUNCTION_CHARS.test(p.t) && !oneName(ctx, p.t))) break;
      if (parts.join('').length + p.t.length > 5) break;
      parts.unshift(p.t);
    }
    const name = parts.join('');
    if (name.length < 2 || ctx.places.isTownshipName(name)) continue;
    if (parts.length >= 2 || oneName(ctx, name, PROPER_TAGS) || !ctx.tags(name).length) out.push(ctx.places.placeOf(name) ?? name);
  }
  return out;
}

function everyOccurrence(text: string, sub: string, test: (at: number) => boolean): boolean {
  let any = false;
  for (let i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length)) {
    if (!test(i)) return false;
    any = true;
  }
  return any;
}

function countOf(text: string, sub: string): number {
  let n = 0;
  for (let i = text.indexOf(sub); i >= 0; i = text.indexOf(sub, i + sub.length)) n++;
  return n;
}

/**
 * Whether normalised text names a place by its core alone (翠湖湾 for 翠湖湾小区, 柳树湾 for 柳树湾村: how people
 * write a place the county's lists do not hold), not as part of another place (人民 of 人民医院 is not 人民路).
 * `core` is placeCore(name), which the caller has judged specific enough to stand for the place.
 */
export function namesPlaceByCore(text: string, name: string, core: string): boolean {
  const own = name.slice(core.length);
  for (let i = text.indexOf(core); i >= 0; i = text.indexOf(core, i + 1)) {
    const next = SUFFIXES.find((s) => text.startsWith(s, i + core.length));
    // A name without an ending (翠湖湾, an estate found before its building number) is that place with one.
    if (!next || next === own || !own) return true;
  }
  return false;
}

/** Kinds of facility people name by their trade (电镀厂, 菌包厂, 石材加工厂, 农贸市场): no name of their own unless one is given. */
const TRADE_KINDS = ['加工厂', '养殖场', '养牛场', '养猪场', '养鸡场', '农贸市场', '菜市场', '市场', '早市', '夜市', '厂', '煤矿', '矿区', '矿'];
/** Tags of plain words that say a trade (电镀, 石材/加工, 菌/包, 农贸): nouns, verbal nouns, verbs, abbreviations. */
const TRADE_TAGS = new Set(['n', 'vn', 'v', 'j', 'b']);

/**
 * Whether a place is a kind of facility said by its trade alone (电镀厂, 菌包厂, 农贸市场): it may be the
 * facility another report names (鑫泓电镀, 后埕市场), so it is no conflict with it. Every piece before the kind is
 * a plain word (no name, no character the dictionary does not know as a word) and none is one of the county's
 * places (后埕农贸市场 is named).
 */
export function isTradePlace(ctx: PlaceContext, name: string): boolean {
  const kind = TRADE_KINDS.find((k) => name.endsWith(k));
  if (!kind) return false;
  const trade = name.slice(0, -kind.length);
  return !trade || (!ctx.places.placeOf(trade) && !ctx.places.isVillageCore(trade) && ctx.tags(trade).every((t) => TRADE_TAGS.has(t)));
}

/** Tags of words that say which kind or how many, never whose (小型/水库, 这/中学, 两/座桥, 东/厕所). */
const UNNAMED_TAGS = new Set(['b', 'm', 'mq', 'q', 'r', 'rz', 'f']);

/** Landmarks a county has one of, each its own institution (the county hospital is not the TCM hospital): named, not a kind. */
const COUNTY_INSTITUTIONS = new Set(['人民医院', '中医院', '妇幼保健院', '汽车站', '客运站', '客运总站', '火车站']);

/**
 * Where in the town a place is, said instead of its name (新区大道 for the new area's avenue, 老城医院, 沿河路 for the road
 * along the river): the one there, which another report may call by its name (芦笙大道), unless the county lists the word.
 */
const WHERE_IN_TOWN = new Set(['新区', '新城', '新城区', '老城', '老城区', '城区', '沿河', '河边', '河滩', '河坝', '河沿', '沿江', '江边', '湖边', '塘边', '渠边', '海边']);
/** A road or a canal said by what it is like (大马路, 大路, 大渠, 柏油路): the one the writer means, which another report names. */
const SAID_BY_LOOKS = new Set(['大马路', '马路', '大路', '大渠', '大沟', '柏油路', '水泥路', '石子路', '土路', '大街']);

/**
 * Whether a place is named only by its kind (中学, 卫生院, 小型水库) or by where in the town it is (新区大道): the
 * township's one, or any of its kind, so it may be the place another report names (一中, 梅子窝水库, 芦笙大道) and is no
 * conflict with it. Not a trade (isTradePlace).
 */
export function isUnnamedPlace(ctx: PlaceContext, name: string): boolean {
  if (COUNTY_INSTITUTIONS.has(name)) return false;
  if (LANDMARKS.has(name) || SAID_BY_LOOKS.has(name)) return true;
  if (villageOfFacility(ctx, name)) return true;
  const s = suffixOf(name);
  if (!s) return false;
  const kind = name.slice(0, -s.length);
  if (WHERE_IN_TOWN.has(kind) && !ctx.places.placeOf(kind) && !ctx.places.isGazetteerPlace(name)) return true;
  return !kind || (!ctx.places.placeOf(kind) && !ctx.places.isVillageCore(kind) && ctx.tags(kind).every((t) => UNNAMED_TAGS.has(t)));
}

/**
 * The village a facility is named by (孟庄 of 孟庄河, 杨柳湾村 of 杨柳湾村小学), or null: the one the village has, which
 * another report may call by its own name (蒲沟河) — but two villages' ones are two. Not a road or a bridge: those are
 * named after villages as their own names.
 */
export function villageOfFacility(ctx: PlaceContext, name: string): string | null {
  const s = suffixOf(name);
  if (!s || ROAD_KINDS.has(s)) return null;
  const kind = name.slice(0, -s.length);
  const village = ctx.places.placeOf(kind);
  if (village && ctx.places.isAreaPlace(village)) return village;
  return ctx.places.isVillageCore(kind) ? kind : null;
}

/** The name without its generic suffix (滨河路 → 滨河), for matching 滨河路 with 滨河大道. */
export function placeCore(name: string): string {
  // 岭兜岭公路, 东山盘山公路: the kind of road is the ending.
  const road = ROAD_WORDS.find((w) => name.endsWith(w) && name.length - w.length >= 2);
  if (road) return name.slice(0, -road.length);
  const s = suffixOf(name);
  return s && name.length - s.length >= 2 ? name.slice(0, -s.length) : name;
}
