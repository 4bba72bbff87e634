/**
 * Problem concepts: one token for the many ways people name the same problem (SEARCH.md — registers).
 * A citizen writes 灯不亮 / 黑咕隆咚, a hotline operator 路灯夜间不亮, a formal report 照明设施损坏; all
 * three carry the concept `streetlight`. Patterns run on normalised text (normalize.ts), so they see
 * simplified characters, half-width digits and lower case.
 *
 * A concept is a kind of problem, not a topic: 积水 (drainage) and 污水 (sewage) are different problems
 * on the same street, 缺药 and 村医不在 different problems of the same clinic. `generic` concepts are
 * broad (物业, 交通拥堵, 污染); sharing one of them is weaker evidence than sharing a specific one.
 */

export interface Concept {
  key: string;
  label: string;
  patterns: RegExp;
  generic?: boolean;
  /** A place-kind of problem with sub-problems (school-gate traffic: a jam, no crossing, speeding). */
  broad?: boolean;
}

const HAN_NO_LAMP = '[^灯。，,.!！？?；;]';

export const CONCEPTS: Concept[] = [
  {
    key: 'streetlight', label: '路灯照明',
    patterns: new RegExp([
      '路灯', '照明', '亮化', '黑灯瞎火', '摸黑', '黑咕隆咚', '乌漆麻黑', '黑灯', '灯杆', '灯泡', '灯头', '没有灯', '没灯', '装.{0,2}灯', '安.{0,2}灯',
      '(?<!红绿|信号|交通|指示|车|尾|台|吊|彩)灯.{0,4}(不亮|不着|坏|灭|闪|黑|不管用|不中|不起作用|瞎)',
      '(晚上|夜里|夜间|天黑|黑夜|黑了|夜晚).{0,8}(太黑|漆黑|黑乎乎|黑漆漆|黑得|看不清|看不见|啥也看不见|伸手不见五指)',
      // 路太黑 / 巷子里黑漆漆的: the dark street is the complaint, no time word needed.
      '(路|路上|街上|巷子|巷里|胡同|路段|那段|这段)(里|上)?(也|都|还)?(太|很|忒|可|老|特别|贼)?(黑乎乎|黑漆漆|黑咕隆咚|漆黑|黑(?!色|烟|水|臭|车|恶|社会))',
    ].join('|')),
  },
  {
    key: 'drainage', label: '积水排水',
    patterns: new RegExp([
      '积水', '内涝', '水淹', '被淹', '淹了', '淹水', '淹到', '蹚水', '趟水', '汪水', '汪着水', '排水', '排不出去', '排不走', '水漫',
      '下水道.{0,4}(堵|不通|不畅|冒|返)', '(水沟|阴沟|边沟|排水沟|明沟|暗沟|沟眼).{0,4}(堵|淤|不通|不畅|满)', '雨水.{0,6}(排不|倒灌|灌进|漫|流不)', '泄洪', '涵洞.{0,4}(堵|水)',
      '(一下雨|下雨|下大雨|雨天|暴雨|大雨|雨季).{0,12}(成河|成了河|汪洋|淹|过不去|没过|齐膝|没脚|脚脖|水深|一片水|都是水|全是水|水坑|泡在水|走不成|走不了)',
    ].join('|')),
  },
  {
    key: 'sewage', label: '污水外溢',
    patterns: /污水|化粪池|粪水|粪便|臭水|排污|生活废水|脏水|黑水|污水井|管道.{0,4}(冒|溢)/,
  },
  {
    key: 'garbage', label: '垃圾清运',
    patterns: new RegExp([
      '(?<!建筑|装修|烧|焚烧)垃圾(?!分类)', '(?<!建筑|装修)拉圾', '清运', '保洁', '环卫', '卫生死角', '垃圾桶', '垃圾箱', '收集点', '转运站',
      '(脏|乱).{0,3}差', '(没人|无人)(打扫|清扫|扫)',
    ].join('|')),
  },
  { key: 'debris', label: '建筑垃圾渣土', patterns: /建筑垃圾|装修垃圾|渣土|建渣|碎砖|土方/ },
  {
    key: 'parking', label: '停车',
    patterns: /停车|车位|违停|乱停|停放|停得|占道停|没地方停|停不下|(车|车辆).{0,6}(停满|乱停|随便停|乱摆|堵住|挡住|占了|占着)|堵.{0,2}(门口|出口|通道)|消防通道/,
  },
  {
    key: 'noise', label: '噪音扰民',
    patterns: /噪音|噪声|扰民|吵|广场舞|音响|喇叭|睡不着|睡不好|休息不好|轰隆|声音.{0,2}(太大|大)|叫卖|(半夜|深夜|夜里|晚上|凌晨).{0,8}(施工|打桩|干活|开工|响|放音乐)/,
  },
  {
    key: 'evcharging', label: '电动车充电',
    patterns: /充电|飞线|私拉.{0,4}线|拉线.{0,4}充|电瓶|电动车.{0,6}(楼道|楼梯|进楼|上楼)|(楼道|楼梯).{0,6}(电动车|电瓶车)/,
  },
  {
    key: 'road', label: '道路破损',
    patterns: new RegExp([
      '坑洼', '坑坑洼洼', '塌陷', '烂泥', '泥路', '土路', '翻浆', '大坑', '没硬化', '未硬化', '硬化', '修路', '颠簸', '年久失修', '路况差', '路况',
      `(马路|道路|路面|路)(?!灯|口|边|牌|线|过)${HAN_NO_LAMP}{0,3}?(破损|损坏|烂|坏|破|不平|坑|裂|沉|起皮|凹|难走|不好走)`,
      '坑.{0,2}(多|大|深|连坑)', '(水泥|柏油|沥青).{0,4}(碎|烂|翘|裂)', '路.{0,4}(修一修|修修|该修|没人修|修一下)',
    ].join('|')),
  },
  { key: 'manhole', label: '井盖', patterns: /井盖|窨井|下水井|井口|盖板|篦子|箅子/ },
  {
    key: 'watersupply', label: '供水停水',
    patterns: /停水|断水|没水|水压|供水|挑水|担水|不来水|不出水|水龙头.{0,4}(干|不出|没)|(?<!自)来水|出水.{0,2}(小|少)|自来水.{0,6}(停|没|小|断|不来|不出|不正常|时有时无|上不去)|吃水|饮水.{0,2}(困难|难|问题)|吃不上水|用不上水|水管.{0,4}(爆|破|裂|漏|冻)|管网.{0,4}(爆|破|漏)|水上不去/,
  },
  {
    key: 'waterquality', label: '水质',
    patterns: /水质|(自来水|水龙头|放出来的水|出来的水).{0,6}(发黄|浑|黄|有味|异味|有沙|泥沙|水垢|沉淀|不干净|白沫)|黄水|浑水/,
  },
  {
    key: 'schooltraffic', label: '学校门口交通', broad: true,
    patterns: new RegExp([
      '(学校|小学|中学|一小|二小|三小|一中|二中|一高|实验中学|幼儿园|校门|学校门口).{0,12}(拥堵|堵车|堵|交通|接送|乱停|车多|斑马线|红绿灯|危险|家长|过马路|减速带)',
      '(放学|上学|接送孩子|接孩子|送孩子|上下学|接送学生).{0,12}(堵|拥堵|车多|乱|危险|过马路|车流)',
    ].join('|')),
  },
  {
    key: 'trafficsafety', label: '交通设施',
    patterns: /红绿灯|信号灯|斑马线|人行横道|减速带|减速坎|交通标志|标线|护栏|隔离栏|过马路.{0,4}(危险|难|不安全)|交通事故|出过事故/,
  },
  {
    key: 'speeding', label: '车辆超速',
    patterns: new RegExp([
      '超速', '限速', '测速', '飙车', '开飞车', '车速.{0,3}(快|过高|太高)', '速度.{0,3}(太快|快得|飞快)',
      '(开|跑|骑|窜|冲|飙)(得|的)?(也|都)?(太|很|忒|可|老|贼|特别|非常|那么|飞)快', '(开|跑|骑|冲)得?(飞快|快得很|快得要命)',
    ].join('|')),
  },
  {
    // Who, not what: lorries make a problem of speed, noise, dust or a broken road; generic.
    key: 'heavytrucks', label: '大货车重车', generic: true,
    patterns: /大货车|货车|重型车|重车|大车|渣土车|拉土车|土方车|罐车|半挂|挂车|超载|超限|拉沙车|拉砂车|拉石头的车|拉土的/,
  },
  { key: 'congestion', label: '交通拥堵', generic: true, patterns: /堵车|拥堵|交通拥挤|车流量大|堵得|堵成|通行不畅|水泄不通/ },
  {
    key: 'clinicmedicine', label: '卫生室缺药',
    patterns: /缺药|没药|药品.{0,4}(不全|短缺|不足|不够|少|种类)|药.{0,2}(不全|短缺)|(买|拿|配|开)不到.{0,4}药|药.{0,4}(买不到|拿不到|配不到|没有|断了|断供|断档)|常用药|慢性病.{0,4}药|降压药|降糖药/,
  },
  {
    key: 'clinicstaff', label: '村医值守',
    patterns: /村医|乡村医生|值班医生|(卫生室|诊所|卫生院).{0,8}(没人|无人|锁门|关门|不开门|找不到人|不在|没医生)|找不到医生|没有医生|医生.{0,4}(不在|不来|没人)/,
  },
  { key: 'straydogs', label: '流浪犬', patterns: /流浪狗|流浪犬|野狗|恶犬|犬只|狗.{0,6}(咬|伤人|扑人|追人|乱跑|乱窜|成群|吓人)|遛狗.{0,4}(不拴|不牵|不栓)/ },
  { key: 'bus', label: '公交客运', patterns: /公交|班车|客车|坐车难|乘车难|通车|站牌|候车|线路.{0,4}(少|停|撤)|城乡公交|村村通/ },
  { key: 'power', label: '供电', patterns: /停电|断电|电压|跳闸|供电|变压器|电线杆|电杆|电线.{0,6}(老化|垂|掉|裸露|乱拉|乱接|耷拉|低)|(灯|电器).{0,4}带不动/ },
  { key: 'heating', label: '供暖', patterns: /暖气|供暖|采暖|集中供热/ },
  { key: 'gas', label: '燃气', patterns: /燃气|天然气|煤气|液化气|通气|气价/ },
  { key: 'elevator', label: '电梯', patterns: /电梯|加装电梯/ },
  { key: 'property', label: '物业管理', generic: true, patterns: /物业/ },
  { key: 'illegalbuilding', label: '违章建设', patterns: /违建|违章建筑|违法建设|违法建筑|私搭乱建|乱搭乱建|乱搭建|私自搭建|加盖|(私自|擅自|违规|偷偷|乱).{0,6}(盖|搭|建)(了|起)?.{0,3}(房|棚|屋|楼|围墙)|圈占|侵占.{0,4}(绿地|公共|道路)|彩钢房/ },
  { key: 'vendors', label: '占道经营', patterns: /占道经营|占道摆|占道卖|摊贩|摆摊|地摊|摊子|摊点|摊位|小摊|流动摊|商贩|小贩|出摊|卖菜的|卖水果的|(夜市|早市|集市|赶集|菜市).{0,10}(占|乱摆|摆到|摆在|堵)/ },
  {
    // 占道 by anyone: stalls, drying grain, building sand; generic, the specific concept says who.
    key: 'occupyroad', label: '占用道路', generic: true,
    patterns: new RegExp([
      '占道', '占路', '占用.{0,4}(道路|路面|车道|行车道|人行道|盲道|马路|公路|街道)', '(把|将)(路|马路|道|街|路面|人行道|半边路).{0,4}占',
      '占(了|着|去|掉)?.{0,3}(半边路|半拉路|半条路|半个路|路面|马路|车道|人行道)', '(路|马路|街|人行道)(都|全)?(被)?占(满|完|了|着)',
      '(摆|堆|晒|放|铺|摊)(到|在)了?(马路|路|路面|公路|街|人行道|路中间)(上|中间|边上)?',
    ].join('|')),
  },
  {
    key: 'cropdrying', label: '公路晒粮',
    patterns: new RegExp([
      '晒粮', '晾晒', '打场', '晒场',
      '(晒|摊|铺|晾|扬)(的|着)?(玉米|麦子|小麦|麦|稻谷|稻子|谷子|豆子|黄豆|大豆|花生|粮食|粮|辣椒|芝麻|红薯|烟叶|油菜籽)',
      '(路|公路|马路|路面|路上|道上|大道上).{0,4}晒',
    ].join('|')),
  },
  { key: 'greenery', label: '绿化树木', patterns: /绿化|树木|枯树|树枝|修剪|砍树|伐树|行道树|草坪|杂草|树.{0,3}(倒|歪|枯|死)/ },
  { key: 'toilet', label: '公共厕所', patterns: /公厕|厕所|卫生间|茅厕|旱厕/ },
  { key: 'burning', label: '焚烧冒烟', patterns: /焚烧|烧秸秆|烧垃圾|烧荒|浓烟|烟熏|冒黑烟|冒烟|烧塑料|烧轮胎/ },
  { key: 'pollution', label: '污染排放', generic: true, patterns: /粉尘|扬尘|排放|污染|刺鼻|废气|黑烟|异味|(工厂|厂子|厂里|养殖场|猪场|鸡场|养猪|养鸡).{0,8}(味|臭|污|排)/ },
  { key: 'irrigation', label: '农田灌溉', patterns: /灌溉|浇地|浇不上|水渠|沟渠|渠道|机井|抗旱|提灌|水利(?!部门|局|站|所)|农田.{0,4}水/ },
  { key: 'eldercare', label: '养老服务', patterns: /养老院|幸福院|敬老院|老年食堂|助餐|日间照料|养老服务|居家养老/ },
  { key: 'welfare', label: '社保医保', patterns: /医保|社保|低保|养老金|报销|参保|五保|救助|残疾.{0,2}补/ },
  { key: 'wages', label: '拖欠工资', patterns: /拖欠|欠薪|讨薪|工钱|工资.{0,4}(没|不|拖|欠)/ },
  { key: 'telecom', label: '通信网络', patterns: /信号(?!灯).{0,4}(差|弱|不好|没有|不行|断)|(没|没有|无)(手机)?信号|手机信号|网络|上网|没网|没有网|宽带|网速|基站|打电话.{0,6}(断|听不清|打不通)/ },
  { key: 'landslide', label: '塌方落石', patterns: /滑坡|塌方|落石|泥石流|山体|(山坡|山|坡|崖|挡墙|护坡).{0,3}(塌|垮|滑)|石头.{0,4}(滚|掉|落)/ },
  { key: 'bridge', label: '桥梁安全', patterns: /危桥|漫水桥|桥.{0,4}(危|塌|裂|断|护栏|栏杆|窄|晃)/ },
  { key: 'fitness', label: '健身设施', patterns: /健身器材|健身器械|体育器材|健身设施|健身路径|篮球场|运动场/ },
  { key: 'leak', label: '房屋漏水', patterns: /漏水|渗水|房顶漏|屋顶漏|墙.{0,2}渗/ },
  { key: 'dangerhouse', label: '危房', patterns: /危房|房屋.{0,4}(裂|塌|危险)|墙.{0,4}(裂缝|开裂|要塌)/ },
  { key: 'schoolmeal', label: '学校食堂', patterns: /食堂|营养餐|饭菜/ },
];

const BY_KEY = new Map(CONCEPTS.map((c) => [c.key, c]));
const GLOBAL = CONCEPTS.map((c) => ({ key: c.key, re: new RegExp(c.patterns.source, 'g') }));

export function conceptLabel(key: string): string {
  return BY_KEY.get(key)?.label ?? key;
}

export function isGenericConcept(key: string): boolean {
  return BY_KEY.get(key)?.generic === true;
}

/** Generic or broad: sharing it alone does not make one problem of two that each name another. */
export function isUmbrellaConcept(key: string): boolean {
  const c = BY_KEY.get(key);
  return c?.generic === true || c?.broad === true;
}

export interface ConceptHit {
  key: string;
  start: number;
  end: number;
}

/** Every place in normalised text where a concept matched. */
export function detectConcepts(norm: string): ConceptHit[] {
  const hits: ConceptHit[] = [];
  for (const c of GLOBAL) {
    for (const m of norm.matchAll(c.re)) hits.push({ key: c.key, start: m.index, end: m.index + m[0].length });
  }
  return hits;
}

/** The concept keys of a text, once each. */
export function conceptsOf(norm: string): string[] {
  const out: string[] = [];
  for (const c of CONCEPTS) if (c.patterns.test(norm)) out.push(c.key);
  return out;
}
