/**
 * Synthetic county reports for the search benchmark: realistic Chinese texts of ~40–120 characters from
 * templates (place + problem + impact + request), with a Zipf-skewed vocabulary: a few problems, roads and
 * villages are very common, most are rare. Deterministic for a given seed.
 */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sampler of `items` with Zipf weights 1/rank^s. */
export function zipf<T>(items: readonly T[], s = 1.0) {
  const cum: number[] = [];
  let sum = 0;
  for (let i = 0; i < items.length; i++) cum.push((sum += 1 / (i + 1) ** s));
  return (r: number): T => {
    const x = r * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

const ROAD_HEADS = ['人民', '建设', '解放', '和平', '胜利', '幸福', '滨河', '伊河', '文化', '新华', '朝阳', '东风', '迎宾', '光明', '长安',
  '中州', '嵩州', '白云', '青年', '工业', '北环', '南环', '东环', '西环', '车站', '学府', '健康', '振兴', '育才', '花园', '陆浑', '九皋',
  '鸣皋', '杨山', '天池', '龙潭', '翠屏', '书院', '程村', '太平'];
const ROAD_TAILS = ['路', '街', '大道', '巷'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑'];
const VILLAGE_TAILS = ['庄', '营', '沟', '坪', '岭', '寨', '屯', '洼', '湾', '店', '园', '堡', '河', '楼', '岗'];
const ESTATE_HEADS = ['阳光', '金色', '锦绣', '盛世', '书香', '翡翠', '御景', '新城', '康居', '和谐', '丽景', '名门', '秀水', '嵩阳', '伊水'];
const ESTATE_TAILS = ['小区', '花园', '家园', '新村', '华府', '苑'];

export const ROADS = ROAD_HEADS.flatMap((h, i) => ROAD_TAILS.filter((_, j) => (i + j) % 2 === 0).map((t) => h + t));
export const VILLAGES = SURNAMES.flatMap((s) => VILLAGE_TAILS.map((t) => `${s}${t}村`));
export const ESTATES = ESTATE_HEADS.flatMap((h) => ESTATE_TAILS.map((t) => h + t));

/** Problems: [category, phrase]; order = frequency rank. */
export const PROBLEMS: [string, string][] = [
  ['utilities', '路灯不亮，晚上一片漆黑'],
  ['environment', '垃圾没人清运，堆了好几天臭气熏天'],
  ['traffic', '车辆乱停乱放，小区门口经常堵车'],
  ['roads', '路面坑洼不平，下雨积水很深'],
  ['housing', '物业不作为，楼道灯坏了几个月没人修'],
  ['environment', '夜市噪音扰民，每天闹到凌晨'],
  ['utilities', '这几天一直停水，做饭洗衣都成问题'],
  ['traffic', '学校门口上下学时段拥堵，孩子过马路很危险'],
  ['housing', '电动车飞线充电，存在火灾隐患'],
  ['roads', '路面塌陷出现大坑，已经有电动车摔倒'],
  ['housing', '老旧小区没有电梯，老人上下楼困难，希望加装电梯'],
  ['environment', '饭店油烟直排，楼上住户不敢开窗'],
  ['utilities', '供暖温度不达标，家里只有十几度'],
  ['traffic', '红绿灯时间太短，行人来不及过马路'],
  ['health', '卫生室常用药经常缺药，老人买药要跑县城'],
  ['environment', '占道经营严重，人行道都被摆摊占满'],
  ['roads', '井盖缺失，晚上路过很危险'],
  ['utilities', '经常停电，冰箱里的东西都坏了'],
  ['traffic', '公交线路太少，老人去县城看病很不方便'],
  ['housing', '小区停车难，车位严重不足'],
  ['safety', '围墙开裂倾斜，随时可能倒塌'],
  ['environment', '河道里漂着垃圾，水发黑发臭'],
  ['roads', '减速带损坏，车辆经过声音很大'],
  ['elderly', '留守老人吃饭难，建议建设老年食堂'],
  ['education', '放学时间太早，家长接送困难，建议开展课后托管'],
  ['agriculture', '灌溉水渠堵塞多年，庄稼浇不上水'],
  ['traffic', '斑马线模糊看不清，车辆不礼让行人'],
  ['housing', '楼顶漏水，一下雨家里墙面全湿了'],
  ['environment', '建筑垃圾随意倾倒，扬尘很大'],
  ['safety', '流浪狗成群，已经有孩子被咬伤'],
  ['environment', '广场舞音响声音太大，影响休息'],
  ['utilities', '自来水发黄有异味，不敢直接饮用'],
  ['housing', '化粪池满溢，污水流到路上'],
  ['housing', '私搭乱建占用消防通道'],
  ['traffic', '充电桩太少，电动汽车充电排长队'],
  ['health', '村医年龄大，看病只能去镇上'],
  ['economy', '农贸市场秤不准，有商户缺斤少两'],
  ['social', '想咨询灵活就业人员怎么办理养老保险'],
  ['agriculture', '农产品销路不畅，希望搭建电商平台'],
  ['roads', '桥梁护栏锈蚀断裂，存在安全隐患'],
  ['environment', '公厕脏乱差，长期无人打扫'],
  ['utilities', '燃气管道有异味，担心泄漏'],
  ['traffic', '路口缺少信号灯，经常发生剐蹭'],
  ['culture', '建议修缮老戏台，恢复传统庙会'],
  ['elderly', '养老院床位紧张，排队要等半年'],
  ['education', '校车线路不覆盖，孩子上学要走很远'],
  ['safety', '高压线离房屋太近，下雨时滋滋作响'],
  ['environment', '养殖场粪污直排，周边气味难闻'],
  ['roads', '村道年久失修，拉农产品的车经常陷进去'],
  ['health', '医保报销手续复杂，跑了好几趟没办成'],
];

const OPENERS = ['', '', '', '我是附近居民，', '反映一个问题：', '您好，', '我家住在这里，', '多次打电话没人管，', '急！'];
const WHEN = ['', '最近', '这几天', '半个多月来', '从去年开始', '每到周末', '一到下雨天', '晚上', '每天早上'];
const IMPACTS = ['', '老人孩子出门很不安全', '严重影响周边居民生活', '群众意见很大', '已经反映过好几次了还没有解决',
  '附近商户也受影响', '存在很大的安全隐患', '大家都很着急', '给出行带来很大不便'];
const DETAILS = ['已经持续了一个多月', '附近有学校和医院', '周边住着几百户居民', '之前打过12345热线', '物业和社区互相推诿', '白天晚上都这样',
  '下班回家路过这里', '附近老人特别多', '很多群众都在议论', '拍了照片可以作证', '去年也出现过同样的情况', '社区说不归他们管'];
const REQUESTS = ['希望尽快处理。', '请有关部门尽快解决。', '希望政协帮忙协调。', '恳请领导重视。', '谢谢！', '请尽快派人来看看。',
  '希望能给个答复。', '建议相关部门加强管理。'];

export interface Townships { id: number; name: string }

export function reportMaker(seed: number) {
  const r = rng(seed);
  const road = zipf(ROADS, 1.0);
  const village = zipf(VILLAGES, 1.0);
  const estate = zipf(ESTATES, 1.0);
  const problem = zipf(PROBLEMS, 0.9);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return (townshipName: string) => {
    const kind = r();
    const place = kind < 0.45 ? `${road(r())}${Math.floor(r() * 200) + 1}号` : kind < 0.75 ? `${townshipName}${village(r())}` : `${road(r())}${estate(r())}`;
    const [category, p1] = problem(r());
    const parts = [pick(OPENERS), pick(WHEN), place, p1];
    parts.push(`，${pick(DETAILS)}`);
    if (r() < 0.5) { const p2 = problem(r())[1]; if (p2 !== p1) parts.push(`，另外${p2}`); }
    if (r() < 0.3) parts.push(`，${pick(DETAILS)}`);
    const impact = pick(IMPACTS);
    let text = parts.join('') + (impact ? `，${impact}` : '') + '，' + pick(REQUESTS);
    if (text.length < 45) text = `${townshipName}${text.slice(0, -1)}，${pick(DETAILS)}。`;
    if (text.length > 120) text = text.slice(0, 119) + '。';
    return { category, text, place: kind < 0.45 ? place.replace(/\d+号$/, '') : null, random: r };
  };
}
