/**
 * Text normalisation shared by indexing, querying and similarity: well-formed UTF-16, NFKC (full-width
 * letters, digits and punctuation become half-width; ①②/Ⅲ become digits/letters), lower case, common
 * traditional characters mapped to simplified ones, and Chinese numerals before 号/栋/组… made digits.
 */

/** Pairs traditional → simplified, for the characters county reports use (not a full converter). */
const TRAD_SIMP =
  '燈灯積积澇涝垃垃圾圾車车停停電电氣气樂乐聲声噪噪學学門门藥药衛卫壞坏損损題题鎮镇縣县區区樓楼裡里裏里這这們们沒没無无為为個个來来時时會会說说東东關关後后從从對对發发開开長长麼么見见經经過过還还進进問问員员話话農农業业醫医療疗險险傷伤濟济環环潔洁戶户報报應应處处辦办給给網网線线燒烧熱热壓压廠厂場场園园運运輛辆擋挡塊块漲涨貴贵費费錢钱買买賣卖雞鸡豬猪魚鱼鳥鸟灣湾橋桥禮礼議议論论協协商商黨党政政幹干將将與与專专業业當当證证齊齐燦灿滅灭儘尽盡尽漏漏淹淹溝沟滯滞積积築筑違违舊旧館馆邊边條条塵尘牆墙廣广鄉乡村村莊庄鋪铺灣湾壩坝隊队組组號号歲岁齡龄兒儿孫孙親亲難难點点擾扰爭争勞劳動动檢检驗验濕湿漿浆渦涡構构體体稅税貸贷補补貼贴鬧闹響响鳴鸣聽听麵面飯饭廁厕衝冲鑰钥鎖锁機机槍枪彈弹險险隱隐患患節节約约價价錯错誤误訴诉訟讼決决導导遞递鐵铁軌轨蓋盖燃燃煙烟塔塔紅红綠绿黃黄藍蓝滿满總总統统領领導导級级雙双變变該该幾几囉啰嗎吗呢呢啊啊吧吧歡欢謝谢請请讓让辛辛陽阳陰阴雲云霧雾雜杂亂乱髒脏臭臭蟲虫蒼苍蠅蝇蚊蚊鄰邻居居業业圍围護护攔拦閘闸壇坛韓韩劉刘張张陳陈楊杨趙赵黃黄吳吴鄭郑謝谢馮冯蔣蒋韋韦許许賈贾嚴严鄧邓蕭萧薑姜龍龙鳳凤華华興兴隆隆寶宝貨货證证碼码標标準准優优質质參参觀观攝摄錄录螢萤幣币銀银術术層层陸陆龐庞遠远週周夠够歷历曆历麼么著着';
const TRAD = new Map<string, string>();
for (let i = 0; i + 1 < TRAD_SIMP.length; i += 2) {
  if (TRAD_SIMP[i] !== TRAD_SIMP[i + 1]) TRAD.set(TRAD_SIMP[i], TRAD_SIMP[i + 1]);
}
const TRAD_RE = new RegExp(`[${[...TRAD.keys()].join('')}]`, 'g');

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function cnNumber(s: string): number | null {
  // 一..九十九 only: 十, 十二, 二十, 二十三
  if (/^[零〇一二两三四五六七八九]$/.test(s)) return CN_DIGIT[s];
  const m = /^([一二两三四五六七八九]?)十([一二三四五六七八九]?)$/.exec(s);
  if (!m) return null;
  return (m[1] ? CN_DIGIT[m[1]] : 1) * 10 + (m[2] ? CN_DIGIT[m[2]] : 0);
}

/** Normalised text: the one form every index, query and comparison starts from. */
export function normalizeText(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFKC')
    .toLowerCase()
    .replace(TRAD_RE, (c) => TRAD.get(c) ?? c)
    // A hotline's name as heard (浪沟（音）村, 蓝汐（音）海岸小区): the marker out, so the name is whole again.
    .replace(/\((?:谐)?音\)/g, '')
    // A name in corner quotes (「济雪园」小区, as hotlines write them): the name, whole with what follows it.
    .replace(/「([^「」]{1,12})」/g, '$1')
    // 三号楼 → 3号楼, 十二组 → 12组: house numbers and village groups are written both ways.
    .replace(/([零〇一二两三四五六七八九十]{1,3})(?=(号楼|号院|栋|幢|单元|组|队|排|巷|号))/g, (m) => String(cnNumber(m) ?? m))
    // 冇 (Cantonese, Hunan, Jiangxi) is 没: 冇得水 and 没有水, 冇人管 and 没人管 are one wording.
    .replace(/冇得/g, '没有')
    .replace(/冇/g, '没')
    // Typed by sound: 红路灯 is a traffic light, never a street light.
    .replace(/红路灯/g, '红绿灯')
    // 人名 typed for 人民 before what the people's own is (人名医院, 人名路).
    .replace(/人名(?=(医院|政府|广场|公园|路|大道|大街|银行|法院|检察院))/g, '人民')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The adjacent pairs of Han characters of a text, once each (a space or any other character between two breaks the pair). */
export function hanPairs(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) {
    const [a, b] = [text.charCodeAt(i), text.charCodeAt(i + 1)];
    if (a >= 0x4e00 && a <= 0x9fff && b >= 0x4e00 && b <= 0x9fff) out.add(text.slice(i, i + 2));
  }
  return out;
}
