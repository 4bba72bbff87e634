/** Varied submission bodies: a counter in the text, a random township (and sometimes one of its villages) of the county. */
export interface Township { id: number; name: string; villages: { id: number; name: string }[] }

const ROADS = ['滨河路', '幸福街', '白云大道', '平安街', '伊河大道', '嵩州公园路', '人民路', '新华街', '建设路', '文化路'];
const PROBLEMS: [string, string][] = [
  ['utilities', '附近的路灯已经坏了半个多月，晚上一片漆黑，老人孩子出门很不安全'],
  ['roads', '路面塌陷了一个大坑，下雨积水看不见，已经有电动车摔倒'],
  ['environment', '的垃圾堆了好几天没人拉，天热臭气熏天，苍蝇很多'],
  ['traffic', '学校门口上下学时段车辆乱停，孩子过马路很危险，建议增加减速带'],
  ['housing', '老旧小区没有电梯，楼里老人多，上下楼很困难，希望能加装电梯'],
  ['environment', '夜市噪音太大，每天闹到凌晨一两点，严重影响休息'],
  ['health', '卫生室常用的慢性病药经常缺货，老人买药要跑到县城'],
  ['utilities', '这几天一直停水，打电话问也没人说清楚什么时候恢复'],
];
const TAILS = ['希望尽快处理。', '请有关部门管一管。', '已经反映过一次了，还没有解决。', '', '谢谢！'];

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** A body maker; `phoneShare` of the bodies carry a phone unique to the run (so the per-phone limit is not what is measured). */
export function bodyMaker(townships: Township[], runTag: string, phoneShare = 0.2) {
  let n = 0;
  const base = 13_000_000_000 + (Math.floor(Math.random() * 9) + 1) * 100_000_000 + (Date.now() % 1_000) * 100_000;
  return () => {
    n++;
    const t = pick(townships);
    const [category, problem] = pick(PROBLEMS);
    const village = t.villages.length && Math.random() < 0.3 ? pick(t.villages) : null;
    const where = village ? village.name : `${pick(ROADS)}${(n % 300) + 1}号`;
    const body: Record<string, unknown> = {
      kind: 'problem', category, townshipId: t.id, channel: 'h5',
      content: `${t.name}${where}${problem}，${pick(TAILS)}（${runTag}-${n}）`,
    };
    if (village) body.villageId = village.id;
    if (Math.random() < phoneShare) {
      body.contactName = '张先生';
      body.contactPhone = String(base + n);
      body.consent = true;
    }
    return JSON.stringify(body);
  };
}
