import { ESTATE_ENDINGS, placeCore } from '../../../platform/search/places.ts';
import { saidAlike, TELLING_ALL, TELLING_NUMBERS, TELLING_SIDES } from '../../../platform/search/sounds.ts';

/**
 * Two names of one place: the generic part of a place name said in different words (东关菜市场 / 东关农贸市场,
 * 田湖中心小学 / 田湖中心校). Each group lists interchangeable endings, longest first within the group; two
 * names with the same stem and endings of one group are one place. A county's own aliases (县医院 = 县人民医院)
 * belong in its gazetteer, not here.
 */
export const PLACE_TYPE_VERSION = 10;

/** The county's works or the old days' (县酒厂, 老酒厂, 原酒厂): the works. */
const WORKS_PREFIX = /^[县老原]/;

export const PLACE_TYPE_GROUPS: Record<string, string[]> = {
  market: ['农贸市场', '集贸市场', '菜市场', '蔬菜市场', '菜场', '菜市', '市场'],
  primary: ['中心完小', '中心小学', '中心校', '完全小学', '完小', '小学'],
  middle: ['初级中学', '中学', '初中'],
  hospital: ['人民医院', '医院'],
  clinic: ['卫生院', '医院'],
  scenic: ['风景区', '旅游区', '景区', '景点'],
  estate: ['小区', '花园小区', '家园小区'],
  station: ['汽车站', '客运站', '车站'],
  care: ['敬老院', '养老院', '福利院'],
  station2: ['客运中心', '客运总站', '汽车站', '客运站'],
  shrine: ['氏宗祠', '家祠堂', '氏祠堂', '家家祠', '宗祠', '祠堂', '家祠'],
  school3: ['完全小学', '完小'],
  // A works' housing by any of its names (酒厂宿舍 = 酒厂家属院 = 酒厂职工宿舍).
  workshousing: ['职工宿舍', '家属院', '家属楼', '家属区', '宿舍'],
};

/** Endings said alike, which voice input and quick typing mix up (荔香苑 / 荔香院): one ending in names. */
export const SAME_SOUNDING_ENDINGS: Record<string, string> = { 院: '苑', 第: '邸', 底: '邸' };

/** A name's last character as said (院 → 苑). */
export function endingSound(name: string): string {
  const c = name.at(-1) ?? '';
  return SAME_SOUNDING_ENDINGS[c] ?? c;
}

/** Endings estates are named with that other places have too (湾 of 金樾湾 and of 柳树湾): an estate's beside an estate's. */
const ESTATE_LIKE = new Set(['湾', '庭', '园', '居', '轩', '阁', '里', '城', '湾小区']);

/** Schools of different levels on one core (瑞丰小学 / 瑞丰中学 / 瑞丰幼儿园) are different schools. */
export const SCHOOL_ENDINGS = ['幼儿园', '小学', '中学', '初中', '高中'];

/**
 * Whether two endings of one name core can be one place. People mix kinds of one place freely (鹤鸣公园 /
 * 鹤鸣广场, 滨河路 / 滨河大道), so only two estates' endings (瑞丰家园 / 瑞丰新城) or two schools' levels are two places.
 */
export function compatibleEndings(a: string, b: string): boolean {
  const said = (e: string) => e.slice(0, -1) + endingSound(e);
  if (!a || !b || said(a) === said(b)) return true;
  // One estate ending inside the other (壮锦华府 / 壮锦府, 御景名苑 / 御景苑) is the name said short; two otherwise are two estates.
  if (ESTATE_ENDINGS.includes(said(a)) && ESTATE_ENDINGS.includes(said(b))) return said(a).endsWith(said(b)) || said(b).endsWith(said(a));
  // An estate's name ending as estates' do (雪峰湾小区, 金樾湾) beside another estate's ending (雪峰苑): two estates.
  const [x, y] = [a, b].map((e) => said(e.replace(/(?<=.)小区$/, '')));
  if (x !== y && [x, y].every((e) => ESTATE_ENDINGS.includes(e) || ESTATE_LIKE.has(e)) && [x, y].some((e) => ESTATE_ENDINGS.includes(e))) return false;
  // Two school levels are one only when their endings are interchangeable (初中 / 中学).
  return !(SCHOOL_ENDINGS.includes(a) && SCHOOL_ENDINGS.includes(b)) || ENDINGS.some(([g, e]) => e === a && ENDINGS.some(([g2, e2]) => e2 === b && g2 === g));
}

const ENDINGS = Object.entries(PLACE_TYPE_GROUPS).flatMap(([g, es]) => es.map((e) => [g, e] as const)).sort((a, b) => b[1].length - a[1].length);

/**
 * Who owns a facility said by its owner and its kind alone: the county (县医院, 县汽车站) or a district (区医院) its own one,
 * which is also the one said by its kind (客运站, 人民医院); a township (镇医院, 乡卫生院) its clinic, the 卫生院. Each owner
 * with the groups of PLACE_TYPE_GROUPS it owns so.
 */
const OWN_FACILITIES: readonly { owners: readonly string[]; groups: (g: string) => boolean }[] = [
  { owners: ['县', '区'], groups: (g) => g !== 'clinic' },
  { owners: ['镇', '乡'], groups: (g) => g === 'clinic' },
];
const ownerOf = (stem: string, g: string) => OWN_FACILITIES.find((o) => o.owners.includes(stem) && o.groups(g));

/**
 * A facility's name under the other words for its kind (中心校 → 中心小学, 东关菜市场 → 东关农贸市场…), for finding the reports
 * that wrote it so: the index holds each report's places by the name it wrote. A bare kind only under longer words (中心校 →
 * 中心完小, not 小学).
 */
export function sameTypeNames(name: string): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const [g, e] of ENDINGS) {
    if (seen.has(g) || !name.endsWith(e)) continue;
    seen.add(g);
    const stem = name.slice(0, -e.length);
    for (const e2 of PLACE_TYPE_GROUPS[g]) if (stem.length > 0 || e2.length >= 3) out.add(stem + e2);
  }
  out.delete(name);
  return [...out];
}

const readingsMemo = new Map<string, string[]>();

/** The stem and group of each ending a place name can be read with (中心小学 → 田湖 + primary). Memoised: pairs ask often. */
export function placeTypeReadings(name: string): string[] {
  let out = readingsMemo.get(name);
  if (!out) {
    if (readingsMemo.size > 20_000) readingsMemo.clear();
    readingsMemo.set(name, (out = readingsOf(name)));
  }
  return out;
}

function readingsOf(name: string): string[] {
  const out: string[] = [];
  for (const [g, e] of ENDINGS) {
    if (!name.endsWith(e)) continue;
    const stem = name.slice(0, -e.length);
    // A clan's hall goes by the surname alone (黎氏宗祠 = 黎家祠堂); an owner's own by the owner (县医院, 镇医院).
    if (name.length - e.length >= 2 || name.length === e.length || (g === 'shrine' && name.length - e.length === 1) || !!ownerOf(stem, g)) {
      out.push(`${stem}|${g}`);
      // The owner's one is the one said by its kind (县汽车站 = 客运站, 县医院 = 人民医院, 镇医院 = 卫生院), but not a township's
      // 卫生院 for the county's hospital.
      if (ownerOf(stem, g)) out.push(`|${g}`);
      if (name === e && g === 'hospital' && e === '人民医院') out.push(`县|${g}`);
      // The works the county or the old days named (县酒厂, 老酒厂, 原酒厂) is the works.
      if (g === 'workshousing' && WORKS_PREFIX.test(stem) && stem.length >= 3) out.push(`${stem.slice(1)}|${g}`);
    }
  }
  return out;
}

/** A works' name (…厂, …矿, …公司) with what it housed its workers in, if anything: 县糖厂家属区 → 糖厂, 糖厂红砖楼 → 糖厂. */
const WORKS = new RegExp(`^${WORKS_PREFIX.source.slice(1)}?(\\p{Script=Han}{1,6}?(?:厂|矿|公司))(${[...PLACE_TYPE_GROUPS.workshousing, '宿舍区', '宿舍楼', '生活区', '红砖楼'].join('|')})?$`, 'u');

/**
 * Whether two names are one works or its workers' housing (县酒厂 / 酒厂宿舍, 糖厂宿舍 / 县糖厂家属区): a report of the old
 * works' housing names the works as often as the housing, the works' name typed alike too (毛方厂 / 毛纺厂家属院). Not two works
 * (糖厂 / 酒厂), nor two numbered ones.
 */
export function sameWorks(a: string, b: string): boolean {
  const [x, y] = [WORKS.exec(a), WORKS.exec(b)];
  if (x && !y) return housingOfWorks(b, x[1]);
  if (y && !x) return housingOfWorks(a, y[1]);
  return !!x && !!y && a !== b && (x[1] === y[1] ? !!x[2] || !!y[2] || a.slice(1) === b || b.slice(1) === a : (!!x[2] || !!y[2]) && saidAlike(x[1], y[1], 1, false));
}

/** Housing named after a works without its 厂 (毛纺宿舍, 麻纺新村, 老水产宿舍). */
const WORKS_HOUSING_SHORT = new RegExp(`^${WORKS_PREFIX.source.slice(1)}?(\\p{Script=Han}{2,4}?)(${[...PLACE_TYPE_GROUPS.workshousing, '宿舍区', '宿舍楼', '生活区', '新村'].join('|')})$`, 'u');

/** Whether a name is that works' housing said without 厂 (毛纺宿舍 of 毛纺厂, 麻纺新村 of 麻纺厂家属院). */
function housingOfWorks(name: string, works: string): boolean {
  const m = WORKS_HOUSING_SHORT.exec(name);
  return !!m && m[1] === works.replace(/(厂|矿|公司)$/, '');
}

/** Whether two place names are one place said with interchangeable endings. */
export function samePlaceByType(a: string, b: string): boolean {
  const ra = placeTypeReadings(a);
  if (!ra.length) return false;
  const rb = new Set(placeTypeReadings(b));
  return ra.some((r) => rb.has(r));
}

/**
 * Whether one name is an owner's facility said short (县医院, 区福利院) and the other its full name (县人民医院, 渫垰县人民医院,
 * 县总医院, 县社会福利院): after the owner the same kind of place with at most a word that names no other one (人民, 总,
 * 社会); not 县中医院 or 县第二人民医院, which are others.
 */
export function countysOwn(a: string, b: string): boolean {
  const [x, y] = a.length <= b.length ? [a, b] : [b, a];
  const owner = x[0];
  if (x === y || x.length < 3 || !OWN_FACILITIES[0].owners.includes(owner)) return false;
  const at = y.lastIndexOf(owner);
  const kind = x.slice(1);
  return at >= 0 && y.endsWith(kind) && /^(人民|总|社会|中心|综合|公共)?$/.test(y.slice(at + 1, -kind.length));
}

/**
 * The other names an owner's facility goes by, for finding the reports that name it so (县医院 → 县人民医院, 人民医院;
 * 县汽车站 → 县客运站…; 客运站 → 县汽车站…; 镇医院 → 卫生院, 乡卫生院…): the index holds each report's places by the name it wrote.
 */
export function countyFacilityNames(name: string): string[] {
  const out = new Set<string>();
  for (const { owners, groups } of OWN_FACILITIES) {
    const county = owners[0] === '县';
    for (const [g, e] of ENDINGS) {
      if (!groups(g)) continue;
      const owner = owners.find((o) => name === `${o}${e}`);
      if (!(owner || name === e || (county && g === 'hospital' && /^.{0,4}县人民医院$/.test(name) && e === '人民医院'))) continue;
      // A county's said with its owner (客运站 → 县汽车站, 区汽车站); a township's clinic by any owner and as 卫生院.
      for (const e2 of PLACE_TYPE_GROUPS[g]) for (const o of owner && county ? [owner] : owners) out.add(`${o}${e2}`);
      if (county && g === 'hospital') out.add('人民医院');
      if (!county) out.add('卫生院');
    }
  }
  out.delete(name);
  return [...out];
}

/** Schools by number (一中, 三小, 二实小): their level. */
const NUMBERED_LEVEL = /[一二三四五六七八九十实完](中|小)$/;
/** A school said short by its owner or name (县中, 紫中, 民小), with its dormitory or canteen or not; not 城中 or 园中. */
const SHORT_SCHOOL = /^[县区镇乡]?(?![城园村街路山河水田])\p{Script=Han}{1,2}(中|小)(宿舍|宿舍楼|食堂)?$/u;

/**
 * The kinds a place name says it is: its ending (水库 of 梅子窝水库, the whole name when it is only an ending) and the
 * groups that ending belongs to (中学 → middle); a numbered school its level (一中 → middle).
 */
export function placeKinds(name: string, ending: string): Set<string> {
  const out = new Set<string>([ending || name]);
  for (const [g, e] of ENDINGS) if (name.endsWith(e)) out.add(g);
  const level = NUMBERED_LEVEL.exec(name);
  if (level) out.add(level[1] === '中' ? 'middle' : 'primary');
  // A school said short by its owner or name, with its dormitory or canteen or not (县中, 紫中宿舍, 民小).
  const short = SHORT_SCHOOL.exec(name);
  if (short) out.add(short[1] === '中' ? 'middle' : 'primary');
  return out;
}

/** Whether two place names say one kind of place (中学 and 一中, 小型水库 and 梅子窝水库). */
export function sameKind(a: string, aEnding: string, b: string, bEnding: string): boolean {
  const kb = placeKinds(b, bEnding);
  return [...placeKinds(a, aEnding)].some((k) => kb.has(k));
}

/** Names told apart only by telling characters: two places of one family (东路 / 西路, 一中 / 二中), never one place. */
export function oneFamily(a: string, b: string): boolean {
  return a.replace(TELLING_ALL, '') === b.replace(TELLING_ALL, '');
}

const endsWithOne = (endings: readonly string[]) => new RegExp(`(${endings.join('|')})$`);

/** The classes of place an ending says, for telling one place's two names from two places of different kinds. */
const PLACE_CLASSES: [string, RegExp][] = [
  ['school', new RegExp(`${endsWithOne([...SCHOOL_ENDINGS, '学校', '中心校', '完小']).source}|${NUMBERED_LEVEL.source}|${SHORT_SCHOOL.source}`, 'u')],
  ['health', endsWithOne(['医院', '卫生院', '卫生室', '卫生所', '诊所'])],
  ['market', endsWithOne(['市场', '菜场', '菜市', '商场', '超市', '商贸城'])],
  ['works', endsWithOne(['厂', '公司', '矿'])],
  ['estate', endsWithOne([...ESTATE_ENDINGS, '小区', '新村', '宿舍', '家属区', '家属楼', '大院'])],
];

/** The class of place a name's ending says (school, health, market, works, estate), or null. */
export const placeClass = (name: string): string | null => PLACE_CLASSES.find(([, re]) => re.test(name))?.[0] ?? null;

/** Housing named by its owner (林业局家属楼, 水产宿舍, 机械厂家属院), which the owner's workers' village may be. */
export const isOwnersHousing = (name: string) => /.(宿舍|宿舍楼|家属楼|家属院|家属区)$/.test(name);

/**
 * Kinds of place a report describes without naming one, with the class `placeClass` gives a name of that kind. A
 * works', a school's or a hospital's housing (宿舍, 家属院) is any of theirs or an estate; a building site (工地) may
 * become anything, so it decides nothing.
 */
const DESCRIBED_KINDS: Record<string, string> = {
  菜市场: 'market', 农贸市场: 'market', 市场: 'market', 菜场: 'market', 菜市: 'market', 商场: 'market', 超市: 'market',
  小区: 'estate', 家属院: 'housing', 家属楼: 'housing', 宿舍: 'housing', 院子: 'housing',
  幼儿园: 'school', 小学: 'school', 中学: 'school', 高中: 'school', 学校: 'school', 医院: 'health', 卫生院: 'health', 诊所: 'health',
  厂子: 'works', 厂: 'works', 车间: 'works', 作坊: 'works', 加工点: 'works', 工地: 'site',
};
/** "That …" or "the … behind / beside / east of it", then up to five characters and the kind (洰南那个大商场, 剧场后头的市场, 那个盖学校的工地). */
const DESCRIBED = new RegExp(`(?:那(?:个|家|所|片|座|处|栋|几栋)|(?:后头|后面|后边|旁边|对面|边上|下面|底下|跟前|[东西南北][边头面])的)[^，。！？,.!?\\s那]{0,5}(${Object.keys(DESCRIBED_KINDS).sort((a, b) => b.length - a.length).join('|')})`, 'gu');

/** The classes of the places a text describes by their kind alone (洰南那个大商场的电梯: market). */
export function describedClasses(text: string): string[] {
  return [...new Set([...text.matchAll(DESCRIBED)].map((m) => DESCRIBED_KINDS[m[1]]))];
}

/** Whether a place described as of one class may be a place of another: the same class, a site, or housing of any but a market. */
export function classesMayMeet(a: string, b: string): boolean {
  return a === b || a === 'site' || b === 'site' || (a === 'housing' && b !== 'market') || (b === 'housing' && a !== 'market');
}

/**
 * A road described by its side of a landmark (谯楼东边那截路, 塔东边那条路, 谯楼往东那条路, Cantonese 凤岭公园东边条路):
 * what is before the side, and the side. Without 边/头/面/侧 the 那 is needed (兴仁街北段路灯 is a stretch, not a side).
 */
const SIDE_ROAD = /(\p{Script=Han}{1,4}?)(?:往|朝|向)?([东西南北])(?:(?:边|头|面|侧)的?那?|的?那)(?:条|截|段)大?(?:马路|路|街)/gu;

export function describedSideRoads(text: string): { before: string; side: string }[] {
  return [...text.matchAll(SIDE_ROAD)].map((m) => ({ before: m[1], side: m[2] }));
}

/** A road named by a landmark and a side (谯楼西路, 塔西路加油站's 塔西路): the landmark and the side. */
const SIDED_ROAD = /^(\p{Script=Han}{1,4}?)([东西南北])(?:路|街|大街|大道)/u;

export function roadSide(name: string): { landmark: string; side: string } | null {
  const m = SIDED_ROAD.exec(name);
  return m ? { landmark: m[1], side: m[2] } : null;
}

/** Whether what is said before a side (谯楼, 凤岭公园) is the landmark a road is named after (谯楼, 凤岭). */
export const sideOf = (before: string, landmark: string) => before.endsWith(landmark) || (landmark.length >= 2 && before.startsWith(landmark));

const ESTATE_OR_LIKE: readonly string[] = [...ESTATE_ENDINGS, ...ESTATE_LIKE];

/** An estate's name without the 小区 said after its own ending (鸿熙苑小区 → 鸿熙苑, 泊淮湾小区 → 泊淮湾); any other name as it is. */
export function withoutEstateWord(name: string): string {
  const n = name.replace(/小区$/, '');
  return n !== name && ESTATE_OR_LIKE.some((e) => n.endsWith(e) && n.length > e.length + 1) ? n : name;
}

/**
 * Whether two names are one said alike and typed apart (凤尾州公园 / 凤尾洲公园, voice input's 锦州 for 锦洲, 梓阴苑 /
 * 梓荫小区): endings that can be one place's, cores of one length that differ in one character read the same way; not a
 * number or a side. A surname before 家 tells two places apart (张家湾 / 章家湾) unless `oneListed`: one name is among the
 * county's villages and the other, said alike, is not (康家岔村 from a hotline's ear for the listed 嵻家岔村) — then it is that one.
 */
export function sameSoundingName(a: string, aCore: string, b: string, bCore: string, oneListed = false): boolean {
  // A village's name with and without 村 after its own ending (南真庄 / 南甄庄村).
  const [ba, bb] = [a, b].map((n) => n.replace(/(?<=[庄屯营店铺寨集])村$/, ''));
  if ((ba !== a || bb !== b) && ba.length === bb.length && ba !== bb) return sameSoundingName(ba, ba.slice(0, -1), bb, bb.slice(0, -1), oneListed);
  // An estate's name with and without 小区 after its own ending (锦川御府小区 / 锦川玉府).
  const [ea, eb] = [a, b].map(withoutEstateWord);
  if ((ea !== a || eb !== b) && ea !== eb) return sameSoundingName(ea, placeCore(ea), eb, placeCore(eb), oneListed);
  if (aCore.length >= 2 && aCore.length === bCore.length && aCore !== bCore && compatibleEndings(a.slice(aCore.length), b.slice(bCore.length))
    // A number heard for a character said alike is a slip (四洲苑 / 泗洲苑), two numbers are not (一中 / 二中), nor a side (东关 / 冬关).
    && saidAlike(aCore, bCore, 1, oneListed, TELLING_SIDES) && saidAlike(aCore, bCore, 1, oneListed, TELLING_NUMBERS, true)) return true;
  // The whole name typed apart, its ending too (伟湖家园 / 苇湖佳园), or its stem under two words for one kind of place
  // (三燕井市场 / 三眼井菜市场): up to two characters in a longer name.
  if (a.length >= 4 && a.length === b.length && a !== b && saidAlike(a, b, 2, oneListed)) return true;
  const rb = placeTypeReadings(b).map((r) => r.split('|'));
  return placeTypeReadings(a).some((r) => {
    const [stem, group] = r.split('|');
    return stem.length >= 2 && rb.some(([s, g]) => g === group && s !== stem && saidAlike(stem, s, stem.length >= 4 ? 2 : 1, oneListed));
  });
}

/** Parts of a school named with it (民中宿舍, 一中食堂): the school's. */
const SCHOOL_PARTS = /(男生宿舍|女生宿舍|学生宿舍|住校生宿舍|宿舍|食堂|饭堂|操场|门口|校门)$/;
const SCHOOL_SHORT = /^([\u4e00-\u9fff]{1,2})([中小])$/u;
const SCHOOL_LONG = /^([\u4e00-\u9fff]{2,6})(中学|小学)$/u;

/**
 * Whether one name is the other school's short form, as people shorten them: the first character of the name and the
 * level (民族中学 → 民中, 桐子店中学 → 桐中, 实验小学 → 实小), a part of it named or not (民中宿舍). Not a number
 * (二中 is numberedSchools') nor the county's or a township's own school (县中, 镇小).
 */
export function schoolShortForm(a: string, b: string): boolean {
  const [x, y] = [a.replace(SCHOOL_PARTS, ''), b.replace(SCHOOL_PARTS, '')];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const s = SCHOOL_SHORT.exec(short);
  const l = SCHOOL_LONG.exec(long.replace(/^县/, ''));
  if (!s || !l || s[2] !== l[2][0] || /[一二三四五六七八九十县镇乡市区]/.test(s[1][0]) || s[1][0] !== l[1][0]) return false;
  // Every character of the short name's stem, in order, in the long one's.
  let at = 0;
  for (const c of s[1]) {
    at = l[1].indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
