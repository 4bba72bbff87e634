/** The query sets of the search benchmarks (SQLite: search-scale.ts, PostgreSQL: search-scale-pg.ts). */
import type { ClueListQuery } from '@xs/core/schemas/clues.ts';

export interface Case { name: string; f: Partial<ClueListQuery> }

export const TWO_WORD = ['路灯 不亮', '垃圾 清运', '停车 小区', '噪音 扰民', '路面 积水', '物业 楼道', '停水 做饭', '车辆 乱停', '学校 拥堵', '老人 电梯',
  '小区 化粪池', '垃圾 河道', '停水 发黄', '路灯 井盖', '流浪狗 咬伤', '化粪池 满溢', '戏台 庙会', '高压线 房屋', '燃气 泄漏', '桥梁 护栏',
  '医保 报销', '校车 上学', '人民路 路灯', '王庄村 停水', '阳光小区 物业', '滨河路 噪音', '地铁 延误', '养殖场 粪污', '充电桩 排队', '红绿灯 行人'];

/** (a1) county-wide, (a2) with a township, (a3) with state=open, (b) the triage list without q, page 1 and 500. */
export function searchCaseSets(townshipIds: number[]): { label: string; cases: Case[] }[] {
  const tw = (i: number) => townshipIds[(i * 5) % townshipIds.length]!;
  const t1 = townshipIds[0]!;
  const t9 = townshipIds[9 % townshipIds.length]!;
  const lists: Case[] = [];
  for (const page of [1, 500]) {
    lists.push({ name: `all · p${page}`, f: { page } });
    lists.push({ name: `state=submitted · p${page}`, f: { state: 'submitted', page } });
    lists.push({ name: `state=open · p${page}`, f: { state: 'open', page } });
    lists.push({ name: `state=closed · p${page}`, f: { state: 'closed', page } });
    lists.push({ name: `township ${t1} · p${page}`, f: { townshipId: t1, page } });
    lists.push({ name: `township ${t9} · p${page}`, f: { townshipId: t9, page } });
    lists.push({ name: `open + township ${t1} · p${page}`, f: { state: 'open', townshipId: t1, page } });
    lists.push({ name: `closed + township ${t9} · p${page}`, f: { state: 'closed', townshipId: t9, page } });
    lists.push({ name: `overdue · p${page}`, f: { overdue: '1', page } });
  }
  return [
    { label: '(a1) two-word queries, county-wide, page 1', cases: TWO_WORD.map((q) => ({ name: q, f: { q } })) },
    { label: '(a2) two-word queries + township filter, page 1', cases: TWO_WORD.map((q, i) => ({ name: `${q} · township ${tw(i)}`, f: { q, townshipId: tw(i) } })) },
    { label: '(a3) two-word queries + state=open, page 1', cases: TWO_WORD.map((q) => ({ name: `${q} · open`, f: { q, state: 'open' as const } })) },
    { label: '(b) triage list without q (page 1 and page 500 = offset 9,980)', cases: lists },
  ];
}
