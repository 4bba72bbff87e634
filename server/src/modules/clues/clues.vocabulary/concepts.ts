/**
 * Problem concepts of clues as data: one token for the many ways people name the same problem (SEARCH.md —
 * registers). A citizen writes 灯不亮 / 黑咕隆咚, a hotline operator 路灯夜间不亮, a formal report 照明设施损坏; all
 * three carry the concept `streetlight`. The platform's generic matcher (platform/search/vocabulary.ts) reads it on
 * normalised text (simplified characters, half-width digits, lower case).
 *
 * A concept is a kind of problem, not a topic: 积水 (drainage) and 污水 (sewage) are different problems on the same
 * street, 缺药 and 村医不在 different problems of the same clinic. `generic` concepts are broad (物业, 交通拥堵, 污染);
 * sharing one of them is weaker evidence than sharing a specific one. `broad`: a place-kind of problem with
 * sub-problems (school-gate traffic: a jam, no crossing, speeding).
 *
 * Each concept: `phrases` (found anywhere), `patterns` (steps in order: one of `any`, `within` characters of the
 * step before, `optional`, vetoed by `notBefore` / `notAfter`), and example sentences it must and must not name
 * (clues.vocabulary.test.ts runs every one). A county adds its own words to a concept in its 词库 (clue_lexicon,
 * kind word with a concept). Changing the data changes every county's index version; a comment here changes nothing.
 */
import type { VocabularyConcept } from '../../../platform/search/vocabulary.ts';

/** Punctuation and 灯, which a road fault's window may not cross (滨河路灯坏了 is a lamp, not the road). */
const NO_LAMP = '灯。，,.!！？?；;';

/** Words that only qualify a problem: in a search, next to a concept's words they belong to it (照明 设施 损坏). */
export const CLUE_QUALIFIERS = ['设施', '设备', '损坏', '破损', '故障', '失修', '老化', '不亮', '坏了', '坏', '不足', '不够', '不及时', '难', '困难', '严重'];

export const CLUE_CONCEPTS: readonly VocabularyConcept[] = [
  {
    key: 'streetlight', label: '路灯照明',
    phrases: ['路灯', '照明', '亮化', '黑灯瞎火', '摸黑', '黑咕隆咚', '乌漆麻黑', '黑灯', '灯杆', '灯泡', '灯头', '没有灯', '没灯'],
    patterns: [
      [{ any: ['装', '安'] }, { any: ['灯'], within: 2 }],
      [{ any: ['灯'], notBefore: ['红绿', '信号', '交通', '指示', '车', '尾', '台', '吊', '彩'] },
        { any: ['不亮', '不着', '坏', '灭', '闪', '黑', '不管用', '不中', '不起作用', '瞎'], within: 4 }],
      [{ any: ['晚上', '夜里', '夜间', '天黑', '黑夜', '黑了', '夜晚'] },
        { any: ['太黑', '漆黑', '黑乎乎', '黑漆漆', '黑得', '啥也看不见', '伸手不见五指'], within: 8 }],
      // 路太黑 / 巷子里黑漆漆的: the dark street is the complaint, no time word needed.
      [{ any: ['路', '路上', '街上', '巷子', '巷里', '胡同', '路段', '那段', '这段'] }, { any: ['里', '上'], optional: true }, { any: ['也', '都', '还'], optional: true },
        { any: ['太', '很', '忒', '可', '老', '特别', '贼'], optional: true }, { any: ['黑乎乎', '黑漆漆', '黑咕隆咚', '漆黑'] }],
      [{ any: ['路', '路上', '街上', '巷子', '巷里', '胡同', '路段', '那段', '这段'] }, { any: ['里', '上'], optional: true }, { any: ['也', '都', '还'], optional: true },
        { any: ['太', '很', '忒', '可', '老', '特别', '贼'], optional: true }, { any: ['黑'], notAfter: ['色', '烟', '水', '臭', '车', '恶', '社会'] }],
    ],
    examples: {
      positive: ['路灯不亮', '照明设施损坏', '晚上黑咕隆咚的', '灯都不亮了', '黑灯瞎火', '后面的路太黑了', '巷子里黑漆漆的', '滨河路灯坏了', '建议加装路灯'],
      // Seeing badly at night is not a lamp fault: a pothole hit in the dark, a pedestrian drivers cannot see.
      negative: ['路口信号灯坏了', '污水黑乎乎的', '红绿灯坏了没人管', '路面坑坑洼洼', '晚上看不清直接开进坑里', '晚上车多，行人过马路根本看不清'],
    },
  },
  {
    key: 'drainage', label: '积水排水',
    phrases: ['积水', '内涝', '水淹', '被淹', '淹了', '淹水', '淹到', '蹚水', '趟水', '汪水', '汪着水', '排水', '排不出去', '排不走', '水漫', '泄洪'],
    patterns: [
      [{ any: ['下水道'] }, { any: ['堵', '不通', '不畅', '冒', '返'], within: 4 }],
      [{ any: ['水沟', '阴沟', '边沟', '排水沟', '明沟', '暗沟', '沟眼'] }, { any: ['堵', '淤', '不通', '不畅', '满'], within: 4 }],
      [{ any: ['雨水'] }, { any: ['排不', '倒灌', '灌进', '漫', '流不'], within: 6 }],
      [{ any: ['涵洞'] }, { any: ['堵', '水'], within: 4 }],
      [{ any: ['一下雨', '下雨', '下大雨', '雨天', '暴雨', '大雨', '雨季'] },
        { any: ['成河', '成了河', '汪洋', '淹', '过不去', '没过', '齐膝', '没脚', '脚脖', '水深', '一片水', '都是水', '全是水', '水坑', '泡在水', '走不成', '走不了'], within: 12 }],
    ],
    examples: { positive: ['一下雨就积水', '雨后内涝', '下大雨路上全是水', '得蹚水过', '下水道堵了'], negative: ['小区化粪池满了', '自来水停了三天'] },
  },
  {
    key: 'sewage', label: '污水外溢',
    phrases: ['污水', '化粪池', '粪水', '粪便', '臭水', '排污', '生活废水', '废水', '脏水', '黑水', '污水井'],
    patterns: [[{ any: ['管道'] }, { any: ['冒', '溢'], within: 4 }], [{ any: ['偷排', '偷着排', '偷着放水', '直排'] }]],
    examples: { positive: ['化粪池满了往外冒', '污水横流', '管道往外冒东西'], negative: ['一下雨就积水', '自来水发黄'] },
  },
  {
    key: 'garbage', label: '垃圾清运',
    phrases: ['清运', '保洁', '环卫', '卫生死角', '垃圾桶', '垃圾箱', '收集点', '转运站'],
    patterns: [
      [{ any: ['垃圾'], notBefore: ['建筑', '装修', '烧', '焚烧'], notAfter: ['分类'] }],
      [{ any: ['拉圾'], notBefore: ['建筑', '装修'] }],
      [{ any: ['脏', '乱'] }, { any: ['差'], within: 3 }],
      [{ any: ['没人', '无人'] }, { any: ['打扫', '清扫', '扫'] }],
    ],
    examples: { positive: ['垃圾没人拉', '生活垃圾清运不及时', '垃圾桶满了没人清', '街上脏乱差'], negative: ['建筑垃圾乱倒', '有人在地里焚烧垃圾', '垃圾分类宣传'] },
  },
  {
    key: 'debris', label: '建筑垃圾渣土',
    phrases: ['建筑垃圾', '装修垃圾', '渣土', '建渣', '碎砖', '土方'],
    examples: { positive: ['建筑垃圾乱倒', '路边堆着装修垃圾'], negative: ['垃圾没人拉'] },
  },
  {
    key: 'parking', label: '停车',
    phrases: ['停车', '车位', '违停', '乱停', '停放', '停得', '占道停', '没地方停', '停不下', '消防通道', '停满了车', '停满车', '停满了汽车'],
    patterns: [
      [{ any: ['车', '车辆'] }, { any: ['停满', '乱停', '随便停', '乱摆', '堵住', '挡住', '占了', '占着'], within: 6 }],
      [{ any: ['堵'] }, { any: ['门口', '出口', '通道'], within: 2 }],
    ],
    examples: { positive: ['停车难', '车位不足', '车辆乱停乱放', '车把门口堵住了'], negative: ['路面坑坑洼洼', '公交车太少'] },
  },
  {
    // Which source (a KTV, square dancing, a building site) is the problem: an umbrella.
    key: 'noise', label: '噪音扰民', broad: true,
    phrases: ['噪音', '噪声', '扰民', '吵', '广场舞', '音响', '睡不着', '睡不好', '休息不好', '轰隆', '叫卖', '炸街', '嗡嗡', 'ktv', '歌厅', '卡拉ok',
      '鬼哭狼嚎', '没办法睡', '没法睡', '困不着'],
    patterns: [
      [{ any: ['喇叭'], notBefore: ['按', '摁', '鸣', '按着', '按了', '直按', '狂按'] }],
      [{ any: ['声音'] }, { any: ['太大', '大'], within: 2 }],
      [{ any: ['半夜', '深夜', '夜里', '晚上', '凌晨'] }, { any: ['施工', '打桩', '干活', '开工', '响', '放音乐'], within: 8 }],
    ],
    examples: { positive: ['广场舞噪音大', '半夜施工太吵', '晚上工地还在打桩', '门口的店天天放大喇叭'], negative: ['路灯不亮', '停水三天了', '救护车堵在门口按喇叭出不去'] },
  },
  {
    key: 'venuenoise', label: '歌厅酒吧噪音',
    phrases: ['ktv', '歌厅', '卡拉ok', '酒吧', '夜总会', '唱歌', '唱到', '练歌房', '麦霸'],
    examples: { positive: ['楼下ktv唱到凌晨两点', '歌厅音响声音太大', '酒吧天天半夜放音乐'], negative: ['广场舞噪音大', '半夜施工太吵', '学校合唱比赛'] },
  },
  {
    key: 'dancenoise', label: '广场舞噪音',
    phrases: ['广场舞', '舞曲'],
    patterns: [[{ any: ['跳舞', '跳操', '健身操'] }, { any: ['音响', '音箱', '吵', '声音', '喇叭', '噪', '震天'], within: 10 }]],
    examples: { positive: ['广场舞噪音大', '公园里跳舞的音响开得震天响', '一早就放舞曲'], negative: ['楼下ktv唱到凌晨两点', '半夜施工太吵', '跳舞散步的人那么多，厕所却锁门了'] },
  },
  {
    key: 'sitenoise', label: '施工噪音',
    phrases: ['打桩', '夜间施工', '连夜施工', '搅拌机', '混凝土', '电锯', '切割机'],
    patterns: [[{ any: ['半夜', '深夜', '夜里', '晚上', '凌晨', '十二点', '一点'] }, { any: ['施工', '开工', '干活', '搅', '浇筑', '装修'], within: 8 }],
      [{ any: ['工地', '施工'] }, { any: ['吵', '噪音', '噪声', '睡不着', '响'], within: 10 }]],
    examples: { positive: ['半夜施工太吵', '工地晚上还在搅混凝土', '打桩机咚咚咚的'], negative: ['广场舞噪音大', '楼下ktv唱到凌晨两点', '工地扬尘太大'] },
  },
  {
    key: 'evcharging', label: '电动车充电',
    phrases: ['充电', '飞线', '电瓶'],
    patterns: [
      [{ any: ['私拉'] }, { any: ['线'], within: 4 }],
      [{ any: ['拉线'] }, { any: ['充'], within: 4 }],
      [{ any: ['电动车', '电瓶车'] }, { any: ['楼道', '楼梯', '进楼', '上楼', '电梯', '拉到家', '推回家', '推进家'], within: 8 }],
      [{ any: ['楼道', '楼梯'] }, { any: ['电动车', '电瓶车'], within: 6 }],
    ],
    examples: { positive: ['飞线充电', '没有充电桩', '电动车推进楼道里'], negative: ['停电了', '电梯老坏'] },
  },
  {
    key: 'road', label: '道路破损',
    phrases: ['坑洼', '坑坑洼洼', '塌陷', '烂泥', '泥路', '土路', '翻浆', '大坑', '没硬化', '未硬化', '硬化', '修路', '颠簸', '年久失修', '路况差', '路况', '烂成泥'],
    patterns: [
      [{ any: ['马路', '道路', '路面', '路', '那条道', '这条道', '村道', '土道'], notAfter: ['灯', '口', '边', '牌', '线', '过'] },
        { any: ['破损', '损坏', '烂', '坏', '破', '不平', '坑', '裂', '沉', '起皮', '凹', '难走', '不好走'], within: 3, windowStops: NO_LAMP }],
      [{ any: ['坑'] }, { any: ['多', '大', '深', '连坑'], within: 2 }],
      [{ any: ['水泥', '柏油', '沥青'] }, { any: ['碎', '烂', '翘', '裂'], within: 4 }],
      [{ any: ['路'] }, { any: ['修一修', '修修', '该修', '没人修', '修一下'], within: 4 }],
    ],
    examples: { positive: ['路面坑坑洼洼', '路面塌陷', '这条路烂得不成样子', '水泥路面都碎了'], negative: ['滨河路灯坏了', '路口信号灯坏了'] },
  },
  {
    key: 'manhole', label: '井盖',
    phrases: ['井盖', '窨井', '下水井', '井口', '盖板', '篦子', '箅子'],
    examples: { positive: ['井盖丢了', '下水井没盖'], negative: ['下水道堵了'] },
  },
  {
    key: 'watersupply', label: '供水停水',
    phrases: ['停水', '断水', '没水', '没有水', '水压', '供水', '挑水', '担水', '不来水', '不出水', '吃水', '吃不上水', '用不上水', '水上不去', '停供'],
    patterns: [
      [{ any: ['水龙头'] }, { any: ['干', '不出', '没'], within: 4 }],
      [{ any: ['来水'], notBefore: ['自'] }],
      [{ any: ['出水'] }, { any: ['小', '少'], within: 2 }],
      [{ any: ['自来水'] }, { any: ['停', '没', '小', '断', '不来', '不出', '不正常', '时有时无', '上不去'], within: 6 }],
      [{ any: ['饮水'] }, { any: ['困难', '难', '问题'], within: 2 }],
      [{ any: ['水管'] }, { any: ['爆', '破', '裂', '漏', '冻'], within: 4 }],
      [{ any: ['管网'] }, { any: ['爆', '破', '漏'], within: 4 }],
    ],
    examples: { positive: ['经常停水', '水压太低', '自来水时有时无', '供水管道冻裂，请水利部门抢修'], negative: ['自来水发黄', '一下雨就积水'] },
  },
  {
    key: 'waterquality', label: '水质',
    phrases: ['水质', '黄水', '浑水', '水发黄', '水发浑', '铁锈味', '锈水', '水黄', '水浑'],
    patterns: [[{ any: ['自来水', '水龙头', '放出来的水', '出来的水', '吃的水', '喝的水'] }, { any: ['发黄', '浑', '黄', '有味', '异味', '怪味', '锈', '腥', '有沙', '泥沙', '水垢', '沉淀', '不干净', '白沫'], within: 6 }]],
    examples: { positive: ['自来水发黄', '水龙头出来的水有异味'], negative: ['经常停水'] },
  },
  {
    key: 'schooltraffic', label: '学校门口交通', broad: true,
    phrases: [],
    patterns: [
      [{ any: ['学校', '小学', '中学', '一小', '二小', '三小', '一中', '二中', '一高', '实验中学', '幼儿园', '校门', '学校门口'] },
        { any: ['拥堵', '堵车', '堵', '交通', '接送', '乱停', '车多', '斑马线', '红绿灯', '危险', '家长', '过马路', '减速带'], within: 12 }],
      [{ any: ['四小', '五小', '六小', '七小', '八小', '九小', '三中', '四中', '五中'] },
        { any: ['拥堵', '堵车', '堵', '交通', '接送', '乱停', '车多', '斑马线', '红绿灯', '家长', '过马路', '减速带'], within: 12 }],
      [{ any: ['放学', '上学', '接送孩子', '接孩子', '送孩子', '上下学', '接送学生'] }, { any: ['堵', '拥堵', '车多', '乱', '危险', '过马路', '车流'], within: 12 }],
    ],
    examples: { positive: ['学校门口接孩子的车堵路', '放学时门口车多很危险'], negative: ['学校食堂饭菜不好', '路灯不亮'] },
  },
  {
    // The kind of thing (lights, crossings, barriers), with sub-problems: a light out vs a light too short.
    key: 'trafficsafety', label: '交通设施', broad: true,
    phrases: ['红绿灯', '信号灯', '斑马线', '人行横道', '减速带', '减速坎', '交通标志', '标线', '护栏', '隔离栏', '交通事故', '出过事故'],
    patterns: [[{ any: ['过马路'] }, { any: ['危险', '难', '不安全'], within: 4 }]],
    examples: { positive: ['路口信号灯坏了', '这里需要画斑马线', '过马路很危险'], negative: ['路灯不亮'] },
  },
  {
    key: 'speeding', label: '车辆超速',
    phrases: ['超速', '限速', '测速', '飙车', '开飞车', '炸街'],
    patterns: [
      [{ any: ['车速'] }, { any: ['快', '过高', '太高'], within: 3 }],
      [{ any: ['速度'] }, { any: ['太快', '快得', '飞快'], within: 3 }],
      [{ any: ['开', '跑', '骑', '窜', '冲', '飙'] }, { any: ['得', '的'], optional: true }, { any: ['也', '都'], optional: true },
        { any: ['太', '很', '忒', '可', '老', '贼', '特别', '非常', '那么', '飞'] }, { any: ['快'] }],
      [{ any: ['开', '跑', '骑', '冲'] }, { any: ['得'], optional: true }, { any: ['飞快', '快得很', '快得要命'] }],
    ],
    examples: { positive: ['拉土的大车跑得太快', '重型货车超速行驶', '车都开得飞快'], negative: ['堵车很严重', '车辆乱停'] },
  },
  {
    // Who, not what: lorries make a problem of speed, noise, dust or a broken road; generic.
    key: 'heavytrucks', label: '大货车重车', generic: true,
    phrases: ['大货车', '货车', '重型车', '重车', '大车', '渣土车', '拉土车', '土方车', '罐车', '半挂', '挂车', '超载', '超限', '拉沙车', '拉砂车', '拉石头的车', '拉土的'],
    examples: { positive: ['大货车天天从村里过', '渣土车撒了一路土'], negative: ['公交车太少'] },
  },
  {
    key: 'congestion', label: '交通拥堵', generic: true,
    phrases: ['堵车', '拥堵', '交通拥挤', '车流量大', '堵得', '堵成', '通行不畅', '水泄不通'],
    examples: { positive: ['早高峰堵车', '路口拥堵'], negative: ['下水道不通'] },
  },
  {
    key: 'clinicmedicine', label: '卫生室缺药',
    phrases: ['缺药', '没药', '常用药', '降压药', '降糖药'],
    patterns: [
      [{ any: ['药品'] }, { any: ['不全', '短缺', '不足', '不够', '少', '种类'], within: 4 }],
      [{ any: ['药'] }, { any: ['不全', '短缺'], within: 2 }],
      [{ any: ['买', '拿', '配', '开'] }, { any: ['不到'] }, { any: ['药'], within: 4 }],
      [{ any: ['药'] }, { any: ['买不到', '拿不到', '配不到', '没有', '断了', '断供', '断档'], within: 4 }],
      [{ any: ['慢性病'] }, { any: ['药'], within: 4 }],
    ],
    examples: { positive: ['村卫生室缺药', '降压药买不到', '药品配备不足'], negative: ['村医不在岗', '医保报销难'] },
  },
  {
    key: 'clinicstaff', label: '村医值守',
    phrases: ['村医', '乡村医生', '值班医生', '找不到医生', '没有医生', '医生不够', '医生太少', '多排个医生', '就一个医生', '没大夫', '就一个大夫', '找不到大夫'],
    patterns: [
      [{ any: ['急诊', '夜里', '晚上', '半夜', '夜间'] }, { any: ['没医生', '没大夫', '没人看', '一个人顶', '就一个人', '等了一个多', '等太久', '等了四十'], within: 12 }],
      [{ any: ['卫生室', '诊所', '卫生院'] }, { any: ['没人', '无人', '锁门', '关门', '不开门', '找不到人', '不在', '没医生'], within: 8 }],
      [{ any: ['医生'] }, { any: ['不在', '不来', '没人'], within: 4 }],
    ],
    examples: { positive: ['村医经常不在', '卫生室白天锁门'], negative: ['村卫生室缺药'] },
  },
  {
    key: 'straydogs', label: '流浪犬',
    phrases: ['流浪狗', '流浪犬', '野狗', '恶犬', '犬只'],
    patterns: [
      [{ any: ['狗'] }, { any: ['咬', '伤人', '扑人', '追人', '乱跑', '乱窜', '成群', '吓人'], within: 6 }],
      [{ any: ['遛狗'] }, { any: ['不拴', '不牵', '不栓'], within: 4 }],
    ],
    examples: { positive: ['流浪狗咬人', '野狗咬伤村民', '遛狗不拴绳'], negative: ['猪场臭味大'] },
  },
  {
    // A topic with sub-problems (fares, lines, stops, stoppages); "公交车都过不去" is the road's problem, not the bus's.
    key: 'bus', label: '公交客运', broad: true,
    phrases: ['班车', '班线', '班次', '发车', '客车', '客运', '停运', '坐车难', '乘车难', '通车', '站牌', '候车', '城乡公交', '村村通'],
    patterns: [
      [{ any: ['线路'] }, { any: ['少', '停', '撤'], within: 4 }],
      [{ any: ['公交'], notAfter: ['车都过不去', '车都进不去', '车也过不去', '车过不去', '车进不去', '车都进不去站'] }],
    ],
    examples: { positive: ['公交车太少', '班车停运了', '公交线路集中在一条街'], negative: ['车辆乱停', '接孩子的车把街堵死了，公交车都过不去'] },
  },
  {
    key: 'power', label: '供电',
    phrases: ['停电', '断电', '电压', '跳闸', '供电', '变压器', '电线杆', '电杆'],
    patterns: [
      [{ any: ['电线'] }, { any: ['老化', '垂', '掉', '裸露', '乱拉', '乱接', '耷拉', '低'], within: 6 }],
      [{ any: ['灯', '电器'] }, { any: ['带不动'], within: 4 }],
    ],
    examples: { positive: ['电压低', '经常停电', '电线老化'], negative: ['飞线充电'] },
  },
  {
    key: 'heating', label: '供暖',
    phrases: ['暖气', '供暖', '采暖', '集中供热', '供热', '取暖', '暖气片', '热力公司'],
    examples: { positive: ['暖气不热'], negative: ['燃气涨价'] },
  },
  {
    key: 'gas', label: '燃气',
    phrases: ['燃气', '天然气', '煤气', '液化气', '通气', '气价'],
    examples: { positive: ['天然气一直没通'], negative: ['暖气不热'] },
  },
  {
    // A lift that fails (or one to be fitted); a lift merely named (电瓶车推进电梯) is not the problem.
    key: 'elevator', label: '电梯',
    phrases: ['电梯故障', '加装电梯', '困电梯', '电梯困人', '升降梯'],
    patterns: [[{ any: ['电梯', '梯'] }, { any: ['坏', '停', '故障', '困', '关了人', '关人', '把人关', '不动', '维修', '维保', '年检', '趴窝', '卡住', '出事', '掉', '晃', '异响'], within: 8 }]],
    examples: { positive: ['电梯老坏', '9幢电梯又坏了', '电梯三天两头停', '电梯把人关在里面'], negative: ['楼道里堆杂物', '把电瓶车推进电梯拉到家里充电'] },
  },
  {
    key: 'property', label: '物业管理', generic: true,
    phrases: ['物业'],
    examples: { positive: ['物业不作为'], negative: ['小区停车难'] },
  },
  {
    key: 'illegalbuilding', label: '违章建设',
    phrases: ['违建', '违章建筑', '违法建设', '违法建筑', '私搭乱建', '乱搭乱建', '乱搭建', '私自搭建', '加盖', '圈占', '彩钢房'],
    patterns: [
      [{ any: ['私自', '擅自', '违规', '偷偷', '乱'] }, { any: ['盖', '搭', '建'], within: 6 }, { any: ['了', '起'], optional: true }, { any: ['房', '棚', '屋', '楼', '围墙'], within: 3 }],
      [{ any: ['侵占'] }, { any: ['绿地', '公共', '道路'], within: 4 }],
    ],
    examples: { positive: ['私搭乱建', '有人私自在绿地上盖了个棚子'], negative: ['加装电梯'] },
  },
  {
    key: 'vendors', label: '占道经营',
    // Stalls where they should not be; a stall named in a market (鱼摊子秤不足) is the market's business.
    phrases: ['占道经营', '占道摆', '占道卖', '摆摊', '地摊', '流动摊', '出摊', '马路市场'],
    patterns: [
      [{ any: ['夜市', '早市', '集市', '赶集', '菜市'] }, { any: ['占', '乱摆', '摆到', '摆在', '堵'], within: 10 }],
      [{ any: ['摊', '摊子', '摊贩', '摊位', '摊点', '商贩', '小贩', '卖菜的', '卖水果的'] },
        { any: ['占', '摆到', '摆在', '堵', '马路', '路上', '人行道', '路边', '街上', '路中间', '门口'], within: 10 }],
    ],
    examples: { positive: ['摊贩占道', '摊子摆到马路上了', '早市把路都占了', '卖菜的都摆到路上'], negative: ['公路上晾晒粮食', '菜场鱼摊子秤不足，少了三两'] },
  },
  {
    // 占道 by anyone: stalls, drying grain, building sand; generic, the specific concept says who.
    key: 'occupyroad', label: '占用道路', generic: true,
    phrases: ['占道', '占路'],
    patterns: [
      [{ any: ['占用'] }, { any: ['道路', '路面', '车道', '行车道', '人行道', '盲道', '马路', '公路', '街道'], within: 4 }],
      [{ any: ['把', '将'] }, { any: ['路', '马路', '道', '街', '路面', '人行道', '半边路'] }, { any: ['占'], within: 4 }],
      [{ any: ['占'] }, { any: ['了', '着', '去', '掉'], optional: true }, { any: ['半边路', '半拉路', '半条路', '半个路', '路面', '马路', '车道', '人行道'], within: 3 }],
      [{ any: ['路', '马路', '街', '人行道'] }, { any: ['都', '全'], optional: true }, { any: ['被'], optional: true }, { any: ['占'] }, { any: ['满', '完', '了', '着'] }],
      [{ any: ['摆', '堆', '晒', '放', '铺', '摊'] }, { any: ['到', '在'] }, { any: ['了'], optional: true }, { any: ['马路', '路', '路面', '公路', '街', '人行道', '路中间'] }, { any: ['上', '中间', '边上'], optional: true }],
    ],
    examples: { positive: ['夜市一到天黑就把路占完了', '摊子摆到马路上了', '占道经营'], negative: ['停车难'] },
  },
  {
    key: 'cropdrying', label: '公路晒粮',
    phrases: ['晒粮', '晾晒', '打场', '晒场'],
    patterns: [
      [{ any: ['晒', '摊', '铺', '晾', '扬'] }, { any: ['的', '着'], optional: true },
        { any: ['玉米', '麦子', '小麦', '麦', '稻谷', '稻子', '谷子', '豆子', '黄豆', '大豆', '花生', '粮食', '粮', '辣椒', '芝麻', '红薯', '烟叶', '油菜籽'] }],
      [{ any: ['路', '公路', '马路', '路面', '路上', '道上', '大道上'] }, { any: ['晒'], within: 4 }],
    ],
    examples: { positive: ['公路上晾晒粮食', '路上到处是晒的玉米'], negative: ['摊贩占道'] },
  },
  {
    key: 'greenery', label: '绿化树木',
    phrases: ['绿化', '树木', '枯树', '树枝', '修剪', '砍树', '伐树', '行道树', '草坪', '杂草'],
    patterns: [[{ any: ['树'] }, { any: ['倒', '歪', '枯', '死'], within: 3 }]],
    examples: { positive: ['树枝挡路', '门口那棵树快倒了'], negative: ['公厕太脏'] },
  },
  {
    key: 'toilet', label: '公共厕所',
    phrases: ['公厕', '厕所', '卫生间', '茅厕', '旱厕'],
    examples: { positive: ['公厕太脏'], negative: ['垃圾没人拉'] },
  },
  {
    key: 'burning', label: '焚烧冒烟',
    phrases: ['焚烧', '烧秸秆', '烧垃圾', '烧荒', '浓烟', '烟熏', '冒黑烟', '冒烟', '烧塑料', '烧轮胎', '烟尘', '烧煤', '黑烟'],
    patterns: [[{ any: ['烧'] }, { any: ['秸秆', '秆子', '苞米秆', '玉米秆', '稻草', '麦秸', '禾杆', '稻秆'], within: 4 }]],
    examples: { positive: ['烧秸秆冒烟', '有人焚烧垃圾'], negative: ['养殖场臭味'] },
  },
  {
    key: 'pollution', label: '污染排放', generic: true,
    phrases: ['粉尘', '扬尘', '排放', '污染', '刺鼻', '废气', '黑烟', '异味'],
    patterns: [[{ any: ['工厂', '厂子', '厂里', '养殖场', '猪场', '鸡场', '牛场', '羊场', '养猪', '养鸡', '养牛', '牛粪', '猪粪', '鸡粪'] }, { any: ['味', '臭', '污', '排'], within: 8 }],
      [{ any: ['烟囱', '冒的烟', '冒烟', '排的烟'] }, { any: ['黑', '呛', '熏', '臭'], within: 8 }]],
    examples: { positive: ['养殖场臭味', '工地扬尘大'], negative: ['烧秸秆'] },
  },
  {
    key: 'irrigation', label: '农田灌溉',
    phrases: ['灌溉', '浇地', '浇不上', '水渠', '沟渠', '渠道', '机井', '抗旱', '提灌'],
    patterns: [
      [{ any: ['水利'], notAfter: ['部门', '局', '站', '所'] }],
      [{ any: ['农田'] }, { any: ['水'], within: 4 }],
    ],
    examples: { positive: ['浇地难', '水渠堵了'], negative: ['供水管道冻裂，请水利部门抢修'] },
  },
  {
    // The care of the old, with sub-problems (fees, food, a closed centre, a waiting list).
    key: 'eldercare', label: '养老服务', broad: true,
    phrases: ['养老院', '幸福院', '敬老院', '老年食堂', '助餐', '日间照料', '养老服务', '居家养老'],
    examples: { positive: ['村里的幸福院不开门'], negative: ['养老金没发'] },
  },
  {
    key: 'welfare', label: '社保医保',
    phrases: ['医保', '社保', '低保', '养老金', '报销', '参保', '五保', '救助', '特困', '养老保险', '资格认证', '刷脸', '人脸认证', '社保卡', '新农合', '退休工资', '退休金'],
    patterns: [[{ any: ['残疾'] }, { any: ['补'], within: 2 }]],
    examples: { positive: ['医保报销难', '养老金没发'], negative: ['工资拖欠'] },
  },
  {
    key: 'wages', label: '拖欠工资',
    phrases: ['拖欠', '欠薪', '讨薪', '工钱', '血汗钱', '农民工工资', '包工头跑', '包工头卷钱', '没发钱', '没给钱', '不发钱', '公益岗', '公益性岗位'],
    patterns: [
      [{ any: ['工资'], notBefore: ['退休'] }, { any: ['没', '不', '拖', '欠'], within: 4 }],
      [{ any: ['欠', '拖'] }, { any: ['工资', '薪水'], within: 20 }],
      // Said as "the money": 工地上干了一年，钱没给.
      [{ any: ['干活', '打工', '务工', '工友', '瓦工', '小工', '做工', '工地', '干了'] }, { any: ['钱没给', '钱没发', '钱不给', '钱没结', '没结账', '没结钱', '钱拿不到', '钱要不到'], within: 20 }],
    ],
    examples: { positive: ['工地拖欠工钱', '工资一直没发', '欠俺工资八个月了', '包工头卷钱跑了', '在工地上干瓦工的，一年的钱没给'], negative: ['养老金没发', '健身房老板跑路了', '补贴的钱没发'] },
  },
  {
    key: 'telecom', label: '通信网络',
    phrases: ['手机信号', '网络', '上网', '没网', '没有网', '宽带', '网速', '基站'],
    patterns: [
      [{ any: ['信号'], notAfter: ['灯'] }, { any: ['差', '弱', '不好', '没有', '不行', '断'], within: 4 }],
      [{ any: ['没', '没有', '无'] }, { any: ['手机'], optional: true }, { any: ['信号'] }],
      [{ any: ['打电话'] }, { any: ['断', '听不清', '打不通'], within: 6 }],
    ],
    examples: { positive: ['手机没信号', '部分村民组没信号', '宽带网速太慢'], negative: ['路口信号灯坏了'] },
  },
  {
    key: 'landslide', label: '塌方落石',
    phrases: ['滑坡', '塌方', '落石', '泥石流', '山体'],
    patterns: [
      [{ any: ['山坡', '山', '坡', '崖', '挡墙', '护坡'] }, { any: ['塌', '垮', '滑'], within: 3 }],
      [{ any: ['石头'] }, { any: ['滚', '掉', '落'], within: 4 }],
      [{ any: ['滚', '掉', '落'] }, { any: ['石头'], within: 3 }],
    ],
    examples: { positive: ['山体滑坡', '路边石头往下掉'], negative: ['路面塌陷'] },
  },
  {
    key: 'bridge', label: '桥梁安全',
    phrases: ['危桥', '漫水桥'],
    patterns: [[{ any: ['桥'] }, { any: ['危', '塌', '裂', '断', '护栏', '栏杆', '窄', '晃', '颤', '露筋', '伸缩缝', '接缝', '钢板', '铁板', '翘'], within: 8 }]],
    examples: { positive: ['村口那座桥裂了', '危桥没人修', '大桥桥面好几道大裂缝', '新桥上有个铁板翘起来了'], negative: ['路面坑坑洼洼'] },
  },
  {
    key: 'fitness', label: '健身设施',
    phrases: ['健身器材', '健身器械', '体育器材', '健身设施', '健身路径', '篮球场', '运动场'],
    examples: { positive: ['广场上的健身器材坏了'], negative: ['广场舞噪音大'] },
  },
  {
    key: 'leak', label: '房屋漏水',
    phrases: ['漏水', '渗水', '渗漏', '漏雨', '房顶漏', '屋顶漏', '楼顶漏'],
    patterns: [
      [{ any: ['墙'] }, { any: ['渗'], within: 2 }],
      [{ any: ['屋顶', '房顶', '楼顶', '顶楼', '顶层', '屋里', '家里', '天花板', '天棚', '棚顶', '防水'] }, { any: ['漏', '渗', '滴水', '往下滴'], within: 8 }],
    ],
    examples: { positive: ['楼上漏水', '房顶漏了', '顶楼一下雨屋里就漏', '屋顶渗漏', '楼顶防水层坏了往下渗'], negative: ['经常停水', '水管漏了没水吃'] },
  },
  {
    key: 'dangerhouse', label: '危房',
    phrases: ['危房'],
    patterns: [
      [{ any: ['房屋'] }, { any: ['裂', '塌', '危险'], within: 4 }],
      [{ any: ['墙'] }, { any: ['裂缝', '开裂', '要塌'], within: 4 }],
    ],
    examples: { positive: ['老房子成了危房', '墙上裂缝越来越大'], negative: ['楼上漏水'] },
  },
  {
    key: 'schoolmeal', label: '学校食堂',
    phrases: ['食堂', '营养餐', '饭菜'],
    examples: { positive: ['学校食堂饭菜不好', '营养餐的牛奶好久没发了'], negative: ['学校门口接孩子的车堵路'] },
  },
  {
    key: 'signalfault', label: '信号灯故障',
    phrases: ['信号灯故障', '红绿灯故障'],
    patterns: [[{ any: ['红绿灯', '信号灯', '交通灯'] }, { any: ['坏', '不亮', '灭', '闪黄灯', '一直闪', '不工作', '不好使', '失灵', '不变', '黑了'], within: 8 }]],
    examples: { positive: ['路口红绿灯坏了三天', '信号灯一直闪黄灯', '红绿灯不亮了'], negative: ['红绿灯时间太短', '这个路口需要装个红绿灯'] },
  },
  {
    key: 'signaltiming', label: '信号灯时长',
    patterns: [[{ any: ['红绿灯', '信号灯', '绿灯', '红灯'] }, { any: ['时间', '秒', '太短', '太长', '时长', '等半天', '等太久'], within: 8 }]],
    phrases: [],
    examples: { positive: ['红绿灯时间太短，老人走不过去', '行人绿灯只有十几秒'], negative: ['红绿灯坏了没人管'] },
  },
  {
    key: 'illegaltaxi', label: '黑车揽客',
    phrases: ['黑车', '非法营运', '揽客', '拉客', '抢客', '黑出租', '拉脚', '趴活'],
    examples: { positive: ['汽车站门口好多黑车抢客', '汽车站那些拉客的面包车太霸道了', '非法营运车辆聚集'], negative: ['公交车太少', '出租车乱停'] },
  },
  {
    key: 'shortweight', label: '缺斤少两',
    phrases: ['缺斤少两', '缺斤短两', '短斤少两', '短秤', '鬼秤', '黑心秤', '扣秤', '少秤', '秤不准', '作弊秤', '秤不足', '斤两不对', '斤两都不对', '多称', '计量器具'],
    patterns: [
      [{ any: ['秤'] }, { any: ['有问题', '不对', '不准', '做手脚', '动手脚', '做了手脚', '猫腻', '鬼', '麻达', '毛病', '不足'], within: 4 }],
      [{ any: ['加油', '油枪', '加了'] }, { any: ['不足量', '不够数', '不够', '少了', '不足'], within: 12 }],
      [{ any: ['一称', '再称', '复称', '回家称', '回去称', '称了一下'] }, { any: ['少', '不够', '差'], within: 8 }],
      [{ any: ['电子秤'] }, { any: ['改装', '做手脚', '动手脚', '有问题', '不准'], within: 8 }],
    ],
    examples: { positive: ['菜市场有人缺斤少两', '卖肉的那家秤有问题', '买两斤回家一称少了三两'], negative: ['菜价太贵了', '市场里卫生太差'] },
  },
  {
    key: 'scalper', label: '号贩子',
    phrases: ['号贩子', '黄牛', '倒号', '倒卖号', '炒号', '票贩子', '倒卖专家号'],
    examples: { positive: ['医院门口有号贩子', '黄牛两百块卖一个专家号'], negative: ['医院看病排队太久'] },
  },
  {
    key: 'price', label: '收费价格',
    phrases: ['乱收费', '收费太高', '收费高', '收费贵', '乱涨价', '涨价', '价格太高', '太贵', '贵一倍', '多收费', '多收钱', '明码标价', '门票', '高价', '物业费', '宰客', '还贵',
      '退费', '不退钱', '不给退', '二次收费', '捆绑收费', '另外收', '还要买票', '坑人', '重复收费', '收两次', '又收一次', '再收一次', '又要买一张', '再买一张', '另设收费'],
    patterns: [
      [{ any: ['票价', '价格', '价钱', '收费', '房租', '学费', '车费'] }, { any: ['涨', '翻倍', '翻了'], within: 6 }],
      [{ any: ['让交', '要交', '得交', '另交', '额外交', '还要交', '强制交'] }, { any: ['费', '钱'], within: 10 }],
      [{ any: ['比'] }, { any: ['贵'], within: 8 }],
    ],
    examples: { positive: ['景区门票从40涨到80', '卫生院拿药比药店贵一倍', '幼儿园收费太高', '停车场乱收费'], negative: ['工资一直没发', '停车位不够'] },
  },
  {
    key: 'prepaid', label: '预付卡退费',
    phrases: ['预付卡', '办卡', '办的卡', '办了卡', '会员卡', '充值卡', '年卡', '退卡', '退费', '不给退', '押金'],
    patterns: [[{ any: ['充了', '办了', '充值了', '存了'] }, { any: ['卡'], within: 8 }]],
    examples: { positive: ['健身房老板跑路了，办的卡没法退', '理发店的充值卡用不了了'], negative: ['工地拖欠工钱', '超市卖过期面包'] },
  },
  {
    key: 'foodsafety', label: '食品安全',
    // 发霉 of food only: a damp bedroom 发霉 is the leak's.
    phrases: ['过期食品', '过期', '保质期', '变质', '食物中毒', '吃坏肚子', '拉肚子', '地沟油', '三无', '假酒', '日期标签', '注水肉'],
    patterns: [
      [{ any: ['肉'] }, { any: ['注水', '注了水', '打了水'], within: 4 }],
      [{ any: ['食品', '面包', '馒头', '大米', '面粉', '饭', '菜', '肉', '奶', '零食', '辣条'] }, { any: ['发霉', '霉变', '长毛'], within: 6 }],
      [{ any: ['后厨', '厨房', '饭店', '餐馆', '饭馆', '小吃店'] }, { any: ['脏', '埋汰', '不卫生', '老鼠', '苍蝇', '蟑螂', '拖布'], within: 10 }],
    ],
    examples: { positive: ['超市卖过期面包', '在饭馆吃了饭拉肚子', '卖的是三无产品'], negative: ['学校食堂饭菜不好', '菜价太贵了'] },
  },
  {
    key: 'dust', label: '粉尘扬尘',
    phrases: ['粉尘', '扬尘', '灰尘', '尘土', '灰大', '一层灰', '全是灰', '满是灰', '漫天灰', '起灰', '灰太大', '黑灰', '锯末'],
    patterns: [[{ any: ['灰'] }, { any: ['太', '贼', '老', '特别', '真', '可', '很', '忒', '也'] }, { any: ['大'] }]],
    examples: { positive: ['石材厂粉尘大', '工地扬尘', '窗台一天一层灰', '灰大得很'], negative: ['垃圾桶满了没人收', '烧秸秆冒烟'] },
  },
  {
    key: 'schoolzoning', label: '入学划片',
    phrases: ['划片', '学区', '就近入学', '入学难', '入园难', '上学难', '学位', '招生'],
    patterns: [[{ any: ['划到', '划给', '划入', '划进'] }, { any: ['小学', '中学', '学校', '实小', '一小', '二小', '三小'], within: 8 }]],
    examples: { positive: ['小区被划到三小学区', '今年划片把我们划远了', '孩子上学难'], negative: ['学校门口堵车', '学校食堂饭菜不好'] },
  },
  {
    // Which subsidy (farm machinery, straw, students, old age) is the problem: an umbrella.
    key: 'subsidy', label: '补贴资助', broad: true,
    phrases: ['补贴', '补助', '津贴', '资助', '助学金', '贫困生', '奖补', '救济'],
    examples: { positive: ['贫困生资助没评上', '种粮补贴没发下来'], negative: ['养老金没发', '工资一直没发'] },
  },
  {
    key: 'machinesubsidy', label: '农机补贴',
    phrases: ['农机补贴', '农机购置', '购机补贴'],
    patterns: [[{ any: ['旋耕机', '收割机', '拖拉机', '插秧机', '播种机', '无人机', '烘干机', '农机'] }, { any: ['补贴', '补助'], within: 12 }]],
    examples: { positive: ['农机购置补贴迟迟不到', '去年买的旋耕机，补贴申请了大半年还在审核'], negative: ['种粮补贴没发下来', '茶园每亩补贴三百一分没到', '收割机把路压坏了'] },
  },
  {
    key: 'walkway', label: '栈道护栏',
    phrases: ['栈道', '游步道', '步道', '观景台'],
    patterns: [[{ any: ['护栏', '栏杆', '扶手'] }, { any: ['松', '断', '朽', '坏', '烂', '缺', '晃'], within: 6 }]],
    examples: { positive: ['景区栈道木板松动', '游步道的栏杆朽了'], negative: ['路灯不亮', '景区门票涨价'] },
  },
  {
    key: 'minors', label: '未成年人保护',
    phrases: ['网吧', '未成年人', '未成年', '游戏厅', '卖烟给', '卖酒给'],
    examples: { positive: ['网吧让初中生进去上网', '小卖部卖烟给未成年人'], negative: ['学校食堂饭菜不好'] },
  },
  {
    key: 'closedfacility', label: '设施闲置',
    phrases: ['闲置', '从来不开门', '从来没开过', '不对外开放', '不开放', '闭馆', '常年锁着', '一年到头锁着'],
    patterns: [[{ any: ['文化站', '图书馆', '图书室', '阅览室', '文化中心', '书屋', '活动室', '活动中心', '文化馆', '体育馆', '照料中心', '幸福院', '文化广场'] },
      { any: ['不开门', '锁着', '锁门', '关着', '没开过', '不开放', '闲置', '没人管'], within: 10 }]],
    examples: { positive: ['文化站从来不开门', '农家书屋一年到头锁着门', '日间照料中心建好了从来没开过'], negative: ['卫生室缺药', '路灯不亮'] },
  },
  {
    key: 'wildanimals', label: '野生动物',
    phrases: ['野猪', '野兽', '猴子', '獾子'],
    examples: { positive: ['野猪把玉米拱了', '山上的猴子下来抢东西'], negative: ['流浪狗咬人'] },
  },
  {
    key: 'sandmining', label: '非法采砂',
    phrases: ['采砂', '挖沙', '挖砂', '盗采', '采石', '河沙', '偷挖', '洗沙', '洗砂', '沙场'],
    examples: { positive: ['河道里有人偷偷挖沙', '夜里有人盗采河沙'], negative: ['工地扬尘大'] },
  },
  {
    key: 'illegalfishing', label: '电鱼毒鱼',
    phrases: ['电鱼', '炸鱼', '毒鱼', '电打鱼', '绝户网'],
    examples: { positive: ['有人在河里电鱼', '天天有人拿电瓶打鱼电鱼'], negative: ['河水又黑又臭'] },
  },
  {
    key: 'deadanimals', label: '病死畜禽',
    phrases: ['死猪', '死鸡', '病死', '死羊', '死牛', '死畜', '死禽', '死鸭'],
    patterns: [
      [{ any: ['死了'] }, { any: ['牛', '猪', '羊', '鸡', '鸭', '鹅'], within: 4 }],
      [{ any: ['牛', '猪', '羊', '鸡', '鸭', '鹅'] }, { any: ['死了'], within: 3 }],
    ],
    examples: { positive: ['河里漂着死猪', '有人把病死的鸡扔在沟里', '养牛场死了好几头牛，拉到山沟里一扔'], negative: ['猪场臭味大', '吵死了'] },
  },
  {
    key: 'propertyrights', label: '办证交房',
    phrases: ['房产证', '不动产证', '产权证', '不动产权证', '房本', '办证难', '网签', '延期交房', '烂尾', '交不了房', '迟迟不交房'],
    examples: { positive: ['买房五年了房产证还办不下来', '楼盘烂尾了'], negative: ['楼上漏水', '物业不作为'] },
  },
  {
    key: 'landcompensation', label: '征地拆迁补偿',
    phrases: ['征地', '补偿款', '拆迁', '宅基地', '土地流转', '流转费', '流转给', '承包地', '青苗费', '占地补偿', '租金没给', '地租'],
    examples: { positive: ['征地补偿款还没到位', '宅基地被人占了', '土地流转的钱没给'], negative: ['种粮补贴没发'] },
  },
  {
    key: 'fraud', label: '诈骗集资',
    phrases: ['诈骗', '骗子', '传销', '非法集资', '保健品', '骗钱', '被骗', '虚假宣传', '包治百病', '搞讲座', '发鸡蛋', '送鸡蛋'],
    examples: { positive: ['有人在村里卖保健品骗老人', '非法集资跑路了'], negative: ['工资拖欠'] },
  },
  {
    key: 'gambling', label: '赌博',
    phrases: ['赌博', '聚赌', '赌钱', '赌场', '六合彩', '赌资'],
    examples: { positive: ['村里有人聚众赌博', '棋牌室天天赌钱'], negative: ['广场舞噪音大'] },
  },
  {
    key: 'ads', label: '小广告涂鸦',
    phrases: ['小广告', '牛皮癣', '乱贴', '乱涂', '乱画', '野广告'],
    examples: { positive: ['墙上贴满小广告', '电线杆上乱贴广告'], negative: ['路灯不亮'] },
  },
  {
    key: 'fakeagri', label: '假冒农资',
    phrases: ['假种子', '假化肥', '假农药', '劣质化肥', '劣质种子', '不发芽', '不出苗', '农资', '出苗不到', '菌包', '出耳'],
    patterns: [[{ any: ['种子', '菌包', '化肥', '农药', '种苗', '苗子'] }, { any: ['不发芽', '出苗', '没出', '假的', '不行', '不长'], within: 10 }]],
    examples: { positive: ['买的种子不发芽', '农资店卖假化肥'], negative: ['种粮补贴没发', '野猪把玉米拱了'] },
  },
  {
    key: 'croppests', label: '病虫害',
    phrases: ['病虫害', '虫害', '虫灾', '蝗虫', '松材线虫', '打药'],
    examples: { positive: ['今年玉米虫害严重', '松树得了松材线虫病'], negative: ['买的种子不发芽'] },
  },
  {
    key: 'firesafety', label: '消防安全',
    phrases: ['消防通道', '消防栓', '灭火器', '火灾隐患', '消防设施', '安全出口', '着火', '失火', '起火'],
    examples: { positive: ['消防通道被车堵死了', '楼道里的灭火器都过期了', '昨晚小区起火了'], negative: ['停电了'] },
  },
  {
    key: 'hotwater', label: '热水供应',
    phrases: ['没热水', '热水器', '洗不上澡', '洗澡难', '热水供应', '冷水洗'],
    patterns: [[{ any: ['热水'] }, { any: ['没', '不', '坏', '停'], within: 4 }]],
    examples: { positive: ['宿舍没热水', '热水器坏了一个多月'], negative: ['暖气不热', '停水三天了'] },
  },
  {
    key: 'vaccine', label: '疫苗接种',
    phrases: ['疫苗', '接种', '打针', '预防针'],
    examples: { positive: ['狂犬疫苗打不到', '孩子打预防针要排一上午'], negative: ['降压药买不到'] },
  },
  {
    key: 'registration', label: '挂号看病难',
    phrases: ['挂号难', '挂不上号', '专家号', '抢不到号', '排队挂号', '看病难'],
    examples: { positive: ['专家号一放出来就没了', '县医院挂号难'], negative: ['卫生室缺药'] },
  },
  {
    // The ambulance service itself; a road blocked "even for ambulances" is the road's problem.
    key: 'ambulance', label: '急救',
    phrases: ['急救站', '急救中心', '急救电话'],
    patterns: [[{ any: ['救护车', '急救车', '120'] }, { any: ['来得慢', '太慢', '不来', '没来', '迟迟', '一个多小时', '半天才', '才来', '才到', '坏了'], within: 10 }]],
    examples: { positive: ['打了120一个多小时才来', '救护车来得太慢'], negative: ['公交车太少', '家长把车停在马路中间，救护车都过不去'] },
  },
  {
    key: 'hukou', label: '户籍证件',
    phrases: ['户口', '落户', '身份证', '迁户', '户籍', '居住证'],
    examples: { positive: ['孩子落户办不了', '身份证补办要跑好几趟'], negative: ['房产证办不下来'] },
  },
  {
    key: 'villageaffairs', label: '村务公开',
    phrases: ['村务公开', '账目', '优亲厚友', '吃拿卡要', '村干部', '村委会选举', '财务公开', '不公开'],
    examples: { positive: ['村里的账目从来不公开', '低保评定优亲厚友'], negative: ['村口路灯不亮'] },
  },
  {
    key: 'teachers', label: '教师行为',
    phrases: ['有偿补课', '补课', '体罚', '打骂学生', '乱订资料', '辅导班', '师德', '师资', '缺老师', '代课', '教三个年级', '开不起来'],
    patterns: [[{ any: ['老师', '教师'] }, { any: ['不够', '缺', '太少', '被借调', '借调'], within: 6 }]],
    examples: { positive: ['老师逼学生去他家有偿补课', '班主任体罚学生'], negative: ['学校食堂饭菜不好'] },
  },
  {
    key: 'slaughter', label: '私屠滥宰',
    phrases: ['私屠滥宰', '私宰', '注水肉', '病死猪肉', '私自屠宰', '屠宰'],
    examples: { positive: ['村里有人私自屠宰卖注水肉'], negative: ['菜市场缺斤少两'] },
  },
  {
    key: 'renovation', label: '老旧小区改造',
    phrases: ['老旧小区改造', '小区改造', '家属院改造', '旧改', '外墙保温', '改造工程'],
    patterns: [[{ any: ['改造'], notBefore: ['危房', '改厕', '厕所'] }, { any: ['没完', '半年', '一年', '几个月', '拖', '停工', '进度', '挖'], within: 10 }]],
    examples: { positive: ['老旧小区改造半年了还没完工', '外墙保温层掉下来了', '院子改造挖了半年'], negative: ['楼上漏水', '危房改造补助没批'] },
  },
  {
    key: 'delivery', label: '快递服务',
    phrases: ['快递', '驿站', '取件', '送件', '包裹'],
    examples: { positive: ['快递不送上门只放驿站', '取件要跑到镇上'], negative: ['公交车太少'] },
  },
  {
    key: 'aftersales', label: '商品质量售后',
    phrases: ['翻新机', '假货', '以次充好', '不给保修', '不保修', '售后', '退货', '不给换', '质量问题', '假冒伪劣'],
    examples: { positive: ['新手机用了一礼拜发现是翻新机', '买的电视出了毛病，店里说不给保修'], negative: ['菜价太贵了', '超市卖过期面包'] },
  },
  {
    key: 'fumes', label: '餐饮油烟',
    phrases: ['油烟', '烧烤摊', '烤串', '撸串', '露天烧烤', '烧烤'],
    examples: { positive: ['楼下烧烤摊油烟熏得窗户都是油', '饭店油烟直排'], negative: ['烧秸秆冒烟'] },
  },
  {
    key: 'scrap', label: '废品堆放',
    phrases: ['废品', '破烂', '收废品', '废品站', '废旧'],
    examples: { positive: ['废品收购站把破烂堆到人行道上', '收废品的堆了一院子'], negative: ['垃圾没人拉'] },
  },
  {
    key: 'livestockwaste', label: '养殖污染',
    phrases: ['养殖污染', '粪污', '牛粪', '猪粪', '鸡粪', '羊粪', '粪汤'],
    patterns: [[{ any: ['养殖场', '养殖户', '养猪', '养牛', '养鸡', '养羊', '猪场', '牛场', '鸡场', '羊场', '猪圈', '牛圈'] }, { any: ['粪', '排', '臭', '味', '污', '放'], within: 10 }]],
    examples: { positive: ['养牛场牛粪乱排', '养牛的粪汤子直接往泡子里放', '猪场的味儿太大了'], negative: ['河里漂着死猪', '垃圾桶满了'] },
  },
  {
    key: 'schoolbus', label: '校车接送',
    phrases: ['校车', '接送车', '上学路远', '走山路上学'],
    examples: { positive: ['能不能开通校车', '校车超载'], negative: ['学校门口接孩子的车堵路'] },
  },
  {
    key: 'tvsignal', label: '广播电视信号',
    phrases: ['户户通', '卫星电视', '有线电视', '电视信号', '收不着台', '收不到台', '雪花点', '没台了'],
    examples: { positive: ['户户通卫星电视收不着台了', '有线电视老是没信号'], negative: ['手机没信号'] },
  },
  {
    key: 'familydoctor', label: '家庭医生签约',
    phrases: ['家庭医生', '签约医生', '家医签约'],
    examples: { positive: ['签了家庭医生跟没签一样', '家庭医生签约了就没影了'], negative: ['村卫生室缺药'] },
  },
  {
    key: 'salesarrears', label: '拖欠货款',
    phrases: ['货款', '粮款', '收购款', '卖粮钱', '苞米钱'],
    patterns: [[{ any: ['卖给'] }, { any: ['欠着', '没给钱', '不给钱', '没拿到钱', '欠'], within: 20 }]],
    examples: { positive: ['卖给加工厂的苞米到现在还欠着八万多', '收购站拖着粮款不给'], negative: ['工地拖欠工钱'] },
  },
  {
    key: 'trafficviolation', label: '交通违法',
    phrases: ['逆行', '闯红灯', '酒驾', '无证驾驶', '不戴头盔', '违章掉头', '乱掉头'],
    examples: { positive: ['电动车逆行的太多', '大货车闯红灯'], negative: ['红绿灯坏了'] },
  },
  {
    key: 'afterschool', label: '课后服务',
    phrases: ['课后服务', '课后托管', '延时服务', '晚托'],
    examples: { positive: ['课后服务一学期收八百，说是自愿'], negative: ['学校门口堵车'] },
  },
  {
    key: 'meals', label: '伙食餐食',
    phrases: ['伙食', '餐食', '吃不饱', '克扣'],
    examples: { positive: ['老年公寓伙食标准低，克扣老人餐食'], negative: ['超市卖过期面包'] },
  },
  {
    key: 'taxi', label: '出租车服务',
    phrases: ['拒载', '不打表', '一口价', '绕路', '宰客的出租'],
    examples: { positive: ['出租车拒载，去近的说太近不去', '出租车不打表一口价二十'], negative: ['黑车拉客没人管'] },
  },
  {
    key: 'accesscontrol', label: '小区门禁',
    phrases: ['门禁', '刷卡', '人脸识别门', '门关不上', '道闸'],
    examples: { positive: ['小区大门门禁坏了两个多礼拜', '大门刷卡坏的，门关不上'], negative: ['电梯又坏了'] },
  },
  {
    key: 'heritage', label: '古建筑文物',
    phrases: ['古建筑', '文物', '古镇', '老宅', '祠堂', '古民居', '历史建筑', '雕花', '保护修缮'],
    examples: { positive: ['古镇里清代的老宅屋顶塌了', '关于抢救性保护古建筑的建议'], negative: ['老房子成了危房'] },
  },
  {
    key: 'sharedbikes', label: '共享单车',
    phrases: ['共享单车', '共享电单车', '单车乱停', '美团单车', '哈啰', '青桔'],
    examples: { positive: ['门口共享单车堆成山', '美团哈啰那些单车乱停一大片'], negative: ['电动车推进楼道'] },
  },
  {
    key: 'dike', label: '堤防险情',
    phrases: ['管涌', '大堤', '河堤', '堤坝', '决口', '防汛', '堤脚'],
    patterns: [[{ any: ['堤'] }, { any: ['冒水', '渗', '管涌', '裂', '垮', '冒浑水', '塌'], within: 10 }]],
    examples: { positive: ['堤脚下有几处往外冒水，是管涌', '那段堤在冒浑水'], negative: ['楼上漏水'] },
  },
  {
    key: 'busservice', label: '班次停运',
    phrases: ['减少班次', '班次少', '停运', '取消班次'],
    patterns: [[{ any: ['班车', '公交', '班线', '客车', '路车'] }, { any: ['停了', '停运', '取消', '减少', '太少', '不跑', '没了', '就剩', '才一趟', '一个钟头'], within: 10 }]],
    examples: { positive: ['到县城的班车下午那趟停了', '6路公交车现在四十分钟才一趟'], negative: ['班车停靠点的候车棚叫风刮倒了'] },
  },
  {
    key: 'busstop', label: '候车站台',
    phrases: ['候车棚', '候车亭', '站台', '站牌', '公交站'],
    examples: { positive: ['班车停靠点的候车棚叫风刮倒了', '新建的公交站冇站牌冇顶棚'], negative: ['班车下午那趟停了'] },
  },
];
