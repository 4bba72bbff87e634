/**
 * Demo proposals. 孟津区: 一届四次会议 with all 167 proposals handled, 「关于在主城区增设停车位的建议」 a key
 * proposal with its leading leader. 伊川县: a term whose sessions handled 685 proposals with 512 suggestions
 * adopted (the dashboard's own definitions give these), and the current session with proposals in every state.
 * 嵩县: a few live cases through the use-cases for the demo accounts (member, staff, unit).
 */
import type { Actor } from '@xs/core/workflow.ts';
import type { ProposalState } from '@xs/core/schemas/proposals.ts';
import type { Db } from '../../db/database.ts';
import { PASSWORD_COST } from '../../config.ts';
import { DEMO_PASSWORD } from '../../demo/luoyang.data.ts';
import { hashPassword } from '../../platform/auth.ts';
import { listCounties, unitsOf } from '../orgs/orgs.read.ts';
import { assignProposal, createDraft, registerProposal, submitProposal } from './proposals.service.ts';
import { writeHistory, type HistoryProposal } from './proposals.history.ts';

const TOPICS = [
  '增设停车位', '改善农村饮水安全', '推进老旧小区改造', '加强中小学校园安全', '发展特色农业产业', '提升基层医疗服务能力', '加快农村公路建设',
  '完善养老服务体系', '保护黄河生态', '促进文旅融合发展', '规范农贸市场管理', '推动乡村振兴人才回流', '加强食品安全监管', '优化营商环境',
  '建设城市公园绿地', '治理农村人居环境', '推进垃圾分类', '完善公共交通线路', '发展职业教育', '加强非遗保护传承', '解决学生课后托管',
  '推进智慧社区建设', '改善城区排水设施', '支持小微企业融资', '扩大就业见习岗位',
];
const PLACES = ['城区', '城关镇', '白沙镇', '东部山区', '沿河乡镇', '产业集聚区', '', ''];

const title = (i: number) => `关于${PLACES[i % PLACES.length]}${TOPICS[i % TOPICS.length]}的建议`;

const MEMBER_NAMES = ['王建华', '李秀英', '张国强', '刘敏', '陈志刚', '杨丽', '赵永福', '黄晓燕', '周文斌', '吴桂兰', '徐海涛', '孙红梅', '马卫东', '朱静', '胡立新', '郭春花'];

/** Members for a county that has none in the base demo (the proposal demo needs proposers). */
async function membersOf(db: Db, tenantId: number, prefix: string): Promise<number[]> {
  const existing = await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).execute();
  if (existing.length >= 8) return existing.map((m) => m.id);
  const sectors = await db.selectFrom('sectors').select('id').where('tenant_id', '=', tenantId).orderBy('sort').execute();
  const now = new Date().toISOString();
  const rows = await db.insertInto('members').values(MEMBER_NAMES.map((name, i) => ({
    tenant_id: tenantId, name, gender: null, phone: null, sector_id: sectors[i % Math.max(1, sectors.length)]?.id ?? null, township_id: null,
    term: prefix, title: null, status: 'active' as const, version: 1, created_at: now,
  }))).returning('id').execute();
  return [...existing.map((m) => m.id), ...rows.map((r) => r.id)];
}

async function termWithSessions(db: Db, tenantId: number, term: { number: number; name: string; startYear: number }, sessions: { number: number; name: string; year: number; opens: string; deadline: string }[]) {
  const now = new Date().toISOString();
  const t = await db.insertInto('proposal_terms').values({ tenant_id: tenantId, number: term.number, name: term.name, start_year: term.startYear, end_year: term.startYear + 4, created_at: now })
    .returning('id').executeTakeFirstOrThrow();
  const out = [];
  for (const s of sessions) {
    const r = await db.insertInto('proposal_sessions').values({ tenant_id: tenantId, term_id: t.id, number: s.number, name: s.name, opens_on: s.opens, deadline_on: s.deadline, created_at: now })
      .returning('id').executeTakeFirstOrThrow();
    out.push({ id: r.id, name: s.name, year: s.year });
  }
  return out;
}

/** `n` proposals in `state`, with `adopted` of the handled ones in classes A–C and the rest in D. */
function batch(n: number, state: ProposalState, offset: number, adopted = n): HistoryProposal[] {
  return Array.from({ length: n }, (_, i) => ({
    title: title(offset + i), state, resultClass: i < adopted ? (['A', 'B', 'C'] as const)[i % 3] : 'D',
  }));
}

async function seedMengjin(db: Db, tenantId: number) {
  const units = (await unitsOf(db, tenantId)).map((u) => u.id);
  const members = await membersOf(db, tenantId, '第一届');
  const sessions = await termWithSessions(db, tenantId, { number: 1, name: '第一届', startYear: 2021 }, [
    { number: 4, name: '一届四次会议', year: 2025, opens: '2025-01-08', deadline: '2025-01-10' },
  ]);
  const proposals: HistoryProposal[] = [
    { title: '关于在主城区增设停车位的建议', state: 'closed', resultClass: 'A', key: { year: 2025, leader: '区委副书记 周明' }, category: '社会建设' },
    ...batch(166, 'closed', 1, 150),
  ];
  await writeHistory(db, { tenantId, session: sessions[0]!, proposals, memberIds: members, unitIds: units });
}

async function seedYichuan(db: Db, tenantId: number) {
  const units = (await unitsOf(db, tenantId)).map((u) => u.id);
  const members = await membersOf(db, tenantId, '第十四届');
  const year = new Date().getFullYear();
  const nextJan = `${year + 1}-01-12`;
  const sessions = await termWithSessions(db, tenantId, { number: 14, name: '第十四届', startYear: year - 4 }, [
    { number: 1, name: '十四届一次会议', year: year - 4, opens: `${year - 4}-01-10`, deadline: `${year - 4}-01-12` },
    { number: 2, name: '十四届二次会议', year: year - 3, opens: `${year - 3}-01-10`, deadline: `${year - 3}-01-12` },
    { number: 3, name: '十四届三次会议', year: year - 2, opens: `${year - 2}-01-10`, deadline: `${year - 2}-01-12` },
    { number: 4, name: '十四届四次会议', year: year - 1, opens: `${year - 1}-01-10`, deadline: `${year - 1}-01-12` },
    { number: 5, name: '十四届五次会议', year, opens: `${year}-01-10`, deadline: nextJan },
  ]);
  // 655 handled in the first four sessions (487 adopted), 30 in the current one (25 adopted): 685 and 512.
  const plan: [number, number][] = [[160, 119], [170, 126], [175, 131], [150, 111]];
  let offset = 0;
  for (const [i, [n, adopted]] of plan.entries()) {
    await writeHistory(db, { tenantId, session: sessions[i]!, proposals: batch(n, 'closed', offset, adopted), memberIds: members, unitIds: units });
    offset += n;
  }
  const current: HistoryProposal[] = [
    { title: '关于加强县城学校周边交通安全的建议', state: 'closed', resultClass: 'A', key: { year, leader: '县委副书记 刘伟' } },
    ...batch(24, 'closed', offset, 24), ...batch(4, 'replied', offset + 24, 0), { title: title(offset + 28), state: 'rehandling', resultClass: 'D' },
    ...batch(2, 'draft', offset + 30), ...batch(2, 'cosigning', offset + 32), ...batch(3, 'submitted', offset + 34), ...batch(2, 'registered', offset + 37),
    ...batch(3, 'not_registered', offset + 39), ...batch(2, 'merged', offset + 42), ...batch(8, 'assigned', offset + 44),
    { title: '关于白沙镇农村饮水工程提质增效的建议', state: 'assigned', key: { year, leader: '副县长 陈静' } },
  ];
  await writeHistory(db, { tenantId, session: sessions[4]!, proposals: current, memberIds: members, unitIds: units });
}

/** A few live cases in 嵩县 through the use-cases: a draft, one under review, one with a unit. */
async function seedSongxian(db: Db, tenantId: number, now: Date) {
  const staffUser = await db.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'songxian.staff').executeTakeFirst();
  const memberUser = await db.selectFrom('users').select(['id', 'display_name', 'member_id']).where('username', '=', 'songxian.member').executeTakeFirst();
  const unitUser = await db.selectFrom('users').select(['unit_id']).where('username', '=', 'songxian.unit').executeTakeFirst();
  if (!staffUser || !memberUser?.member_id || !unitUser?.unit_id) return;
  const y = now.getFullYear();
  const [session] = await termWithSessions(db, tenantId, { number: 11, name: '第十一届', startYear: y - 3 }, [
    { number: 5, name: '十一届五次会议', year: y, opens: `${y}-01-10`, deadline: `${y + 1}-01-12` },
  ]);
  // A second member and a second unit can sign in, so a joint proposal and a co-unit can be shown end to end.
  const coMember = await db.selectFrom('members').select(['id', 'name']).where('tenant_id', '=', tenantId).where('name', '=', '王秀兰').executeTakeFirst();
  const coUnitRow = (await unitsOf(db, tenantId)).find((u) => u.id !== unitUser.unit_id && u.name.includes('住建'));
  const hash = await hashPassword(DEMO_PASSWORD, PASSWORD_COST);
  const stamp = now.toISOString();
  const account = (username: string, display: string, roles: string[], extra: { unit_id?: number; member_id?: number }) => db.insertInto('users').values({
    tenant_id: tenantId, username, display_name: display, phone: null, password_hash: hash, roles: JSON.stringify(roles), unit_id: extra.unit_id ?? null,
    member_id: extra.member_id ?? null, active: 1, failed_logins: 0, locked_until: null, password_changed_at: stamp, last_login_at: null, created_at: stamp, version: 1,
  }).execute();
  if (coMember) await account('songxian.member2', `${coMember.name}（委员）`, ['member'], { member_id: coMember.id });
  if (coUnitRow) await account('songxian.unit2', `${coUnitRow.name}办理员`, ['unit_handler'], { unit_id: coUnitRow.id });
  const others = (await db.selectFrom('members').select('id').where('tenant_id', '=', tenantId).where('id', '!=', memberUser.member_id).orderBy('id').limit(12).execute()).map((m) => m.id);
  await writeHistory(db, { tenantId, session: session!, proposals: batch(12, 'closed', 3, 10), memberIds: others, unitIds: (await unitsOf(db, tenantId)).map((u) => u.id) });
  const member = { tenantId, memberId: memberUser.member_id, actor: { id: memberUser.id, name: memberUser.display_name, roles: ['member'], memberId: memberUser.member_id } satisfies Actor };
  const staff = { tenantId, actor: { id: staffUser.id, name: staffUser.display_name, roles: ['staff'] } satisfies Actor };
  const base = { category: '社会建设', authorKind: 'member' as const, cosignerIds: [], sessionId: session!.id };
  await createDraft(db, member, { ...base, title: '关于完善县城公共充电桩布局的建议', reason: '新能源汽车增长快，县城充电桩少且分布不均。', suggestion: null });
  const review = await createDraft(db, member, { ...base, title: '关于加快农村公路养护的建议', reason: '部分村道路面破损，雨季通行困难。', suggestion: '建立县乡村三级养护机制，落实养护资金。' });
  await submitProposal(db, member, review.id, review.version);
  const handling = await createDraft(db, member, { ...base, title: '关于在主城区增设停车位的建议', reason: '县城主城区停车难，车辆乱停乱放。', suggestion: '利用边角地建设停车场，推行错时共享停车。' });
  const s = await submitProposal(db, member, handling.id, handling.version);
  const r = await registerProposal(db, staff, s.id, s.version);
  await assignProposal(db, staff, r.id, { version: r.version, mode: 'lead', leadUnitId: unitUser.unit_id, coUnitIds: coUnitRow ? [coUnitRow.id] : [], unitIds: [] });
}

export async function seedDemoProposals(db: Db, ctx: { songxianId: number; now: Date }) {
  const counties = await listCounties(db);
  const mengjin = counties.find((c) => c.name.startsWith('孟津'));
  const yichuan = counties.find((c) => c.name.startsWith('伊川'));
  if (mengjin) await seedMengjin(db, mengjin.id);
  if (yichuan) await seedYichuan(db, yichuan.id);
  if (ctx.songxianId) await seedSongxian(db, ctx.songxianId, ctx.now);
}
